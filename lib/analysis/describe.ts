/** Plain-words summaries of an analysis: what was loaded, what is compared, what to distrust. @module */
import { REPETITION_FACTOR } from "../model.ts";
import type { Analysis } from "./analyse.ts";
import { factorValues } from "./analyse.ts";

/** One paragraph: files, formats, factors, what is compared with what, and n per group. */
export function describeAnalysis(a: Analysis): string {
  const files = new Set(a.rows.map((r) => r.source)).size;
  const formats = [...new Set(a.rows.map((r) => r.format))].sort().join(", ");
  if (a.rows.length === 0) return `${a.label}: no results under ${a.root}.` + warningsSuffix(a);
  const lines = [
    `${a.label}: ${a.rows.length} measurements from ${files} files (${formats}) under ${a.root}.`,
  ];
  for (const factor of factorNames(a)) {
    lines.push(`  ${factor}: ${factorValues(a.rows, factor).join(", ")}`);
  }
  if (a.by && a.baseline) {
    const reps = factorValues(a.rows, REPETITION_FACTOR).length;
    lines.push(
      `Compared: ${a.by} = ${a.candidates.join(", ") || "(none)"} against the baseline ${a.baseline}` +
        (reps ? `, up to ${reps} repetitions each` : "") + `; ${a.comparisons.length} comparisons.`,
    );
  }
  return lines.join("\n") + warningsSuffix(a);
}

function factorNames(a: Analysis): string[] {
  return [...new Set(a.rows.flatMap((r) => Object.keys(r.factors)))].sort();
}

function warningsSuffix(a: Analysis): string {
  return a.warnings.length ? `\n${a.warnings.length} data-set warning(s): see the warnings cell.` : "";
}
