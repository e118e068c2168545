/**
 * fio's normal output (the default, what `fio job.fio > run.txt` keeps) → tidy rows, the same metrics as fio JSON.
 * fio 3.x, as `show_thread_status_normal()` (stat.c) writes it:
 *
 * ```
 * randread-4k: (g=0): rw=randread, bs=(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B, ioengine=psync, iodepth=4
 * fio-3.33
 * randread-4k: (groupid=0, jobs=1): err= 0: pid=1286: Fri Dec  4 21:06:27 2026
 *   read: IOPS=17.1k, BW=66.9MiB/s (70.1MB/s)(66.9MiB/1001msec)
 *     clat (usec): min=35, max=1014, avg=57.13, stdev=20.42
 *     clat percentiles (usec):
 *      |  1.00th=[   42],  5.00th=[   43], …
 *   cpu          : usr=2.00%, sys=41.80%, ctx=17102, majf=0, minf=11
 *      issued rwts: total=17137,0,0,0 short=0,0,0,0 dropped=0,0,0,0
 * ```
 *
 * The summary line rounds IOPS and bandwidth to three figures, but fio prints what they come from exactly: the I/Os
 * issued (`issued rwts`), the runtime in ms and, in the job's definition line, the block size. So with a fixed
 * block size per direction IOPS, bandwidth and bytes are fio JSON's to the digit (fio computes them the same way:
 * `1000 × ios / runtime`, `1000 × bytes / runtime` in whole bytes); with a block size range they are read as printed,
 * said in a warning. Latencies are as printed: min and max whole (or to a tenth with a k/M suffix), mean and stddev
 * to two decimals, percentiles whole, in the unit fio chose (nsec, usec or msec).
 * Factors: the definition line's `rw`, `bs` (one size, or fio's text for ranges), `ioengine` and `iodepth` — the
 * other job options are not in this output. Jobs repeated by numjobs without group_reporting are numbered (`#2`),
 * as in fio JSON. fio 2.x's normal output (`read : io=…, bw=…, iops=…, runt=…`) is refused with a sentence.
 * @module
 */
import type { Dataset, Direction, Factors } from "../model.ts";
import { fioContentFactors, mergeContent } from "./content.ts";
import { ParseError, ToolRunError } from "./errors.ts";
import { CPU_FIELDS } from "./fio_json.ts";
import { percentileStat, RowSink } from "./rows.ts";
import { runEndsByLine } from "./text.ts";

/** A job's header, which starts its block of results. */
const JOB_HEADER = /^(.+?): \(groupid=(\d+), jobs=(\d+)\): err=\s*(\d+)/;
/** A job's definition, printed before the run: `name: (g=0): rw=…, bs=…, ioengine=…, iodepth=…`. */
const DEFINITION = /^(.+?): \(g=\d+\): (rw=.*)$/;
/** The end of a run's job results: its group's status (`Run status group 0 (all jobs):`). */
const RUN_STATUS = /^Run status group \d+/;
const DIRECTION_LINE =
  /^\s+(read|write|trim|mixed)\s*: IOPS=([\d.]+[kMGT]?), BW=([\d.]+)([KMGTP]?i?B)\/s .*?\(([\d.]+)([KMGTP]?i?B)\/(\d+)msec\)/;
const LATENCY_LINE =
  /^\s+(slat|clat|lat)\s+\((nsec|usec|msec)\): min=\s*([\d.]+[kMGT]?), max=\s*([\d.]+[kMGT]?), avg=\s*([\d.]+), stdev=\s*([\d.]+)/;
const PERCENTILES_LINE = /^\s+(slat|clat|lat) percentiles \((nsec|usec|msec)\):/;
const CPU_LINE = /^\s+cpu\s+: usr=([\d.]+)%, sys=([\d.]+)%, ctx=(\d+), majf=(\d+), minf=(\d+)/;
const ISSUED_LINE = /^\s+issued rwts?: total=([\d,]+)/;
const FIO2_DIRECTION = /^\s+(read|write|trim)\s*: io=\S+, bw=\S+, iops=/;

