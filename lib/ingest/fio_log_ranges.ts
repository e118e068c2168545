/**
 * How the threads of a parallel fio log scan share the work: the file cut at line starts into ranges,
 * and a counter in shared memory from which each thread claims the next range (no round trip through
 * the main thread, which is busy scanning ranges of its own).
 * @module
 */
import type { ScanFailure } from "./fio_log_scan.ts";
import type { DirectionState } from "./fio_log_stats.ts";
import { scratchBytes } from "./scratch.ts";

export interface ScanJob {
  path: string;
  /** Range k is bytes [bounds[k], bounds[k + 1]). */
  bounds: number[];
  /** Int32 [next range to claim, lowest failing range]: shared by every thread of the scan. */
  shared: SharedArrayBuffer;
  binMs: number;
  chunkSize: number;
}

export type RangeReply =
  | { index: number; states: (DirectionState | undefined)[]; newlines: number; failure?: ScanFailure }
  | { done: true; error?: string };

/** The next range nobody has claimed, or -1 when none is left or all left come after a failing one. */
export function claim(shared: Int32Array, count: number): number {
  const i = Atomics.add(shared, 0, 1);
  return i < count && i <= Atomics.load(shared, 1) ? i : -1;
}

/** Lowers the shared "lowest failing range" to `i` if it is lower. */
export function noteFailure(shared: Int32Array, i: number): void {
  for (let seen = Atomics.load(shared, 1); i < seen; seen = Atomics.load(shared, 1)) {
    if (Atomics.compareExchange(shared, 1, seen, i) === seen) return;
  }
}

/** Offsets [0, …, size] of `n` ranges of about equal size, each moved forward to the next line start. */
export function lineAlignedRanges(file: Deno.FsFile, size: number, n: number): number[] {
  const bounds = [0];
  n = Math.min(n, size);
  const buf = scratchBytes(64 * 1024);
  for (let k = 1; k < n; k++) {
    let pos = Math.max(Math.floor((size * k) / n), bounds.at(-1)!);
    if (pos === 0 || pos >= size) continue;
    // A range starts right after a newline: look from the byte before the cut.
    pos -= 1;
    file.seekSync(pos, Deno.SeekMode.Start);
    let found = -1;
    while (found < 0) {
      const got = file.readSync(buf);
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
