/**
 * The files of a folder parsed on every core: the main thread and Deno Workers each claim the next unparsed
 * file from a counter in shared memory, and each file's dataset lands at its own index, so the caller merges
 * them in walk order and the result equals a one-thread load. A worker posts the dataset back (structured
 * clone: the same plain rows, series and histograms); a file that fails in a worker, or that a worker claimed
 * but could not finish (it failed to start or died), is left for the caller to load on the main thread, where
 * it fails with its usual error. Workers inherit the caller's permissions (reading the data and the code).
 * @module
 */
import type { Dataset, Factors } from "../model.ts";

/** One file to load, in a form a worker can receive. */
export interface PoolFile {
  path: string;
  root: string;
  factors: Factors;
  /** The layout template (parsed again in the worker). */
  layout?: string;
  numbered?: ReadonlySet<string>;
}

export interface PoolJob {
  files: PoolFile[];
  /** Int32 [next file to claim]. */
  shared: SharedArrayBuffer;
}

export type PoolReply = { index: number; data: Dataset } | { index: number; failed: true } | { done: true };

/** Loaded here or in a worker, or failed here (the error), or undefined: left for the caller. */
export type PoolResult = { data: Dataset } | { error: unknown } | undefined;

/** The next unclaimed file, or -1. */
export function claimFile(shared: Int32Array, count: number): number {
  const i = Atomics.add(shared, 0, 1);
  return i < count ? i : -1;
}

/**
 * Loads `files` on `threads` threads (the main thread included) with `load`; one result per file, in order.
 * `keep` is applied to each dataset as it arrives (the loader's string sharing), so a worker's fresh copies
 * do not pile up until the end.
 */
export async function loadInPool(
  files: PoolFile[],
  threads: number,
  load: (file: PoolFile) => Promise<Dataset>,
  keep: (data: Dataset) => Dataset = (data) => data,
  /** False: only workers load (tests use it to be sure files cross a thread). Default true. */
  mainLoads = true,
): Promise<PoolResult[]> {
  const results: PoolResult[] = new Array(files.length).fill(undefined);
  const job: PoolJob = { files, shared: new SharedArrayBuffer(4) };
  const shared = new Int32Array(job.shared);
  const workers = Array.from(
    { length: Math.min(threads - 1, files.length) },
    () => inWorker(job, results, keep),
  );
  let yielded = performance.now();
  for (
    let i = mainLoads ? claimFile(shared, files.length) : -1;
    i >= 0;
    i = claimFile(shared, files.length)
  ) {
    try {
      results[i] = { data: keep(await load(files[i])) };
    } catch (error) {
      results[i] = { error };
    }
    // Parsing never waits for the event loop: let the workers' posted datasets in now and then.
    if (performance.now() - yielded > YIELD_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      yielded = performance.now();
    }
  }
  await Promise.all(workers);
  return results;
}

/** How long the main thread parses before it takes the workers' messages. */
const YIELD_MS = 20;

/** Starts one worker on the job; resolves when it has posted every file it claimed, or has failed. */
function inWorker(job: PoolJob, results: PoolResult[], keep: (data: Dataset) => Dataset): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL("./load_worker.ts", import.meta.url).href, { type: "module" });
    } catch {
      return resolve();
    }
    const stop = () => {
      worker.terminate();
      resolve();
    };
    worker.onerror = (e) => {
      e.preventDefault();
      stop();
    };
    worker.onmessage = ({ data }: MessageEvent<PoolReply>) => {
      if ("done" in data) stop();
      else if ("data" in data) results[data.index] = { data: keep(data.data) };
    };
    worker.postMessage(job);
  });
}
