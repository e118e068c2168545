/**
 * Loading files and whole folders: detect each file's format from its content, take factors from the
 * path (`key=value` folders, repetition marks, a layout template) and manifests, dispatch to the format's
 * parser (which adds the content's own factors), merge. A folder's files are parsed on every core when there
 * are enough of them (load_pool.ts) and merged in walk order, so the dataset equals a one-thread load; each
 * file's dataset passes through one Interner (intern.ts), so a row holds shared strings, not fresh copies.
 * @module
 */
import { basename, dirname, join, normalize, relative, sep } from "node:path";
import type { Dataset, Factors, Format, IngestWarning, Rows } from "../model.ts";
import { inColumns, RecordList } from "../record_list.ts";
import { chain, pushAll } from "../arrays.ts";
import { detectFormat, HEAD_BYTES } from "./detect.ts";
import {
  describeError,
  IngestError,
  ParseError,
  ToolRunError,
  UnknownFormatError,
  unreadable,
} from "./errors.ts";
import { jobNameWarnings } from "./consistency.ts";
import { findDuplicates, type WalkedFile } from "./duplicates.ts";
import { followLink } from "./links.ts";
import { fioLogMetric, numberedNames, pathFactors, workloadOf } from "./factors.ts";
import { type Layout, parseLayout } from "./layout.ts";
import { ingestFioLog } from "./fio_log.ts";
import { parseFioJson } from "./fio_json.ts";
import { parseFioTerse } from "./fio_terse.ts";
import { parseFioNormal } from "./fio_normal.ts";
import { parseIperf3Text } from "./iperf3_text.ts";
import { parseIperf2Text } from "./iperf2_text.ts";
import { parseHostCpu } from "./host_cpu.ts";
import { parseIperf2Csv } from "./iperf2_csv.ts";
import { parseIperf3Json } from "./iperf3_json.ts";
import { readManifest } from "./manifest.ts";
import { Arrivals, mergeDatasets } from "./merge.ts";
import { emptyDataset } from "./rows.ts";
import { Interner } from "./intern.ts";
import { parseAppended, runsOf } from "./appended.ts";
import { loadInPool, type PoolFile, sizeOf } from "./load_pool.ts";
import { parseSockperfLog, parseSockperfLogSummary, parseSockperfSummary } from "./sockperf.ts";
import { dropImplausible } from "./plausible.ts";
import { decodeText, type Encoding, encodingOf } from "./text.ts";
import { scanSockperfLog } from "./sockperf_log_scan.ts";
import { readWhole, scratchBytes } from "./scratch.ts";

export interface LoadOptions {
  /** Folder that paths in rows are relative to, and where factor folders start (default: the file's folder). */
  root?: string;
  /** Extra factors for every file (they win over path factors). */
  factors?: Factors;
  /** Where the factors are in names that are not `key=value`, e.g. `{config}-run{rep}.json` (see layout.ts). */
  layout?: string | Layout;
  /** "throw" (default) stops at the first bad file; "collect" records it as a warning and goes on. */
  onError?: "throw" | "collect";
  /** Paths (relative to `root`) whose bare trailing number is a repetition; loadDir finds them (numberedNames). */
  numbered?: ReadonlySet<string>;
  /**
   * The fio versions read so far from the JSON beside each log, by that JSON's path: the logs of one run share it
   * (loadDir gives every file of a folder one map: the shipped data's 800 logs have 160 such files between them).
   */
  fioVersions?: Map<string, Promise<string | undefined>>;
  /**
   * loadDir: threads parsing files at once, the main thread included. Default: every core for a folder of
   * at least {@link POOL_MIN_FILES} files, else one (starting a worker costs more than a few files take).
   */
  threads?: number;
  /** loadDir: told the bytes and files it will read (a folder's once it is walked), before any file is parsed. */
  onSized?: (bytes: number, files: number) => void;
}

/** Fewer files than this are parsed on the main thread alone (see loadDir). */
export const POOL_MIN_FILES = 200;

const TEXT_PARSERS: Record<
  Exclude<Format, "fio-log" | "derived">,
  (text: string, source: string, f: Factors, info: Factors) => Dataset
