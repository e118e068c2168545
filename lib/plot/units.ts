/**
 * Readable units for axes: bytes/s → MB/s or GB/s (decimal, as fio and iperf print them),
 * IO/s → IOPS or kIOPS, ns → µs or ms, CPU-seconds per GiB or Gbit → ms below 1 s, chosen from the
 * largest value shown.
 * @module
 */
import type { Unit } from "../model.ts";

export interface DisplayUnit {
  /** Multiply a value in the data's unit by this to get the display unit. */
  factor: number;
  label: string;
}

export function displayUnit(unit: Unit | string, maxValue: number): DisplayUnit {
  const m = Math.abs(maxValue);
  switch (unit) {
    case "B/s":
      return m >= 1e9
        ? { factor: 1e-9, label: "GB/s" }
        : m >= 1e6
        ? { factor: 1e-6, label: "MB/s" }
        : { factor: 1e-3, label: "kB/s" };
    case "IO/s":
      return m >= 1e4 ? { factor: 1e-3, label: "kIOPS" } : { factor: 1, label: "IOPS" };
    case "ns":
      return m >= 1e6
        ? { factor: 1e-6, label: "ms" }
        : m >= 1e3
        ? { factor: 1e-3, label: "µs" }
        : { factor: 1, label: "ns" };
    case "B":
      return m >= 1e9 ? { factor: 1e-9, label: "GB" } : { factor: 1e-6, label: "MB" };
    case "s/GiB":
    case "s/Gbit":
      return m >= 1 ? { factor: 1, label: unit } : { factor: 1e3, label: `m${unit}` };
    default:
      return { factor: 1, label: unit };
  }
}

export const METRIC_LABELS: Record<string, string> = {
  bw: "Bandwidth",
  iops: "IOPS",
  lat: "Latency (submission to completion)",
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
  guest_cpu_per_gbps: "Guest CPU per Gbit/s",
};

export function metricLabel(metric: string, stat?: string): string {
  const base = METRIC_LABELS[metric] ?? metric;
  return stat && stat !== "mean" && stat !== "total" && stat !== "value" ? `${base}, ${stat}` : base;
}

/** "Bandwidth (MB/s)", or just "IOPS" when the unit is the metric's own name. */
export function axisLabel(metric: string, stat: string | undefined, unitLabel: string): string {
  const label = metricLabel(metric, stat);
  return label === unitLabel ? label : `${label} (${unitLabel})`;
}
