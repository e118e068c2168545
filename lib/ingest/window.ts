/**
 * Counters indexed from a base (a histogram's buckets, a log's time bins) that grow to take in new indexes: how
 * far. One rule for both, so a log whose values or times wander costs a few copies, not one per value.
 * @module
 */

/**
 * The window, from `base` for `size` indexes, that holds `lo`…`hi` as well as the current one (`base`, `length`;
 * length 0: none yet), with as much room again on the side that grew (at least 64 indexes). Grown downwards the
 * room goes below, otherwise above; a first window gets room on both sides. Never below index 0.
 * @example
 * grownWindow(0, 0, 100, 100); // { base: 68, size: 64 }
 * grownWindow(68, 64, 140, 140); // { base: 68, size: 146 }
 */
export function grownWindow(
  base: number,
  length: number,
  lo: number,
  hi: number,
): { base: number; size: number } {
  const end = base + length;
  const from = length ? Math.min(lo, base) : lo, to = length ? Math.max(hi + 1, end) : hi + 1;
  const size = Math.max(64, 2 * (to - from));
  return { base: Math.max(0, length === 0 ? from - 32 : lo < base ? to - size : from), size };
}
