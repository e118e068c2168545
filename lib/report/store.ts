/**
 * The report's store options, kept apart from run.ts: `--store DIR` appends each data folder to a results
 * store (lib/store), `--against BATCH` compares the folder with a stored batch, like a before/after pair.
 * @module
 */
import type { Analysis } from "../analysis/analyse.ts";
import { addToStore, analyseAgainst } from "../analysis/store.ts";

export interface StoreReportOptions {
  data: string[];
  /** The results store folder. */
  store?: string;
  /** Compare the (one) data folder against this batch of the store. */
  against?: string;
  /** Batch name for the appended folder (default: its collection date). */
  batch?: string;
  /** Read the store (for --against) but add nothing to it. */
  noAppend?: boolean;
}

/** The folder against the stored batch: `run` = batch (baseline) or the folder's name. */
export async function againstStore(opts: StoreReportOptions): Promise<Analysis[]> {
  return await analyseAgainst(opts.data[0], opts.store!, opts.against!);
}

/** Appends every data folder to the store; one summary line per folder. */
export async function appendToReportStore(opts: StoreReportOptions): Promise<string[]> {
  if (!opts.store || opts.noAppend) return [];
  const lines: string[] = [];
  for (const folder of opts.data) {
    const r = await addToStore(folder, opts.store, { batch: opts.batch });
    const also = r.alsoIn.length ? `; the same content is also in batch ${r.alsoIn.join(", ")}` : "";
    lines.push(
      `store: ${folder} → ${r.store} batch ${r.batch} (${r.batchFrom}): ${r.added} files added ` +
        `(${r.values} run-level values), ${r.skipped} already there${also}`,
    );
  }
  return lines;
}
