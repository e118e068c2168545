/**
 * Where things live in a store: one folder per table, Hive partitions `tool=`/`batch=`, one Parquet file
 * per append and partition, named by the append's id —
 * `STORE/runs/tool=fio/batch=2026-11-25/<append>.parquet`. `files`, `warnings`, `experiments` and `provenance` are
 * partitioned by batch only. Partition values never appear inside the files (the Hive convention).
 * @module
 */
import { join } from "node:path";
import { StoreError } from "./errors.ts";

/** Tables partitioned by tool and batch (the tidy records). */
export const RECORD_TABLES = ["runs", "series", "histograms"] as const;
/** Tables partitioned by batch only (what was read, and what it said). */
export const META_TABLES = ["warnings", "experiments", "provenance", "files"] as const;
export type RecordTable = typeof RECORD_TABLES[number];
export type MetaTable = typeof META_TABLES[number];
export type Table = RecordTable | MetaTable;

/** Batch names are folder names on every system and need no escaping in any engine. */
const BATCH_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What {@link checkBatchName} accepts, in words. */
export const BATCH_NAME_RULE =
  'letters, digits, ".", "_" and "-" (up to 64, starting with a letter or digit), ' +
  "e.g. 2026-11-25 or kernel-6.12";

export function checkBatchName(batch: string): string {
  if (!BATCH_NAME.test(batch)) {
    throw new StoreError(`The batch name "${batch}" is not usable as a folder name: use ${BATCH_NAME_RULE}.`);
  }
  return batch;
}

/** The partition folder of one table, tool and batch. */
export function partitionDir(store: string, table: Table, batch: string, tool?: string): string {
  return tool === undefined
    ? join(store, table, `batch=${batch}`)
    : join(store, table, `tool=${tool}`, `batch=${batch}`);
}

/** The glob DuckDB reads a table from (every partition). */
export function tableGlob(store: string, table: Table): string {
  const depth = (RECORD_TABLES as readonly string[]).includes(table) ? "*/*" : "*";
  return join(store, table, depth, "*.parquet");
}

/** Written here first, renamed into a partition when complete: a reader never sees half a file. */
export function stagingDir(store: string): string {
  return join(store, ".staging");
}

export function lockPath(store: string): string {
  return join(store, ".lock");
}
