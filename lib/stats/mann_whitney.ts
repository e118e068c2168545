/**
 * Mann–Whitney U test (Mann & Whitney 1947, *Ann. Math. Statist.* 18:50–60) with mid-ranks for ties.
 *
 * U = R_c − n_c(n_c + 1)/2, where R_c is the candidate's sum of mid-ranks in the pooled sample.
 * **Exact**: the null distribution is that of R_c over all C(N, n_c) equally likely assignments of
 * the pooled mid-ranks (ties included) — counted by dynamic programming over the doubled mid-ranks,
 * as benchstat does, so rounded data (integer IOPS) still get exact p-values. Two-sided
 * p = min(1, 2·min(P(U ≤ u), P(U ≥ u))), the convention of R's `wilcox.test`.
 * **Normal approximation** (only when exact counting is too large): z = (|U − n_b n_c/2| − ½)/σ,
 * σ² = n_b n_c/12 · [(N + 1) − Σ(t³ − t)/(N(N − 1))] (tie-corrected, with continuity correction;
 * Hollander & Wolfe 1999, *Nonparametric Statistical Methods*, §4.1).
 * @module
 */
import { midRanks } from "./describe.ts";
import { normalCdf } from "./dists.ts";
import type { TestResult } from "./types.ts";

/** Exact counting is used while N·n_c·(max doubled rank sum) stays below this many steps. */
const EXACT_LIMIT = 2e8;

export function mannWhitneyTest(baseline: number[], candidate: number[]): TestResult {
  const nb = baseline.length, nc = candidate.length, n = nb + nc;
  if (nb === 0 || nc === 0) {
    return { method: "Mann–Whitney U", statistic: null, p: null, note: "a group is empty" };
  }
  const ranks = midRanks([...baseline, ...candidate]);
  const doubled = ranks.map((r) => Math.round(2 * r)); // mid-ranks are multiples of ½
  const observed = doubled.slice(nb).reduce((s, r) => s + r, 0);
  const u = observed / 2 - (nc * (nc + 1)) / 2;
  if (doubled.every((r) => r === doubled[0])) {
    return { method: "Mann–Whitney U (exact)", statistic: u, p: 1, note: "all values are tied" };
  }
  const maxSum = doubled.reduce((s, r) => s + r, 0);
  if (n * nc * maxSum <= EXACT_LIMIT) {
    const p = exactP(doubled, nc, observed);
    return { method: "Mann–Whitney U (exact)", statistic: u, p };
  }
  const ties = tieSizes(ranks);
  const sigma = Math.sqrt(
    (nb * nc / 12) * ((n + 1) - ties.reduce((s, t) => s + t ** 3 - t, 0) / (n * (n - 1))),
  );
  const z = Math.max(0, Math.abs(u - (nb * nc) / 2) - 0.5) / sigma;
  return {
    method: "Mann–Whitney U (normal approx., tie and continuity corrected)",
    statistic: u,
    p: Math.min(1, 2 * normalCdf(-z)),
  };
}

/** Two-sided exact p for the sum of `k` of the doubled ranks being `observed`. */
function exactP(doubled: number[], k: number, observed: number): number {
  const maxSum = doubled.reduce((s, r) => s + r, 0);
  // ways[j][s]: number of j-subsets of the ranks seen so far with doubled-rank sum s (floats: counts can exceed 2^53 only for N > 60).
  const ways = Array.from({ length: k + 1 }, () => new Float64Array(maxSum + 1));
  ways[0][0] = 1;
  for (const r of doubled) {
    for (let j = k; j >= 1; j--) {
      const from = ways[j - 1], to = ways[j];
      for (let s = maxSum - r; s >= 0; s--) if (from[s]) to[s + r] += from[s];
    }
  }
  let total = 0, lower = 0, upper = 0;
  ways[k].forEach((w, s) => {
    total += w;
    if (s <= observed) lower += w;
    if (s >= observed) upper += w;
  });
  return Math.min(1, (2 * Math.min(lower, upper)) / total);
}

function tieSizes(ranks: number[]): number[] {
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.values()].filter((t) => t > 1);
}
