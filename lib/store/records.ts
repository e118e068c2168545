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
import type { StoreDb } from "./db.ts";
import type { Table } from "./layout.ts";
import { stageFromJson } from "./sql.ts";

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
}

/**
 * Fills the staging tables `stage_<table>` with an append's records, through newline-delimited JSON files in
 * `dir` (far faster than value-by-value appending across the native boundary). `row` numbers each source's
 * records from 0: their order in the file, which the read-back restores.
 */
export async function stage(
  db: StoreDb,
  dir: string,
  append: string,
  data: {
    dataset: Dataset;
    experiments: Declaration[];
    provenance: Provenance[];
    files: FileEntry[];
    collected: string;
    added: string;
  },
): Promise<void> {
  const sha = new Map(data.files.map((f) => [f.source, f.sha256]));
  const base = (r: RecordBase, row: number) => ({
    tool: r.tool,
    source: r.source,
    sha256: sha.get(r.source) ?? "",
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
  await fill(db, dir, "runs", true, dataset.rows, (r: Measurement, row) => ({
    ...base(r, row),
    metric: r.metric,
    stat: r.stat,
    value: r.value,
    unit: r.unit,
    append,
  }));
  await fill(db, dir, "series", true, dataset.series, (s: Series, row) => ({
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
  await fill(db, dir, "histograms", true, dataset.histograms, (h: Histogram, row) => ({
    ...base(h, row),
    metric: h.metric,
    unit: h.unit,
    value: Array.from(h.value),
    count: Array.from(h.count),
    append,
  }));
  await fill(db, dir, "warnings", false, dataset.warnings, (w: IngestWarning, row) => ({
    source: w.source,
    row,
    location: w.location ?? null,
    message: w.message,
    append,
  }));
  await fill(db, dir, "experiments", false, data.experiments, (e: Declaration) => ({
    source: e.source,
    by: e.by ?? null,
    baseline: e.baseline ?? null,
    append,
  }));
  await fill(db, dir, "provenance", false, data.provenance, (p: Provenance) => ({ ...p, append }));
  await fill(db, dir, "files", false, data.files, (f: FileEntry) => ({
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
}

async function fill<T extends { source: string }>(
  db: StoreDb,
  dir: string,
  table: Table,
  withTool: boolean,
  items: T[],
  toRow: (item: T, row: number) => Record<string, unknown>,
): Promise<void> {
  const counters = new Map<string, number>();
  const lines = items.map((item) => {
    const row = counters.get(item.source) ?? 0;
    counters.set(item.source, row + 1);
    return JSON.stringify(toRow(item, row));
  });
  const path = join(dir, `${table}.ndjson`);
  await Deno.writeTextFile(path, lines.join("\n") + "\n");
  await db.run(stageFromJson(table, withTool, path));
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
