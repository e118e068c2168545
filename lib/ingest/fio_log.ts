/**
 * fio bandwidth / IOPS / latency logs (`write_bw_log`, `write_iops_log`, `write_lat_log`) → a per-run
 * summary (count, mean, min, max, percentiles) and a time-binned Series per direction, streaming.
 *
 * Line format (fio HOWTO, "Log File Formats"): `time_ms, value, ddir, bs[, offset][, priority][, issue_ns]`,
 * ddir 0 = read, 1 = write, 2 = trim. fio ≥ 3.x always writes the priority (as hex `0x….` with `log_prio=1`),
 * fio 3.1 does not; `log_issue_time=1` (fio ≥ 3.38) appends the issue time. `log_window_value=both`
 * (fio ≥ 3.37) inserts the window maximum as third column: not supported, refused with a hint. With `log_avg_msec` each line is an average over that window;
 * without it, one line per I/O (millions of lines). Units by log type: bw KiB/s, iops IO/s, latency ns
 * (fio ≥ 3; µs in fio 2.x — the log does not say, so the version comes from a sibling JSON or
 * `opts.toolVersion`, defaulting to fio 3 with a warning).
 *
 * The file is read in fixed-size chunks and parsed byte by byte (lib/ingest/fio_log_scan.ts) — no
 * per-line strings, no regexes — so memory is bounded by the chunk, the time bins and the percentile
 * histogram (< 0.1 % resolution above 2048 units), whatever the log's length. A log of 256 MiB or more is
 * scanned on every core (lib/ingest/fio_log_parallel.ts) with the same result to the last bit.
 * @module
 */
import { basename } from "node:path";
import type { Dataset, Direction, Factors, Unit } from "../model.ts";
import { InvalidValueError, ParseError } from "./errors.ts";
import { fioLogMetric } from "./factors.ts";
import { LINE_EXPECTED, scanLogRange, type ScanResult } from "./fio_log_scan.ts";
import { scanLogParallel } from "./fio_log_parallel.ts";
import type { DirectionStats } from "./fio_log_stats.ts";
import { HISTOGRAM_RESOLUTION } from "./log_histogram.ts";
import { RowSink } from "./rows.ts";

export { HISTOGRAM_RESOLUTION };

export interface FioLogOptions {
  /** Path shown in rows and errors (relative to the loaded root). */
  source: string;
  factors: Factors;
  /** fio version ("fio-3.33"), from a sibling JSON; decides µs vs ns for latency logs. */
  toolVersion?: string;
  /** Width of a time bin in seconds (default 1). */
  binSeconds?: number;
  /** Read size in bytes (default 1 MiB); tests use tiny chunks to split lines everywhere. */
  chunkSize?: number;
  /**
   * Threads to scan with (default: every core for a regular file of at least 256 MiB, else one).
   * The result never depends on it; tests set it to split small logs.
   */
  threads?: number;
  /** Byte ranges the threads share (default: one per 16 MiB, at least one per thread). */
  ranges?: number;
}

/** Quantiles reported for every log, as stat names. */
export const LOG_QUANTILES: [string, number][] = [
  ["p50", 0.5],
  ["p90", 0.9],
  ["p99", 0.99],
  ["p99.9", 0.999],
  ["p99.99", 0.9999],
];

const DIRS: Direction[] = ["read", "write", "trim"];
/**
 * Below this a log is scanned on one thread: starting workers costs more than it saves. Measured with
 * `./vb bench` on 2 cores (2026-11-25): a 140 MB log took 0.50 s on one thread and 0.56 s on two; a 700 MB
 * log 3.2 s and 1.7 s.
 */
export const PARALLEL_MIN_BYTES = 256 << 20;
/** Size of the ranges a large log is cut into for the threads to share. */
const RANGE_BYTES = 16 << 20;

/** True when the text looks like a fio log: lines of 4–7 comma-separated numbers (priority may be 0x-hex). */
export function looksLikeFioLog(head: string): boolean {
  const lines = head.split("\n").slice(0, 5).filter((l) => l.trim() !== "");
  if (head.length >= 65536 && lines.length > 1) lines.pop(); // the last line may be cut by the sample
  return lines.length > 0 &&
    lines.every((l) => /^\s*\d+(\.\d+)?\s*(,\s*(-?\d+(\.\d+)?|0x[0-9a-fA-F]+)\s*){3,6}\r?$/.test(l));
}

