/**
 * The files of a folder parsed on every core. Files are ordered by size; Deno Workers claim from the large end
 * (sockperf full logs: megabytes of text that come back as a few histograms), the main thread from the small
 * end (JSON results: little text, many rows), so little has to cross between threads (a dataset crosses as a
 * structured clone, which costs about as much as parsing it). Claims go through flags in shared memory; each
 * file's dataset lands at its own index, so the caller merges them in walk order and the result equals a
 * one-thread load. A file that fails in a worker, or that a worker claimed but could not finish (it failed to
 * start or died), is left for the caller to load on the main thread, where it fails with its usual error.
 * Workers inherit the caller's permissions (reading the data and the code).
 * @module
 */
import type { Dataset, Factors } from "../model.ts";
import { runWorkerJob } from "./worker_job.ts";

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
  /** Indexes into `files`, largest file first. */
  order: number[];
  /** Int32 [next position in `order` for a worker, then one claim flag per position]. */
  shared: SharedArrayBuffer;
}

export type PoolReply = { index: number; data: Dataset } | { index: number; failed: true } | { done: true };

/** Loaded here or in a worker, or failed here (the error), or undefined: left for the caller. */
export type PoolResult = { data: Dataset } | { error: unknown } | undefined;

/** A worker's next file (an index into `files`) from the large end, or -1 once the main thread has the rest. */
export function claimLarge(job: PoolJob, shared: Int32Array): number {
  const at = Atomics.add(shared, 0, 1);
  if (at >= job.order.length || Atomics.compareExchange(shared, 1 + at, 0, 1) !== 0) return -1;
  return job.order[at];
}

/** The main thread's next position from the small end, or -1 once the workers have the rest. */
function claimSmall(shared: Int32Array, at: number): number {
  return at >= 0 && Atomics.compareExchange(shared, 1 + at, 0, 2) === 0 ? at : -1;
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
  const sizes = files.map(({ path }) => {
    try {
      return Deno.statSync(path).size; // sync: see readHead in load.ts
    } catch {
      return 0; // the loader reports it
    }
  });
  const order = files.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const job: PoolJob = { files, order, shared: new SharedArrayBuffer(4 * (1 + files.length)) };
  const shared = new Int32Array(job.shared);
  const workers = Array.from(
    { length: Math.min(threads - (mainLoads ? 1 : 0), files.length) },
    () =>
      runWorkerJob<PoolReply>(new URL("./load_worker.ts", import.meta.url), job, (reply) => {
        if ("data" in reply) results[reply.index] = { data: keep(reply.data) };
      }),
  );
  let yielded = performance.now();
  for (
    let at = mainLoads ? claimSmall(shared, order.length - 1) : -1;
    at >= 0;
    at = claimSmall(shared, at - 1)
  ) {
    const i = order[at];
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
