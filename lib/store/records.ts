/**
 * Tidy records ↔ store tables, both ways and lossless: what an append writes reads back as the very same
 * Dataset (same values, factors, units, sources and order), so an analysis of a stored batch gives exactly
 * the numbers of the folder it came from.
 * @module
 */
import { join } from "node:path";
import { exactNumbers } from "../arrays.ts";
import type {
  Dataset,
  Factors,
  Histogram,
  IngestWarning,
  Measurement,
  RecordBase,
  Series,
} from "../model.ts";
import type { Table } from "./layout.ts";
import { writeParts } from "../export/write.ts";
import { filesOfSources } from "../paths.ts";
import { RecordList } from "../record_list.ts";

/** What `experiment.json` declares (the same shape lib/analysis reads). */
export interface Declaration {
  source: string;
  by?: string;
  baseline?: string;
}

/** A folder's PROVENANCE.md (how it was collected), kept with its batch after the folder is gone. */
export interface Provenance {
  source: string;
  text: string;
}

/** One file as the store keys it. */
export interface FileEntry {
  source: string;
  sha256: string;
  /** File name + factors: with sha256 and batch, what makes a re-add a no-op. */
  identity: string;
  bytes: number;
  format: string | null;
  tool: string | null;
  toolVersion: string | null;
}

/** A batch read back: the records plus what its folders declared. */
export interface StoredBatch {
  dataset: Dataset;
  experiments: Declaration[];
  /** Each stored file's sha256 and size, by source: what a folder compared with the batch is checked against. */
  digests: Map<string, FileDigest>;
}

/** A file's sha256 (hex) and size in bytes, as the store recorded them. */
export interface FileDigest {
  sha256: string;
  bytes: number;
}

/**
 * One table's records of one tool (null: a table not split by tool), as newline-delimited JSON in `paths`, in
 * order: slices of ~{@link SLICE_CHARS} each.
 */
export interface StagedPart {
  table: Table;
  tool: string | null;
  paths: string[];
  /** Rows (lines) and characters of JSON in all of `paths`: how wide a row is (sql.ts rowGroupRows). */
  rows: number;
  chars: number;
}

/**
 * Characters of JSON per staged file. DuckDB's JSON reader holds what it parses of one file: the sockperf
 * histograms of 20× the shipped data (1 200 rows of ~23 KB, 28 MB) took the copy 276 MB above the process as one
 * file, 185 MB in files of 100 rows (and, with row groups as wide as the files', 78 MB: sql.ts rowGroupRows).
 */
const SLICE_CHARS = 2 << 20;

/**
 * Writes an append's records as newline-delimited JSON files in `dir`, per table and tool in slices (far faster
 * than value-by-value appending across the native boundary), a line at a time through one small buffer; DuckDB
 * then copies each table and tool's files into its Parquet partition (append.ts). Neither the lines nor a table
 * are ever held whole: at 20× the shipped data the JSON text held at once, then staged in DuckDB's memory, took the
 * process to 2.2 GB.
 * `row` numbers each source's records from 0: their order in the file, which the read-back restores.
 */
export async function stage(
  dir: string,
  append: string,
  data: {
    dataset: Dataset<Measurement[] | RecordList>;
    experiments: Declaration[];
    provenance: Provenance[];
    files: FileEntry[];
    collected: string;
    added: string;
  },
): Promise<StagedPart[]> {
  const sha = new Map(data.files.map((f) => [f.source, f.sha256]));
  // A run appended to a file with others (`e1000.json#2`) has its file's sha256.
  const fileOf = filesOfSources(data.files);
  // No tool column: the partition's folder (tool=…) says it.
  const base = (r: RecordBase, row: number) => ({
    source: r.source,
    sha256: sha.get(fileOf(r.source)) ?? "",
    row,
    location: r.location ?? null,
    factors: r.factors,
    info: r.info ?? null,
    tool_version: r.toolVersion,
    format: r.format,
    job: r.job,
    direction: r.direction,
  });
  const { dataset } = data;
  const parts: StagedPart[] = [];
  await fill(parts, dir, "runs", true, dataset.rows, (r: Measurement, row) => ({
    ...base(r, row),
    metric: r.metric,
    stat: r.stat,
    value: r.value,
    unit: r.unit,
    append,
  }));
  await fill(parts, dir, "series", true, dataset.series, (s: Series, row) => ({
    ...base(s, row),
    metric: s.metric,
    unit: s.unit,
    interval: s.interval ?? null,
    t: s.t,
    value: s.value,
    min: s.min ?? null,
    max: s.max ?? null,
    append,
  }));
  await fill(parts, dir, "histograms", true, dataset.histograms, (h: Histogram, row) => ({
    ...base(h, row),
    metric: h.metric,
    unit: h.unit,
    value: Array.from(h.value),
    count: Array.from(h.count),
    append,
  }));
  await fill(parts, dir, "warnings", false, dataset.warnings, (w: IngestWarning, row) => ({
    source: w.source,
    row,
    location: w.location ?? null,
    message: w.message,
    append,
  }));
  await fill(parts, dir, "experiments", false, data.experiments, (e: Declaration) => ({
    source: e.source,
    by: e.by ?? null,
    baseline: e.baseline ?? null,
    append,
  }));
  await fill(parts, dir, "provenance", false, data.provenance, (p: Provenance) => ({ ...p, append }));
  await fill(parts, dir, "files", false, data.files, (f: FileEntry) => ({
    source: f.source,
    sha256: f.sha256,
    identity: f.identity,
    bytes: f.bytes,
    format: f.format,
    tool: f.tool,
    tool_version: f.toolVersion,
    collected: data.collected,
    added: data.added,
    append,
  }));
  return parts;
}

