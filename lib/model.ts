/**
 * The tidy data model every stage of the pipeline shares:
 * `lib/ingest/` produces it, `lib/stats/` consumes it, `lib/plot/` draws it, `lib/export/` writes it.
 *
 * One {@link Measurement} is one number a tool reported for one run: long ("tidy") form, so a whole
 * tree of runs is one table that groups by any factor. Factors (driver, os, workload, rep, …) come
 * from the files' own content (fio's job options, iperf3's test settings), from `key=value` path segments
 * like Hive/Arrow partitions, from repetition marks in names (`run3`), a layout template, or a manifest.
 * @module
 */

/** Factor name → value, e.g. `{ os: "linux", driver: "virtio-blk", rep: "1", workload: "randread-4k-qd32" }`. */
export type Factors = Record<string, string>;

/**
 * Who measured. `host` is the harness's per-run record of the QEMU process's host CPU time
 * (`<workload>.hostcpu.json`).
 */
export type Tool = "fio" | "iperf3" | "iperf2" | "host" | "sockperf";

/** The disk tools and the network tools: each is analysed on its own (its own compared factor and families). */
export const DISK_TOOLS: Tool[] = ["fio"];
export const NETWORK_TOOLS: Tool[] = ["iperf3", "iperf2", "sockperf"];
/** Disk, then network: how the report, the store and before/after split one data folder. */
export const TOOL_FAMILIES: Tool[][] = [DISK_TOOLS, NETWORK_TOOLS];

/**
 * How a file was recognised (by content, never by extension). `derived` marks rows computed from
 * other rows (the efficiency metrics of lib/analysis/efficiency.ts): their `inputs` name the files.
 */
export type Format =
  | "fio-json"
  | "fio-terse"
  | "fio-normal"
  | "fio-log"
  | "iperf3-json"
  | "iperf3-text"
  | "iperf2-csv"
  | "iperf2-text"
  | "host-cpu"
  | "sockperf-summary"
  | "sockperf-log"
  | "derived";

/**
 * Which way the data moved. fio: read/write/trim/sync. iperf: "send" = measured at the sender,
 * "receive" = delivered at the receiver; `reverse` runs (`-R`) are marked by the job
 * ("tcp-reverse"), not by flipping direction. "mixed": a number with no direction of its own —
 * fio without a split, CPU time of a whole run, an efficiency over all directions. "roundtrip":
 * request out and reply back (sockperf ping-pong).
 */
export type Direction = "read" | "write" | "trim" | "sync" | "mixed" | "send" | "receive" | "roundtrip";

/**
 * Normalised units. Rates are per second; latencies are always nanoseconds, whatever the
 * tool version wrote (fio 2.x µs, fio 3.x ns, terse µs, iperf ms, sockperf µs).
 * Efficiency units: `s/GiB` host CPU-seconds per GiB moved, `IO/CPU-s` I/Os per host
 * CPU-second, `s/Gbit` host CPU-seconds per gigabit delivered, `%/(Gbit/s)` guest CPU percent
 * per Gbit/s of throughput.
 */
export type Unit =
  | "B/s"
  | "IO/s"
  | "ns"
  | "B"
  | "count"
  | "%"
  | "s"
  | "s/GiB"
  | "IO/CPU-s"
  | "s/Gbit"
  | "%/(Gbit/s)";

/**
 * Metric names. `bw` (B/s), `iops` (IO/s), `lat`/`clat`/`slat` (ns), `throughput` (B/s, iperf),
 * `retransmits`, `jitter` (ns), `lost`, `packets`, `loss` (%), `bytes` (B), `runtime` (s),
 * `total_ios` (count). Others may appear; the unit always says what they are.
 *
 * CPU, per run (direction "mixed"):
 * - fio, per job: `usr_cpu`, `sys_cpu` (%, of one CPU over the job's runtime, stat "mean"),
 *   `ctx` (context switches), `majf`, `minf` (major/minor page faults) (count, stat "total");
 * - iperf3 `end.cpu_utilization_percent`: `cpu_host_total`, `cpu_host_user`, `cpu_host_system`,
 *   `cpu_remote_total`, `cpu_remote_user`, `cpu_remote_system` (%, stat "mean"). In iperf3's
 *   words "host" is the client (in the harness: the guest) and "remote" the server;
 * - host (the QEMU process, from `<workload>.hostcpu.json`, job = process name):
 *   `host_cpu_user`, `host_cpu_system`, `host_cpu` = user + system (s, stat "total"),
 *   `host_wall` (s, stat "value").
 *
 * Round trips (sockperf ping-pong, job "udp"/"tcp", direction "roundtrip"): `rtt` (ns; stats
 * "mean", "stddev", "min", "max" and the percentiles sockperf prints, p25 … p99.999) — always the
 * full round trip, also when sockperf printed half of it; `messages` (valid observations),
 * `dropped`, `duplicated`, `out_of_order` (count, stat "total").
 *
 * Efficiency, derived per run (lib/analysis/efficiency.ts, stat "value", direction "mixed"):
 * `host_cpu_per_gib` (s/GiB), `ios_per_host_cpu_s` (IO/CPU-s, higher is better),
 * `host_cpu_per_gbit` (s/Gbit), `host_cpu_per_rtt` (ns of host CPU per sockperf round trip),
 * `guest_cpu_per_gbps` (%/(Gbit/s)). Costs: lower is better.
 */
