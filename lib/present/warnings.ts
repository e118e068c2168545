/**
 * The warnings of one or more analyses, grouped by kind with counts — as compact text and as HTML
 * whose long lists fold away (`<details>`). A group's warning (noisy runs of ide in one workload)
 * is attached to every comparison against ide; here it is listed once. Outlier runs are given in
 * the notebook's display units, not in raw bytes or nanoseconds. Grouping reads each warning's kind
 * (lib/model.ts `WarningKind`), never its sentence.
 * @module
 */
import { escapeHtml } from "../export/escape.ts";
import { formatIn, planUnits, unitFor } from "../plot/units.ts";
import type { Warning, WarningKind } from "../model.ts";
import type { Comparison } from "../stats/types.ts";
import type { Analysis } from "../analysis/analyse.ts";
import { workloadName } from "./tables.ts";

/** The warnings of one kind as a reader sees them: a title, what each item counts, the items. */
export interface WarningGroup {
  title: string;
  /** What each item counts ("groups" of runs, "comparisons", "files"). */
  unit: string;
  items: string[];
}

/** How each kind of a comparison's warning is titled and counted (the rest fall under "other"). */
const COMPARISON_KINDS: Partial<Record<WarningKind, [string, string]>> = {
  "few-runs": ["too few runs", "groups"],
  "noisy": ["noisy runs (coefficient of variation above 10 %)", "groups"],
  "outliers": ["outlier runs (outside Tukey's fences)", "groups"],
  "no-variation": ["no variation at all (every run the same)", "groups"],
  "tests-disagree": ["the t-test and the rank test disagree", "comparisons"],
  "mixed-versions": ["mixed tool versions", "comparisons"],
};

/**
 * A comparison named as the tables name it (its workload, tables.ts `workloadName`), not by every factor of its
 * configuration again.
 */
function where(c: Comparison): string {
  const f = Object.entries(c.factors).filter(([k]) => k !== "os" || Object.keys(c.factors).length === 1);
  const name = c.factors.workload !== undefined
    ? workloadName(c.factors)
    : f.map(([k, v]) => `${k}=${v}`).join(" ");
  return `${name || c.direction} · ${c.stat === "mean" ? c.metric : `${c.metric} ${c.stat}`}`;
}

/** A group's warning in words after its group's name: outliers in display units, noise as its CV. */
function groupDetail(c: Comparison, w: Warning, units: ReturnType<typeof planUnits>): string {
  const group = w.subject!.group!;
  const s = group === c.baselineName ? c.baseline : c.candidate;
  if (w.kind === "outliers" && s.outliers.length) {
    let max = 0;
    for (const v of s.values) max = Math.max(max, Math.abs(v));
    const u = unitFor(units, c.metric, c.unit, max);
    return `${s.outliers.map((v) => formatIn(v, u)).join(", ")} (median of ${s.n} runs ${
      formatIn(s.median, u)
    })`;
  }
  if (w.kind === "noisy" && s.cv !== null) return `CV ${(s.cv * 100).toFixed(1)} %`;
  return w.text.startsWith(`${group}: `) ? w.text.slice(group.length + 2) : w.text;
}

/** Every warning of the analyses, by kind, each group's own warning once. */
export function warningGroups(analyses: Analysis[]): WarningGroup[] {
  // The report lists one analysis' warnings twice (report.md, report.html): grouped once.
  if (analyses.length !== 1) return groupWarnings(analyses);
  const [a] = analyses;
  return grouped.get(a) ?? grouped.set(a, groupWarnings(analyses)).get(a)!;
}
const grouped = new WeakMap<Analysis, WarningGroup[]>();

function groupWarnings(analyses: Analysis[]): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  const seen = new Set<string>();
  const add = (title: string, unit: string, item: string) => {
    const k = groups.get(title) ?? groups.set(title, { title, unit, items: [] }).get(title)!;
    if (!seen.has(`${title}\u0000${item}`)) {
      seen.add(`${title}\u0000${item}`);
      k.items.push(item);
    }
  };
  for (const a of analyses) {
    for (const w of a.warnings) add(`${a.label}: data set`, "warnings", w.text);
    const units = planUnits(a.rows);
    for (const c of a.comparisons) {
      for (const w of c.warnings) {
        const [title, unit] = COMPARISON_KINDS[w.kind] ?? ["other", "comparisons"];
        const group = w.subject?.group;
        if (group !== undefined && (group === c.baselineName || group === c.candidateName)) {
          add(title, unit, `${where(c)} · ${group}: ${groupDetail(c, w, units)}`);
        } else add(title, unit, `${where(c)} · ${c.candidateName} vs ${c.baselineName}: ${w.text}`);
      }
    }
  }
  return [...groups.values()];
}

/** "1 group", "12 groups". */
const count = (k: WarningGroup) =>
  `${k.items.length} ${k.items.length === 1 ? k.unit.replace(/s$/, "") : k.unit}`;

function headline(analyses: Analysis[]): string {
  const all = analyses.flatMap((a) => a.comparisons);
  const flagged = all.filter((c) => c.warnings.length).length;
  const label = analyses.map((a) => a.label).join(" and ");
  return all.length
    ? `${label}: ${flagged} of ${all.length} comparisons carry warnings.`
    : `${label}: no comparisons.`;
}

/** Counts per kind, then the first `limit` items of each. */
export function warningsText(a: Analysis | Analysis[], limit = 5): string {
  const analyses = Array.isArray(a) ? a : [a];
  const kinds = warningGroups(analyses);
  if (kinds.length === 0) {
    return `${
      analyses.map((x) => x.label).join(" and ")
    }: no warnings — every comparison has enough clean runs.`;
  }
  const lines = [headline(analyses)];
  for (const k of kinds) lines.push(`  ${k.title}: ${count(k)}`);
  for (const k of kinds) {
    lines.push("", `${k.title}:`);
    for (const item of k.items.slice(0, limit)) lines.push(`  - ${item}`);
    if (k.items.length > limit) {
      lines.push(`  … and ${k.items.length - limit} more (results.csv has every one)`);
    }
  }
  return lines.join("\n");
}

/** The same as HTML: a summary line per kind, each kind's list folded. */
export function warningsHtml(a: Analysis | Analysis[]): string {
  const analyses = Array.isArray(a) ? a : [a];
  const kinds = warningGroups(analyses);
  if (kinds.length === 0) return `<p>${escapeHtml(warningsText(analyses))}</p>`;
  const parts = [`<p class="vb-warnings">${escapeHtml(headline(analyses))}</p>`];
  for (const k of kinds) {
    parts.push(
      `<details class="vb-warnings"><summary>${escapeHtml(`${k.title}: ${count(k)}`)}</summary>`,
      `<ul>${k.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul></details>`,
    );
  }
  return parts.join("\n");
}