/**
 * `items` as lines of JSON, one file per tool when `byTool` (each record's own `tool`), in their order; each
 * source's rows numbered from 0 in that order.
 */
async function fill<T extends { source: string; tool?: string | null }>(
  parts: StagedPart[],
  dir: string,
  table: Table,
  byTool: boolean,
  items: ArrayLike<T> | RecordList,
  toRow: (item: T, row: number) => Record<string, unknown>,
): Promise<void> {
  // Records in columns are read one at a time (each read is a fresh object): no array of them all.
  const at = (i: number) => (items instanceof RecordList ? items.at(i) : items[i]) as T;
  const rows = new Int32Array(items.length);
  const counters = new Map<string, number>();
  const groups = new Map<string | null, number[]>();
  for (let i = 0; i < items.length; i++) {
    const item = at(i);
    rows[i] = counters.get(item.source) ?? 0;
    counters.set(item.source, rows[i] + 1);
    const tool = byTool ? item.tool ?? null : null;
    (groups.get(tool) ?? groups.set(tool, []).get(tool)!).push(i);
  }
  for (const [tool, members] of groups) {
    const paths: string[] = [];
    const next = { member: 0, chars: 0 };
    do {
      const path = join(dir, `${table}-${tool ?? "all"}-${paths.length}.ndjson`);
      await writeParts(path, slice(members, next, (i) => toRow(at(i), rows[i])));
      paths.push(path);
    } while (next.member < members.length);
    parts.push({ table, tool, paths, rows: members.length, chars: next.chars });
  }
}

/**
 * The lines of `members` from `next.member` on, up to ~{@link SLICE_CHARS}; `next` moves past them and counts
 * their characters.
 */
function* slice(
  members: number[],
  next: { member: number; chars: number },
  row: (i: number) => Record<string, unknown>,
): Generator<string> {
  let chars = 0;
  while (next.member < members.length && chars < SLICE_CHARS) {
    const line = JSON.stringify(row(members[next.member++])) + "\n";
    chars += line.length;
    yield line;
  }
  next.chars += chars;
}

// ---- reading back ----

type Row = Record<string, unknown>;

/** Rows of a table → records, in the order a folder load gives them (file walk order, then order in the file). */
export function sortLikeLoad<T extends Row>(rows: T[]): T[] {
  return rows.sort((a, b) =>
    compareSources(a.source as string, b.source as string) || (a.row as number) - (b.row as number)
  );
}

/** Path order of lib/ingest's folder walk: segment by segment, each folder's entries sorted by name. */
export function compareSources(a: string, b: string): number {
  if (a === b) return 0;
  const sa = a.split("/"), sb = b.split("/");
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}

/** The records of every table of one batch, as a Dataset. */
export function toDataset(
  tables: Record<"runs" | "series" | "histograms" | "warnings" | "files", Row[]>,
): Dataset {
  const shared = new Map<string, Factors>();
  const rows = sortLikeLoad(tables.runs).map((r) => ({
    ...recordBase(r, shared),
    metric: r.metric as string,
    stat: r.stat as string,
    value: r.value as number,
    unit: r.unit as Measurement["unit"],
  }));
  const series = sortLikeLoad(tables.series).map((r) => {
    const s: Series = {
      ...recordBase(r, shared),
      metric: r.metric as string,
      unit: r.unit as Series["unit"],
      t: r.t as number[],
      value: r.value as number[],
    };
    if (r.min !== null) s.min = r.min as number[];
    if (r.max !== null) s.max = r.max as number[];
    if (r.interval !== null) s.interval = r.interval as number;
    return s;
  });
  const histograms = sortLikeLoad(tables.histograms).map((r) => ({
    ...recordBase(r, shared),
    metric: r.metric as Histogram["metric"],
    unit: "ns" as const,
    value: exactNumbers(r.value as number[]),
    count: exactNumbers(r.count as number[]),
  }));
  const warnings = sortLikeLoad(tables.warnings).map((r) => {
    const w: IngestWarning = { source: r.source as string, message: r.message as string };
    if (r.location !== null) w.location = r.location as string;
    return w;
  });
  const files = tables.files.filter((f) => f.format !== null)
    .sort((a, b) => compareSources(a.source as string, b.source as string))
    .map((f) => ({
      source: f.source as string,
      format: f.format as Dataset["files"][number]["format"],
      toolVersion: f.tool_version as string,
    }));
  return { rows, series, histograms, warnings, files };
}

/** Rebuilds the common columns; `factors` objects are shared between records with the same factors, as the loader does. */
function recordBase(r: Row, shared: Map<string, Factors>): RecordBase {
  const entries = r.factors as { key: string; value: string }[];
  const key = JSON.stringify(entries);
  const factors = shared.get(key) ??
    shared.set(key, Object.fromEntries(entries.map((e) => [e.key, e.value]))).get(key)!;
  const base: RecordBase = {
    source: r.source as string,
    factors,
    tool: r.tool as RecordBase["tool"],
    toolVersion: r.tool_version as string,
    format: r.format as RecordBase["format"],
    job: r.job as string,
    direction: r.direction as RecordBase["direction"],
    // The key always, as the loader makes records (model.ts RecordBase.info).
    info: r.info === null || r.info === undefined
      ? undefined
      : Object.fromEntries((r.info as { key: string; value: string }[]).map((e) => [e.key, e.value])),
  };
  if (r.location !== null) base.location = r.location as string;
  return base;
}
