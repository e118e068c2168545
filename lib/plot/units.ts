/**
 * Readable units: bytes/s → MB/s or GB/s (decimal, as fio prints them), network throughput in
 * bit/s → Mbit/s or Gbit/s (as iperf prints it), IO/s → IOPS or kIOPS, ns → µs or ms, CPU-seconds per
 * GiB or Gbit → ms below 1 s, guest CPU %/(Gbit/s) → "% per Gbit/s" (a cost, not a throughput).
 *
 * A reader compares numbers across figures and tables, so a notebook or report picks each
 * quantity's unit once, from the largest value of that quantity in its data ({@link planUnits}),
 * and every figure and table of it uses that plan.
 * @module
 */
import type { Unit } from "../model.ts";

export interface DisplayUnit {
  /** Multiply a value in the data's unit by this to get the display unit. */
  factor: number;
  label: string;
}

/** What a number measures, for choosing its display unit: one unit per quantity. */
export type Quantity = "bytes/s" | "bits/s" | "time" | "io/s" | "bytes" | string;

/** Disk bandwidth is bytes/s; network throughput (stored as B/s) is shown in bits/s, as iperf does. */
export function quantityOf(metric: string, unit: Unit | string): Quantity {
  if (unit === "B/s") return metric === "throughput" ? "bits/s" : "bytes/s";
  if (unit === "ns") return "time";
  if (unit === "IO/s") return "io/s";
  if (unit === "B") return "bytes";
  return unit;
}

/**
 * The display unit of a quantity whose largest value (in the data's unit) is `maxValue`: the
 * smallest unit in which that value stays below 10,000 ("1,070 MB/s", "3,450 Mbit/s", "95.2 ms"),
 * so the small values of the same quantity keep their digits ("14 MB/s" rather than "0.014 GB/s").
 */
export function unitOf(quantity: Quantity, maxValue: number): DisplayUnit {
  const m = Math.abs(maxValue);
  const pick = (steps: [number, string][]) => {
    const [factor, label] = steps.find(([f]) => m * f < 10_000) ?? steps[steps.length - 1];
    return { factor, label };
  };
  switch (quantity) {
    case "bytes/s":
      return pick([[1e-3, "kB/s"], [1e-6, "MB/s"], [1e-9, "GB/s"]]);
    case "bits/s": // the data's unit is B/s
      return pick([[8e-3, "kbit/s"], [8e-6, "Mbit/s"], [8e-9, "Gbit/s"]]);
    case "io/s":
      return pick([[1, "IOPS"], [1e-3, "kIOPS"]]);
    case "time":
      return pick([[1, "ns"], [1e-3, "µs"], [1e-6, "ms"], [1e-9, "s"]]);
    case "bytes":
      return pick([[1e-6, "MB"], [1e-9, "GB"]]);
    case "s/GiB":
    case "s/Gbit":
      return m >= 1 ? { factor: 1, label: quantity } : { factor: 1e3, label: `m${quantity}` };
    case "%/(Gbit/s)": // a cost, not a rate: its "Gbit/s" is no throughput to show in the plan's unit
      return { factor: 1, label: "% per Gbit/s" };
    default:
      return { factor: 1, label: quantity };
  }
}

/** The display unit for values of `unit` up to `maxValue` (disk-style: B/s stays bytes). */
export function displayUnit(unit: Unit | string, maxValue: number): DisplayUnit {
  return unitOf(quantityOf("", unit), maxValue);
}

/**
 * Metrics a reader sees as another metric: I/Os per host CPU-second as its reciprocal, host CPU time per
 * I/O (ns), so every cost reads "lower is cheaper".
 */
export const SHOWN_AS: Record<string, { metric: string; unit: Unit; f: (v: number) => number }> = {
  ios_per_host_cpu_s: { metric: "host_cpu_per_io", unit: "ns", f: (v) => 1e9 / v },
};

