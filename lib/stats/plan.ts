/**
 * How many repetitions per group a future experiment needs (power analysis for a two-sample
 * comparison of means on the log scale; Cohen 1988, *Statistical Power Analysis*, ch. 2).
 *
 * Run-to-run noise as a coefficient of variation c gives a log-scale sd σ = √ln(1 + c²). To detect a true
 * ratio r (|ln r| = Δ) with a two-sided level-α test and power 1 − β, n per group is the smallest n ≥ 2
 * with P(T_{2n−2} > t₁₋α/₂ − δ) ≥ 1 − β, δ = Δ/(σ√(2/n)) — the shifted-central-t approximation to the
 * noncentral t, accurate to about one run for these sizes.
 * @module
 */
import { tCdf, tQuantile } from "./dists.ts";

export interface PlanInput {
  /** Coefficient of variation of the runs (sd/mean), e.g. 0.05. */
  cv: number;
  /** The ratio to detect, e.g. 1.1 for a 10 % difference. */
  ratio: number;
  power?: number;
  alpha?: number;
}

/** Repetitions per group; null when the ratio is 1 (nothing to detect) or more than 10 000 are needed. */
export function repetitionsNeeded({ cv, ratio, power = 0.8, alpha = 0.05 }: PlanInput): number | null {
  if (!(cv >= 0) || !(ratio > 0) || ratio === 1) return null;
  if (cv === 0) return 2;
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const delta = Math.abs(Math.log(ratio));
  for (let n = 2; n <= 10_000; n++) {
    const df = 2 * n - 2;
    const shift = delta / (sigma * Math.sqrt(2 / n));
    if (1 - tCdf(tQuantile(1 - alpha / 2, df) - shift, df) >= power) return n;
  }
  return null;
}
