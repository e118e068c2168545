/**
 * Welch's unequal-variances t-test (Welch 1947, *Biometrika* 34:28–35).
 *
 * t = (x̄_c − x̄_b) / √(s_b²/n_b + s_c²/n_c),
 * df = (s_b²/n_b + s_c²/n_c)² / [ (s_b²/n_b)²/(n_b − 1) + (s_c²/n_c)²/(n_c − 1) ] (Satterthwaite 1946),
 * two-sided p = 2·P(T_df ≥ |t|); CI of the difference: (x̄_c − x̄_b) ± t₁₋α/₂,df · SE.
 * @module
 */
import { tCdf, tQuantile } from "./dists.ts";
import { mean, variance } from "./describe.ts";
import type { TestResult } from "./types.ts";

export function welchTest(baseline: number[], candidate: number[], level = 0.95): TestResult {
  const method = "Welch t";
  if (baseline.length < 2 || candidate.length < 2) {
    return { method, statistic: null, df: null, p: null, note: "needs at least 2 runs per group" };
  }
  const vb = variance(baseline) / baseline.length;
  const vc = variance(candidate) / candidate.length;
  const diff = mean(candidate) - mean(baseline);
  const se = Math.sqrt(vb + vc);
  if (se === 0) {
    return {
      method,
      statistic: null,
      df: null,
      p: null,
      diffCI: { lo: diff, hi: diff, level, method: "exact (no variance)" },
      note: diff === 0
        ? "every run of both groups gave the same value: no difference and no noise to test against"
        : "both groups have zero variance, so a t-test is undefined; the runs differ by a constant",
    };
  }
  const df = (vb + vc) ** 2 / (vb ** 2 / (baseline.length - 1) + vc ** 2 / (candidate.length - 1));
  const t = diff / se;
  const p = Math.min(1, 2 * tCdf(-Math.abs(t), df)); // lower tail: no cancellation for tiny p
  const h = tQuantile(1 - (1 - level) / 2, df) * se;
  return { method, statistic: t, df, p, diffCI: { lo: diff - h, hi: diff + h, level, method: "Welch t" } };
}