export type Metric = string;

/**
 * Statistic of a metric as the tool reported it: "mean", "min", "max", "stddev", "total",
 * "value" (a plain number), or a percentile "p50", "p99", "p99.9", "p99.99" (numeric suffix).
 */
export type Stat = string;

/** Where a number came from, to the line or JSON path: every number can be traced back. */
export interface Origin {
  /**
   * Path of the raw file, as given to the loader (relative to the loaded root when loading a folder); for one of
   * several runs appended to one file, the file and the run's place in it, `e1000.json#2` (lib/ingest/appended.ts).
   * A source names one run, or one file of a run's records.
   */
  source: string;
  /** 1-based line for line-oriented formats, or a JSON path such as `$.jobs[0].read.bw_bytes`. */
  location?: string;
}

/** Columns shared by every tidy record. */
export interface RecordBase extends Origin {
  factors: Factors;
  tool: Tool;
  /** Version string as the tool reported it ("fio-3.33", "3.9", "2.0.x"), or "" when the format does not say. */
  toolVersion: string;
  format: Format;
  /** fio job name; iperf: "tcp" / "udp" (+ stream id for per-stream rows, "sum" for totals). */
  job: string;
  direction: Direction;
  /**
   * Descriptive factors: facts about a run that do not define its configuration (fio's `filename` and log
   * names, the host, plain folder names, a timestamp). Kept as columns, never used to group or pair runs.
   * Every record the loader or the store makes carries the key, `undefined` when its file has none: an analysis
   * that owns its records sets their pairing's `info` in place (lib/analysis/identity.ts), and a key added to a
   * record after it was made costs a separate property store, 42 bytes each (~50 MB at 100× the shipped data).
   */
  info?: Factors;
}

/** One reported number for one run: the tidy row. */
export interface Measurement extends RecordBase {
  metric: Metric;
  stat: Stat;
  value: number;
  unit: Unit;
  /** For derived rows (format "derived"): every number it was computed from, to the file and place. */
  inputs?: Origin[];
}

/**
 * A time series inside one run: fio log bins, iperf intervals. `t` is seconds since the run
 * started (end of interval); `value` the bin mean; `min`/`max` the envelope when known.
 */
export interface Series extends RecordBase {
  metric: Metric;
  unit: Unit;
  t: number[];
  value: number[];
  min?: number[];
  max?: number[];
  /** Width of one bin/interval in seconds (fio log_avg_msec / iperf -i), when known. */
  interval?: number;
}

/**
 * Numbers as a plain array, or as a typed array that holds each of them exactly (the loader stores a histogram's
 * bins so: lib/arrays.ts `exactNumbers`). Read them by index, `for … of` or `forEach`; `Array.from` gives a plain
 * array.
 */
export type Numbers = number[] | Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * A record with every key, `location` and `info` included (undefined when its file has none), in one order: the
 * loader makes every record so (lib/ingest/rows.ts), and so does a column-kept list when it reads one back
 * (lib/record_list.ts), so all have one object shape and a slot the pairing fills in place (RecordBase.info).
 */
export function fullRecord(
  run: Pick<RecordBase, "source" | "factors" | "info" | "tool" | "toolVersion" | "format">,
  job: string,
  direction: Direction,
  location: string | undefined,
  metric: Metric,
  stat: Stat,
  value: number,
  unit: Unit,
): Measurement {
  const { source, factors, info, tool, toolVersion, format } = run;
  return {
    source,
    location,
    factors,
    info,
    tool,
    toolVersion,
    format,
    job,
    direction,
    metric,
    stat,
    value,
    unit,
  };
}

/**
 * A latency histogram (fio json+ `bins`: latency in ns → count; sockperf `--full-log`: round trip
 * in ns → messages). `value[i]` is the bin's representative latency in ns, `count[i]` how many
 * I/Os or messages fell in it; sorted by value.
 */
