import {
  describeError as describeIngestError,
  IngestError,
  unreadable,
  UnreadableError,
} from "../ingest/errors.ts";
import { StoreError, StoreWriteError } from "../store/errors.ts";

/** An analysis request the data cannot satisfy (unknown baseline, no factor to compare); one sentence. */
export class AnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalysisError";
    this.stack = `${this.name}: ${message}`; // shown to readers (notebooks): the sentence, no frames
  }
}

/**
 * Bad input as the top layer sees it, whatever layer found it: a file or folder that cannot be read, a malformed
 * file, a damaged store, or a request the data cannot satisfy (the report's exit 3).
 */
export function isInputError(err: unknown): boolean {
  return err instanceof IngestError || err instanceof UnreadableError || err instanceof AnalysisError ||
    err instanceof StoreError;
}

/** The store could not be written (disk full, permission denied): an output failure (the report's exit 5). */
export function isStoreWriteError(err: unknown): boolean {
  return err instanceof StoreWriteError;
}

/** A file-system failure writing a store, as the store's own sentence (undefined: not a write failure). */
export { storeWriteError } from "../store/errors.ts";

/** The file-system reasons in words ("no such file or folder"). */
export { fsReason } from "../ingest/errors.ts";

/** One sentence for any failure, never a stack trace (a store's own sentence as it is). */
export function describeError(err: unknown): string {
  return err instanceof StoreError ? err.message : describeIngestError(err);
}

/** A folder's real path, or the sentence saying why it cannot be read. */
export async function realFolder(path: string): Promise<string> {
  return await Deno.realPath(path).catch((err) => Promise.reject(unreadable(err, path)));
}
