/**
 * The tables the notebooks show: a compact comparison table for reading, noise and planning tables,
 * the geometric-mean summary, and iperf3-vs-iperf 2 agreement. (The full tidy table for export is
 * `comparisonTable` in lib/stats.)
 * @module
 */
import { metricLabel } from "../plot/units.ts";
import type { Record_ } from "../export/table.ts";
import { formatInterval } from "../stats/table.ts";
import { familySentence, percent, readInterval } from "../stats/verdict.ts";

/** Every comparison as one tidy row: results.csv and results.json. */
export { comparisonRows, comparisonTable } from "../stats/table.ts";
import { geoMeanSpeedup } from "../stats/geomean.ts";
import { repetitionsNeeded } from "../stats/plan.ts";
import { summarize } from "../stats/summary.ts";
import type { Comparison, GeoMeanSummary } from "../stats/types.ts";
import type { Factors } from "../model.ts";
import type { MetricSelector } from "../stats/compare.ts";
import type { Analysis } from "../analysis/analyse.ts";
import type { VerdictChange } from "../analysis/store.ts";
import { formatIn, planUnits, unitFor } from "../plot/units.ts";
import { oneFormat } from "../analysis/formats.ts";

/**
 * A comparison's workload as tables and lists name it: its label, marked with its output format when that is a
 * second one beside fio's JSON (the factor `format` exists only when a job was saved in two), so "randread-4k-qd1"
 * and "randread-4k-qd1 (terse)" are two rows that say what they are, not one name twice.
 */
export function workloadName(f: Factors): string {
  const label = f.workload ?? Object.values(f).join(" ");
  return f.format !== undefined && f.format !== "json" ? `${label} (${f.format})` : label;
}

/**
 * One line per comparison with what a reader needs first. The interval is the verdict's (at its family's
 * level, see lib/stats/verdict.ts); `comparisonsNote` says so under the table. Insufficient comparisons show
 * no p-value.
 */
export function compactTable(
  comparisons: Comparison[],
  opts: { metrics?: MetricSelector[] } = {},
): Record_[] {
  // Only some metrics shown (notebook 7: costs and round trips), still each at its own family's level.
  const shown = opts.metrics
    ? comparisons.filter((c) => opts.metrics!.some((m) => m.metric === c.metric && m.stat === c.stat))
    : comparisons;
  return shown.map((c) => ({
    workload: workloadName(c.factors),
    ...(c.factors.os ? { os: c.factors.os } : {}),
    metric: metricLabel(c.metric, c.stat),
    compared: `${c.candidateName} vs ${c.baselineName}`,
    n: `${c.candidate.n}/${c.baseline.n}`,
    ratio: c.ratio,
    interval: formatInterval(c.ratioCI),
    level: c.verdict === "insufficient" ? "" : percent(c.ratioCI.level),
    change: c.ratioText,
    "p (adj.)": c.verdict === "insufficient" ? null : pText(c.pAdjusted),
    "p (exact MW)": c.verdict === "insufficient" ? null : pText(c.mannWhitney.p),
    verdict: c.verdict,
    warnings: c.warnings.length,
  }));
}

/** What the interval column is and how the verdict was reached: the sentence under every comparison table. */
export function comparisonsNote(comparisons: Comparison[]): string {
  if (comparisons.length === 0) return "";
  const level = percent(comparisons[0].ratioCIUnadjusted.level);
  return `Verdicts and intervals: ${familySentence(comparisons)} ` +
    `The interval shown is the verdict's (Fieller, at its family's level); the plain ${level} interval, one ` +
    `comparison at a time, is in results.csv (ratio_lo_unadjusted, ratio_hi_unadjusted).`;
}

/** A p-value for reading: one below double precision's resolution (it underflowed to 0) as "< 2.2e-16", like R. */
function pText(p: number | null): number | string | null {
  return p !== null && p < 2.2e-16 ? "< 2.2e-16" : p;
}

/**
 * The report's verdict table: what a reader decides from, narrow enough to read at 1280 px without
 * scrolling (p-values, both intervals, effect sizes and n per side are in results.csv).
 */
export function verdictTable(comparisons: Comparison[]): Record_[] {
  return comparisons.map((c) => ({
    workload: workloadName(c.factors),
    metric: metricLabel(c.metric, c.stat),
    compared: `${c.candidateName} vs ${c.baselineName}`,
    "ratio [interval]": c.ratio === null
      ? "no ratio"
      : `${c.ratio.toPrecision(3)} ${formatInterval(c.ratioCI)}`,
    change: c.ratioText,
    verdict: c.verdict,
    warnings: c.warnings.length,
  }));
}

