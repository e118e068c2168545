/**
 * fio JSON / json+ output → tidy rows. Covers fio 2.x (latencies in µs under `lat`/`clat`/`slat`,
 * `io_bytes` in KiB, bandwidth in KiB/s) and 3.x (`lat_ns`/`clat_ns`/`slat_ns`, `io_bytes` in bytes,
 * `bw_bytes`), json+ `bins` (latency → I/O count) as histograms, several jobs per file,
 * read/write/trim/sync sections, and client/server output (`client_stats`).
 * Each job's factors: its `global options` and `job options` as fio names them (lib/ingest/content.ts says which
 * identify the configuration), the host for client/server output. Each job's CPU use (`usr_cpu`, `sys_cpu` in %
 * of one CPU over the job's runtime; `ctx`, `majf`, `minf` counts, the same keys in 2.x and 3.x) becomes rows of
 * direction "mixed".
 * Units out: B/s, IO/s, ns, B, s, count, %.
 * @module
 */
import { exactNumbers } from "../arrays.ts";
import type { Dataset, Direction, Factors } from "../model.ts";
import { fioContentFactors, mergeContent } from "./content.ts";
import { ParseError, ToolRunError } from "./errors.ts";
import { excerpt, parseJsonInText, textAroundJson } from "./json_text.ts";
import { checkNumber, percentileStat, RowSink } from "./rows.ts";

type Obj = Record<string, unknown>;
const DIRECTIONS: Direction[] = ["read", "write", "trim", "sync"];
const LATENCIES = ["lat", "clat", "slat"] as const;

export function parseFioJson(
  text: string,
  source: string,
  factors: Factors = {},
  info: Factors = {},
): Dataset {
  const found = parseJsonInText(text, source, "fio JSON output (--output-format=json or json+)");
  const doc = found.doc;
  const root = asObject(doc, source, "$");
  const key = Array.isArray(root.jobs) ? "jobs" : Array.isArray(root.client_stats) ? "client_stats" : null;
  if (!key) {
    throw new ParseError({
      file: source,
      location: "$.jobs",
      found: 'no "jobs" or "client_stats" array',
      expected: "fio JSON output with a jobs array",
    });
  }
  const version = typeof root["fio version"] === "string" ? root["fio version"] : "";
  const sink = new RowSink({ source, factors, info, tool: "fio", toolVersion: version, format: "fio-json" });
  for (const w of textAroundJson(found, text, "fio")) sink.warn(w.message, w.location);
  const seen = new Map<string, number>();
  const cpu: [RowSink, string, Obj, string][] = [];
  (root[key] as unknown[]).forEach((raw, i) => {
    const path = `$.${key}[${i}]`;
    const job = asObject(raw, source, path);
    const host = typeof job.hostname === "string" && job.jobname !== "All clients" ? `${job.hostname}:` : "";
    const base = `${host}${typeof job.jobname === "string" ? job.jobname : `job${i}`}`;
    // Without group_reporting, numjobs=N repeats the job name: number the repeats (#2, #3, …).
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const name = count > 1 ? `${base}#${count}` : base;
    const content = fioContentFactors(root["global options"], job["job options"]);
    const jobSink = sink.forJob(
      mergeContent(factors, content.identity, source, (m) => sink.warn(m, `${path}["job options"]`)),
      { ...info, ...content.info, ...(host ? { host: String(job.hostname) } : {}) },
    );
    if (typeof job.error === "number" && job.error !== 0) {
      sink.warn(
        `fio reported error ${job.error} for job "${name}"; its numbers may be incomplete`,
        `${path}.error`,
      );
    }
    for (const dir of DIRECTIONS) {
      if (job[dir] !== undefined) {
        addDirection(jobSink, name, dir, asObject(job[dir], source, `${path}.${dir}`), `${path}.${dir}`);
      }
    }
    cpu.push([jobSink, name, job, path]);
  });
  if (sink.dataset.rows.length === 0) {
    // A run that did no I/O (fio refused the job, or it was killed at once) has nothing to measure.
    const errors = (root[key] as { error?: unknown }[]).map((j) => j.error).filter((e) =>
      typeof e === "number" && e !== 0
    );
    throw new ToolRunError({
      file: source,
      location: `$.${key}`,
      found: errors.length ? `fio's error ${errors[0]} and no I/O` : "jobs that did no I/O",
      expected: "at least one job with completed I/O",
      hint: found.before ? `fio said: ${excerpt(found.before)}` : undefined,
    }, sink.dataset);
  }
  // After the check above: a job that did no I/O still reports (zero) CPU, which is no measurement.
  for (const [jobSink, name, job, path] of cpu) addCpu(jobSink, name, job, path);
  return sink.dataset;
}

/** metric, stat, unit of fio's five CPU fields, in the order of its terse and JSON output. */
export const CPU_FIELDS = [
  ["usr_cpu", "mean", "%"],
  ["sys_cpu", "mean", "%"],
  ["ctx", "total", "count"],
  ["majf", "total", "count"],
  ["minf", "total", "count"],
] as const;

