/**
 * The test that Fieller's interval inverts (Fieller 1954; see ratio_fieller.ts): for H₀: ρ = ρ₀,
 * T(ρ₀) = (x̄_c − ρ₀ x̄_b) / √(v_c + ρ₀² v_b) with Fieller's Welch–Satterthwaite df, p = 2·P(T_df ≥ |T|).
 * At ρ₀ = 1 the statistic is Welch's t; only the df differs (weights at R̂ instead of 1). Because the
 * interval at level L is exactly {ρ : p(ρ) ≥ 1 − L}, the interval clears a value ⇔ this p is below 1 − L:
 * the verdict, the p-value and the drawn interval cannot disagree.
 *
 * No-change band [1/(1+m), 1+m] (m = practical minimum change, 0 = the single point 1): for R̂ outside the
 * band, |T(ρ)| decreases as ρ moves from the band's nearer edge towards R̂, so the interval clears the whole
 * band ⇔ p(nearer edge) < 1 − L. For R̂ inside the band no interval can clear it: p = 1.
 * @module
 */
import { tCdf } from "./dists.ts";
import { type FiellerMoments, fiellerMoments } from "./ratio_fieller.ts";

/** Two-sided p of H₀: ratio = ρ₀; null when the ratio or its variance is undefined (n < 2, baseline mean 0). */
export function ratioTestP(baseline: number[], candidate: number[], rho0 = 1): number | null {
  const m = fiellerMoments(baseline, candidate);
  return typeof m === "string" ? null : ratioTestPOf(m, rho0);
}

/** The same test from Fieller moments of either form (ratio_fieller.ts). */
export function ratioTestPOf(m: FiellerMoments, rho0 = 1): number {
  const num = m.mc - rho0 * m.mb;
  const se = Math.sqrt(m.vc + rho0 ** 2 * m.vb);
  if (m.df === null || se === 0) return num === 0 ? 1 : 0; // no noise: the runs differ by a constant or not at all
  return Math.min(1, 2 * tCdf(-Math.abs(num / se), m.df)); // lower tail: no cancellation for tiny p
}

/** The band [1/(1+m), 1+m] of ratios that count as "no change". */
export function noChangeBand(minChange: number): [number, number] {
  return [1 / (1 + minChange), 1 + minChange];
}

/** p of "the ratio lies in the no-change band": the test at the band's edge nearer to R̂ (1 inside the band). */
export function bandTestP(baseline: number[], candidate: number[], minChange: number): number | null {
  const m = fiellerMoments(baseline, candidate);
  return typeof m === "string" ? null : bandTestPOf(m, minChange);
}

/** The band test from Fieller moments of either form. */
export function bandTestPOf(m: FiellerMoments, minChange: number): number {
  const [lo, hi] = noChangeBand(minChange);
  if (m.ratio > hi) return ratioTestPOf(m, hi);
  if (m.ratio < lo) return ratioTestPOf(m, lo);
  return 1;
}
