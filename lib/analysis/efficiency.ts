/**
 * Efficiency: what each byte, I/O, gigabit or round trip cost in CPU, one derived row per run, so
 * these metrics are compared like any other (one value per repetition, the same verdict rule).
 *
 * A run is one set of factors (including `rep` and `workload`). Its host record (the harness's
 * `<workload>.hostcpu.json`: the QEMU process's CPU time over a window around the tool's run) gives
 * the host CPU rate, CPU-seconds per second = (user + system) / wall. The window is a little longer
 * than what the tool measured (fio's ramp, iperf's connection set-up, sockperf's warm-up), so the
 * rate is related to the tool's own rates, never to its totals:
 *
 * | metric | unit | formula | tools |
 * | --- | --- | --- | --- |
 * | `host_cpu_per_gib` | s/GiB | host CPU rate ÷ (bandwidth / 2³⁰) | fio |
 * | `ios_per_host_cpu_s` | IO/CPU-s | IOPS ÷ host CPU rate (higher is better) | fio |
 * | `host_cpu_per_gbit` | s/Gbit | host CPU rate ÷ (throughput × 8 / 10⁹) | iperf3, iperf 2 |
 * | `host_cpu_per_rtt` | ns | host CPU rate ÷ (round trips / s) | sockperf |
 * | `guest_cpu_per_gbps` | %/(Gbit/s) | guest CPU % ÷ throughput in Gbit/s | fio, iperf3 |
 *
 * fio's bandwidth and IOPS are summed over its jobs and directions (read + write + trim); iperf's
 * throughput is what the receiver got (iperf 2's client reports only what it sent); sockperf's rate
 * is its valid round trips over its valid run time. Guest CPU is what the benchmark saw inside the
 * guest: fio's `usr_cpu + sys_cpu` of each job (each job of a multi-job file is its own workload), iperf3's `cpu_host_total` (iperf3's "host"
 * is its client, which runs in the guest). Each derived row lists in `inputs` every number it was
 * computed from.
 * @module
 */
import { basename, dirname } from "node:path";
import { stemOf } from "../ingest/names.ts";
import {
  DISK_TOOLS,
  type Measurement,
  NETWORK_TOOLS,
  type Origin,
  type Rows,
  type Tool,
  type Unit,
} from "../model.ts";
import type { CostPoint } from "../plot/cost_scatter.ts";
import type { MetricSelector } from "../stats/compare.ts";

