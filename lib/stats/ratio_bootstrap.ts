/**
 * Bootstrap BCa confidence interval for the ratio of two independent means
 * (Efron 1987, *JASA* 82:171–185; Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 14).
 *
 * Each of B resamples draws n_b baseline and n_c candidate runs with replacement (stratified by group)
 * and computes θ* = x̄*_c/x̄*_b. Bias correction z₀ = Φ⁻¹(#{θ* < θ̂}/B) (ties count half); acceleration
 * a = Σ(θ̄₍.₎ − θ₍ᵢ₎)³ / [6 (Σ(θ̄₍.₎ − θ₍ᵢ₎)²)^{3/2}] from the leave-one-out jackknife over all runs.
 * The bounds are the θ* quantiles at α₁,₂ = Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α))) for z_α = Φ⁻¹(α/2), Φ⁻¹(1 − α/2).
 * BCa rather than percentile: ratios are skewed, and BCa is second-order accurate.
 * Seeded (see rng.ts): the same data and seed give the same interval.
 * @module
 */
import { quantile } from "simple-statistics";
import { mean } from "./describe.ts";
import { normalCdf, normalQuantile } from "./dists.ts";
import { mulberry32, MULBERRY32_STEP } from "./rng.ts";
import type { Interval } from "./types.ts";

export function bootstrapRatio(
  baseline: number[],
  candidate: number[],
  { level = 0.95, seed = 1, resamples = 2000 } = {},
): Interval {
  const method = `bootstrap BCa (${resamples} resamples, seed ${seed})`;
  const nb = baseline.length, nc = candidate.length;
  const theta = mean(candidate) / mean(baseline);
  if (nb < 2 || nc < 2) return { lo: null, hi: null, level, method, note: "needs at least 2 runs per group" };
  if (!Number.isFinite(theta)) return { lo: null, hi: null, level, method, note: "the baseline's mean is 0" };
  const all = new Float64Array(resamples);
  const n = resampledRatios(baseline, candidate, seed, all);
  const zeroBaselines = resamples - n;
  // Not sorted: the bounds need two order statistics each (selected, as simple-statistics' quantile does, with
  // the same type-7 values a sort gives), the rest counts. A sort per comparison was a tenth of the analysis.
  const stars = all.subarray(0, n);
  if (zeroBaselines > resamples * 0.01) {
    return {
      lo: null,
      hi: null,
      level,
      method,
      note: "the baseline's resampled mean is often 0, so the ratio's interval is unbounded",
    };
  }
  let min = Infinity, max = -Infinity, less = 0, equal = 0;
  for (let i = 0; i < stars.length; i++) { // by index: `for … of` allocated an iterator result per resample
    const s = stars[i];
    if (s < min) min = s;
    if (s > max) max = s;
    if (s < theta) less++;
    else if (s === theta) equal++;
  }
  if (min === max) {
    return {
      lo: theta,
      hi: theta,
      level,
      method,
      note: "no variation between runs: every resample gives the same ratio",
    };
  }
  const below = less + equal / 2;
  const z0 = normalQuantile(Math.min(1 - 1e-9, Math.max(1e-9, below / stars.length)));
  const a = acceleration(baseline, candidate);
  const adjust = (alpha: number) => {
    const z = normalQuantile(alpha);
    return normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
  };
  const alpha = 1 - level;
  const ps = [clamp(adjust(alpha / 2)), clamp(adjust(1 - alpha / 2))];
  // A degenerate acceleration (NaN) gives NaN bounds, as interpolating a sorted copy at NaN did.
  if (ps.some(Number.isNaN)) return { lo: NaN, hi: NaN, level, method };
  // simple-statistics types its input as number[]; it only indexes and slices it, which a Float64Array does alike.
  const [lo, hi] = quantile(stars as unknown as number[], ps);
  return { lo, hi, level, method };
}

/**
 * Fills `out` with θ* = x̄*_c/x̄*_b for each resample whose baseline mean is not 0, and returns how many. Each
 * resample draws n_b baseline indexes, then n_c candidate ones, from seededRandom's sequence for `seed`, its state
 * kept here in a local (through seededRandom's closure the draws were two thirds of the bootstrap's time, and the
 * bootstrap half of the analysis of the shipped data; tests/stats/bootstrap_test.ts checks that the ratios are
 * those the closure gives, bit for bit).
 */
export function resampledRatios(
  baseline: number[],
  candidate: number[],
  seed: number,
  out: Float64Array,
): number {
  const nb = baseline.length, nc = candidate.length, runs = nb + nc;
  const x = new Float64Array(runs);
  x.set(baseline);
  x.set(candidate, nb);
  let state = seed >>> 0, n = 0;
  for (let b = 0; b < out.length; b++) {
    let sb = 0, sc = 0;
    for (let i = 0; i < runs; i++) {
      state = (state + MULBERRY32_STEP) >>> 0;
      const u = mulberry32(state);
      // u · n < n < 2³¹, so `| 0` is Math.floor.
      if (i < nb) sb += x[(u * nb) | 0];
      else sc += x[nb + ((u * nc) | 0)];
    }
    const mb = sb / nb;
    if (mb !== 0) out[n++] = sc / nc / mb;
  }
  return n;
}

function acceleration(baseline: number[], candidate: number[]): number {
  const sb = baseline.reduce((s, v) => s + v, 0), sc = candidate.reduce((s, v) => s + v, 0);
  const nb = baseline.length, nc = candidate.length;
  const jack = [
    ...baseline.map((v) => (sc / nc) / ((sb - v) / (nb - 1))),
    ...candidate.map((v) => ((sc - v) / (nc - 1)) / (sb / nb)),
  ].filter(Number.isFinite);
  const m = mean(jack);
  let num = 0, den = 0;
  for (const j of jack) {
    num += (m - j) ** 3;
    den += (m - j) ** 2;
  }
  return den === 0 ? 0 : num / (6 * den ** 1.5);
}

const clamp = (p: number) => Math.min(1, Math.max(0, p));
