/**
 * The honest warnings that travel with every comparison (after Kalibera & Jones 2013 and
 * benchstat): too few runs, noisy runs, outliers, degenerate groups, mixed tool versions,
 * and tests that disagree.
 * @module
 */
import type { Summary, TestResult } from "./types.ts";

export const MIN_RUNS = 5;
export const MAX_CV = 0.10;

export function groupWarnings(name: string, s: Summary): string[] {
  const out: string[] = [];
  if (s.n === 1) out.push(`${name}: one run only — no variance, no test, no interval`);
  else if (s.n < MIN_RUNS) {
    out.push(`${name}: only ${s.n} runs (fewer than ${MIN_RUNS}): intervals are wide and tests weak`);
  }
  if (s.values.every((v) => v === 0)) out.push(`${name}: every run is 0`);
  else if (s.n > 1 && s.sd === 0) out.push(`${name}: every run gave the same value (zero variance)`);
  if (s.cv !== null && s.cv > MAX_CV) {
    out.push(`${name}: noisy runs (CV ${(s.cv * 100).toFixed(1)} % > ${MAX_CV * 100} %)`);
  }
  if (s.outliers.length) {
    out.push(
      `${name}: ${s.outliers.length} outlier run(s) outside Tukey's fences (${
        s.outliers.map(fmt).join(", ")
      })`,
    );
  }
  return out;
}

/** Flags when the rank test and the t-test point different ways at level alpha. */
export function disagreementWarning(welch: TestResult, mw: TestResult, alpha: number): string[] {
  if (welch.p === null || mw.p === null) return [];
  const w = welch.p < alpha, m = mw.p < alpha;
  if (w === m) return [];
  return [
    `Welch (p = ${fmt(welch.p)}) and Mann–Whitney (p = ${fmt(mw.p)}) disagree at α = ${alpha}: ` +
    (w
      ? "the difference may rest on one or two runs"
      : "the runs are separated but too few or too noisy for the t-test"),
  ];
}

export function versionWarning(versions: Set<string>): string[] {
  const v = [...versions].filter(Boolean).sort();
  return v.length > 1
    ? [`mixed tool versions in this comparison (${v.join(", ")}): their numbers may not be comparable`]
    : [];
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0)
    ? x.toExponential(2)
    : String(Number(x.toPrecision(4)));
}
