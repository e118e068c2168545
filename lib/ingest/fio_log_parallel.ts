/**
 * A large fio log scanned on every core: the file is cut into byte ranges that start at line starts,
 * the main thread and Deno Workers each take the next unscanned range until none is left, and the
 * ranges' statistics are merged in file order. The result equals one pass over the whole log: every
 * count, histogram bucket and bin adds exactly, and when a sum could round differently (a value with a
 * fraction, or a sum beyond 2⁵³) the caller is told to scan on one thread instead. The first failing
 * line in file order is reported, its number counted from the start of the file. Workers inherit the
 * caller's permissions (reading the log is all they do); if one cannot start, its ranges are scanned
 * on the main thread.
 * @module
 */
import { claim, lineAlignedRanges, noteFailure, type RangeReply, type ScanJob } from "./fio_log_ranges.ts";
import { scanLogRange, type ScanResult } from "./fio_log_scan.ts";
import { type DirectionState, DirectionStats } from "./fio_log_stats.ts";
import { runWorkerJob } from "./worker_job.ts";

export interface ParallelOptions {
  binMs: number;
  chunkSize: number;
  /** Threads scanning at once, the main thread included. */
  threads: number;
  /** How many ranges to cut the file into (more than threads, so a slow thread takes fewer). */
  ranges: number;
  /** False: only workers scan (tests use it to be sure every range crosses a thread). Default true. */
  mainScans?: boolean;
}

/** A merged scan, and how many ranges the workers scanned. */
export interface ParallelResult extends ScanResult {
  rangesInWorkers: number;
}

type Part = ScanResult | Extract<RangeReply, { index: number }>;

/** Scans the log on `threads` threads; undefined when only a one-thread pass gives exact sums. */
export async function scanLogParallel(
  path: string,
  opts: ParallelOptions,
): Promise<ParallelResult | undefined> {
  const size = (await Deno.stat(path)).size;
  const file = await Deno.open(path, { read: true });
  const parts: Part[] = [];
  try {
    const bounds = lineAlignedRanges(file, size, opts.ranges);
    const count = bounds.length - 1;
    const job: ScanJob = {
      path,
      bounds,
      shared: new SharedArrayBuffer(8),
      binMs: opts.binMs,
      chunkSize: opts.chunkSize,
    };
    const shared = new Int32Array(job.shared);
    shared[1] = 0x7fffffff; // no failing range yet
    const mainScans = opts.mainScans ?? true;
    const workers = Array.from(
      { length: Math.min(opts.threads - (mainScans ? 1 : 0), count) },
      () =>
        runWorkerJob<RangeReply>(new URL("./fio_log_worker.ts", import.meta.url), job, (reply) => {
          parts[reply.index] = reply;
        }),
    );
    if (mainScans) {
      for (let i = claim(shared, count); i >= 0; i = claim(shared, count)) {
        parts[i] = scanLogRange(file, bounds[i], bounds[i + 1], opts.binMs, opts.chunkSize);
        if (parts[i].failure) noteFailure(shared, i);
      }
    }
    await Promise.all(workers);
    // Ranges a worker claimed but could not finish (it failed to start or died) are scanned here.
    for (let i = 0; i < count && i <= shared[1]; i++) {
      if (parts[i]) continue;
      parts[i] = scanLogRange(file, bounds[i], bounds[i + 1], opts.binMs, opts.chunkSize);
      if (parts[i].failure) noteFailure(shared, i);
    }
  } finally {
    file.close();
  }
  return merge(parts);
}

/** Merges the ranges in file order; the first failure gets its line number counted from line 1. */
function merge(parts: Part[]): ParallelResult | undefined {
  const rangesInWorkers = parts.filter((p) => p && "states" in p).length;
  const stats: (DirectionStats | undefined)[] = [];
  let before = 0;
  for (const part of parts) {
    if (part.failure) {
      const failure = { ...part.failure, line: part.failure.line + before };
      return { stats, newlines: before, failure, rangesInWorkers };
    }
    const states: (DirectionState | undefined)[] = "states" in part
      ? part.states
      : part.stats.map((s) => s?.state());
    states.forEach((s, d) => s && (stats[d] ??= new DirectionStats()).merge(s));
    before += part.newlines;
  }
  if (stats.some((s) => s && !s.exact)) return undefined;
  return { stats, newlines: before, rangesInWorkers };
}
