/**
 * Comparisons as flat, tidy records for CSV / JSON / Markdown: the data's factor columns first (same
 * names as the folders), then the comparison's columns. Missing numbers are empty, never NaN.
 * @module
 */
import type { Comparison, Interval } from "./types.ts";

export type Cell = string | number | null;

export function comparisonTable(comparisons: Comparison[]): Record<string, Cell>[] {
  return [...comparisonRows(comparisons)];
}

/**
 * {@link comparisonTable}'s rows one at a time, each with every column: what the report writes results.csv and
 * results.json from (at 20× the shipped data the whole table is 4 560 rows of 55 cells, ~20 MB while it is held).
 */
export function* comparisonRows(comparisons: Comparison[]): Generator<Record<string, Cell>> {
  const factorNames = [...new Set(comparisons.flatMap((c) => Object.keys(c.factors)))].sort();
  for (const c of comparisons) {
    const row: Record<string, Cell> = {};
    for (const f of factorNames) row[f] = c.factors[f] ?? null;
    Object.assign(row, {
      metric: c.metric,
      stat: c.stat,
      unit: c.unit,
      direction: c.direction,
      by: c.by,
      baseline: c.baselineName,
      candidate: c.candidateName,
      n_baseline: c.baseline.n,
      n_candidate: c.candidate.n,
      mean_baseline: c.baseline.mean,
      mean_candidate: c.candidate.mean,
      cv_baseline: c.baseline.cv,
      cv_candidate: c.candidate.cv,
      ratio: c.ratio,
      // The verdict's interval (at the family's level); the plain one-at-a-time interval beside it.
      ratio_lo: c.ratioCI.lo,
      ratio_hi: c.ratioCI.hi,
      ratio_level: c.ratioCI.level,
      ratio_lo_unadjusted: c.ratioCIUnadjusted.lo,
      ratio_hi_unadjusted: c.ratioCIUnadjusted.hi,
      ratio_level_unadjusted: c.ratioCIUnadjusted.level,
      ratio_boot_lo: c.ratioBootCI.lo,
      ratio_boot_hi: c.ratioBootCI.hi,
      change: c.ratioText,
      family: c.family.name,
      family_size: c.family.size,
      adjust: c.family.method,
      alpha: c.family.alpha,
      min_change: c.family.minChange,
      p_ratio: c.pRatio,
      p_adjusted: c.pAdjusted,
      q_bh: c.qValue,
      p_welch: c.welch.p,
      p_mann_whitney: c.mannWhitney.p,
      p_permutation: c.permutation.p,
      hedges_g: c.hedgesG,
      cliffs_delta: c.cliffsDelta,
      verdict: c.verdict,
      verdict_note: c.verdictNote,
      warnings: c.warnings.map((w) => w.text).join("; "),
    });
    yield row;
  }
}

/** "[0.91, 1.12]" or the interval's note when a bound is undefined. */
export function formatInterval(ci: Interval, digits = 3): string {
  if (ci.lo === null || ci.hi === null) return ci.note ?? "no interval";
  return `[${ci.lo.toPrecision(digits)}, ${ci.hi.toPrecision(digits)}]`;
}