function addCpu(sink: RowSink, name: string, job: Obj, path: string): void {
  for (const [metric, stat, unit] of CPU_FIELDS) {
    if (job[metric] !== undefined) {
      sink.add(name, "mixed", metric, stat, job[metric], unit, `${path}.${metric}`);
    }
  }
}

function addDirection(sink: RowSink, job: string, dir: Direction, sec: Obj, path: string): void {
  const file = sink.ctx.source;
  const ios = sec.total_ios === undefined ? null : checkNumber(sec.total_ios, file, `${path}.total_ios`);
  const ns = "lat_ns" in sec || "clat_ns" in sec || "slat_ns" in sec || "io_kbytes" in sec;
  if (ios === 0 || (ios === null && Number(sec.io_bytes ?? 0) === 0 && dir !== "sync")) return; // unused direction
  if (dir !== "sync") {
    if ("bw_bytes" in sec) sink.add(job, dir, "bw", "mean", sec.bw_bytes, "B/s", `${path}.bw_bytes`);
    else sink.add(job, dir, "bw", "mean", sec.bw, "B/s", `${path}.bw`, 1024);
    sink.add(job, dir, "iops", "mean", sec.iops, "IO/s", `${path}.iops`);
    // fio 2.x: io_bytes counts KiB; fio 3.x: bytes (with io_kbytes beside it).
    sink.add(job, dir, "bytes", "total", sec.io_bytes, "B", `${path}.io_bytes`, ns ? 1 : 1024);
    if (sec.runtime !== undefined) {
      sink.add(job, dir, "runtime", "value", sec.runtime, "s", `${path}.runtime`, 0.001);
    }
  }
  if (ios !== null) sink.add(job, dir, "total_ios", "total", ios, "count", `${path}.total_ios`);
  for (const metric of LATENCIES) {
    const key = ns ? `${metric}_ns` : metric;
    if (sec[key] === undefined) continue;
    addLatency(
      sink,
      job,
      dir,
      metric,
      asObject(sec[key], file, `${path}.${key}`),
      `${path}.${key}`,
      ns ? 1 : 1000,
    );
  }
}

function addLatency(
  sink: RowSink,
  job: string,
  dir: Direction,
  metric: "lat" | "clat" | "slat",
  lat: Obj,
  path: string,
  scale: number,
): void {
  // fio writes all-zero stats for a latency it did not measure (e.g. slat with some engines).
  if (Number(lat.N ?? 1) === 0 || (Number(lat.max) === 0 && Number(lat.mean) === 0)) return;
  for (const [stat, key] of [["mean", "mean"], ["min", "min"], ["max", "max"], ["stddev", "stddev"]]) {
    if (lat[key] !== undefined) sink.add(job, dir, metric, stat, lat[key], "ns", `${path}.${key}`, scale);
  }
  if (lat.percentile !== undefined) {
    const pct = asObject(lat.percentile, sink.ctx.source, `${path}.percentile`);
    for (const [k, v] of Object.entries(pct)) {
      sink.add(job, dir, metric, percentileStat(k), v, "ns", `${path}.percentile["${k}"]`, scale);
    }
  }
  if (lat.bins !== undefined) {
    // Read into two arrays and ordered by index: a [latency, count] pair per bin, mapped and sorted, was the largest
    // allocation of loading json+ output (193 MB at 20× the shipped data).
    const raw = asObject(lat.bins, sink.ctx.source, `${path}.bins`);
    const keys = Object.keys(raw);
    const latency = new Float64Array(keys.length), count = new Float64Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      latency[i] = checkNumber(k, sink.ctx.source, `${path}.bins (key "${k}")`) * scale;
      count[i] = checkNumber(raw[k], sink.ctx.source, `${path}.bins["${k}"]`);
    }
    const order = Array.from(keys, (_, i) => i).sort((a, b) => latency[a] - latency[b]);
    const { ctx } = sink;
    sink.dataset.histograms.push({
      source: ctx.source,
      location: `${path}.bins`,
      factors: ctx.factors,
      info: ctx.info, // undefined when the file has none: model.ts RecordBase.info
      tool: "fio",
      toolVersion: ctx.toolVersion,
      format: ctx.format,
      job,
      direction: dir,
      metric,
      unit: "ns",
      value: exactNumbers(order.map((i) => latency[i])),
      count: exactNumbers(order.map((i) => count[i])),
    });
  }
}

export function asObject(value: unknown, file: string, location: string): Obj {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ParseError({
      file,
      location,
      found: value === undefined
        ? "nothing (the key is missing)"
        : value === null
        ? "null"
        : Array.isArray(value)
        ? "an array"
        : `${typeof value} ${JSON.stringify(value)}`,
      expected: "a JSON object",
    });
  }
  return value as Obj;
}
