/**
 * fio terse (`--output-format=terse`, `--terse-version=2..5`) → tidy rows.
 *
 * One `;`-separated line per job. Header: v2 `2;jobname;groupid;error`; v3–v5
 * `V;fio-version;jobname;groupid;error`. Then one block per direction, laid out as in fio's
 * `show_ddir_status_terse()` (stat.c): read, write, plus trim in v2 (since fio 2.0.6), v4 and v5;
 * a single "mixed" block with `unified_rw_reporting=mixed`, and a "mixed" block after the others
 * with `=both`. The blocks are counted by finding the CPU fields after them (the only place where
 * two `%`-suffixed fields follow a block):
 *
 * | offset | fields | unit |
 * | --- | --- | --- |
 * | 0 | total I/O | KiB |
 * | 1 | bandwidth | KiB/s |
 * | 2 | IOPS | IO/s |
 * | 3 | runtime | ms |
 * | 4–7 | slat min, max, mean, stddev | µs |
 * | 8–11 | clat min, max, mean, stddev | µs |
 * | 12–31 | 20 clat percentiles as `P%=V` (`0%=0` when unused) | µs |
 * | 32–35 | lat min, max, mean, stddev | µs |
 * | 36–40 | bw min, max, % of aggregate, mean, stddev | KiB/s |
 * | 41–46 | v5 only: bw samples; IOPS min, max, mean, stddev, samples | |
 *
 * Then CPU usage (`show_thread_status_terse_all()`): usr %, sys % (of one CPU over the job's
 * runtime), context switches, major and minor page faults → `usr_cpu`, `sys_cpu`, `ctx`, `majf`,
 * `minf` (direction "mixed"). I/O depth and latency-bucket distributions and disk utilisation
 * follow; they are not read.
 * Terse output carries no job options: its only content factor is the job name (the row's `job`).
 * @module
 */
import type { Dataset, Direction, Factors } from "../model.ts";
import { ParseError } from "./errors.ts";
import { CPU_FIELDS } from "./fio_json.ts";
import { checkNumber, percentileStat, RowSink } from "./rows.ts";
import { runEndsByLine } from "./text.ts";

const LATENCY_BLOCKS = [["slat", 4], ["clat", 8], ["lat", 32]] as const;
const STATS = ["min", "max", "mean", "stddev"];

/**
 * Where each run of a terse file ends (the offset of the next run's first line, then the text's length): a run is
 * one line per job, so a job's name again starts the next run (`fio --output-format=terse … >> runs.txt`).
 */
export function fioTerseRunEnds(text: string): number[] {
  let jobs = new Set<string>();
  return runEndsByLine(text, (line) => {
    const f = line.slice(0, 4096).split(";");
    const job = f[0] === "2" ? f[1] : f[2];
    if (!/^[2-5]$/.test(f[0]) || job === undefined) return false;
    const again = jobs.has(job);
    if (again) jobs = new Set();
    jobs.add(job);
    return again;
  });
}

export function parseFioTerse(
  text: string,
  source: string,
  factors: Factors = {},
  info: Factors = {},
): Dataset {
  const lines = text.split(/\r?\n/).map((l, i) => ({ l, no: i + 1 })).filter(({ l }) => l.trim() !== "");
  if (lines.length === 0) {
    throw new ParseError({ file: source, found: "an empty file", expected: "fio terse lines" });
  }
  let sink: RowSink | undefined;
  for (const { l, no } of lines) {
    const f = l.split(";");
    const version = Number(f[0]);
    if (![2, 3, 4, 5].includes(version)) {
      throw new ParseError({
        file: source,
        location: `line ${no}, field 1`,
        found: JSON.stringify(f[0].slice(0, 20)),
        expected: "a fio terse version (2, 3, 4 or 5)",
      });
    }
    const head = version === 2 ? 4 : 5;
    const block = version === 5 ? 47 : 41;
    const blocks = [1, 2, 3, 4].find((k) =>
      isPercent(f[head + k * block]) && isPercent(f[head + k * block + 1])
    );
    if (blocks === undefined) {
      const needed = head + block * (version === 3 ? 2 : 3);
      throw new ParseError({
        file: source,
        location: `line ${no}`,
        found: f.length < needed
          ? `${f.length} fields`
          : "no CPU usage fields (usr%;sys%) after 1 to 4 blocks",
        expected: f.length < needed
          ? `at least ${needed} for terse version ${version}`
          : `terse version ${version} blocks of ${block} fields`,
        hint: "The line may be cut short",
      });
    }
    const dirs = directions(version, blocks);
    sink ??= new RowSink({
      source,
      factors,
      info,
      tool: "fio",
      toolVersion: version === 2 ? "" : f[1],
      format: "fio-terse",
    });
    const job = f[head - 3];
    dirs.forEach((dir, d) => addBlock(sink!, job, dir, f, head + d * block, no));
    addCpu(sink, job, f, head + blocks * block, no);
  }
  return sink!.dataset;
}

function isPercent(field: string | undefined): boolean {
  return field !== undefined && /^\d+(\.\d+)?%$/.test(field);
}

/** Which direction each block holds, from the version and how many blocks precede the CPU fields. */
function directions(version: number, blocks: number): Direction[] {
  if (blocks === 1) return ["mixed"]; // unified_rw_reporting=mixed
  // v3 never writes trim; a third v3 block, or a fourth in v2/v4/v5, is unified_rw_reporting=both.
  const order: Direction[] = version === 3 ? ["read", "write", "mixed"] : ["read", "write", "trim", "mixed"];
  return order.slice(0, blocks);
}

function addCpu(sink: RowSink, job: string, f: string[], at: number, no: number): void {
  CPU_FIELDS.forEach(([metric, stat, unit], k) => {
    const raw = unit === "%" ? f[at + k].slice(0, -1) : f[at + k];
    sink.add(job, "mixed", metric, stat, raw, unit, `line ${no}, field ${at + k + 1}`);
  });
}

function addBlock(sink: RowSink, job: string, dir: Direction, f: string[], at: number, no: number): void {
  const loc = (k: number) => `line ${no}, field ${at + k + 1}`;
  const kib = checkNumber(f[at], sink.ctx.source, loc(0));
  if (kib === 0) return; // direction not used by this job
  sink.add(job, dir, "bytes", "total", kib, "B", loc(0), 1024);
  sink.add(job, dir, "bw", "mean", f[at + 1], "B/s", loc(1), 1024);
  sink.add(job, dir, "iops", "mean", f[at + 2], "IO/s", loc(2));
  sink.add(job, dir, "runtime", "value", f[at + 3], "s", loc(3), 0.001);
  for (const [metric, offset] of LATENCY_BLOCKS) {
    const values = STATS.map((_, k) => checkNumber(f[at + offset + k], sink.ctx.source, loc(offset + k)));
    if (values.every((v) => v === 0)) continue; // not measured
    STATS.forEach((stat, k) => sink.add(job, dir, metric, stat, values[k], "ns", loc(offset + k), 1000));
  }
  for (let k = 12; k < 32; k++) {
    const [pct, value] = f[at + k].split("=");
    if (value === undefined || !pct.endsWith("%")) {
      throw new ParseError({
        file: sink.ctx.source,
        location: loc(k),
        found: JSON.stringify(f[at + k]),
        expected: 'a percentile as "P%=V"',
      });
    }
    if (Number(pct.slice(0, -1)) === 0) continue; // unused slot
    sink.add(job, dir, "clat", percentileStat(pct), value, "ns", loc(k), 1000);
  }
}
