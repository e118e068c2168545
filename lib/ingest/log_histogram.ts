/**
 * A log-linear histogram of non-negative values (the HdrHistogram layout, Tene 2015): values below
 * 2048 are counted exactly; above, each power of two is split into 1024 equal buckets, so every
 * value is kept to a relative resolution of 2⁻¹⁰ (< 0.1 %). Memory depends on the value range,
 * never on how many values were added: a 10× longer log needs no more. Two histograms merge exactly
 * (bucket counts add), which is what lets parts of a log be counted on separate threads.
 * @module
 */
import { exactNumbers } from "../arrays.ts";
import type { Numbers } from "../model.ts";
import { grownWindow } from "./window.ts";

const SUB_BITS = 10;
const SUB = 1 << SUB_BITS; // 1024 buckets per power of two
const EXACT = 2 * SUB; // values below 2048 have their own bucket

/** A histogram as plain data, for postMessage between threads (the buffer can be transferred). */
export interface HistogramState {
  /** `counts[k]` is bucket `base + k`. */
  counts: Float64Array;
  base: number;
  top: number;
  total: number;
}

export class LogHistogram {
  /**
   * Only the buckets between the lowest and highest value seen (and some room): latencies in ns sit ~10 000
   * buckets up, and a short log spans a few hundred. Counting from bucket 0 made each histogram 16–180 KB,
   * at 100× the shipped data ~10 GB of short-lived native memory over a load (80 000 fio logs).
   */
  private counts = new Float64Array(0);
  private base = 0;
  private top = 0;
  /**
   * The lowest non-empty bucket (past `top` while empty): quantiles and bins start here rather than walking
   * every empty bucket below.
   */
  private bottom = Number.MAX_SAFE_INTEGER;
  total = 0;

  add(value: number): void {
    const i = bucketOf(value);
    if (i < this.base || i >= this.base + this.counts.length) this.cover(i, i);
    this.counts[i - this.base]++;
    if (i > this.top) this.top = i;
    if (i < this.bottom) this.bottom = i;
    this.total++;
  }

  /** Adds another histogram's counts: the result equals one histogram fed both value streams. */
  merge(other: HistogramState): void {
    if (other.total === 0) return;
    let low = -1;
    for (let k = 0; k < other.counts.length && low < 0; k++) if (other.counts[k] > 0) low = other.base + k;
    if (low < this.base || other.top >= this.base + this.counts.length) this.cover(low, other.top);
    for (let i = low; i <= other.top; i++) this.counts[i - this.base] += other.counts[i - other.base];
    if (low < this.bottom) this.bottom = low;
    if (other.top > this.top) this.top = other.top;
    this.total += other.total;
  }

  state(): HistogramState {
    return { counts: this.counts, base: this.base, top: this.top, total: this.total };
  }

  /**
   * The nearest-rank quantile (the smallest value with at least q·n values at or below it),
   * reported as the midpoint of its bucket: exact below 2048, within 0.05 % above.
   */
  quantile(q: number): number {
    return this.quantiles([q])[0];
  }

  /** {@link quantile} of each of `qs`, in one pass over the buckets (a log asks for five). */
  quantiles(qs: number[]): number[] {
    if (this.total === 0) return qs.map(() => NaN);
    const ranks = qs.map((q) => Math.max(1, Math.ceil(q * this.total)));
    const order = ranks.map((_, k) => k).sort((a, b) => ranks[a] - ranks[b]);
    const out = new Array<number>(qs.length).fill(midpointOf(this.top));
    let seen = 0, next = 0;
    for (let i = this.bottom; i <= this.top && next < order.length; i++) {
      seen += this.counts[i - this.base];
      while (next < order.length && seen >= ranks[order[next]]) out[order[next++]] = midpointOf(i);
    }
    return out;
  }

  /**
   * The non-empty buckets as (bucket midpoint, count) pairs in ascending order: a Histogram's value/count, in
   * the smallest typed arrays that hold them exactly (lib/arrays.ts): a histogram is kept for the whole analysis.
   */
  bins(): { value: Numbers; count: Numbers } {
    let n = 0;
    for (let i = this.bottom; i <= this.top; i++) if (this.counts[i - this.base] > 0) n++;
    const value = new Float64Array(n), count = new Float64Array(n);
    for (let i = this.bottom, k = 0; i <= this.top; i++) {
      const c = this.counts[i - this.base];
      if (c > 0) {
        value[k] = midpointOf(i);
        count[k++] = c;
      }
    }
    return { value: exactNumbers(value), count: exactNumbers(count) };
  }

  /** Makes the counts cover buckets `lo`…`hi` as well as those they cover (lib/ingest/window.ts). */
  private cover(lo: number, hi: number): void {
    const { base, size } = grownWindow(this.base, this.counts.length, lo, hi);
    const grown = new Float64Array(size);
    if (this.counts.length) grown.set(this.counts, this.base - base);
    this.counts = grown;
    this.base = base;
  }
}

function bucketOf(value: number): number {
  const v = Math.floor(value);
  if (v < EXACT) return v;
  // clz32 finds the power of two without a floating-point log for every value that fits 32 bits.
  const exp = v < 4294967296 ? 31 - Math.clz32(v) : Math.floor(Math.log2(v));
  const shift = exp - SUB_BITS; // ≥ 1
  return EXACT + (shift - 1) * SUB + ((v >>> 0 === v ? v >>> shift : Math.floor(v / 2 ** shift)) - SUB);
}

function midpointOf(i: number): number {
  if (i < EXACT) return i;
  const shift = Math.floor((i - EXACT) / SUB) + 1;
  const lower = (SUB + ((i - EXACT) % SUB)) * 2 ** shift;
  return lower + (2 ** shift - 1) / 2;
}

/** Relative resolution of quantiles above the exact range. */
export const HISTOGRAM_RESOLUTION = 1 / (2 * SUB);