/** Headline comparisons: IOPS for random I/O, bandwidth for sequential, delivered throughput for network. */
export function headline(c: Comparison): boolean {
  return c.family.name === "headline";
}

export function geoMeanTable(analyses: Analysis[], level = 0.95): Record_[] {
  return analyses.flatMap((a) =>
    comparedPairs(a).map(([cand, base]) => {
      // A workload saved in two output formats is one workload here (lib/analysis/formats.ts).
      const picked = oneFormat(
        a.comparisons.filter((c) => c.candidateName === cand && c.baselineName === base && headline(c)),
      );
      const g = geoMeanSpeedup(picked, level);
      const single = picked.filter((c) => Math.min(c.baseline.n, c.candidate.n) < 2).length;
      if (single) {
        g.warnings.push(
          `insufficient: ${single} of ${picked.length} workload(s) have a single run on a side — ` +
            `their ratios are single observations, and this mean inherits that`,
        );
      }
      return {
        family: a.label,
        compared: `${cand} vs ${base}`,
        workloads: g.k,
        "geometric-mean speed-up": g.ratio,
        [`${percent(level)} interval across workloads`]: formatInterval(g.ci),
        reading: geoMeanReading(g, single > 0, picked[0]?.family.minChange ?? 0),
        warnings: g.warnings.join("; "),
      };
    })
  );
}

/** Each candidate against the baseline, then the pairs compared where a workload lacks the baseline. */
function comparedPairs(a: Analysis): [string, string][] {
  const pairs: [string, string][] = a.baseline ? a.candidates.map((c) => [c, a.baseline!]) : [];
  for (const c of a.comparisons) {
    if (!pairs.some(([x, y]) => x === c.candidateName && y === c.baselineName)) {
      pairs.push([c.candidateName, c.baselineName]);
    }
  }
  const used = new Set(a.comparisons.map((c) => `${c.candidateName}\u0000${c.baselineName}`));
  // A candidate that was compared only against another baseline has no row against the first.
  return pairs.filter(([x, y]) =>
    used.has(`${x}\u0000${y}`) || !a.comparisons.some((c) => c.candidateName === x || c.baselineName === x)
  );
}

/**
 * What the geometric mean may claim: a direction only when its own interval clears the no-change band, by the one
 * rule (lib/stats/verdict.ts); with single runs on a side, or no interval, nothing.
 */
export function geoMeanReading(g: GeoMeanSummary, singleRuns: boolean, minChange: number): string {
  if (g.ratio === null) return "insufficient: no ratios";
  const across = `across ${g.k} workload${g.k === 1 ? "" : "s"}`;
  const value = g.ratio >= 1 ? `${g.ratio.toFixed(2)}× better` : `${(1 / g.ratio).toFixed(2)}× worse`;
  if (singleRuns) return `insufficient: single runs on a side (${value} on average ${across}, no claim)`;
  const verdict = readInterval(g.ci, "higher", minChange);
  if (verdict === "insufficient") return `insufficient: one workload, no interval (${value}, no claim)`;
  if (verdict === "~") {
    return `~: ${value} on average ${across}, but the interval includes no change (no claim)`;
  }
  if (verdict === "equivalent") return `equivalent: within the no-change band on average ${across}`;
  return `${value} on average ${across} (the interval is over workloads, not runs)`;
}

interface NoiseGroup {
  workload: string;
  metric: string;
  name: string;
  n: number;
  mean: string;
  cv: number | null;
}

