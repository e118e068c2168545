/**
 * Two-sample permutation test on the difference of means (Fisher 1935; Good 2005, *Permutation,
 * Parametric and Bootstrap Tests of Hypotheses*, ch. 3).
 *
 * Statistic d = x̄_c − x̄_b. Under H₀ every split of the pooled runs into groups of n_b and n_c is
 * equally likely. **Exact** when C(N, n_c) ≤ 200 000: p = #{splits with |d*| ≥ |d|}/C(N, n_c).
 * Otherwise **Monte Carlo** with B seeded random splits: p = (1 + #{|d*| ≥ |d|})/(B + 1)
 * (Phipson & Smyth 2010), reproducible by seed.
 * @module
 */
import { mean } from "./describe.ts";
import { seededRandom } from "./rng.ts";
import type { TestResult } from "./types.ts";
import { maxOf } from "../arrays.ts";

const EXACT_LIMIT = 200_000;

export function permutationTest(
  baseline: number[],
  candidate: number[],
  seed = 1,
  resamples = 10_000,
): TestResult {
  const nb = baseline.length, nc = candidate.length;
  if (nb === 0 || nc === 0) {
    return { method: "permutation", statistic: null, p: null, note: "a group is empty" };
  }
  const pooled = [...baseline, ...candidate];
  const total = pooled.reduce((s, v) => s + v, 0);
  const observed = mean(candidate) - mean(baseline);
  // Candidate sum S determines d* = S/n_c − (total − S)/n_b; compare with a relative tolerance for float noise.
  const diffOf = (sumC: number) => sumC / nc - (total - sumC) / nb;
  const eps = 1e-12 * Math.max(1, Math.abs(observed), maxOf(pooled.map(Math.abs)));
  const extreme = (sumC: number) => Math.abs(diffOf(sumC)) >= Math.abs(observed) - eps;
  const count = binomial(nb + nc, nc);
  if (count <= EXACT_LIMIT) {
    let hits = 0;
    forEachSubsetSum(pooled, nc, (s) => {
      if (extreme(s)) hits++;
    });
    return { method: "permutation (exact)", statistic: observed, p: hits / count };
  }
  const random = seededRandom(seed);
  const idx = pooled.map((_, i) => i);
  let hits = 0;
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < nc; i++) { // partial Fisher–Yates: the first n_c positions are a random subset
      const j = i + Math.floor(random() * (idx.length - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
      s += pooled[idx[i]];
    }
    if (extreme(s)) hits++;
  }
  return {
    method: `permutation (Monte Carlo, ${resamples} resamples, seed ${seed})`,
    statistic: observed,
    p: (hits + 1) / (resamples + 1),
  };
}

function forEachSubsetSum(
  values: number[],
  k: number,
  visit: (sum: number) => void,
  start = 0,
  sum = 0,
): void {
  if (k === 0) return visit(sum);
  for (let i = start; i <= values.length - k; i++) {
    forEachSubsetSum(values, k - 1, visit, i + 1, sum + values[i]);
  }
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}