/** Quantity → display unit, chosen once for a notebook or report. */
export type UnitPlan = Record<Quantity, DisplayUnit>;

/** The stats whose magnitude a reader sees in figures and tables (not min/max/stddev extremes). */
const SHOWN_STAT = /^(mean|value|total|p\d+(\.\d+)?)$/;

/** One unit per quantity, each chosen from the largest value of that quantity in `rows`. */
export function planUnits(
  rows: Iterable<{ metric: string; unit: string; stat?: string; value: number }>,
): UnitPlan {
  const max = new Map<Quantity, number>();
  const note = (metric: string, unit: string, value: number) => {
    if (!Number.isFinite(value)) return;
    const q = quantityOf(metric, unit);
    max.set(q, Math.max(max.get(q) ?? 0, Math.abs(value)));
  };
  const add = (r: { metric: string; unit: string; stat?: string; value: number }) => {
    if (r.stat !== undefined && !SHOWN_STAT.test(r.stat)) return;
    note(r.metric, r.unit, r.value);
    const shown = SHOWN_AS[r.metric];
    if (shown) note(shown.metric, shown.unit, shown.f(r.value));
  };
  // An array by index: `for … of` over every record allocated its iterator results (66 MB a report at 100×).
  if (Array.isArray(rows)) { for (let i = 0; i < rows.length; i++) add(rows[i]); }
  else for (const r of rows) add(r);
  const plan: UnitPlan = {};
  for (const [q, m] of max) plan[q] = unitOf(q, m);
  return plan;
}

/** The plan's unit for a metric, or one chosen from `maxValue` when the plan has none. */
export function unitFor(
  plan: UnitPlan | undefined,
  metric: string,
  unit: Unit | string,
  maxValue: number,
): DisplayUnit {
  const q = quantityOf(metric, unit);
  return plan?.[q] ?? unitOf(q, maxValue);
}

/** "1,234 MB/s", "0.213 ms": three significant digits (whole numbers from 1,000 up), in the given unit. */
export function formatIn(value: number, u: DisplayUnit): string {
  const v = value * u.factor;
  const text = Math.abs(v) >= 1000
    ? Math.round(v).toLocaleString("en-US")
    : Number(v.toPrecision(3)).toLocaleString("en-US", { maximumFractionDigits: 9 });
  return `${text} ${u.label}`;
}

export const METRIC_LABELS: Record<string, string> = {
  bw: "Bandwidth",
  iops: "IOPS",
  lat: "Total latency",
  clat: "Completion latency",
  slat: "Submission latency",
  throughput: "Throughput",
  jitter: "Jitter",
  loss: "Datagram loss",
  retransmits: "TCP retransmits",
  rtt: "Round-trip time",
  usr_cpu: "Guest CPU, user",
  sys_cpu: "Guest CPU, system",
  host_cpu: "Host CPU time",
  host_cpu_per_gib: "Host CPU time per GiB moved",
  ios_per_host_cpu_s: "I/Os per host CPU-second",
  host_cpu_per_gbit: "Host CPU time per Gbit delivered",
  host_cpu_per_rtt: "Host CPU time per round trip",
  host_cpu_per_io: "Host CPU time per I/O",
  guest_cpu_per_gbps: "Guest CPU use",
};

export function metricLabel(metric: string, stat?: string): string {
  const base = METRIC_LABELS[metric] ?? metric;
  return stat && stat !== "mean" && stat !== "total" && stat !== "value" ? `${base}, ${stat}` : base;
}

/** "Bandwidth (MB/s)", "Total latency (ms, log scale)", or just "IOPS" when the unit is the metric's own name. */
export function axisLabel(metric: string, stat: string | undefined, unitLabel: string, log = false): string {
  const label = metricLabel(metric, stat);
  const inside = [label === unitLabel ? "" : unitLabel, log ? "log scale" : ""].filter(Boolean).join(", ");
  return inside ? `${label} (${inside})` : label;
}
