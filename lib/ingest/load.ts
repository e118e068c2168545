/**
 * Loading files and whole folders: detect each file's format from its content, take factors from
 * `key=value` folders (and manifests), dispatch to the format's parser, merge.
 * @module
 */
import { basename, dirname, join, relative } from "node:path";
import type { Dataset, Factors, Format } from "../model.ts";
import { detectFormat, HEAD_BYTES } from "./detect.ts";
import { describeError, IngestError, ParseError, ToolRunError, UnknownFormatError } from "./errors.ts";
import { factorsFromPath, fioLogMetric, workloadOf } from "./factors.ts";
import { ingestFioLog } from "./fio_log.ts";
import { parseFioJson } from "./fio_json.ts";
import { parseFioTerse } from "./fio_terse.ts";
import { parseHostCpu } from "./host_cpu.ts";
import { parseIperf2Csv } from "./iperf2_csv.ts";
import { parseIperf3Json } from "./iperf3_json.ts";
import { readManifest } from "./manifest.ts";
import { mergeDatasets } from "./merge.ts";
import { emptyDataset } from "./rows.ts";
import { parseSockperfLog, parseSockperfSummary } from "./sockperf.ts";

export interface LoadOptions {
  /** Folder that paths in rows are relative to, and where factor folders start (default: the file's folder). */
  root?: string;
  /** Extra factors for every file (they win over path factors). */
  factors?: Factors;
  /** "throw" (default) stops at the first bad file; "collect" records it as a warning and goes on. */
  onError?: "throw" | "collect";
}

const TEXT_PARSERS: Record<
  Exclude<Format, "fio-log" | "derived">,
  (text: string, source: string, f: Factors) => Dataset
> = {
  "fio-json": parseFioJson,
  "fio-terse": parseFioTerse,
  "iperf3-json": parseIperf3Json,
  "iperf2-csv": parseIperf2Csv,
  "host-cpu": parseHostCpu,
  "sockperf-summary": parseSockperfSummary,
  "sockperf-log": parseSockperfLog,
};

/** Files that describe a data set rather than hold results: never parsed. */
const METADATA = /^(readme|provenance|manifest|experiment|guest-versions|runs)\b|\.(md|jsonl)$/i;

/** Loads one file of any supported format. */
export async function loadFile(path: string, opts: LoadOptions = {}): Promise<Dataset> {
  const root = opts.root ?? dirname(path);
  const source = relative(root, path) || basename(path);
  const factors = { ...factorsFromPath(source), ...opts.factors };
  const head = await readHead(path);
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
      found: `content starting ${JSON.stringify(head.trimStart().split(/\r?\n/)[0].slice(0, 40))}`,
      expected:
        "fio JSON/json+, fio terse, a fio log, iperf3 JSON, iperf 2 CSV, sockperf ping-pong output or log, or a host CPU record",
    });
  }
  if (format === "fio-log") {
    return ingestFioLog(path, { source, factors, toolVersion: await siblingFioVersion(path) });
  }
  return TEXT_PARSERS[format](await Deno.readTextFile(path), source, factors);
}

/** Loads every result file under `root` (recursively, in sorted order) into one dataset. */
export async function loadDir(root: string, opts: LoadOptions = {}): Promise<Dataset> {
  const parts: Dataset[] = [];
  const stat = await Deno.stat(root);
  if (stat.isFile) return loadFile(root, opts);
  for await (const { path, factors } of walk(root, new Map())) {
    const extra = { ...factors, ...opts.factors };
    try {
      parts.push(await loadFile(path, { root, factors: extra, onError: opts.onError }));
    } catch (err) {
      if (opts.onError !== "collect" || !(err instanceof IngestError)) throw err;
      const partial = err instanceof ToolRunError ? err.partial as Dataset | undefined : undefined;
      const skipped = err instanceof UnknownFormatError;
      const warning = emptyDataset();
      warning.warnings.push({
        source: relative(root, path),
        message: skipped ? `skipped (not a recognised format): ${describeError(err)}` : describeError(err),
      });
      parts.push(partial ? mergeDatasets(partial, warning) : warning);
    }
  }
  return mergeDatasets(...parts);
}

/** Files under `dir` in sorted order, with the factors that manifests here or above give them. */
async function* walk(
  dir: string,
  manifests: Map<string, Factors>,
): AsyncGenerator<{ path: string; factors: Factors }> {
  const entries: Deno.DirEntry[] = [];
  for await (const e of Deno.readDir(dir)) entries.push(e);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const known = new Map([...manifests, ...await readManifest(dir)]);
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory) yield* walk(path, known);
    else if (e.isFile && !METADATA.test(e.name)) yield { path, factors: { ...known.get(path) } };
  }
}

async function readHead(path: string): Promise<string> {
  const file = await Deno.open(path, { read: true });
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    let filled = 0;
    while (filled < buf.length) {
      const n = await file.read(buf.subarray(filled));
      if (n === null) break;
      filled += n;
    }
    return new TextDecoder().decode(buf.subarray(0, filled));
  } finally {
    file.close();
  }
}

/** The fio version from `<workload>.json` beside a log, which tells µs (fio 2) from ns (fio 3) latencies. */
async function siblingFioVersion(logPath: string): Promise<string | undefined> {
  try {
    const head = await readHead(join(dirname(logPath), `${workloadOf(basename(logPath))}.json`));
    return head.match(/"fio version"\s*:\s*"([^"]+)"/)?.[1];
  } catch {
    return undefined;
  }
}