/** Powers of ten: a latency unit in ns, and fio's decimal suffixes of latencies and IOPS (num2str, base 1000). */
const NS_PER: Record<string, number> = { nsec: 0, usec: 3, msec: 6 };
const DECIMAL: Record<string, number> = { "": 0, k: 3, M: 6, G: 9, T: 12 };
/** Sizes as fio prints them: B, KiB … (base 1024), kB, MB … (base 1000). */
const SIZE: Record<string, number> = {
  B: 1,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  PiB: 2 ** 50,
  kB: 1e3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
};
/** Which of `issued rwts` counts each direction is. */
const ISSUED_INDEX: Record<string, number> = { read: 0, write: 1, trim: 2 };

/** Whether a text looks like fio's normal output (detect.ts): a job's results header. */
export function looksLikeFioNormal(text: string): boolean {
  return /^.+?: \(groupid=\d+, jobs=\d+\): err=\s*\d+/m.test(text);
}

/**
 * Where each run of a normal-output file ends (`fio job.fio >> runs.txt`): a job's definition line after a run's
 * group status (`Run status group …`) starts the next run.
 */
export function fioNormalRunEnds(text: string): number[] {
  let finished = false;
  return runEndsByLine(text, (line) => {
    if (RUN_STATUS.test(line)) finished = true;
    else if (finished && DEFINITION.test(line.trimEnd())) {
      finished = false;
      return true;
    }
    return false;
  });
}

interface Definition {
  identity: Factors;
  /** The fixed block size of each direction in bytes (undefined for a range). */
  bs: Partial<Record<Direction, number>>;
}

export function parseFioNormal(
  text: string,
  source: string,
  factors: Factors = {},
  info: Factors = {},
): Dataset {
  const lines = text.split(/\r?\n/);
  const fio2 = lines.findIndex((l) => FIO2_DIRECTION.test(l));
  if (fio2 >= 0) {
    throw new ParseError({
      file: source,
      location: `line ${fio2 + 1}`,
      found: "fio 2.x normal output (io=, bw=, iops=, runt=)",
      expected: "fio 3.x normal output, or fio JSON",
      hint: "Re-run with --output-format=json (fio 2.1 and later) to compare these runs",
    });
  }
  const version = lines.find((l) => /^fio-\d/.test(l))?.trim() ?? "";
  const sink = new RowSink({
    source,
    factors,
    info,
    tool: "fio",
    toolVersion: version,
    format: "fio-normal",
  });
  const definitions = new Map<string, Definition>();
  const seen = new Map<string, number>();
  const errors: string[] = [];
  let job: JobBlock | undefined;
  const blocks: JobBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const no = i + 1;
    const definition = line.match(DEFINITION);
    if (definition && !definitions.has(definition[1])) {
      definitions.set(definition[1], readDefinition(definition[2]));
      continue;
    }
    const header = line.match(JOB_HEADER);
    if (header) {
      const count = (seen.get(header[1]) ?? 0) + 1;
      seen.set(header[1], count);
      const name = count > 1 ? `${header[1]}#${count}` : header[1];
      const def = definitions.get(header[1]) ?? { identity: {}, bs: {} };
      const jobSink = sink.forJob(
        mergeContent(factors, def.identity, source, (m) => sink.warn(m, `line ${no}`)),
        info,
      );
      job = { name, sink: jobSink, bs: def.bs, directions: [], cpu: null, issued: null };
      blocks.push(job);
      if (header[4] !== "0") {
        errors.push(header[4]);
        sink.warn(
          `fio reported error ${header[4]} for job "${name}"; its numbers may be incomplete`,
          `line ${no}`,
        );
      }
      continue;
    }
    if (RUN_STATUS.test(line)) {
      job = undefined;
      continue;
    }
    if (!job) continue;
    const dir = line.match(DIRECTION_LINE);
    if (dir) {
      job.directions.push({ dir: dir[1] as Direction, m: dir, no, latencies: [], percentiles: [] });
      continue;
    }
    const current = job.directions.at(-1);
    const latency = line.match(LATENCY_LINE);
    if (latency && current) {
      current.latencies.push({ m: latency, no });
      continue;
    }
    const percentiles = line.match(PERCENTILES_LINE);
    if (percentiles && current) {
      for (let k = i + 1; k < lines.length && /^\s+\|/.test(lines[k]); k++, i++) {
        for (const p of lines[k].matchAll(/([\d.]+)th=\[\s*(\d+)\]/g)) {
          current.percentiles.push({
            metric: percentiles[1],
            unit: percentiles[2],
            pct: p[1],
            value: p[2],
            no: k + 1,
          });
        }
      }
      continue;
    }
    const cpu = line.match(CPU_LINE);
    if (cpu) job.cpu = { m: cpu, no };
    const issued = line.match(ISSUED_LINE);
    if (issued) job.issued = { counts: issued[1].split(",").map(Number), no };
  }
  const printed: Printed = { ranges: [], uncounted: [] };
  for (const b of blocks) addJob(b, printed);
  if (sink.dataset.rows.length === 0) {
    throw new ToolRunError({
      file: source,
      location: blocks.length ? `line ${lines.findIndex((l) => JOB_HEADER.test(l)) + 1}` : undefined,
      found: errors.length
        ? `fio's error ${errors[0]} and no I/O`
        : blocks.length
        ? "jobs that did no I/O"
        : "no job results",
      expected: "at least one job with completed I/O",
    }, sink.dataset);
  }
  const asPrinted =
    "as fio printed them (three significant figures); fio JSON (--output-format=json) has them exactly";
  if (printed.ranges.length) {
    sink.warn(
      `${printed.ranges.join(", ")}: a range of block sizes, so bandwidth and bytes are ${asPrinted}`,
    );
  }
  if (printed.uncounted.length) {
    sink.warn(
      `${
        printed.uncounted.join(", ")
      }: no count of issued I/Os ("issued rwts"; the output may be cut short), ` +
        `so IOPS, bandwidth and bytes are ${asPrinted}`,
    );
  }
  return sink.dataset;
}