/** The efficiency metrics as compare() selectors: the "cost" family. */
export const COST_METRICS: MetricSelector[] = [
  { metric: "host_cpu_per_gib", stat: "value" },
  { metric: "ios_per_host_cpu_s", stat: "value" },
  { metric: "host_cpu_per_gbit", stat: "value" },
  { metric: "host_cpu_per_rtt", stat: "value" },
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
const WORK_TOOLS: Tool[] = [...DISK_TOOLS, ...NETWORK_TOOLS];
const DATA_DIRECTIONS = new Set(["read", "write", "trim"]);

/**
 * Which run a row belongs to, as the harness lays runs out: the tool's output `<folder>/<workload>.<ext>` and its
 * host record `<folder>/<workload>.hostcpu.json` (whose `workload` field names the output's stem). Factors cannot
 * join them: the tool's output carries its own content factors (rw, bs, …) that the host record does not.
 */
export function runKey(r: Pick<Measurement, "tool" | "source" | "factors">): string {
  const name = r.tool === "host" ? r.factors.workload ?? "" : stemOf(basename(r.source));
  return `${dirname(r.source)}/${name}`;
}

/** {@link runKey} for many records, the path work done once per file (a file's records share their source). */
export function runKeys(): (r: Pick<Measurement, "tool" | "source" | "factors">) => string {
  const known = new Map<string, string>();
  return (r) => {
    const id = r.tool === "host" ? `${r.source}\0${r.factors.workload ?? ""}` : r.source;
    let key = known.get(id);
    if (key === undefined) known.set(id, key = runKey(r));
    return key;
  };
}

export interface EfficiencyResult {
  rows: Measurement[];
  /**
   * In words: host records with no tool output to relate to, runs whose denominator is zero; `tool`
   * is the run's tool when there is one.
   */
  warnings: { tool?: Tool; message: string }[];
}

export function efficiencyRows(rows: Rows): EfficiencyResult {
  const runKey = runKeys();
  const host = new Map<string, Measurement[]>();
  // forEach, not `for … of`: iteration allocated its iterator results (29 MB at 20× the shipped data).
  rows.forEach((r) => {
    if (r.tool === "host" && (r.metric === "host_cpu" || r.metric === "host_wall")) {
      push(host, runKey(r), r);
    }
  });
  const outputs = new Map<string, Measurement[]>();
  // A tool output's run key is its file's (runKeys): the group's key is spelled once per file, not per record.
  const outputKeys = new Map<string, string>();
  rows.forEach((r) => {
    if (WORK_TOOLS.includes(r.tool) && r.format !== "fio-log") {
      let key = outputKeys.get(r.source);
      if (key === undefined) outputKeys.set(r.source, key = JSON.stringify([runKey(r), r.source]));
      push(outputs, key, r);
    }
  });
  const out: Measurement[] = [];
  const warnings: EfficiencyResult["warnings"] = [];
  const joined = new Set<string>();
  for (const [key, output] of outputs) {
    const run = JSON.parse(key)[0] as string;
    let hostRows = host.get(run) ?? [];
    if (hostRows.length) joined.add(run);
    const records = new Set(hostRows.map((r) => r.source));
    if (records.size > 1) {
      warnings.push({
        tool: output[0].tool,
        message:
          `${output[0].source}: ${records.size} host CPU records for one run (${[...records].join(", ")}); ` +
          `their windows cannot be told apart, so no host CPU cost for this run`,
      });
      hostRows = [];
    }
    let cpu = hostRows.filter((r) => r.metric === "host_cpu");
    let wall = hostRows.filter((r) => r.metric === "host_wall");
    // Each job of a multi-job fio file is its own workload (its own options, its own usr_cpu/sys_cpu), but the
    // host record covers the whole file: its cost cannot be split between the jobs.
    const jobs = output[0].tool === "fio" ? byJob(output) : [output];
    if (jobs.length > 1 && cpu.length) {
      warnings.push({
        tool: output[0].tool,
        message:
          `${cpu[0].source}: one host CPU record for the ${jobs.length} jobs of ${output[0].source}; ` +
          `it cannot be split between them, so no host CPU cost for these jobs`,
      });
      [cpu, wall] = [[], []];
    }
    for (const job of jobs) {
      for (const spec of specs(job, cpu, wall).filter((sp) => sp.parts.every((p) => p.length > 0))) {
        const d = derive(job, spec);
        if ("why" in d) warnings.push({ tool: job[0].tool, message: `${job[0].source}: ${d.why}` });
        else out.push(d);
      }
    }
  }
  for (const [run, hostRows] of host) {
    if (!joined.has(run)) {
      warnings.push({
        message: `${hostRows[0].source}: no fio, iperf or sockperf output of the same run ` +
          `(${describeRun(hostRows[0])}) to relate its host CPU time to`,
      });
    }
  }
  return { rows: out, warnings };
}

/** A fio output's rows per job, in the order the jobs first appear. */
function byJob(output: Measurement[]): Measurement[][] {
  const jobs = new Map<string, Measurement[]>();
  for (const r of output) push(jobs, r.job, r);
  return [...jobs.values()];
}

/**
 * One efficiency: `f(Σ parts[0], Σ parts[1], …)`, computed when every part has rows; `over` are the
 * indices of the parts it divides by (a 0 there is a warning, not an Infinity).
 */
interface Spec {
  metric: string;
  unit: Unit;
  formula: string;
  parts: Measurement[][];
  over: number[];
  f: (sums: number[]) => number;
}

const perGbps = (percent: number, bytesPerSecond: number) => percent / (bytesPerSecond * 8 / 1e9);

function specs(output: Measurement[], cpu: Measurement[], wall: Measurement[]): Spec[] {
  const tool = output[0].tool;
  const rows = (metric: string, stat: string, directions: (d: string) => boolean) =>
    output.filter((r) => r.metric === metric && r.stat === stat && directions(r.direction));
  if (tool === "fio") {
    const data = (d: string) => DATA_DIRECTIONS.has(d);
    const bw = rows("bw", "mean", data);
    return [
      {
        metric: "host_cpu_per_gib",
        unit: "s/GiB",
        formula: "(host CPU s ÷ wall s) ÷ (bandwidth GiB/s)",
        parts: [cpu, wall, bw],
        over: [1, 2],
        f: ([c, w, b]) => (c / w) / (b / GIB),
      },
      {
        metric: "ios_per_host_cpu_s",
        unit: "IO/CPU-s",
        formula: "IOPS ÷ (host CPU s ÷ wall s)",
        parts: [rows("iops", "mean", data), cpu, wall],
        over: [1],
        f: ([iops, c, w]) => iops / (c / w),
      },
      {
        metric: "guest_cpu_per_gbps",
        unit: "%/(Gbit/s)",
        formula: "fio usr_cpu + sys_cpu ÷ bandwidth Gbit/s",
        parts: [rows("usr_cpu", "mean", () => true).concat(rows("sys_cpu", "mean", () => true)), bw],
        over: [1],
        f: ([percent, bytesPerSecond]) => perGbps(percent, bytesPerSecond),
      },
    ];
  }
  if (tool === "sockperf") {
    const all = () => true;
    return [{
      metric: "host_cpu_per_rtt",
      unit: "ns",
      formula: "(host CPU s ÷ wall s) ÷ (round trips ÷ sockperf's valid run time)",
      parts: [cpu, wall, rows("messages", "total", all), rows("runtime", "value", all)],
      over: [1, 2],
      f: ([c, w, n, t]) => (c / w) / (n / t) * 1e9,
    }];
  }
  // iperf: what the receiver got, where the tool reports it (iperf3); iperf 2's client reports only what it sent.
  const dir = output.some((r) => r.direction === "receive") ? "receive" : "send";
  const rate = rows("throughput", "mean", (d) => d === dir);
  return [
    {
      metric: "host_cpu_per_gbit",
      unit: "s/Gbit",
      formula: "(host CPU s ÷ wall s) ÷ (throughput Gbit/s)",
      parts: [cpu, wall, rate],
      over: [1, 2],
      f: ([c, w, r]) => (c / w) / (r * 8 / 1e9),
    },
    {
      metric: "guest_cpu_per_gbps",
      unit: "%/(Gbit/s)",
      formula: "iperf3 cpu_host_total ÷ throughput Gbit/s",
      parts: [rows("cpu_host_total", "mean", () => true), rate],
      over: [1],
      f: ([percent, bytesPerSecond]) => perGbps(percent, bytesPerSecond),
    },
  ];
}

/** The derived row of one spec for one tool output, traced to every input; or why there is none. */
function derive(output: Measurement[], s: Spec): Measurement | { why: string } {
  const sums = s.parts.map(sum);
  const zero = s.over.find((i) => sums[i] === 0);
  if (zero !== undefined) return { why: `its ${s.parts[zero][0].metric} is 0; no ${s.metric} for this run` };
  const first = output[0];
  const jobs = [...new Set(output.filter((r) => r.direction !== "mixed").map((r) => r.job))];
  return {
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
    value: s.f(sums),
    unit: s.unit,
    inputs: s.parts.flat().map((r): Origin => ({ source: r.source, location: r.location })),
    info: undefined, // the pairing's slot (model.ts RecordBase.info)
  };
}

/**
 * Every run with a `metric` row (an efficiency), paired with the throughput of the same tool output:
 * fio's bandwidth over all directions, iperf's delivered throughput.
 */
export function costPoints(rows: Rows, metric: string, by: string): CostPoint[] {
  const receiving = new Set(rows.filter((r) => r.direction === "receive").map((r) => r.source));
  const counts = (r: Measurement) =>
    r.tool === "fio"
      ? DATA_DIRECTIONS.has(r.direction)
      : r.direction === (receiving.has(r.source) ? "receive" : "send");
  const rate = new Map<string, number>();
  // forEach, not `for … of`: iteration allocated its iterator results (67 MB a report at 100×).
  rows.forEach((r) => {
    if (
      (r.metric === "bw" || r.metric === "throughput") && r.stat === "mean" && r.format !== "fio-log" &&
      counts(r)
    ) {
      rate.set(r.source, (rate.get(r.source) ?? 0) + r.value);
    }
  });
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