> = {
  "fio-json": parseFioJson,
  "fio-terse": parseFioTerse,
  "fio-normal": parseFioNormal,
  "iperf3-json": parseIperf3Json,
  "iperf3-text": parseIperf3Text,
  "iperf2-csv": parseIperf2Csv,
  "iperf2-text": parseIperf2Text,
  "host-cpu": parseHostCpu,
  "sockperf-summary": parseSockperfSummary,
  "sockperf-log": parseSockperfLog,
};

/** Files that describe a data set rather than hold results: never parsed. */
const METADATA = /^(readme|provenance|manifest|experiment|guest-versions|runs)\b|\.(md|jsonl)$/i;

/** Loads one file of any supported format. */
export async function loadFile(path: string, opts: LoadOptions = {}): Promise<Dataset> {
  const root = opts.root ?? dirname(path);
  const source = relativeTo(root, path) || basename(path);
  const layout = typeof opts.layout === "string" ? parseLayout(opts.layout) : opts.layout;
  const fromPath = pathFactors(source, layout, opts.numbered);
  const factors = { ...fromPath.factors, ...opts.factors };
  const data = dropImplausible(await parseFile(path, source, factors, fromPath.info, opts.fioVersions));
  withPathInfo(data, fromPath.info);
  for (const message of fromPath.warnings) data.warnings.push({ source, message });
  return data;
}

/**
 * The path's descriptive factors (a plain folder name, a date) on every record a parser made without any: fio's
 * JSON and terse, iperf and iperf 2 add them with their own, sockperf's files, fio's logs and host CPU records did
 * not, so a sockperf run in `e1000/` could not be compared by its folder as the iperf3 runs beside it were.
 */
function withPathInfo(data: Dataset, info: Factors): void {
  if (Object.keys(info).length === 0) return;
  for (const r of data.rows) r.info ??= info;
  for (const s of data.series) s.info ??= info;
  for (const h of data.histograms) h.info ??= info;
}

async function parseFile(
  path: string,
  source: string,
  factors: Factors,
  info: Factors,
  fioVersions = new Map<string, Promise<string | undefined>>(),
): Promise<Dataset> {
  const { text: head, encoding, whole, packed } = await readHead(path).catch((err) =>
    Promise.reject(unreadable(err, path))
  );
  if (packed) {
    throw new UnknownFormatError({
      file: source,
      found: `a ${packed.name} archive`,
      expected: "the tool's own output as text",
      hint: `Unpack it first, e.g. ${packed.unpack} ${
        source.includes(" ") ? JSON.stringify(source) : source
      }`,
    });
  }
  if (head.trim() === "") {
    if (fioLogMetric(basename(path))) {
      // Legitimate fio output: a log with nothing to record (slat with a synchronous engine, a run shorter
      // than log_avg_msec). Say so, and carry on.
      const empty = emptyDataset();
      empty.warnings.push({
        source,
        message:
          `${source}: an empty fio log (fio recorded nothing, e.g. a run shorter than log_avg_msec); no rows from it`,
      });
      return empty;
    }
    throw new ParseError({
      file: source,
      found: head.length ? "only whitespace" : "an empty file (0 bytes)",
      expected: "benchmark output",
      hint: "The run probably failed before writing its output",
    });
  }
  const format = detectFormat(head);
  if (!format) {
    throw new UnknownFormatError({
      file: source,
      found: binary(head)
        ? "binary data, not text (an image, an archive or a compiled file?)"
        : `content starting ${JSON.stringify(head.trimStart().split(/\r?\n/)[0].slice(0, 40))}`,
      expected:
        "fio JSON/json+, fio terse, fio's normal output, a fio log, iperf3 JSON or text output, iperf 2 CSV or text output, sockperf ping-pong output or log, or a host CPU record",
    });
  }
  if (format === "fio-log") {
    if (encoding !== "utf-8") {
      throw new ParseError({
        file: source,
        found: "a fio log in UTF-16",
        expected: "fio's own UTF-8 (ASCII) log",
        hint: "Convert it, e.g. iconv -f UTF-16 -t UTF-8",
      });
    }
    const json = join(dirname(path), `${workloadOf(basename(path))}.json`);
    if (!fioVersions.has(json)) fioVersions.set(json, fioVersionOf(json));
    return ingestFioLog(path, { source, factors, toolVersion: await fioVersions.get(json) });
  }
  // A full log is read in chunks; only a file that fails is read whole, for parseSockperfLog's message.
  const scanned = format === "sockperf-log" ? scanSockperfLog(path, source, factors) : undefined;
  if (scanned) return scanned;
  // Most result files are smaller than the head: then the head is the file, and it is not opened again.
  let text = head;
  if (!whole) {
    try {
      text = decodeText(readWhole(path));
    } catch (err) {
      throw unreadable(err, path);
    }
  }
  // Several runs appended to one file are each a run (appended.ts).
  return parseAppended(TEXT_PARSERS[format], runsOf(format, text), text, source, factors, info);
}

