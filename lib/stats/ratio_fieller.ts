/**
 * Confidence interval for the ratio of two independent means by Fieller's theorem
 * (Fieller 1954, *J. R. Statist. Soc. B* 16:175–185; for benchmarks: Kalibera & Jones 2013,
 * "Rigorous benchmarking in reasonable time", ISMM, §6).
 *
 * With R = x̄_c/x̄_b, v_b = s_b²/n_b, v_c = s_c²/n_c and t = t₁₋α/₂,df, the interval is the set of ρ with
 * (x̄_c − ρ x̄_b)² ≤ t²(v_c + ρ² v_b), i.e. the roots of
 * ρ²(x̄_b² − t² v_b) − 2ρ x̄_b x̄_c + (x̄_c² − t² v_c) = 0.
 * It is bounded only when g = t² v_b / x̄_b² < 1, i.e. the baseline mean is significantly away from 0;
 * otherwise the bounds are null and the note says why in words.
 * df: Welch–Satterthwaite for the linear combination x̄_c − R x̄_b (weights v_c and R² v_b).
 * @module
 */
import { tQuantile } from "./dists.ts";
import { mean, variance } from "./describe.ts";
import type { Interval } from "./types.ts";

export function fiellerRatio(
  baseline: number[],
  candidate: number[],
  level = 0.95,
): { ratio: number | null; ci: Interval } {
  const method = "Fieller";
  const mb = mean(baseline), mc = mean(candidate);
  if (mb === 0) {
    return {
      ratio: null,
      ci: { lo: null, hi: null, level, method, note: "the baseline's mean is 0, so no ratio to it exists" },
    };
  }
  const ratio = mc / mb;
  const nb = baseline.length, nc = candidate.length;
  if (nb < 2 || nc < 2) {
    return {
      ratio,
      ci: { lo: null, hi: null, level, method, note: "needs at least 2 runs per group for an interval" },
    };
  }
  const vb = variance(baseline) / nb, vc = variance(candidate) / nc;
  if (vb === 0 && vc === 0) {
    return {
      ratio,
      ci: {
        lo: ratio,
        hi: ratio,
        level,
        method,
        note: "every run of each group gave the same value: no noise to bound",
      },
    };
  }
  const wb = ratio ** 2 * vb;
  const df = (vc + wb) ** 2 / (vc ** 2 / (nc - 1) + wb ** 2 / (nb - 1));
  const t = tQuantile(1 - (1 - level) / 2, df);
  const a = mb ** 2 - t ** 2 * vb;
  if (a <= 0) {
    return {
      ratio,
      ci: {
        lo: null,
        hi: null,
        level,
        method,
        note: "the baseline's mean is not clearly away from zero, so the ratio's interval is unbounded",
      },
    };
  }
  const half = Math.sqrt((mb * mc) ** 2 - a * (mc ** 2 - t ** 2 * vc));
  const lo = (mb * mc - half) / a, hi = (mb * mc + half) / a;
  return { ratio, ci: { lo: Math.min(lo, hi), hi: Math.max(lo, hi), level, method } };
}
