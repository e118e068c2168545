/**
 * Efficiency: what each byte, I/O or gigabit cost in CPU, one derived row per run, so these metrics
 * are compared like any other (one value per repetition, the same verdict rule).
 *
 * A run is one set of factors (including `rep` and `workload`). Its host CPU time is the sum of
 * the `host_cpu` rows of the harness's host records for that run (usually one: the QEMU process);
 * the work done comes from the tool output of the same run:
 *
 * | metric | unit | formula | tools |
 * | --- | --- | --- | --- |
 * | `host_cpu_per_gib` | s/GiB | host CPU s ÷ (bytes moved / 2³⁰) | fio |
 * | `ios_per_host_cpu_s` | IO/CPU-s | I/Os completed ÷ host CPU s (higher is better) | fio (JSON) |
 * | `host_cpu_per_gbit` | s/Gbit | host CPU s ÷ (bytes delivered × 8 / 10⁹) | iperf3, iperf 2 |
 * | `guest_cpu_per_gbps` | %/(Gbit/s) | guest CPU % ÷ throughput in Gbit/s | fio, iperf3 |
 *
 * Guest CPU is what the benchmark saw inside the guest: fio's `usr_cpu + sys_cpu` summed over its
 * jobs, iperf3's `cpu_host_total` (iperf3's "host" is its client, which runs in the guest). fio
 * moves bytes in every direction (read + write + trim); iperf counts what the receiver got. Each
 * derived row lists in `inputs` every number it was computed from.
 * @module
 */
import type { Measurement, Origin, Tool, Unit } from "../model.ts";
import type { CostPoint } from "../plot/cost_scatter.ts";
import type { MetricSelector } from "../stats/compare.ts";

/** The efficiency metrics as compare() selectors: the "cost" family. */
export const COST_METRICS: MetricSelector[] = [
  { metric: "host_cpu_per_gib", stat: "value" },
  { metric: "ios_per_host_cpu_s", stat: "value" },
  { metric: "host_cpu_per_gbit", stat: "value" },
  { metric: "guest_cpu_per_gbps", stat: "value" },
];

/** Round-trip selectors (sockperf) to compare beside them. */
export const ROUND_TRIP_METRICS: MetricSelector[] = [
  { metric: "rtt", stat: "mean", tool: "sockperf" },
  { metric: "rtt", stat: "p50", tool: "sockperf" },
  { metric: "rtt", stat: "p99", tool: "sockperf" },
  { metric: "rtt", stat: "p99.9", tool: "sockperf" },
];

const GIB = 2 ** 30;
const WORK_TOOLS: Tool[] = ["fio", "iperf3", "iperf2"];
const DATA_DIRECTIONS = new Set(["read", "write", "trim"]);