/** The directions whose rates are read as printed, by why (`job "name" read`). */
interface Printed {
  ranges: string[];
  uncounted: string[];
}

interface DirectionBlock {
  dir: Direction;
  m: RegExpMatchArray;
  no: number;
  latencies: { m: RegExpMatchArray; no: number }[];
  percentiles: { metric: string; unit: string; pct: string; value: string; no: number }[];
}

interface JobBlock {
  name: string;
  sink: RowSink;
  bs: Partial<Record<Direction, number>>;
  directions: DirectionBlock[];
  cpu: { m: RegExpMatchArray; no: number } | null;
  issued: { counts: number[]; no: number } | null;
}

/** `rw=randread, bs=(R) 4096B-4096B, (W) …, ioengine=psync, iodepth=4` → factors and fixed block sizes. */
function readDefinition(text: string): Definition {
  const options: Factors = {};
  const bs: Partial<Record<Direction, number>> = {};
  const ranges: string[] = [];
  for (
    const [, letter, lo, loUnit, hi, hiUnit] of text.matchAll(
      /\(([RWT])\) ([\d.]+)([KMGTP]?i?B)-([\d.]+)([KMGTP]?i?B)/g,
    )
  ) {
    const min = Number(lo) * (SIZE[loUnit] ?? NaN), max = Number(hi) * (SIZE[hiUnit] ?? NaN);
    const dir = ({ R: "read", W: "write", T: "trim" } as const)[letter as "R" | "W" | "T"];
    if (min === max && Number.isFinite(min)) bs[dir] = min;
    ranges.push(min === max ? sizeName(min) : `${sizeName(min)}-${sizeName(max)}`);
  }
  const rest = text.replace(/bs=\(R\).*?\(T\) \S+?(?:, |$)/, "");
  for (const m of rest.matchAll(/(\w+)=([^,]+)/g)) options[m[1]] = m[2].trim();
  // One size for all directions, as a job file would say it ("4KiB"), else each direction's.
  if (ranges.length) options.bs = new Set(ranges).size === 1 ? ranges[0] : ranges.join(",");
  return { identity: fioContentFactors(options).identity, bs };
}

