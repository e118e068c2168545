/**
 * Min/max envelope decimation for long time series: split the time range into `buckets` equal
 * columns and keep each column's mean, min and max. Drawn as a band (min–max) plus a line (mean),
 * a million points look like the full series — spikes survive — at the cost of a few hundred.
 * @module
 */

export interface Envelope {
  t: number[];
  mean: number[];
  min: number[];
  max: number[];
}

/** Returns the input unchanged (as an envelope) when it already has at most `buckets` points. */
export function decimate(
  t: ArrayLike<number>,
  value: ArrayLike<number>,
  buckets = 600,
  min?: ArrayLike<number>,
  max?: ArrayLike<number>,
): Envelope {
  const n = t.length;
  if (n <= buckets) {
    return {
      t: Array.from(t),
      mean: Array.from(value),
      min: Array.from(min ?? value),
      max: Array.from(max ?? value),
    };
  }
  let t0 = Infinity, t1 = -Infinity;
  for (let i = 0; i < n; i++) {
    if (t[i] < t0) t0 = t[i];
    if (t[i] > t1) t1 = t[i];
  }
  const width = (t1 - t0) / buckets || 1;
  const sum = new Float64Array(buckets), count = new Float64Array(buckets);
  const lo = new Float64Array(buckets).fill(Infinity), hi = new Float64Array(buckets).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const b = Math.min(buckets - 1, Math.floor((t[i] - t0) / width));
    sum[b] += value[i];
    count[b]++;
    const l = min ? min[i] : value[i], h = max ? max[i] : value[i];
    if (l < lo[b]) lo[b] = l;
    if (h > hi[b]) hi[b] = h;
  }
  const out: Envelope = { t: [], mean: [], min: [], max: [] };
  for (let b = 0; b < buckets; b++) {
    if (!count[b]) continue;
    out.t.push(t0 + (b + 0.5) * width);
    out.mean.push(sum[b] / count[b]);
    out.min.push(lo[b]);
    out.max.push(hi[b]);
  }
  return out;
}
