/**
 * The report's store options, kept apart from run.ts: `--store DIR` appends each data folder to a results
 * store (lib/store), `--against BATCH` compares the folder with a stored batch, like a before/after pair.
 * @module
 */
import { join, resolve } from "node:path";
import { addToStore } from "../analysis/store.ts";
import type { LoadedSide } from "../analysis/request.ts";
import { storeWriteError } from "../analysis/errors.ts";
import { checkStorePlacement } from "./output.ts";

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

/**
 * Before any work: a `--store` among the data is refused (exit 2), and one that cannot be written (read-only, full,
 * no permission) is said at once (exit 5), not after the whole report ran.
 */
export async function checkReportStore(opts: StoreReportOptions, dataReal: string[]): Promise<void> {
  const store = await Deno.realPath(opts.store!).catch(() => resolve(opts.store!));
  checkStorePlacement(store, dataReal);
  if (opts.noAppend || dataReal.length === 0) return; // nothing will be appended (--changes reads only)
  const probe = join(store, `.probe-${crypto.randomUUID()}`);
  const existed = await Deno.stat(store).then(() => true, () => false);
  try {
    await Deno.mkdir(store, { recursive: true });
    await Deno.writeFile(probe, new Uint8Array(4096));
  } catch (err) {
    throw storeWriteError(err, store) ?? err;
  } finally {
    await Deno.remove(probe).catch(() => {});
    if (!existed) await Deno.remove(store).catch(() => {}); // the append makes it; a failed report leaves nothing
  }
}
