/** Plain-words summaries of an analysis: what was loaded, what is compared, what to distrust. @module */
import { REPETITION_FACTOR } from "../model.ts";
import type { Analysis } from "./analyse.ts";
import { factorValues } from "./analyse.ts";
import { pushAll } from "../arrays.ts";

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

/** Every warning of the analysis and of its comparisons, grouped, or a sentence saying there are none. */
export function warningsText(a: Analysis): string {
  const out: string[] = [];
  if (a.warnings.length) pushAll(out, [`${a.label}, data set:`, ...a.warnings.map((w) => `  - ${w}`)]);
  for (const c of a.comparisons) {
    if (!c.warnings.length) continue;
    const where = Object.entries(c.factors).map(([k, v]) => `${k}=${v}`).join(" ");
    out.push(`${where} · ${c.metric} ${c.stat} · ${c.candidateName} vs ${c.baselineName}:`);
    pushAll(out, c.warnings.map((w) => `  - ${w}`));
  }
  return out.length ? out.join("\n") : `${a.label}: no warnings — every comparison has enough clean runs.`;
}

function factorNames(a: Analysis): string[] {
  return [...new Set(a.rows.flatMap((r) => Object.keys(r.factors)))].sort();
}

function warningsSuffix(a: Analysis): string {
  return a.warnings.length ? `\n${a.warnings.length} data-set warning(s): see the warnings cell.` : "";
}
