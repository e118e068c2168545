/**
 * The default batch of a folder: the UTC date its collection started, from the harness's provenance
 * (`runs.jsonl` "started", else "on YYYY-MM-DD" in PROVENANCE.md), else from the time stamps the tools write
 * into their output (fio JSON `timestamp`, iperf3 `timesecs`, iperf 2 CSV's first column, the date of a job in fio's
 * normal output, the time iperf3 `--timestamps` puts before its text).
 * @module
 */
import { join } from "node:path";
import { StoreError } from "./errors.ts";
import { pushAll } from "../arrays.ts";

export interface CollectionDate {
  batch: string;
  /** Where the date came from, in words (stored with every file of the append). */
  from: string;
}

const HEAD_BYTES = 4096;

/** The collection date of `root`; `sources` are the result files (relative to root) to read time stamps from. */
export async function collectionDate(root: string, sources: string[]): Promise<CollectionDate> {
  const isDir = (await Deno.stat(root)).isDirectory;
  const meta = isDir ? await findFiles(root, /^(runs\.jsonl|PROVENANCE\.md)$/) : [];
  const started = await earliest(meta.filter((p) => p.endsWith("runs.jsonl")), runsStarted);
  if (started) {
    return { batch: day(started.time), from: `${started.path} (first run started ${started.text})` };
  }
  const declared = await earliest(meta.filter((p) => p.endsWith("PROVENANCE.md")), provenanceDate);
  if (declared) return { batch: declared.text, from: `${declared.path} ("collected … on ${declared.text}")` };
  const paths = isDir ? sources.map((s) => join(root, s)) : [root];
  const stamped = await earliest(paths, toolTimestamp);
  if (stamped) return { batch: day(stamped.time), from: `${stamped.path} (time stamp ${stamped.text})` };
  throw new StoreError(
    `Cannot tell when ${root} was collected (no runs.jsonl, PROVENANCE.md or tool time stamp): ` +
      `name its batch with --batch NAME.`,
  );
}

interface Found {
  path: string;
  time: number;
  text: string;
}

async function earliest(paths: string[], read: (text: string) => Omit<Found, "path"> | null) {
  let best: Found | null = null;
  for (const path of paths) {
    const found = read(await readHead(path, path.endsWith(".jsonl") ? Infinity : HEAD_BYTES));
    if (found && (best === null || found.time < best.time)) best = { path, ...found };
  }
  return best;
}

function runsStarted(text: string) {
  const times = [...text.matchAll(/"started"\s*:\s*"([^"]+)"/g)].map((m) => m[1])
    .filter((t) => !Number.isNaN(Date.parse(t))).sort((a, b) => Date.parse(a) - Date.parse(b));
  return times.length ? { time: Date.parse(times[0]), text: times[0] } : null;
}

function provenanceDate(text: string) {
  const m = text.match(/\bon (\d{4}-\d{2}-\d{2})\b/);
  return m ? { time: Date.parse(m[1]), text: m[1] } : null;
}

function toolTimestamp(text: string) {
  const seconds = text.match(/"(?:timestamp|timesecs)"\s*:\s*(\d{9,11})\b/)?.[1];
  if (seconds) {
    return {
      time: Number(seconds) * 1000,
      text: new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z"),
    };
  }
  const normal = text.match(FIO_NORMAL_DATE) ?? text.match(IPERF3_TIMESTAMP);
  if (normal) {
    // fio and iperf3 write the host's local time without its zone: the day it names is the day the user saw.
    const [, month, date, hh, mm, ss, year] = normal;
    const time = Date.UTC(
      Number(year),
      MONTHS.indexOf(month),
      Number(date),
      Number(hh),
      Number(mm),
      Number(ss),
    );
    return Number.isNaN(time)
      ? null
      : { time, text: `${normal[0].replace(/^: /, "").replace(/\s+/g, " ")}, local time` };
  }
  const csv = text.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?,/);
  if (!csv) return null;
  const iso = `${csv[1]}-${csv[2]}-${csv[3]}T${csv[4]}:${csv[5]}:${csv[6]}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : { time: Date.parse(iso), text: iso };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** `randread: (groupid=0, jobs=1): err= 0: pid=1286: Fri Dec  4 21:06:27 2026` (ctime, as fio prints it). */
const FIO_NORMAL_DATE = /(?<=\): err=\s*\d+: pid=\d+): \w{3} (\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})/;
/** `Fri Dec  4 21:55:02 2026 Connecting to host …`: iperf3 --timestamps (default format) before its first line. */
const IPERF3_TIMESTAMP =
  /^\w{3} (\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})(?= (?:.*?: {2})?Connecting to host )/m;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

async function readHead(path: string, max: number): Promise<string> {
  if (max === Infinity) return await Deno.readTextFile(path);
  const file = await Deno.open(path);
  try {
    const buf = new Uint8Array(max);
    const n = (await file.read(buf)) ?? 0;
    return new TextDecoder().decode(buf.subarray(0, n));
  } finally {
    file.close();
  }
}

/** Files under `dir` whose name matches, sorted, skipping hidden folders. */
async function findFiles(dir: string, name: RegExp): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory) pushAll(out, await findFiles(path, name));
    else if (name.test(e.name)) out.push(path);
  }
  return out.sort();
}
