/**
 * Appending a loaded folder to the store: one Parquet file per table, tool and batch, written to a staging
 * folder and renamed into its partition (a reader never sees half a file), under the store's lock (two appends
 * at once take turns). The `files` part is renamed last: it marks the append complete, and a later append
 * removes the parts of one that never completed (a crash between renames).
 * @module
 */
import { basename, join } from "node:path";
import type { Dataset, Measurement } from "../model.ts";
import { RecordList } from "../record_list.ts";
import { filesOfSources } from "../paths.ts";
import { collectionDate } from "./batch.ts";
import { StoreDb } from "./db.ts";
import { StoreError, storeWriteError } from "./errors.ts";
import { fileEntries } from "./files.ts";
import { checkBatchName, partitionDir, RECORD_TABLES, stagingDir, type Table } from "./layout.ts";
import { type LockOptions, withLock } from "./lock.ts";
import { type Declaration, type FileEntry, type Provenance, stage, type StagedPart } from "./records.ts";
import { pushAll } from "../arrays.ts";
import {
  BATCH_DECLARATIONS,
  BATCH_PROVENANCE,
  COMPLETE_APPENDS,
  copyPartition,
  rowGroupRows,
  STORED_FILES,
} from "./sql.ts";

export interface AppendInput {
  /** The store folder (created when missing). */
  store: string;
  /** The folder (or file) the dataset was loaded from: sources are relative to it. */
  root: string;
  /** The records as an array, or in columns (a request's: lib/record_list.ts), read one at a time. */
  dataset: Dataset<Measurement[] | RecordList>;
  /** What the folder's experiment.json files declare. */
  experiments?: Declaration[];
  /** The folder's PROVENANCE.md files (source relative to root, text). */
  provenance?: Provenance[];
  /** Batch name; default: the date the folder was collected (see batch.ts). */
  batch?: string;
  lock?: LockOptions;
}

export interface AppendResult {
  store: string;
  batch: string;
  /** How the batch was chosen, in words. */
  batchFrom: string;
  /** Files added now, and files skipped because the batch already holds them (same sha256, name and factors). */
  added: number;
  skipped: number;
  /** Run-level values added. */
  values: number;
  /** Other batches that already held some of the added files (same content under another batch name). */
  alsoIn: string[];
}

export async function appendToStore(input: AppendInput): Promise<AppendResult> {
  const isFile = (await Deno.stat(input.root)).isFile;
  const sources = [...new Set(input.dataset.files.map((f) => f.source))];
  const chosen = input.batch !== undefined
    ? { batch: input.batch, from: "given" }
    : await collectionDate(input.root, sources);
  const batch = checkBatchName(chosen.batch);
  const files = fileEntries(input.root, input.dataset, isFile);
  try {
    return await appendLocked(input, batch, chosen.from, files);
  } catch (err) {
    throw storeWriteError(err, input.store) ?? err;
  }
}

async function appendLocked(
  input: AppendInput,
  batch: string,
  batchFrom: string,
  files: FileEntry[],
): Promise<AppendResult> {
  await Deno.mkdir(input.store, { recursive: true });
  return await withLock(input.store, async () => {
    const db = await StoreDb.open(input.store, { threads: 1 });
    try {
      await removeIncomplete(db);
      const { fresh, skipped, alsoIn } = await sortOut(db, files, batch, input.root);
      const result = {
        store: input.store,
        batch,
        batchFrom,
        added: fresh.length,
        skipped,
        values: 0,
        alsoIn,
      };
      if (fresh.length === 0) return result;
      const keep = new Set(fresh.map((f) => f.source));
      const dataset = only(input.dataset, keep);
      const append = crypto.randomUUID();
      const staging = join(stagingDir(db.store), append);
      await Deno.mkdir(staging, { recursive: true });
      const parts = await stage(staging, append, {
        dataset,
        experiments: await newDeclarations(db, batch, input.experiments ?? []),
        provenance: await newProvenance(db, batch, input.provenance ?? []),
        files: fresh,
        collected: batchFrom,
        added: new Date().toISOString(),
      });
      await copyIntoPartitions(db.store, batch, append, staging, parts);
      return { ...result, values: dataset.rows.length };
    } finally {
      db.close();
      // Still under the lock: nothing of this append (or DuckDB's spill files) is left in .staging, also on failure.
      await Deno.remove(stagingDir(input.store), { recursive: true }).catch(() => {});
    }
  }, input.lock);
}