export async function ingestFioLog(path: string, opts: FioLogOptions): Promise<Dataset> {
  const metric = fioLogMetric(basename(path));
  if (!metric) {
    throw new ParseError({
      file: opts.source,
      found: `the file name ${JSON.stringify(basename(path))}`,
      expected: "a fio log name ending in _bw, _iops, _lat, _clat or _slat (e.g. job_lat.1.log)",
      hint: "The log type is only in the name fio gave the file; rename it back",
    });
  }
  const version = opts.toolVersion ?? "";
  const sink = new RowSink({
    source: opts.source,
    factors: opts.factors,
    tool: "fio",
    toolVersion: version,
    format: "fio-log",
  });
  let unit: Unit = "ns";
  let scale = 1;
  if (metric === "bw") [unit, scale] = ["B/s", 1024];
  else if (metric === "iops") [unit, scale] = ["IO/s", 1];
  else if (/^fio-2\./.test(version)) scale = 1000;
  else if (!version) sink.warn("latency log without a fio version beside it: values taken as ns (fio ≥ 3)");

  const binMs = (opts.binSeconds ?? 1) * 1000;
  const stats = await scanLog(path, opts, binMs);
  let any = false;
  stats.forEach((s, d) => {
    if (!s || s.count === 0) return;
    any = true;
    const dir = DIRS[d];
    const loc = `${dir} lines`;
    sink.add("log", dir, metric, "log_count", s.count, "count", loc);
    sink.add("log", dir, metric, "log_mean", s.sum / s.count, unit, loc, scale);
    sink.add("log", dir, metric, "log_min", s.min, unit, loc, scale);
    sink.add("log", dir, metric, "log_max", s.max, unit, loc, scale);
    const quantiles = s.hist.quantiles(LOG_QUANTILES.map(([, q]) => q));
    LOG_QUANTILES.forEach(([stat], k) => {
      sink.add("log", dir, metric, `log_${stat}`, quantiles[k], unit, loc, scale);
    });
    const t: number[] = [], value: number[] = [], min: number[] = [], max: number[] = [];
    s.forEachBin((b, n, sum, lo, hi) => {
      t.push(((b + 1) * binMs) / 1000);
      value.push((sum / n) * scale);
      min.push(lo * scale);
      max.push(hi * scale);
    });
    sink.dataset.series.push({
      source: opts.source,
      location: loc,
      factors: opts.factors,
      tool: "fio",
      toolVersion: version,
      format: "fio-log",
      job: "log",
      direction: dir,
      metric,
      unit,
      t,
      value,
      min,
      max,
      interval: binMs / 1000,
      info: undefined, // the pairing's slot (model.ts RecordBase.info)
    });
  });
  if (!any) {
    throw new ParseError({ file: opts.source, found: "an empty log (no lines)", expected: "fio log lines" });
  }
  return sink.dataset;
}

/** Scans on one thread, or on every core for a large regular file; a failure becomes the ingest error. */
async function scanLog(
  path: string,
  opts: FioLogOptions,
  binMs: number,
): Promise<(DirectionStats | undefined)[]> {
  const chunkSize = opts.chunkSize ?? 1 << 20;
  // Synchronous open/stat and a buffer no bigger than the file: a folder holds thousands of small logs, and an
  // async call (a thread-pool round trip) or zeroing 1 MiB for each of them was most of the time loading 20×
  // the shipped data. The open file is asked its size: a stat by path costs Deno's permission check again.
  let file: Deno.FsFile | undefined = Deno.openSync(path, { read: true });
  let result: ScanResult | undefined;
  try {
    const info = file.statSync();
    const threads = opts.threads ?? (info.size >= PARALLEL_MIN_BYTES ? navigator.hardwareConcurrency : 1);
    if (threads > 1 && info.isFile) {
      file.close();
      file = undefined;
      const ranges = opts.ranges ?? Math.max(threads, Math.ceil(info.size / RANGE_BYTES));
      result = await scanLogParallel(path, { binMs, chunkSize, threads, ranges });
    }
    if (!result) {
      file ??= Deno.openSync(path, { read: true });
      const buffer = info.isFile ? Math.min(chunkSize, Math.max(4096, info.size + 1)) : chunkSize; // a FIFO says 0
      result = scanLogRange(file, 0, Infinity, binMs, buffer);
    }
  } finally {
    file?.close();
  }
  const f = result.failure;
  if (f) {
    const details = {
      file: opts.source,
      location: f.field === undefined ? `line ${f.line}` : `line ${f.line}, field ${f.field}`,
      found: f.found,
      expected: f.expected ?? LINE_EXPECTED,
      hint: f.hint,
    };
    throw f.kind === "invalid" ? new InvalidValueError(details) : new ParseError(details);
  }
  return result.stats;
}