/** The identity of a run: every factor, sorted (rep and workload included). */
export function runKey(factors: Record<string, string>): string {
  return JSON.stringify(Object.entries(factors).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface EfficiencyResult {
  rows: Measurement[];
  /**
   * In words: host records with no tool output to relate to, runs whose denominator is zero; `tool`
   * is the run's tool when there is one.
   */
  warnings: { tool?: Tool; message: string }[];
}

export function efficiencyRows(rows: Measurement[]): EfficiencyResult {
  const host = new Map<string, Measurement[]>();
  for (const r of rows) {
    if (r.tool === "host" && r.metric === "host_cpu") push(host, runKey(r.factors), r);
  }
  const outputs = new Map<string, Measurement[]>();
  for (const r of rows) {
    if (WORK_TOOLS.includes(r.tool) && r.format !== "fio-log") {
      push(outputs, JSON.stringify([runKey(r.factors), r.source]), r);
    }
  }
  const out: Measurement[] = [];
  const warnings: EfficiencyResult["warnings"] = [];
  const joined = new Set<string>();
  for (const [key, output] of outputs) {
    const run = JSON.parse(key)[0] as string;
    const hostRows = host.get(run) ?? [];
    if (hostRows.length) joined.add(run);
    const derived = output[0].tool === "fio" ? disk(output, hostRows) : network(output, hostRows);
    for (const d of derived) {
      if (d.value === null) {
        warnings.push({
          tool: output[0].tool,
          message: `${output[0].source}: ${d.why}; no ${d.metric} for this run`,
        });
      } else out.push(d.value);
    }
  }
  for (const [run, hostRows] of host) {
    if (!joined.has(run)) {
      warnings.push({
        message:
          `${hostRows[0].source}: no fio or iperf output of the same run (${describeRun(hostRows[0])}) ` +
          `to relate its host CPU time to`,
      });
    }
  }
  return { rows: out, warnings };
}

type Derived = { metric: string; value: Measurement | null; why?: string };

/** One efficiency: `f(Σ num, Σ den)`, computed when both sides have rows. */
interface Spec {
  metric: string;
  unit: Unit;
  formula: string;
  num: Measurement[];
  den: Measurement[];
  f: (num: number, den: number) => number;
}

const perGbps = (percent: number, bytesPerSecond: number) => percent / (bytesPerSecond * 8 / 1e9);

function disk(output: Measurement[], host: Measurement[]): Derived[] {
  const data = (metric: string, stat: string) =>
    output.filter((r) => r.metric === metric && r.stat === stat && DATA_DIRECTIONS.has(r.direction));
  const guest = output.filter((r) => r.metric === "usr_cpu" || r.metric === "sys_cpu");
  return derive(output, [
    {
      metric: "host_cpu_per_gib",
      unit: "s/GiB",
      formula: "host CPU s ÷ GiB moved",
      num: host,
      den: data("bytes", "total"),
      f: (cpu, bytes) => cpu / (bytes / GIB),
    },
    {
      metric: "ios_per_host_cpu_s",
      unit: "IO/CPU-s",
      formula: "I/Os ÷ host CPU s",
      num: data("total_ios", "total"),
      den: host,
      f: (ios, cpu) => ios / cpu,
    },
    {
      metric: "guest_cpu_per_gbps",
      unit: "%/(Gbit/s)",
      formula: "fio usr_cpu + sys_cpu ÷ Gbit/s",
      num: guest,
      den: data("bw", "mean"),
      f: perGbps,
    },
  ]);
}

function network(output: Measurement[], host: Measurement[]): Derived[] {
  // What the receiver got, where the tool reports it (iperf3); iperf 2's client reports only what it sent.
  const dir = output.some((r) => r.direction === "receive") ? "receive" : "send";
  const moved = (metric: string, stat: string) =>
    output.filter((r) => r.metric === metric && r.stat === stat && r.direction === dir);
  return derive(output, [
    {
      metric: "host_cpu_per_gbit",
      unit: "s/Gbit",
      formula: "host CPU s ÷ Gbit delivered",
      num: host,
      den: moved("bytes", "total"),
      f: (cpu, bytes) => cpu / (bytes * 8 / 1e9),
    },
    {
      metric: "guest_cpu_per_gbps",
      unit: "%/(Gbit/s)",
      formula: "iperf3 cpu_host_total ÷ Gbit/s",
      num: output.filter((r) => r.metric === "cpu_host_total"),
      den: moved("throughput", "mean"),
      f: perGbps,
    },
  ]);
}

/** The derived rows of one tool output, traced to every input; null (and why) where a denominator is 0. */
function derive(output: Measurement[], specs: Spec[]): Derived[] {
  const first = output[0];
  const jobs = [...new Set(output.filter((r) => r.direction !== "mixed").map((r) => r.job))];
  return specs.filter((s) => s.num.length && s.den.length).map((s) => {
    const a = sum(s.num), b = sum(s.den);
    if (b === 0) return { metric: s.metric, value: null, why: `its ${s.den[0].metric} is 0` };
    return {
      metric: s.metric,
      value: {
        source: first.source,
        location: s.formula,
        factors: first.factors,
        tool: first.tool,
        toolVersion: first.toolVersion,
        format: "derived",
        job: jobs.length === 1 ? jobs[0] : jobs.length ? "all jobs" : first.job,
        direction: "mixed",
        metric: s.metric,
        stat: "value",
        value: s.f(a, b),
        unit: s.unit,
        inputs: [...s.num, ...s.den].map((r): Origin => ({ source: r.source, location: r.location })),
      },
    };
  });
}

/**
 * Every run with a `metric` row (an efficiency), paired with the throughput of the same tool output:
 * fio's bandwidth over all directions, iperf's delivered throughput.
 */
export function costPoints(rows: Measurement[], metric: string, by: string): CostPoint[] {
  const receiving = new Set(rows.filter((r) => r.direction === "receive").map((r) => r.source));
  const counts = (r: Measurement) =>
    r.tool === "fio"
      ? DATA_DIRECTIONS.has(r.direction)
      : r.direction === (receiving.has(r.source) ? "receive" : "send");
  const rate = new Map<string, number>();
  for (const r of rows) {
    if (
      (r.metric === "bw" || r.metric === "throughput") && r.stat === "mean" && r.format !== "fio-log" &&
      counts(r)
    ) {
      rate.set(r.source, (rate.get(r.source) ?? 0) + r.value);
    }
  }
  return rows.filter((r) =>
    r.metric === metric && r.format === "derived" && rate.has(r.source) && r.factors[by]
  )
    .map((r) => ({
      group: r.factors[by],
      workload: r.factors.workload ?? "",
      rep: r.factors.rep ?? "",
      cost: r.value,
      throughput: rate.get(r.source)!,
    }));
}

function sum(rows: Measurement[]): number {
  return rows.reduce((s, r) => s + r.value, 0);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function describeRun(r: Measurement): string {
  return Object.entries(r.factors).sort().map(([k, v]) => `${k}=${v}`).join(" ");
}
