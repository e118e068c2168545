/**
 * Descriptive statistics of one group of run-level values, with confidence intervals.
 *
 * - Mean CI (Student): x̄ ± t₁₋α/₂,ₙ₋₁ · s/√n.
 * - Median CI (distribution-free, order statistics): [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎] with the largest k such that
 *   P(B ≤ k − 1) ≤ α/2 for B ~ Binomial(n, ½) (Conover 1999, *Practical Nonparametric Statistics*, §3.2).
 *   With few runs no k reaches the level; then [min, max] is given with its actual confidence, in words.
 * - Outliers by Tukey's fences: outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR] (Tukey 1977, *Exploratory Data Analysis*).
 * @module
 */
import { median as ssMedian, quantileSorted } from "simple-statistics";
import { binomialCdf, tQuantile } from "./dists.ts";
import { mean, variance } from "./describe.ts";
import type { Interval, Summary } from "./types.ts";

export function summarize(values: number[], level = 0.95): Summary {
  const n = values.length;
  if (n === 0) throw new RangeError("summarize: no values");
  const m = mean(values);
  const v = variance(values);
  const sd = n >= 2 ? Math.sqrt(v) : null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n,
    mean: m,
    median: ssMedian(values),
    sd,
    cv: sd !== null && m !== 0 ? sd / Math.abs(m) : null,
    min: sorted[0],
    max: sorted[n - 1],
    meanCI: meanInterval(m, sd, n, level),
    medianCI: medianInterval(sorted, level),
    values: [...values],
    outliers: tukeyOutliers(sorted),
  };
}

function meanInterval(m: number, sd: number | null, n: number, level: number): Interval {
  const method = "Student t";
  if (sd === null) return { lo: null, hi: null, level, method, note: "one run only: no interval" };
  const h = tQuantile(1 - (1 - level) / 2, n - 1) * sd / Math.sqrt(n);
  return { lo: m - h, hi: m + h, level, method };
}

function medianInterval(sorted: number[], level: number): Interval {
  const n = sorted.length;
  const method = "order statistics (binomial)";
  if (n < 2) return { lo: null, hi: null, level, method, note: "one run only: no interval" };
  let k = 0;
  while (k + 1 <= n / 2 && binomialCdf(k, n, 0.5) <= (1 - level) / 2) k++;
  if (k === 0) {
    const actual = 1 - 2 * 0.5 ** n;
    return {
      lo: sorted[0],
      hi: sorted[n - 1],
      level: actual,
      method,
      note: `with ${n} runs the widest interval (min to max) has only ${
        (actual * 100).toFixed(1)
      } % confidence`,
    };
  }
  return { lo: sorted[k - 1], hi: sorted[n - k], level, method };
}

/** Values outside Tukey's fences (quartiles by simple-statistics' sorted quantile). */
export function tukeyOutliers(sorted: number[]): number[] {
  if (sorted.length < 4) return [];
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  return sorted.filter((x) => x < q1 - 1.5 * iqr || x > q3 + 1.5 * iqr);
}
