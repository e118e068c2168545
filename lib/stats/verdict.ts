/**
 * The verdict rule, in one place: every table, figure, sentence and exit code reads it from here.
 *
 * 1. Each comparison gets p = the Fieller-dual test that its ratio lies in the no-change band (ratio_test.ts).
 * 2. Within a family (families.ts), the adjustment picks the decisions and ONE confidence level for the family:
 *    - `holm` (Holm 1979; family-wise error ≤ α): intervals at 1 − α/r, r = the comparisons Holm does not reject
 *      (r = 1 when it rejects all). Every Holm-rejected p is below α/r and every accepted one at or above it, so
 *      these intervals clear the band exactly where Holm rejects; for the accepted ones this is the level of
 *      Strassburger & Bretz's (2008, *Stat. Med.* 27:4914–4927) compatible simultaneous intervals.
 *    - `bh` (Benjamini & Hochberg 1995; false discovery rate ≤ α): intervals at 1 − Rα/m, R = the number BH
 *      rejects (R = 0: 1 − α/m) — Benjamini & Yekutieli's (2005, *JASA* 100:71–81) false-coverage-rate intervals;
 *      BH rejects exactly the p below Rα/m, so again interval and decision agree.
 *    - `none`: plain 1 − α intervals, one comparison at a time.
 * 3. The verdict is read from that interval alone: `better`/`worse` when it clears the band [1/(1+m), 1+m],
 *    `equivalent` when it lies inside a band the user set (m > 0), `~` otherwise. A comparison without a usable
 *    interval (fewer than 2 runs on a side, no ratio, unbounded interval) is `insufficient` and is not counted in
 *    its family. So a filled mark, the word "better" and an interval clear of the band always go together.
 * @module
 */
import { benjaminiHochberg, holm } from "./adjust.ts";
import type { Better } from "../model.ts";
import { noChangeBand } from "./ratio_test.ts";
import type { AdjustMethod, Comparison, Interval, Verdict } from "./types.ts";
import { pushAll } from "../arrays.ts";

export const ADJUST_METHODS: AdjustMethod[] = ["holm", "bh", "none"];

/** A verdict that claims a difference: drawn as a filled mark, counted by `--check`. */
export function decided(c: Pick<Comparison, "verdict">): boolean {
  return isDifference(c.verdict);
}

export function isDifference(v: Verdict): boolean {
  return v === "better" || v === "worse";
}

export interface FamilyStep {
  /** Confidence level of every interval in the family. */
  level: number;
  /** p adjusted by the method (null where p is null). */
  adjusted: (number | null)[];
  /** Comparisons with a p-value (the family size m). */
  size: number;
}

/** The family step: adjusted p-values and the one level at which the family's intervals are drawn. */
export function familyStep(p: (number | null)[], method: AdjustMethod, alpha: number): FamilyStep {
  const size = p.filter((v) => v !== null).length;
  if (method === "none" || size === 0) return { level: 1 - alpha, adjusted: [...p], size };
  if (method === "holm") {
    const adjusted = holm(p);
    const kept = adjusted.filter((v) => v !== null && v >= alpha).length;
    return { level: 1 - alpha / Math.max(kept, 1), adjusted, size };
  }
  const adjusted = benjaminiHochberg(p);
  const rejected = adjusted.filter((v) => v !== null && v < alpha).length;
  return { level: 1 - (alpha * Math.max(rejected, 1)) / size, adjusted, size };
}

/** What {@link parseMinChange} accepts, in words for the messages that refuse a value. */
export const MIN_CHANGE_RANGE = "a percentage from 0 % up to (not including) 1000 %, such as 5%";

/** "5%", "5 %" or "0.05" → 0.05; null when it is not a change between 0 and 1000 %. */
export function parseMinChange(text: string): number | null {
  const m = text.trim().match(/^(\d+(?:\.\d+)?)\s*(%?)$/);
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  return value >= 0 && value < 10 ? value : null;
}