export interface Histogram extends RecordBase {
  metric: "lat" | "clat" | "slat" | "rtt";
  unit: "ns";
  value: Numbers;
  count: Numbers;
}

/**
 * What a warning says, as a value: counting, folding, tables and figures read the kind, never the sentence.
 * Per group of runs (one value of the compared factor in one workload and metric): `few-runs`, `no-variation`,
 * `noisy`, `outliers`, `duplicate-runs`. Per comparison: `mixed-versions`, `tests-disagree`. Per family:
 * `rank-floor`. Per data set: `file` (what ingest could not fully trust), `mixed-units`, `missing-baseline`,
 * `pairing`, `counterpart`, `efficiency`, `no-results`, `nothing-to-compare`. Per pair of compared sides: `sides`
 * (the same folder or the same files on both, or no workload in common).
 */
export type WarningKind =
  | "few-runs"
  | "no-variation"
  | "noisy"
  | "outliers"
  | "duplicate-runs"
  | "mixed-versions"
  | "tests-disagree"
  | "rank-floor"
  | "file"
  | "mixed-units"
  | "missing-baseline"
  | "pairing"
  | "counterpart"
  | "efficiency"
  | "no-results"
  | "nothing-to-compare"
  | "sides";

/** A warning of an analysis or comparison: its kind, what it is about, the files it concerns, and its sentence. */
export interface Warning {
  kind: WarningKind;
  /** What it is about: a workload, a metric, a group (a value of the compared factor), a family. */
  subject?: { workload?: string; metric?: string; group?: string; family?: string };
  /** The files it concerns (as the loader named them), when it concerns files. */
  files?: string[];
  /** The sentence a reader sees (results.csv's warnings column joins these). */
  text: string;
}

/** Something an ingest step could not fully trust, carried along instead of silently dropped. */
export interface IngestWarning extends Origin {
  message: string;
}

/**
 * Records to read in order: an array of them, or an analysis' records kept in columns (lib/record_list.ts). Each
 * read of a column-kept record gives a fresh object, so a record is found by its fields, never by identity.
 */
export interface Rows {
  readonly length: number;
  at(index: number): Measurement | undefined;
  filter(keep: (r: Measurement) => unknown): Measurement[];
  some(test: (r: Measurement) => unknown): boolean;
  every(test: (r: Measurement) => unknown): boolean;
  find(test: (r: Measurement) => unknown): Measurement | undefined;
  map<U>(f: (r: Measurement) => U): U[];
  forEach(f: (r: Measurement) => void): void;
  [Symbol.iterator](): Iterator<Measurement>;
}

/** Everything loaded from a file or a folder. */
export interface Dataset<R = Measurement[]> {
  /** The records: an array, or where a request reads a folder, kept in columns (lib/record_list.ts RecordList). */
  rows: R;
  series: Series[];
  histograms: Histogram[];
  warnings: IngestWarning[];
  /** Files that were read, with their detected format. */
  files: { source: string; format: Format; toolVersion: string }[];
}

/** Which way is better for a metric: higher (bw, iops, throughput) or lower (latency, loss, cost, …). */
export type Better = "higher" | "lower";

const HIGHER_IS_BETTER = new Set([
  "bw",
  "iops",
  "throughput",
  "bytes",
  "total_ios",
  "packets",
  "messages",
  // Work done per unit of host CPU: more is cheaper.
  "ios_per_host_cpu_s",
]);

/**
 * Direction of "better" for a metric name; latency-like, loss-like and cost-like metrics (CPU
 * time, CPU per byte, per I/O, per Gbit) are lower-is-better.
 */
export function betterDirection(metric: Metric): Better {
  return HIGHER_IS_BETTER.has(metric) ? "higher" : "lower";
}

/**
 * A factor value as a number when it is one: "32" → 32, "4k" → 4096, "1m" → 1048576 (fio's sizes, base 1024),
 * "1.5" → 1.5; null for anything else ("randread", "virtio-blk").
 */
export function factorNumber(value: string): number | null {
  const m = value.trim().match(/^(\d+(?:\.\d+)?)\s*([kmgtp]?)(?:i?b)?$/i);
  if (!m) return null;
  return Number(m[1]) * 1024 ** " kmgtp".indexOf((m[2] || " ").toLowerCase());
}

/** Sort order for factor values: numerically when both are numbers or sizes ("8" before "16"), else by text. */
export function compareFactorValues(a: string, b: string): number {
  const x = factorNumber(a), y = factorNumber(b);
  if (x !== null && y !== null && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Factor names that identify repetitions rather than conditions. */
export const REPETITION_FACTOR = "rep";
