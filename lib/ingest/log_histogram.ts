/**
 * A log-linear histogram of non-negative values (the HdrHistogram layout, Tene 2015): values below
 * 2048 are counted exactly; above, each power of two is split into 1024 equal buckets, so every
 * value is kept to a relative resolution of 2⁻¹⁰ (< 0.1 %). Memory depends on the value range,
 * never on how many values were added: a 10× longer log needs no more.
 * @module
 */

const SUB_BITS = 10;
const SUB = 1 << SUB_BITS; // 1024 buckets per power of two
const EXACT = 2 * SUB; // values below 2048 have their own bucket

export class LogHistogram {
  // Starts at the exact range and grows with the largest value (doubling): one histogram per
  // direction of every log, so a fixed 64-octave array (540 kB zeroed) per small log added up.
  private counts = new Float64Array(EXACT);
  private top = 0;
  total = 0;

  add(value: number): void {
    const i = bucketOf(value);
    if (i >= this.counts.length) {
      const grown = new Float64Array(Math.max(i + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[i]++;
    if (i > this.top) this.top = i;
    this.total++;
  }

  /**
   * The nearest-rank quantile (the smallest value with at least q·n values at or below it),
   * reported as the midpoint of its bucket: exact below 2048, within 0.05 % above.
   */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i <= this.top; i++) {
      seen += this.counts[i];
      if (seen >= rank) return midpointOf(i);
    }
    return midpointOf(this.top);
  }
}

function bucketOf(value: number): number {
  const v = Math.floor(value);
  if (v < EXACT) return v;
  const shift = Math.floor(Math.log2(v)) - SUB_BITS; // ≥ 1
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
