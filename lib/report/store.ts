/**
 * The report's store options, kept apart from run.ts: `--store DIR` appends each data folder to a results
 * store (lib/store), `--against BATCH` compares the folder with a stored batch, like a before/after pair.
 * @module
 */
import { addToStore } from "../analysis/store.ts";
import type { LoadedSide } from "../analysis/request.ts";

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

/** Appends every data folder to the store; one summary line per folder. */
export async function appendToReportStore(
  opts: StoreReportOptions,
  sides: LoadedSide[],
): Promise<string[]> {
  if (!opts.store || opts.noAppend) return [];
  const lines: string[] = [];
  for (const folder of opts.data) {
    // The folder as the request read it (with its layout): read once, stored with its workloads and repetitions.
    const side = sides.find((s) => "folder" in s.side && s.side.folder === folder);
    const r = await addToStore(folder, opts.store, { batch: opts.batch, dataset: side?.dataset });
    const also = r.alsoIn.length ? `; the same content is also in batch ${r.alsoIn.join(", ")}` : "";
    lines.push(
      `store: ${folder} → ${r.store} batch ${r.batch} (${r.batchFrom}): ${r.added} files added ` +
        `(${r.values} run-level values), ${r.skipped} already there${also}`,
    );
  }
  return lines;
}
