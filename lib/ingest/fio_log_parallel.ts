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
import { scanLogRange, type ScanResult } from "./fio_log_scan.ts";
import { type DirectionState, DirectionStats } from "./fio_log_stats.ts";
import type { RangeReply, RangeRequest } from "./fio_log_worker.ts";

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

/** Offsets [0, …, size] of `n` ranges of about equal size, each moved forward to the next line start. */
export async function lineAlignedRanges(file: Deno.FsFile, size: number, n: number): Promise<number[]> {
  const bounds = [0];
  n = Math.min(n, size);
  const buf = new Uint8Array(64 * 1024);
  for (let k = 1; k < n; k++) {
    let pos = Math.max(Math.floor((size * k) / n), bounds.at(-1)!);
    if (pos === 0 || pos >= size) continue;
    // A range starts right after a newline: look from the byte before the cut.
    pos -= 1;
    await file.seek(pos, Deno.SeekMode.Start);
    let found = -1;
    while (found < 0) {
      const got = await file.read(buf);
      if (got === null) break;
      const at = buf.subarray(0, got).indexOf(10);
      if (at >= 0) found = pos + at + 1;
      else pos += got;
    }
    if (found < 0 || found >= size) break;
    if (found > bounds.at(-1)!) bounds.push(found);
  }
  bounds.push(size);
  return bounds;
}

/** Scans the log on `threads` threads; undefined when only a one-thread pass gives exact sums. */
export async function scanLogParallel(
  path: string,
  opts: ParallelOptions,
): Promise<ParallelResult | undefined> {
  const size = (await Deno.stat(path)).size;
  const file = await Deno.open(path, { read: true });
  const parts: (ScanResult | RangeReply)[] = [];
  try {
    const bounds = await lineAlignedRanges(file, size, opts.ranges);
    const count = bounds.length - 1;
    const retry: number[] = [];
    let next = 0, firstFailure = Infinity;
    const take = (): number => {
      const i = retry.length ? retry.shift()! : next < count ? next++ : -1;
      return i > firstFailure ? -1 : i; // nothing after a failing range can change the outcome
    };
    const store = (i: number, r: ScanResult | RangeReply) => {
      parts[i] = r;
      if (r.failure && i < firstFailure) firstFailure = i;
    };
    const request = (i: number): RangeRequest => ({
      path,
      index: i,
      start: bounds[i],
      end: bounds[i + 1],
      binMs: opts.binMs,
      chunkSize: opts.chunkSize,
    });
    const onMain = async () => {
      for (let i = take(); i >= 0; i = take()) {
        store(i, await scanLogRange(file, bounds[i], bounds[i + 1], opts.binMs, opts.chunkSize));
      }
    };
    const mainScans = opts.mainScans ?? true;
    const workers = Array.from(
      { length: Math.min(opts.threads - (mainScans ? 1 : 0), count) },
      () => inWorker(request, take, store, retry),
    );
    await Promise.all(mainScans ? [onMain(), ...workers] : workers);
    // A worker that died may have handed its range back after the main thread finished.
    await onMain();
  } finally {
    file.close();
  }
  return merge(parts);
}

/** Feeds one worker ranges until none is left; on any worker error its range goes back to the queue. */
function inWorker(
  request: (i: number) => RangeRequest,
  take: () => number,
  store: (i: number, r: RangeReply) => void,
  retry: number[],
): Promise<void> {
  return new Promise((resolve) => {
    let current = take();
    if (current < 0) return resolve();
    let worker: Worker;
    const stop = (failed: boolean) => {
      if (failed && current >= 0) retry.push(current);
      worker?.terminate();
      resolve();
    };
    try {
      worker = new Worker(new URL("./fio_log_worker.ts", import.meta.url).href, { type: "module" });
    } catch {
      return stop(true);
    }
    worker.onerror = (e) => {
      e.preventDefault();
      stop(true);
    };
    worker.onmessage = ({ data }: MessageEvent<RangeReply>) => {
      if (data.error !== undefined) return stop(true);
      store(current, data);
      current = take();
      if (current < 0) stop(false);
      else worker.postMessage(request(current));
    };
    worker.postMessage(request(current));
  });
}

/** Merges the ranges in file order; the first failure gets its line number counted from line 1. */
function merge(parts: (ScanResult | RangeReply)[]): ParallelResult | undefined {
  const rangesInWorkers = parts.filter((p) => "states" in p).length;
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
