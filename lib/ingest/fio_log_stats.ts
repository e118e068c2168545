/**
 * What a fio log scan accumulates per direction: count, sum, min, max, the percentile histogram and
 * per-time-bin count/sum/min/max. Parts of one log scanned separately (on worker threads) merge into
 * exactly what one pass over the whole log gives: counts add, min/max compare, and sums of integers
 * are exact in float64 while they stay ≤ 2⁵³ — {@link DirectionStats.exact} says whether they did.
 * @module
 */
import { type HistogramState, LogHistogram } from "./log_histogram.ts";
import { grownWindow } from "./window.ts";

/** Per-bin accumulators in typed arrays indexed from `base`, grown by doubling in either direction. */
export interface BinState {
  base: number;
  length: number;
  count: Float64Array;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

/** A DirectionStats as plain data, for postMessage (its buffers can be transferred). */
export interface DirectionState {
  count: number;
  sum: number;
  min: number;
  max: number;
  integers: boolean;
  hist: HistogramState;
  bins: BinState;
}

const emptyBins = (): BinState => ({
  base: 0,
  length: 0,
  count: new Float64Array(0),
  sum: new Float64Array(0),
  min: new Float64Array(0),
  max: new Float64Array(0),
});

export class DirectionStats {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** False once a value with a fraction was added: then sums depend on the order of addition. */
  integers = true;
  hist = new LogHistogram();
  bins: BinState = emptyBins();

  add(bin: number, v: number): void {
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (this.integers && !Number.isInteger(v)) this.integers = false;
    this.hist.add(v);
    let b = this.bins, i = bin - b.base;
    if (i < 0 || i >= b.length) {
      b = this.reserve(bin);
      i = bin - b.base;
    }
    b.count[i]++;
    b.sum[i] += v;
    if (v < b.min[i]) b.min[i] = v;
    if (v > b.max[i]) b.max[i] = v;
  }

  /** True when every sum is exact, so any split of the log merges to the same bits as one pass. */
  get exact(): boolean {
    return this.integers && this.sum <= Number.MAX_SAFE_INTEGER;
  }

  /** Adds a later part of the same log (merge parts in file order: ties in min/max keep the first). */
  merge(o: DirectionState): void {
    this.count += o.count;
    this.sum += o.sum;
    if (o.min < this.min) this.min = o.min;
    if (o.max > this.max) this.max = o.max;
    this.integers &&= o.integers;
    this.hist.merge(o.hist);
    const ob = o.bins;
    for (let j = 0; j < ob.length; j++) {
      if (ob.count[j] === 0) continue;
      const bin = ob.base + j;
      let b = this.bins, i = bin - b.base;
      if (i < 0 || i >= b.length) {
        b = this.reserve(bin);
        i = bin - b.base;
      }
      b.count[i] += ob.count[j];
      b.sum[i] += ob.sum[j];
      if (ob.min[j] < b.min[i]) b.min[i] = ob.min[j];
      if (ob.max[j] > b.max[i]) b.max[i] = ob.max[j];
    }
  }

  state(): DirectionState {
    const { count, sum, min, max, integers, bins } = this;
    return { count, sum, min, max, integers, hist: this.hist.state(), bins };
  }

  /** The buffers of {@link state}, to transfer instead of copy. */
  buffers(): ArrayBuffer[] {
    const b = this.bins;
    return [b.count, b.sum, b.min, b.max, this.hist.state().counts].map((a) => a.buffer as ArrayBuffer);
  }

  /** Visits the non-empty bins in time order. */
  forEachBin(fn: (bin: number, count: number, sum: number, min: number, max: number) => void): void {
    const b = this.bins;
    for (let i = 0; i < b.length; i++) {
      if (b.count[i] > 0) fn(b.base + i, b.count[i], b.sum[i], b.min[i], b.max[i]);
    }
  }

  /** Makes room for `bin`, keeping existing bins; returns the (possibly new) bin arrays. */
  private reserve(bin: number): BinState {
    const old = this.bins;
    const { base: grownBase, size } = grownWindow(old.base, old.length, bin, bin);
    const b = allocate(grownBase, size);
    if (old.length) {
      const at = old.base - grownBase;
      b.count.set(old.count, at);
      b.sum.set(old.sum, at);
      b.min.set(old.min, at);
      b.max.set(old.max, at);
    }
    this.bins = b;
    return b;
  }
}

function allocate(base: number, length: number): BinState {
  const min = new Float64Array(length).fill(Infinity);
  const max = new Float64Array(length).fill(-Infinity);
  return { base, length, count: new Float64Array(length), sum: new Float64Array(length), min, max };
}
