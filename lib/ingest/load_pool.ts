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
import { nextTurn } from "../turn.ts";

/** One file to load, in a form a worker can receive. */
export interface PoolFile {
  path: string;
  root: string;
  factors: Factors;
  /** The layout template (parsed again in the worker). */
  layout?: string;
  numbered?: ReadonlySet<string>;
  /** Its size in bytes, when the caller knows it (else asked here); not sent to the workers. */
  size?: number;
}

/**
 * What crosses to a worker, each thing once: at 100× the shipped data a copy of every file's options (its root,
 * layout, factors) held ~70 MB of the worker's heap for the whole load, and its message ~30 MB more.
 */
export interface PoolJob {
  /** Each file's path. */
  paths: string[];
  /** The distinct options of the files, and each file's index into them. */
  options: Omit<PoolFile, "path" | "size">[];
  optionOf: Int32Array;
  /** Indexes into `paths`, largest file first. */
  order: Int32Array;
  /** Int32 [next position in `order` for a worker, then one claim flag per position]. */
  shared: SharedArrayBuffer;
}

/** The file a worker loads at index `i` of the job, as the caller gave it. */
export function jobFile(job: PoolJob, i: number): PoolFile {
  return { path: job.paths[i], ...job.options[job.optionOf[i]] };
}

export type PoolReply = { index: number; data: Dataset } | { index: number; failed: true } | { done: true };

/** Loaded here or in a worker (what `keep` made of it), or failed here (the error), or undefined: left for the caller. */
export type PoolResult<T = Dataset> = { data: T } | { error: unknown } | undefined;

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
 * `keep` is applied to each dataset as it arrives (the loader's string sharing, then its gathering: load.ts), so
 * a worker's fresh copies do not pile up until the end.
 */
export async function loadInPool<T = Dataset>(
  files: PoolFile[],
  threads: number,
  load: (file: PoolFile) => Promise<Dataset>,
  keep: (data: Dataset) => T = (data) => data as T,
  /** False: only workers load (tests use it to be sure files cross a thread). Default true. */
  mainLoads = true,
): Promise<PoolResult<T>[]> {
  const results: PoolResult<T>[] = new Array(files.length).fill(undefined);
  const sizes = files.map(({ path, size }) => size ?? sizeOf(path) ?? 0); // 0: the loader reports it
  const order = Int32Array.from(files.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b));
  const job: PoolJob = {
    ...distinctOptions(files),
    order,
    shared: new SharedArrayBuffer(4 * (1 + files.length)),
  };
  const shared = new Int32Array(job.shared);
  const workers = Array.from(
    { length: Math.min(threads - (mainLoads ? 1 : 0), files.length) },
    () =>
      runWorkerJob<PoolReply>(LOAD_WORKER, job, (reply) => {
        if ("data" in reply) results[reply.index] = { data: keep(reply.data) };
      }, started.shift()),
  );
  stopStartedLoadWorkers(); // more were started than this folder needs
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
      await nextTurn();
      yielded = performance.now();
    }
  }
  await Promise.all(workers);
  return results;
}

const LOAD_WORKER = new URL("./load_worker.ts", import.meta.url);
const started: Worker[] = [];

/**
 * Starts the workers of the next {@link loadInPool} now (one core fewer than the machine has), so that their
 * start-up (an isolate, the parsers' modules: ~0.25 s on the machine kind of the benchmarks) runs while this thread
 * still loads its own modules: the report calls it before it imports the rest of itself, and its workers then parse
 * from the first file on. Those the next pooled load does not need it stops; the caller stops the rest with
 * {@link stopStartedLoadWorkers} once it has read (a small folder is read on one thread, a stored batch by DuckDB).
 */
export function startLoadWorkers(count = (navigator.hardwareConcurrency || 1) - 1): void {
  for (let i = started.length; i < count; i++) {
    try {
      started.push(new Worker(LOAD_WORKER.href, { type: "module" }));
    } catch {
      return; // no workers here: the load runs on this thread
    }
  }
}

/** Workers {@link startLoadWorkers} started that no load has taken yet. */
export function startedLoadWorkers(): number {
  return started.length;
}

/** Stops the workers {@link startLoadWorkers} started that no load took. */
export function stopStartedLoadWorkers(): void {
  for (const worker of started.splice(0)) worker.terminate();
}

/** A file's size in bytes, or undefined when it cannot be asked (synchronously: see readHead in load.ts). */
export function sizeOf(path: string): number | undefined {
  try {
    return Deno.statSync(path).size;
  } catch {
    return undefined;
  }
}

/** The files' paths, and their options as a table of distinct ones (the same factors, root, layout and repetition names). */
function distinctOptions(files: PoolFile[]): Pick<PoolJob, "paths" | "options" | "optionOf"> {
  const options: Omit<PoolFile, "path" | "size">[] = [];
  const optionOf = new Int32Array(files.length);
  const index = new Map<string, number>();
  const sets = new Map<unknown, number>();
  files.forEach(({ path: _, size: _size, ...o }, i) => {
    if (!sets.has(o.numbered)) sets.set(o.numbered, sets.size);
    const key = JSON.stringify([o.root, o.layout ?? null, sets.get(o.numbered), o.factors]);
    let k = index.get(key);
    if (k === undefined) index.set(key, k = options.push(o) - 1);
    optionOf[i] = k;
  });
  return { paths: files.map((f) => f.path), options, optionOf };
}

/** How long the main thread parses before it takes the workers' messages. */
const YIELD_MS = 20;