/** A compressed or archived file, told by its first bytes, and the command that unpacks it. */
interface Packed {
  name: string;
  magic: number[];
  unpack: string;
}
const PACKED: Packed[] = [
  { name: "gzip", magic: [0x1f, 0x8b], unpack: "gunzip -k" },
  { name: "xz", magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], unpack: "unxz -k" },
  { name: "zstd", magic: [0x28, 0xb5, 0x2f, 0xfd], unpack: "unzstd" },
  { name: "bzip2", magic: [0x42, 0x5a, 0x68], unpack: "bunzip2 -k" },
  { name: "zip", magic: [0x50, 0x4b, 0x03, 0x04], unpack: "unzip" },
];

/**
 * Whether a file's decoded head is binary: a NUL, or many characters that are neither printable nor whitespace
 * (bytes that are not UTF-8 decode to U+FFFD). Quoting such a head in a sentence shows only mojibake.
 */
function binary(head: string): boolean {
  const sample = head.slice(0, 512);
  if (sample.includes("\u0000")) return true;
  // Control characters are what is looked for here.
  // deno-lint-ignore no-control-regex
  const odd = sample.match(/[\uFFFD\u0001-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  return odd > sample.length / 10;
}

/**
 * `relative(root, path)` without its two trips to the system for the working folder when `path` is `root` joined
 * with more (as the walk makes every path): ~25 ms of the shipped data's 1 460-file load.
 */
function relativeTo(root: string, path: string): string {
  const within = path.startsWith(root + sep) && normalize(root) === root && normalize(path) === path;
  return within ? path.slice(root.length + 1) : relative(root, path);
}

/** Loads every result file under `root` (recursively, in sorted order) into one dataset. */
export async function loadDir(root: string, opts: LoadOptions = {}): Promise<Dataset> {
  return await loadFolder(root, opts, false) as Dataset;
}

/**
 * {@link loadDir} with the records kept in columns (lib/record_list.ts) as each file arrives: what a request reads
 * (lib/analysis/request.ts). At 20× the shipped data the records as objects were ~52 MB of a reading that peaked
 * at ~330 MB; in columns they are ~10 MB.
 */
export async function loadDirColumns(root: string, opts: LoadOptions = {}): Promise<Dataset<RecordList>> {
  return await loadFolder(root, opts, true) as Dataset<RecordList>;
}

async function loadFolder(
  root: string,
  opts: LoadOptions,
  columns: boolean,
): Promise<Dataset | Dataset<RecordList>> {
  const parts: number[] = []; // arrivals, in walk order
  const stat = await Deno.stat(root).catch((err) => Promise.reject(unreadable(err, root)));
  if (stat.isFile) {
    opts.onSized?.(stat.size, 1);
    const one = await loadFile(root, opts);
    return columns ? inColumns(one) : one;
  }
  const layout = typeof opts.layout === "string" ? parseLayout(opts.layout) : opts.layout;
  const walked = emptyDataset();
  const files: (WalkedFile & { manifest: Factors })[] = [];
  const rootReal = await Deno.realPath(root).catch((err) => Promise.reject(unreadable(err, root)));
  const ctx = { rootReal, seen: new Set<string>(), warnings: walked.warnings, root };
  const found: { path: string; factors: Factors }[] = [];
  for await (const file of walk(root, new Map(), ctx)) found.push(file);
  // Repetitions numbered only by a bare trailing number are told apart from names by looking at all files at once.
  const sources = found.map(({ path }) => relativeTo(root, path));
  const numbered = numberedNames(sources);
  for (const [k, { path, factors }] of found.entries()) {
    const source = sources[k];
    files.push({
      path,
      source,
      factors: { ...pathFactors(source, layout, numbered).factors, ...factors },
      manifest: factors,
      size: sizeOf(path), // asked once, for the duplicates and the pool's order
    });
  }
  opts.onSized?.(files.reduce((sum, f) => sum + (f.size ?? 0), 0), files.length);
  const duplicates = findDuplicates(files);
  const toLoad: PoolFile[] = files.filter(({ path }) => !duplicates.has(path)).map((
    { path, manifest, size },
  ) => ({
    path,
    size,
    root,
    factors: { ...manifest, ...opts.factors },
    layout: layout?.template,
    numbered,
  }));
  const fioVersions = new Map<string, Promise<string | undefined>>();
  const loadOne = ({ path, root, factors }: PoolFile) =>
    loadFile(path, { root, factors, onError: opts.onError, layout, numbered, fioVersions });
  const threads = opts.threads ?? (toLoad.length >= POOL_MIN_FILES ? navigator.hardwareConcurrency : 1);
  const interner = new Interner();
  // Each file's records join one set of arrays as they arrive, merged in walk order at the end (merge.ts).
  const arrivals = new Arrivals({ columns });
  const keep = (data: Dataset) => arrivals.add(interner.dataset(data));
  // One thread: each file when its turn comes (a failing file stops the load before the next is read).
  const loaded = threads > 1 ? await loadInPool(toLoad, threads, loadOne, keep) : [];
  parts.push(arrivals.add(walked));
  let next = 0;
  for (const { path, source } of files) {
    const copyOf = duplicates.get(path);
    if (copyOf) {
      const skipped = emptyDataset();
      skipped.warnings.push({
        source,
        message: `${source}: byte-identical to ${copyOf} (the same run copied?); counted once`,
      });
      parts.push(arrivals.add(skipped));
      continue;
    }
    const file = toLoad[next];
    const result = loaded[next++] ??
      await loadOne(file).then((data) => ({ data: keep(data) }), (error) => ({ error }));
    if ("data" in result) {
      parts.push(result.data);
      continue;
    }
    const err = result.error;
    if (opts.onError !== "collect" || !(err instanceof IngestError)) throw err;
    const partial = err instanceof ToolRunError ? err.partial as Dataset | undefined : undefined;
    const skipped = err instanceof UnknownFormatError;
    const warning = emptyDataset();
    warning.warnings.push({
      source: relativeTo(root, path),
      message: skipped ? `skipped (not a recognised format): ${describeError(err)}` : describeError(err),
    });
    parts.push(arrivals.add(partial ? mergeDatasets(interner.dataset(partial), warning) : warning));
  }
  const merged = columns ? arrivals.mergedColumns(parts) : arrivals.merged(parts);
  pushAll(merged.warnings, jobNameWarnings(merged));
  for (const part of await loneLogSummaries(merged, root)) mergeInto(merged, interner.dataset(part));
  return merged;
}

/**
 * The statistics of each sockperf full log whose run has no client output beside it (`sockperf … --full-log
 * x.csv > /dev/null`): the log begins with the same statistics, read from its head, so the run's round trips are
 * compared, not only drawn. Where the client output is there (the harness keeps both), the log adds none of its own,
 * and a run's numbers are not counted twice. Runs pair as the analysis pairs them: by their factors.
 */
async function loneLogSummaries(ds: Dataset<Rows>, root: string): Promise<Dataset[]> {
  const key = (f: Factors) => JSON.stringify(Object.entries(f).sort());
  const summarised = new Set<string>();
  // Each run's factors object once: this pass reads every record of the folder.
  let last: Factors | undefined;
  for (const r of ds.rows) {
    if (r.format !== "sockperf-summary" || r.factors === last) continue;
    last = r.factors;
    summarised.add(key(r.factors));
  }
  const lone = new Map<string, { factors: Factors; info?: Factors }>();
  for (const h of ds.histograms) {
    if (h.format === "sockperf-log" && !summarised.has(key(h.factors))) lone.set(h.source, h);
  }
  const out: Dataset[] = [];
  for (const [source, { factors, info }] of lone) {
    const { text } = await readHead(join(root, source), LOG_SUMMARY_BYTES);
    const part = parseSockperfLogSummary(text, source, factors);
    if (info) withPathInfo(part, info); // the log's own, as its histograms have it
    out.push(part);
  }
  return out;
}

/** Enough of a full log for its statistics (~1.5 kB per server) and the header of its per-message lines. */
const LOG_SUMMARY_BYTES = 64 * 1024;

/** Appends `part`'s rows and warnings to `ds` (the arrays are the dataset's own: merge.ts made them). */
function mergeInto(ds: Dataset | Dataset<RecordList>, part: Dataset): void {
  if (ds.rows instanceof RecordList) ds.rows = RecordList.from(chain([ds.rows, part.rows]));
  else pushAll(ds.rows, part.rows);
  pushAll(ds.warnings, part.warnings);
}

interface WalkContext {
  root: string;
  rootReal: string;
  /** Real paths of the folders being walked (the current one and its parents): a link to one is a loop. */
  seen: Set<string>;
  warnings: IngestWarning[];
}

/** Files under `dir` in sorted order, with the factors that manifests here or above give them. */
async function* walk(
  dir: string,
  manifests: Map<string, Factors>,
  ctx: WalkContext,
): AsyncGenerator<{ path: string; factors: Factors }> {
  const entries: Deno.DirEntry[] = [];
  let real: string;
  try {
    real = Deno.realPathSync(dir);
    for (const e of Deno.readDirSync(dir)) entries.push(e);
  } catch (err) {
    throw unreadable(err, dir);
  }
  ctx.seen.add(real);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const known = new Map([...manifests, ...await readManifest(dir, entries)]);
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    let { isDirectory, isFile } = e;
    if (e.isSymlink) {
      const target = await followLink(path, ctx.rootReal);
      const why = target.kind === "skip"
        ? target.why
        : target.kind === "folder" && ctx.seen.has(target.real)
        ? `a symbolic link back to ${relative(ctx.rootReal, target.real) || "the data folder"} (a loop)`
        : null;
      if (why) {
        const source = relative(ctx.root, path);
        ctx.warnings.push({ source, message: `${source}: skipped: ${why}` });
        continue;
      }
      [isDirectory, isFile] = [target.kind === "folder", target.kind === "file"];
    }
    if (isDirectory) yield* walk(path, known, ctx);
    else if (isFile && !METADATA.test(e.name)) yield { path, factors: { ...known.get(path) } };
    else if (!isFile) {
      // A named pipe would block the reader forever, a socket or device is no result: skipped, and said.
      const source = relative(ctx.root, path);
      ctx.warnings.push({ source, message: `${source}: skipped: ${specialKind(path)}, not a regular file` });
    }
  }
  ctx.seen.delete(real);
}

function specialKind(path: string): string {
  try {
    const st = Deno.lstatSync(path);
    if (st.isFifo) return "a named pipe (FIFO)";
    if (st.isSocket) return "a socket";
    if (st.isBlockDevice || st.isCharDevice) return "a device";
  } catch { /* gone meanwhile: named below */ }
  return "something that is neither a file nor a folder";
}

// Synchronous file access in the loader: a large folder is tens of thousands of small files, and each
// asynchronous call is a round trip through Deno's thread pool that costs more than the read itself.
// deno-lint-ignore require-await
async function readHead(
  path: string,
  limit = HEAD_BYTES,
): Promise<{ text: string; encoding: Encoding; whole: boolean; packed?: Packed }> {
  const file = Deno.openSync(path, { read: true });
  try {
    const stat = file.statSync(); // no bigger than the file: zeroing 64 kB per small file adds up
    const buf = scratchBytes(stat.isFile ? Math.min(limit, stat.size) : limit);
    let filled = 0;
    while (filled < buf.length) {
      const n = file.readSync(buf.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    // A cut in the middle of a UTF-16 pair or a UTF-8 sequence only spoils the head's last character.
    const bytes = buf.subarray(0, filled);
    // `whole`: the head is every byte the file had when it was opened (its text is the whole file's text).
    return {
      text: decodeText(bytes),
      encoding: encodingOf(bytes),
      whole: stat.isFile && filled === stat.size,
      packed: PACKED.find((p) => p.magic.every((b, i) => bytes[i] === b)),
    };
  } finally {
    file.close();
  }
}

/** The fio version in `<workload>.json` beside a log, which tells µs (fio 2) from ns (fio 3) latencies. */
async function fioVersionOf(json: string): Promise<string | undefined> {
  const version = (head: string) => head.match(/"fio version"\s*:\s*"([^"]+)"/)?.[1];
  try {
    // fio writes the version first: 4 KiB holds it unless fio's notes come before the JSON (then the usual head).
    const { text: start } = await readHead(json, SIBLING_HEAD_BYTES);
    return version(start) ?? version((await readHead(json)).text);
  } catch {
    return undefined;
  }
}
const SIBLING_HEAD_BYTES = 4096;