/** The verdict an interval gives against the no-change band (m = minimum change that matters, 0 = none). */
export function readInterval(ci: Interval, better: Better, minChange: number): Verdict {
  if (ci.lo === null || ci.hi === null || Number.isNaN(ci.lo) || Number.isNaN(ci.hi)) return "insufficient";
  const [bandLo, bandHi] = noChangeBand(minChange);
  const higher = better === "higher";
  if (ci.lo > bandHi) return higher ? "better" : "worse";
  if (ci.hi < bandLo) return higher ? "worse" : "better";
  if (minChange > 0 && ci.lo >= bandLo && ci.hi <= bandHi) return "equivalent";
  return "~";
}

const METHOD_NAMES: Record<AdjustMethod, string> = {
  holm: "Holm",
  bh: "Benjamini–Hochberg",
  none: "no multiplicity adjustment",
};

export function methodName(method: AdjustMethod): string {
  return METHOD_NAMES[method];
}

/** "headline: 9 comparisons, intervals at 99.4 %" for each family present, as a sentence for captions. */
export function familySentence(comparisons: Comparison[]): string {
  const families = new Map<string, Comparison>();
  for (const c of comparisons) if (!families.has(c.family.name)) families.set(c.family.name, c);
  if (families.size === 0) return "";
  const first = families.values().next().value!;
  const { method, alpha, minChange } = first.family;
  const parts = [...families.values()].map((c) =>
    `${c.family.name} family ${c.family.size} comparison${c.family.size === 1 ? "" : "s"}, ` +
    `intervals at ${percent(c.family.level)}`
  );
  const band = minChange > 0 ? `; no-change band ±${percent(minChange, 3)}` : "";
  return `${methodName(method)}, α ${alpha}: ${parts.join("; ")}${band}.`;
}

/** 0.99444 → "99.4 %", 0.95 → "95 %". */
export function percent(x: number, digits = 3): string {
  return `${Number((x * 100).toPrecision(digits))} %`;
}

export type GateStatus = "pass" | "regression" | "undecided";

export interface Gate {
  status: GateStatus;
  /** One sentence per reason (regressions listed, or why nothing could be decided). */
  reasons: string[];
}

/**
 * `--check`: a regression when any headline comparison is `worse`; undecided — never a silent pass — when there
 * is no headline comparison, when every one is insufficient, when baseline workloads have no counterpart, or for
 * a reason about the compared sides as a whole (`undecided`: the same files on both, no workload in common).
 */
export function gate(comparisons: Comparison[], missing: string[], undecided: string[] = []): Gate {
  const headline = comparisons.filter((c) => c.family.name === "headline");
  const worse = headline.filter((c) => c.verdict === "worse");
  const reasons: string[] = worse.map((c) =>
    `worse: ${describe(c)} ${c.ratioText}, interval [${c.ratioCI.lo?.toPrecision(3)}, ${
      c.ratioCI.hi?.toPrecision(3)
    }]`
  );
  if (missing.length) {
    reasons.push(
      `no counterpart in the candidate for ${missing.length} baseline group(s): ${missing.join("; ")}`,
    );
  }
  pushAll(reasons, undecided); // the sides themselves (the same files twice, nothing in common)
  if (headline.length === 0) reasons.push("nothing was compared: no headline comparison in the data");
  else if (headline.every((c) => c.verdict === "insufficient")) {
    reasons.push(`every one of the ${headline.length} headline comparisons is insufficient (too few runs)`);
  }
  const status: GateStatus = worse.length ? "regression" : reasons.length ? "undecided" : "pass";
  return { status, reasons };
}

function describe(c: Comparison): string {
  const where = Object.entries(c.factors).map(([k, v]) => `${k}=${v}`).join(" ");
  return `${where} ${c.metric} ${c.candidateName} vs ${c.baselineName}:`;
}