function addJob(b: JobBlock, printed: Printed): void {
  const { sink, name } = b;
  for (const d of b.directions) {
    const ms = Number(d.m[7]);
    const loc = `line ${d.no}`;
    const ios = issuedFor(b, d.dir);
    const bs = d.dir === "mixed" ? sameSize(b.bs) : b.bs[d.dir];
    if (ios === 0) continue; // a direction fio lists with no I/O done
    if (ios === undefined) printed.uncounted.push(`job "${name}" ${d.dir}`);
    else if (bs === undefined) printed.ranges.push(`job "${name}" ${d.dir}`);
    // fio's own arithmetic (stat.c): I/Os and whole bytes per second of runtime.
    if (ios !== undefined && bs !== undefined && ms > 0) {
      sink.add(name, d.dir, "bw", "mean", Math.floor(ios * bs * 1000 / ms), "B/s", loc);
    } else sink.add(name, d.dir, "bw", "mean", d.m[3], "B/s", loc, SIZE[d.m[4]] ?? NaN);
    if (ios !== undefined && ms > 0) sink.add(name, d.dir, "iops", "mean", ios * 1000 / ms, "IO/s", loc);
    else sink.add(name, d.dir, "iops", "mean", decimal(d.m[2]), "IO/s", loc);
    if (ios !== undefined && bs !== undefined) sink.add(name, d.dir, "bytes", "total", ios * bs, "B", loc);
    else sink.add(name, d.dir, "bytes", "total", d.m[5], "B", loc, SIZE[d.m[6]] ?? NaN);
    sink.add(name, d.dir, "runtime", "value", ms, "s", loc, 0.001);
    if (ios !== undefined) sink.add(name, d.dir, "total_ios", "total", ios, "count", `line ${b.issued!.no}`);
    for (const { m, no } of d.latencies) {
      const ns = NS_PER[m[2]];
      const at = `line ${no}`;
      sink.add(name, d.dir, m[1], "mean", decimal(m[5], ns), "ns", at);
      sink.add(name, d.dir, m[1], "min", decimal(m[3], ns), "ns", at);
      sink.add(name, d.dir, m[1], "max", decimal(m[4], ns), "ns", at);
      sink.add(name, d.dir, m[1], "stddev", decimal(m[6], ns), "ns", at);
    }
    for (const p of d.percentiles) {
      sink.add(
        name,
        d.dir,
        p.metric,
        percentileStat(p.pct),
        decimal(p.value, NS_PER[p.unit]),
        "ns",
        `line ${p.no}`,
      );
    }
  }
  if (b.cpu && b.directions.length) {
    CPU_FIELDS.forEach(([metric, stat, unit], k) => {
      sink.add(name, "mixed", metric, stat, b.cpu!.m[k + 1], unit, `line ${b.cpu!.no}`);
    });
  }
}

/** 4096 → "4KiB", 65536 → "64KiB", 1000 → "1000B"; a size fio printed rounded keeps its figures ("16.5KiB"). */
function sizeName(bytes: number): string {
  for (const [unit, size] of [["MiB", 2 ** 20], ["KiB", 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return bytes >= 2 ** 10 ? `${Number((bytes / 2 ** 10).toPrecision(4))}KiB` : `${bytes}B`;
}

/** The I/Os of a direction from `issued rwts` (all of them for unified_rw_reporting's "mixed"). */
function issuedFor(b: JobBlock, dir: Direction): number | undefined {
  const counts = b.issued?.counts;
  if (!counts) return undefined;
  if (dir === "mixed") return counts.slice(0, 3).reduce((s, c) => s + c, 0);
  return counts[ISSUED_INDEX[dir]];
}

/** One block size for every direction, if the job has one. */
function sameSize(bs: Partial<Record<Direction, number>>): number | undefined {
  const sizes = new Set(Object.values(bs));
  return sizes.size === 1 && Object.keys(bs).length === 3 ? [...sizes][0] : undefined;
}

/**
 * A number as fio printed it, with its suffix (`1665.8k`), times 10^`power`, by moving the decimal point in the text:
 * `1040.4k` is 1040400, where 1040.4 × 1000 is 1040400.0000000001.
 */
function decimal(text: string, power = 0): number {
  const m = text.match(/^(\d+)(?:\.(\d+))?([kMGT]?)$/);
  if (!m) return NaN;
  const shift = power + DECIMAL[m[3]];
  const fraction = (m[2] ?? "").padEnd(shift, "0");
  return Number(`${m[1]}${fraction.slice(0, shift)}.${fraction.slice(shift) || "0"}`);
}
