/**
 * The honest warnings that travel with every comparison (after Kalibera & Jones 2013 and
 * benchstat): too few runs, noisy runs, outliers, degenerate groups, mixed tool versions,
 * and tests that disagree.
 * @module
 */
import type { Warning } from "../model.ts";
import type { Summary, TestResult } from "./types.ts";

export const MIN_RUNS = 5;
export const MAX_CV = 0.10;

/** The warnings of one group of runs (`name` = its value of the compared factor), each "name: …". */
export function groupWarnings(name: string, s: Summary): Warning[] {
  const out: Warning[] = [];
  const add = (kind: Warning["kind"], text: string) =>
    out.push({ kind, subject: { group: name }, text: `${name}: ${text}` });
  if (s.n === 1) add("few-runs", "one run only — no variance, no test, no interval");
  else if (s.n < MIN_RUNS) {
    add("few-runs", `only ${s.n} runs (fewer than ${MIN_RUNS}): intervals are wide and tests weak`);
  }
  if (s.values.every((v) => v === 0)) add("no-variation", "every run is 0");
  else if (s.n > 1 && s.sd === 0) add("no-variation", "every run gave the same value (zero variance)");
  if (s.cv !== null && s.cv > MAX_CV) {
    add("noisy", `noisy runs (CV ${(s.cv * 100).toFixed(1)} % > ${MAX_CV * 100} %)`);
  }
  if (s.outliers.length) {
    add(
      "outliers",
      `${s.outliers.length} outlier run(s) outside Tukey's fences (${s.outliers.map(fmt).join(", ")})`,
    );
  }
  return out;
}

/** Flags when the rank test and the t-test point different ways at level alpha. */
export function disagreementWarning(welch: TestResult, mw: TestResult, alpha: number): Warning[] {
  if (welch.p === null || mw.p === null) return [];
  const w = welch.p < alpha, m = mw.p < alpha;
  if (w === m) return [];
  return [{
    kind: "tests-disagree",
    text: `Welch (p = ${fmt(welch.p)}) and Mann–Whitney (p = ${fmt(mw.p)}) disagree at α = ${alpha}: ` +
      (w
        ? "the difference may rest on one or two runs"
        : "the runs are separated but too few or too noisy for the t-test"),
  }];
}

export function versionWarning(versions: Set<string>): Warning[] {
  const v = [...versions].filter(Boolean).sort();
  return v.length > 1
    ? [{
      kind: "mixed-versions",
      text: `mixed tool versions in this comparison (${v.join(", ")}): their numbers may not be comparable`,
    }]
    : [];
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0)
    ? x.toExponential(2)
    : String(Number(x.toPrecision(4)));
}

/**
 * Exact Mann–Whitney with n₁ and n₂ runs cannot give a two-sided p below 2/C(n₁+n₂, n₁) (all of one side
 * above all of the other). When that floor is above the family's first-step level (α/m for Holm and BH, α
 * for none), the rank check can never confirm a difference: say so, and how many runs per side would.
 */
export function rankFloorWarning(
  members: { baseline: { n: number }; candidate: { n: number }; pRatio: number | null }[],
  alpha: number,
  method: "holm" | "bh" | "none",
  family = "",
): Warning | null {
  const judged = members.filter((c) => c.pRatio !== null);
  if (judged.length === 0) return null;
  const threshold = method === "none" ? alpha : alpha / judged.length;
  const smallest = judged.reduce((a, c) =>
    Math.min(c.baseline.n, c.candidate.n) < Math.min(a.baseline.n, a.candidate.n) ? c : a
  );
  const n1 = smallest.baseline.n, n2 = smallest.candidate.n;
  const floor = rankFloor(n1, n2);
  if (floor < threshold) return null;
  let n = Math.max(n1, n2);
  while (rankFloor(n, n) >= threshold) n++;
  const text =
    `${
      family ? `${family} family: ` : ""
    }with ${n1} and ${n2} runs the exact Mann–Whitney check cannot go below p = ${fmt(floor)}, ` +
    `above the family's first-step level ${fmt(threshold)} (α ${alpha} over ${judged.length} comparisons): ` +
    `the rank test cannot confirm a difference here; ${n} runs per side would`;
  return { kind: "rank-floor", subject: family ? { family } : undefined, text };
}

/** 2/C(n₁+n₂, n₁): the smallest two-sided exact Mann–Whitney p-value. */
export function rankFloor(n1: number, n2: number): number {
  let c = 1;
  for (let i = 1; i <= n1; i++) c = (c * (n2 + i)) / i;
  return Math.min(1, 2 / c);
}