/** Every driver × workload group of the headline metrics, once, with its mean in display units. */
function noiseGroups(a: Analysis): NoiseGroup[] {
  const seen = new Set<string>();
  const out: NoiseGroup[] = [];
  const units = planUnits(a.rows);
  for (const c of a.comparisons.filter(headline)) {
    for (const [name, s] of [[c.baselineName, c.baseline], [c.candidateName, c.candidate]] as const) {
      const workload = workloadName(c.factors);
      const key = `${workload}|${c.metric}|${c.direction}|${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const mean = formatIn(s.mean, unitFor(units, c.metric, c.unit, s.mean));
      out.push({ workload, metric: c.metric, name, n: s.n, mean, cv: s.cv });
    }
  }
  return out;
}

/** CV of every driver × workload group of the headline metrics (pilot noise). */
export function noiseTable(a: Analysis): Record_[] {
  return noiseGroups(a).map((g) => ({
    workload: g.workload,
    metric: g.metric,
    [a.by ?? "by"]: g.name,
    n: g.n,
    mean: g.mean,
    "CV %": g.cv === null ? null : Number((g.cv * 100).toFixed(1)),
  }));
}

/**
 * Runs per group needed to detect each ratio, at the level the headline family will actually use: its first
 * step α/m (Holm and BH both start there), m = the headline comparisons of this analysis — planning at α
 * alone would promise a power the adjusted verdict cannot deliver.
 */
export function planTable(
  a: Analysis,
  { ratios = [1.05, 1.1, 1.2, 1.5], power = 0.8, alpha = 0.05 } = {},
): Record_[] {
  const m = Math.max(1, a.comparisons.filter((c) => headline(c) && c.pRatio !== null).length);
  return noiseGroups(a).map((g) => {
    const out: Record_ = {
      workload: g.workload,
      metric: g.metric,
      [a.by ?? "by"]: g.name,
      n: g.n,
      "CV %": g.cv === null ? null : Number((g.cv * 100).toFixed(1)),
    };
    for (const r of ratios) {
      const n = g.cv === null ? null : repetitionsNeeded({ cv: g.cv, ratio: r, power, alpha: alpha / m });
      out[`runs for ${Math.round((r - 1) * 100)} %`] = n === null ? "> 10 000 or n/a" : n;
    }
    return out;
  });
}

/** The sentence under the planning table: the level it planned for, and the rank check's floor at that level. */
export function planNote(a: Analysis, alpha = 0.05): string {
  const m = Math.max(1, a.comparisons.filter((c) => headline(c) && c.pRatio !== null).length);
  const floor = a.warnings.find((w) => w.kind === "rank-floor" && w.subject?.family === "headline")?.text;
  return `Planned at α/m = ${alpha}/${m} = ${
    Number((alpha / m).toPrecision(3))
  }, the first step of the headline ` +
    `family's adjustment (${m} comparisons).` + (floor ? ` Note: ${floor}.` : "");
}

/** Mean delivered throughput per NIC by iperf3 TCP and by iperf 2 TCP (in the analysis' unit), and their ratio. */
export function toolAgreementTable(a: Analysis): Record_[] {
  const by = a.by ?? "nic";
  const u = unitFor(planUnits(a.rows), "throughput", "B/s", 0);
  const mean = (tool: string, nic: string) => {
    const v = a.rows.filter((r) =>
      r.tool === tool && r.job === "tcp" && r.metric === "throughput" && r.stat === "mean" &&
      r.factors[by] === nic &&
      (tool === "iperf3" ? r.direction === "receive" : true)
    ).map((r) => r.value);
    return v.length ? summarize(v) : null;
  };
  const nics = [...new Set(a.rows.map((r) => r.factors[by]).filter(Boolean))].sort();
  return nics.map((nic) => {
    const i3 = mean("iperf3", nic), i2 = mean("iperf2", nic);
    return {
      [by]: nic,
      [`iperf3 TCP (${u.label})`]: i3 ? Number((i3.mean * u.factor).toPrecision(4)) : null,
      "n iperf3": i3?.n ?? 0,
      [`iperf 2 TCP (${u.label})`]: i2 ? Number((i2.mean * u.factor).toPrecision(4)) : null,
      "n iperf 2": i2?.n ?? 0,
      "iperf 2 / iperf3": i3 && i2 ? Number((i2.mean / i3.mean).toFixed(3)) : null,
    };
  });
}

/** The verdict changes as table rows (one per workload, metric and candidate). */
export function verdictChangeTable(changes: VerdictChange[]): Record<string, string>[] {
  // "insufficient: 1 run per side" already names its verdict: not "insufficient: insufficient: …".
  const cell = (verdict: string | null, text: string) =>
    verdict && text.startsWith(`${verdict}: `) ? text : `${verdict ?? "—"}: ${text}`;
  return changes.map((c) => ({
    workload: workloadName(c.factors),
    metric: `${metricLabel(c.metric, c.stat)} (${c.direction})`,
    compared: `${c.candidateName} vs ${c.baselineName}`,
    before: cell(c.before, c.beforeText),
    after: cell(c.after, c.afterText),
  }));
}
