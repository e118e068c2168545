/**
 * The distributions the methods need, from @stdlib (well-tested special functions), behind
 * short names so every method file reads like its formula.
 * @module
 */
// The packages pinned in deno.json, bundled into one file (tools/bundle_vendor.ts says why: start-up time).
// @ts-types="./vendor/stdlib_dists.d.ts"
import {
  binomialCdf as binomialCdfImpl,
  normalCdf as normalCdfImpl,
  normalQuantile as normalQuantileImpl,
  tCdf as tCdfImpl,
  tQuantile as tQuantileImpl,
} from "./vendor/stdlib_dists.js";

/** P(T ≤ x) for Student's t with `df` degrees of freedom. */
export const tCdf = (x: number, df: number): number => tCdfImpl(x, df);
/** The p-quantile of Student's t. */
export const tQuantile = (p: number, df: number): number => tQuantileImpl(p, df);
/** Φ(x), the standard normal CDF. */
export const normalCdf = (x: number): number => normalCdfImpl(x, 0, 1);
/** Φ⁻¹(p). */
export const normalQuantile = (p: number): number => normalQuantileImpl(p, 0, 1);
/** P(X ≤ k) for X ~ Binomial(n, p). */
export const binomialCdf = (k: number, n: number, p: number): number => binomialCdfImpl(k, n, p);
