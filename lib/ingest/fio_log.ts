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
 * The file is read in fixed-size chunks and parsed byte by byte — no per-line strings, no regexes — so
 * memory is bounded by the chunk and the percentile histogram ({@link LogHistogram}, < 0.1 % resolution
 * above 2048 units), whatever the log's length.
 * @module
 */
import { basename } from "node:path";
import type { Dataset, Direction, Factors, Unit } from "../model.ts";
import { InvalidValueError, ParseError } from "./errors.ts";
import { fioLogMetric } from "./factors.ts";
import { HISTOGRAM_RESOLUTION, LogHistogram } from "./log_histogram.ts";
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
/** Longer than any benchmark run: beyond it a time stamp is damage, and binning it would need absurd memory. */
const MAX_TIME_MS = 366 * 24 * 3600 * 1000;

/** Accumulates one direction's values: totals, the histogram, and per-bin mean/min/max. */
class DirectionStats {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  hist = new LogHistogram();
  binSum: number[] = [];
  binCount: number[] = [];
  binMin: number[] = [];
  binMax: number[] = [];

  add(bin: number, v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.hist.add(v);
    if (this.binCount[bin] === undefined) {
      for (let b = this.binCount.length; b <= bin; b++) {
        this.binCount[b] = 0;
        this.binSum[b] = 0;
        this.binMin[b] = Infinity;
        this.binMax[b] = -Infinity;
      }
    }
    this.binCount[bin]++;
    this.binSum[bin] += v;
    if (v < this.binMin[bin]) this.binMin[bin] = v;
    if (v > this.binMax[bin]) this.binMax[bin] = v;
  }
}

/** True when the text looks like a fio log: lines of 4–7 comma-separated numbers (priority may be 0x-hex). */
export function looksLikeFioLog(head: string): boolean {
  const lines = head.split("\n").slice(0, 5).filter((l) => l.trim() !== "");
  if (head.length >= 65536 && lines.length > 1) lines.pop(); // the last line may be cut by the sample
  return lines.length > 0 &&
    lines.every((l) => /^\s*\d+(\.\d+)?\s*(,\s*(-?\d+(\.\d+)?|0x[0-9a-fA-F]+)\s*){3,6}\r?$/.test(l));
}

// deno-lint-ignore require-await -- kept async: reading is synchronous now (see scanLog), callers await it
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
  const stats = scanLog(path, opts, binMs);
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
    for (const [stat, q] of LOG_QUANTILES) {
      sink.add("log", dir, metric, `log_${stat}`, s.hist.quantile(q), unit, loc, scale);
    }
    const t: number[] = [], value: number[] = [], min: number[] = [], max: number[] = [];
    s.binCount.forEach((n, b) => {
      if (n === 0) return;
      t.push(((b + 1) * binMs) / 1000);
      value.push((s.binSum[b] / n) * scale);
      min.push(s.binMin[b] * scale);
      max.push(s.binMax[b] * scale);
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
    });
  });
  if (!any) {
    throw new ParseError({ file: opts.source, found: "an empty log (no lines)", expected: "fio log lines" });
  }
  return sink.dataset;
}

/** Streams the file, calling DirectionStats.add per line; errors name the 1-based line. */
function scanLog(
  path: string,
  opts: FioLogOptions,
  binMs: number,
): (DirectionStats | undefined)[] {
  const stats: (DirectionStats | undefined)[] = [];
  // Synchronous reads: a folder holds thousands of small logs, and each asynchronous read is a round
  // trip through Deno's thread pool that cost more than reading the file.
  const file = Deno.openSync(path, { read: true });
  // No bigger than the file: a folder holds thousands of small logs, and zeroing 1 MiB for each of
  // them was most of the time spent loading 20× the shipped data.
  const stat = file.statSync();
  const size = stat.isFile ? stat.size : Infinity; // a FIFO reports 0
  const buf = new Uint8Array(Math.min(opts.chunkSize ?? 1 << 20, Math.max(4096, size + 1)));
  // Parser state survives chunk boundaries.
  let line = 1, field = 0, num = 0, frac = 0, inNumber = false, negative = false, hex = false;
  let time = 0, value = 0, ddir = 0;
  const fail = (found: string, hint?: string): never => {
    throw new ParseError({
      file: opts.source,
      location: `line ${line}, field ${field + 1}`,
      found,
      expected: "a log line of comma-separated numbers: time_ms, value, direction (0/1/2), block size" +
        "[, offset][, priority][, issue time]",
      hint,
    });
  };
  const endField = () => {
    if (!inNumber) fail(field === 0 ? "an empty line or a line without numbers" : "an empty field");
    const v = frac ? num / frac : num;
    if (field === 0) time = v;
    else if (field === 1) value = negative ? -v : v;
    else if (field === 2) ddir = v;
    field++;
    num = 0, frac = 0, inNumber = false, negative = false, hex = false;
  };
  const endLine = () => {
    endField();
    if (field < 4) fail(`${field} fields`);
    if (value < 0) {
      throw new InvalidValueError({
        file: opts.source,
        location: `line ${line}`,
        found: `a negative value (${value})`,
        expected: "a value ≥ 0",
      });
    }
    if (time > MAX_TIME_MS) {
      field = 0;
      throw new InvalidValueError({
        file: opts.source,
        location: `line ${line}, field 1`,
        found: `a time of ${time} ms`,
        expected: "a time within a year of the run's start",
        hint: "The log is damaged or not a fio log",
      });
    }
    if (ddir > 2 || !Number.isInteger(ddir)) {
      field = 2; // report the direction's own column
      fail(
        `direction ${ddir}`,
        "fio ≥ 3.37 with log_window_value=both writes the window maximum before the direction; " +
          "log the average or the maximum alone",
      );
    }
    (stats[ddir] ??= new DirectionStats()).add(Math.floor(time / binMs), value);
    field = 0;
  };
  try {
    for (;;) {
      const n = file.readSync(buf);
      if (n === null) break;
      for (let i = 0; i < n; i++) {
        const c = buf[i];
        if (c >= 48 && c <= 57) {
          num = num * 10 + (c - 48);
          if (frac) frac *= 10;
          inNumber = true;
        } else if (c === 44 /* , */) endField();
        else if (c === 10 /* \n */) {
          if (field > 0 || inNumber) endLine();
          line++;
        } else if (c === 32 || c === 13 || c === 9) { /* spaces, CR, tabs */ }
        else if (c === 46 /* . */ && inNumber && !frac) frac = 1;
        else if (c === 45 /* - */ && !inNumber && !negative) negative = true;
        // log_prio=1 writes the priority as 0x-hex; the columns after the block size are not used.
        else if (c === 120 /* x */ && field >= 4 && inNumber && num === 0 && !hex) hex = true;
        else if (hex && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) { /* hex digit a-f, A-F */ }
        else fail(`the character ${JSON.stringify(String.fromCharCode(c))}`);
        if (field > 6) fail("more than 7 fields");
      }
    }
    if (field > 0 || inNumber) endLine();
  } finally {
    file.close();
  }
  return stats;
}