/** New files, files already in the batch (skipped), and a refusal for changed files under the same identity. */
async function sortOut(db: StoreDb, files: FileEntry[], batch: string, root: string) {
  const stored = await db.rows(STORED_FILES);
  const inBatch = new Map(stored.filter((s) => s.batch === batch).map((s) => [s.identity as string, s]));
  const elsewhere = new Map(
    stored.filter((s) => s.batch !== batch).map((s) => [s.sha256 as string, s.batch as string]),
  );
  const fresh: FileEntry[] = [];
  const changed: FileEntry[] = [];
  let skipped = 0;
  for (const f of files) {
    const old = inBatch.get(f.identity);
    if (!old) fresh.push(f);
    else if (old.sha256 === f.sha256) skipped++;
    else changed.push(f);
  }
  if (changed.length) {
    throw new StoreError(
      `${
        join(root, changed[0].source)
      }: batch ${batch} of ${db.store} already holds a different file with this ` +
        `name and factors${changed.length > 1 ? ` (and ${changed.length - 1} more like it)` : ""} — ` +
        `a second collection needs its own batch: pass --batch NAME.`,
    );
  }
  const alsoIn = [...new Set(fresh.map((f) => elsewhere.get(f.sha256)).filter((b) => b !== undefined))]
    .sort();
  return { fresh, skipped, alsoIn: alsoIn as string[] };
}

/** experiment.json declarations the batch does not hold yet. */
async function newDeclarations(db: StoreDb, batch: string, declared: Declaration[]): Promise<Declaration[]> {
  const held = await db.rows(BATCH_DECLARATIONS, { batch });
  const key = (e: Record<string, unknown>) => JSON.stringify([e.source, e.by ?? null, e.baseline ?? null]);
  const seen = new Set(held.map(key));
  return declared.filter((e) => !seen.has(key({ ...e })));
}

/** PROVENANCE.md texts the batch does not hold yet. */
async function newProvenance(db: StoreDb, batch: string, given: Provenance[]): Promise<Provenance[]> {
  const held = await db.rows(BATCH_PROVENANCE, { batch });
  const seen = new Set(held.map((p) => JSON.stringify([p.source, p.text])));
  return given.filter((p) => !seen.has(JSON.stringify([p.source, p.text])));
}

/** The dataset restricted to some source files. */
function only(
  d: Dataset<Measurement[] | RecordList>,
  sources: Set<string>,
): Dataset<Measurement[] | RecordList> {
  // Files, by their runs' sources: a run appended to a file with others is `e1000.json#2` (lib/paths.ts).
  const fileOfSource = filesOfSources(d.files);
  const kept = (x: { source: string }) => sources.has(fileOfSource(x.source));
  const keep = <T extends { source: string }>(xs: T[]) => xs.filter(kept);
  return {
    rows: d.rows instanceof RecordList ? d.rows.keep(kept) : keep(d.rows),
    series: keep(d.series),
    histograms: keep(d.histograms),
    warnings: keep(d.warnings),
    files: keep(d.files),
  };
}

/** Staged JSON → Parquet in .staging → renamed into their partitions, `files` last (stage writes it last). */
async function copyIntoPartitions(
  store: string,
  batch: string,
  append: string,
  staging: string,
  parts: StagedPart[],
): Promise<void> {
  const moves: [string, string][] = [];
  for (const { table, tool, paths, rows, chars } of parts) {
    const tmp = join(staging, `${table}-${tool ?? "all"}.parquet`);
    // Each copy in a DuckDB of its own, closed after it: one instance kept the memory of every copy before (20×'s
    // staged tables copied one after another peaked at 594 MB in one instance, 457 MB with one per copy).
    const copier = await StoreDb.open(store, { threads: 1, views: false });
    try {
      await copier.run(copyPartition(table, paths, tmp, rowGroupRows(rows, chars)));
    } finally {
      copier.close();
    }
    for (const path of paths) await Deno.remove(path);
    moves.push([tmp, join(partitionDir(store, table, batch, tool ?? undefined), `${append}.parquet`)]);
  }
  for (const [from, to] of moves) {
    await Deno.mkdir(join(to, ".."), { recursive: true });
    await Deno.rename(from, to);
  }
  await Deno.remove(staging, { recursive: true });
}

/** Parts of appends that never completed (no `files` part): removed, with their staging folders. */
async function removeIncomplete(db: StoreDb): Promise<void> {
  const complete = new Set((await db.rows(COMPLETE_APPENDS)).map((r) => r.append as string));
  let removed = 0;
  for (const table of [...RECORD_TABLES, "warnings", "experiments", "provenance"] as Table[]) {
    for (const path of await parquetFiles(join(db.store, table))) {
      if (!complete.has(basename(path, ".parquet"))) {
        await Deno.remove(path);
        removed++;
      }
    }
  }
  await Deno.remove(stagingDir(db.store), { recursive: true }).catch(() => {});
  if (removed) await db.refreshViews();
}

async function parquetFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      const path = join(dir, e.name);
      if (e.isDirectory) pushAll(out, await parquetFiles(path));
      else if (e.name.endsWith(".parquet")) out.push(path);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return out;
}
