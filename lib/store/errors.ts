/**
 * Store problems in one sentence each. {@link StoreError}: a damaged Parquet file, an empty store, a batch that
 * would mix two collections, a held lock — the report exits 3, like bad input data. {@link StoreWriteError}: the
 * store could not be written (read-only, full disk, no permission) — the report exits 5, like its own output.
 * @module
 */
import { fsReason } from "../ingest/errors.ts";

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

export class StoreWriteError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = "StoreWriteError";
  }
}

/** How DuckDB and the file system say that writing failed (DuckDB quotes the system's words). */
const WRITE_FAILURE = /no space left on device|read-only file system|permission denied|disk quota exceeded/i;

/**
 * `err` as a {@link StoreWriteError} when it says that writing into `store` failed; otherwise undefined.
 * Deno's file-system errors always count (the append only writes there), DuckDB's when they quote the system.
 */
export function storeWriteError(err: unknown, store: string): StoreWriteError | undefined {
  if (err instanceof StoreWriteError) return err;
  if (err instanceof StoreError || !(err instanceof Error)) return undefined;
  const reason = fsReason(err) ?? err.message.match(WRITE_FAILURE)?.[0].toLowerCase();
  if (!reason) return undefined;
  return new StoreWriteError(
    `Could not write to the store ${store}: ${reason}. Nothing was added (a part left half-written is ` +
      `cleared by the next append).`,
  );
}
