/**
 * The tables the notebooks show: a compact comparison table for reading, noise and planning tables,
 * the geometric-mean summary, and iperf3-vs-iperf 2 agreement. (The full tidy table for export is
 * `comparisonTable` in lib/stats.)
 * @module
 */
import type { Record_ } from "../export/table.ts";
import { formatInterval } from "../stats/table.ts";
import { geoMeanSpeedup } from "../stats/geomean.ts";
import { repetitionsNeeded } from "../stats/plan.ts";
import { summarize } from "../stats/summary.ts";
import type { Comparison } from "../stats/types.ts";
import type { Analysis } from "./analyse.ts";
import { formatIn, planUnits, unitFor } from "../plot/units.ts";

/** One line per comparison with what a reader needs first. */
export function compactTable(comparisons: Comparison[]): Record_[] {
  return comparisons.map((c) => ({
    workload: c.factors.workload ?? "",
    ...(c.factors.os ? { os: c.factors.os } : {}),
    metric: c.stat === "mean" ? c.metric : `${c.metric} ${c.stat}`,
    compared: `${c.candidateName} vs ${c.baselineName}`,
    n: `${c.candidate.n}/${c.baseline.n}`,
    ratio: c.ratio,
    "95 % CI (Fieller)": formatInterval(c.ratioCI),
    change: c.ratioText,
    "p (Welch, Holm)": c.pAdjusted,
    "p (exact MW)": c.mannWhitney.p,
    verdict: c.verdict,
    warnings: c.warnings.length,
  }));
}

/**
 * The report's verdict table: what a reader decides from, narrow enough to read at 1280 px without
 * scrolling (p-values, both intervals, effect sizes and n per side are in results.csv).
 */
export function verdictTable(comparisons: Comparison[]): Record_[] {
  return comparisons.map((c) => ({
    workload: c.factors.workload ?? Object.values(c.factors).join(" "),
    metric: c.stat === "mean" ? c.metric : `${c.metric} ${c.stat}`,
    compared: `${c.candidateName} vs ${c.baselineName}`,
    "ratio [interval]": c.ratio === null
      ? "undefined"
      : `${c.ratio.toPrecision(3)} ${formatInterval(c.ratioCI)}`,
    change: c.ratioText,
    verdict: c.verdict,
    warnings: c.warnings.length,
  }));
}

/** Headline comparisons per family: IOPS for small blocks, bandwidth for large, delivered throughput for network. */
export function headline(c: Comparison): boolean {
  if (c.stat !== "mean") return false;
  if (c.metric === "throughput") return true;
  const w = c.factors.workload ?? "";
  return /(^|-)(seq|1m)/.test(w) ? c.metric === "bw" : c.metric === "iops";
}

export function geoMeanTable(analyses: Analysis[], level = 0.95): Record_[] {
  return analyses.flatMap((a) =>
    a.candidates.map((cand) => {
      const picked = a.comparisons.filter((c) => c.candidateName === cand && headline(c));
      const g = geoMeanSpeedup(picked, level);
      return {
        family: a.label,
        compared: `${cand} vs ${a.baseline}`,
        workloads: g.k,
        "geometric-mean speed-up": g.ratio,
        "95 % CI": formatInterval(g.ci),
        reading: g.text,
        warnings: g.warnings.join("; "),
      };
    })
  );
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
      const key = `${c.factors.workload}|${c.metric}|${c.direction}|${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const mean = formatIn(s.mean, unitFor(units, c.metric, c.unit, s.mean));
      out.push({ workload: c.factors.workload ?? "", metric: c.metric, name, n: s.n, mean, cv: s.cv });
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

export function planTable(
  a: Analysis,
  { ratios = [1.05, 1.1, 1.2, 1.5], power = 0.8, alpha = 0.05 } = {},
): Record_[] {
  return noiseGroups(a).map((g) => {
    const out: Record_ = {
      workload: g.workload,
      metric: g.metric,
      [a.by ?? "by"]: g.name,
      n: g.n,
      "CV %": g.cv === null ? null : Number((g.cv * 100).toFixed(1)),
    };
    for (const r of ratios) {
      const n = g.cv === null ? null : repetitionsNeeded({ cv: g.cv, ratio: r, power, alpha });
      out[`runs for ${Math.round((r - 1) * 100)} %`] = n === null ? "> 10 000 or n/a" : n;
    }
    return out;
  });
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
