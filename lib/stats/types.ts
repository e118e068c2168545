/**
 * Result types of the statistics stage: what `lib/plot/`, `lib/export/`, the notebooks and the
 * report consume. Every number that could be undefined (an unbounded ratio CI, a test on n=1)
 * is `null` together with a sentence in `warnings` or `note` saying why — never NaN or Infinity.
 * @module
 */
import type { Better, Factors, Metric, Stat, Unit, Warning } from "../model.ts";

/** A two-sided confidence interval; `null` bounds mean "unbounded/undefined", explained in `note`. */
export interface Interval {
  lo: number | null;
  hi: number | null;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Method name, e.g. "t", "Fieller", "bootstrap BCa (seed 1, 10000 resamples)", "order statistics". */
  method: string;
  /** Why a bound is null, in words; absent when both bounds are finite. */
  note?: string;
}

/** Descriptive statistics of one group of run-level values (one value per repetition). */
export interface Summary {
  n: number;
  mean: number;
  median: number;
  /** Sample standard deviation (n − 1); null for n < 2. */
  sd: number | null;
  /** Coefficient of variation sd/mean; null when undefined (n < 2 or mean 0). */
  cv: number | null;
  min: number;
  max: number;
  meanCI: Interval;
  medianCI: Interval;
  /** The values themselves, in input order (plots show every repetition). */
  values: number[];
  /** Values outside Tukey's fences (1.5 IQR). */
  outliers: number[];
}

export interface TestResult {
  /** e.g. "Welch t", "Mann–Whitney U (exact)", "Mann–Whitney U (normal approx.)", "permutation (exact)". */
  method: string;
  statistic: number | null;
  /** Degrees of freedom (Welch) when meaningful. */
  df?: number | null;
  p: number | null;
  /** CI of the difference candidate − baseline (Welch). */
  diffCI?: Interval;
  note?: string;
}

/**
 * The verdict, read from one interval of the ratio (see lib/stats/verdict.ts):
 * - `better` / `worse`: the verdict interval clears the no-change band [1/(1+m), 1+m] (m = min-change, default 0);
 * - `~`: the interval overlaps the band — no detectable difference, which is not proof of equality;
 * - `equivalent`: the interval lies inside the band (only when the user set a min-change m > 0);
 * - `insufficient`: the data cannot answer (fewer than 2 runs on a side, no computable interval).
 */
export type Verdict = "better" | "worse" | "~" | "equivalent" | "insufficient";

/** How p-values are adjusted across a family (see verdict.ts). */
export type AdjustMethod = "holm" | "bh" | "none";

/** The family a comparison was judged in (see families.ts and verdict.ts). */
export interface Family {
  /** "headline" or "secondary". */
  name: string;
  method: AdjustMethod;
  /** Comparisons in the family that have a p-value (insufficient ones do not count). */
  size: number;
  alpha: number;
  /** Confidence level of every verdict interval in the family. */
  level: number;
  /** The no-change band is [1/(1+m), 1+m]; 0 = the single point 1. */
  minChange: number;
}

/** One comparison: one workload/metric/stat, baseline vs candidate. */
export interface Comparison {
  /** Factors that identify the group, without the compared factor and without `rep`. */
  factors: Factors;
  /** The factor being compared, e.g. "driver" or "nic". */
  by: string;
  baselineName: string;
  candidateName: string;
  metric: Metric;
  stat: Stat;
  unit: Unit;
  direction: string;
  better: Better;
  baseline: Summary;
  candidate: Summary;
  /** candidate mean / baseline mean; null when undefined (baseline mean 0), see warnings. */
  ratio: number | null;
  /** The verdict's interval: Fieller at the family's level (`family.level`). This is the one drawn and printed. */
  ratioCI: Interval;
  /** The plain Fieller interval at the requested level (95 %), one comparison at a time. */
  ratioCIUnadjusted: Interval;
  ratioBootCI: Interval;
  /** e.g. "3.20× faster", "1.41× slower", "no detectable difference". */
  ratioText: string;
  welch: TestResult;
  mannWhitney: TestResult;
  permutation: TestResult;
  hedgesG: number | null;
  cliffsDelta: number | null;
  /** p of the Fieller-dual test that the ratio lies in the no-change band (ratio_test.ts); null = insufficient. */
  pRatio: number | null;
  /** `pRatio` adjusted across the family by `family.method`. */
  pAdjusted: number | null;
  /** `pRatio` adjusted by Benjamini–Hochberg within the family (for reference, whatever the method). */
  qValue: number | null;
  family: Family;
  verdict: Verdict;
  /** Why the verdict is what it is, when that needs words (insufficient data, unbounded interval). */
  verdictNote: string;
  /** Honest warnings that travel with the result (n < 5, CV > 10 %, outliers, mixed versions, …), typed. */
  warnings: Warning[];
}

/** Geometric-mean summary of ratios across a family of comparisons. */
export interface GeoMeanSummary {
  ratio: number | null;
  ci: Interval;
  k: number;
  better: Better;
  text: string;
  warnings: string[];
}
