/**
 * The comparison pipeline, benchstat's shape: group tidy rows → summarize each side → test → adjust
 * across the family → words.
 *
 * A group is one workload/metric: every factor except the compared one (`by`) and `rep`, plus tool,
 * job, direction, metric and stat. Each row is one run (one repetition) — samples are run-level,
 * never per-second values inside a run (those are autocorrelated). The verdict uses Welch's test (the exact
 * Mann–Whitney p where Welch is undefined, e.g. zero variance in both groups) with
 * Holm's adjustment across all comparisons of the call; Mann–Whitney (exact with ties) and the
 * permutation test are reported beside it as robustness checks, and a disagreement becomes a warning.
 * @module
 */
import type { Measurement } from "../model.ts";
import { betterDirection, REPETITION_FACTOR } from "../model.ts";
import { benjaminiHochberg, holm } from "./adjust.ts";
import { cliffsDelta } from "./cliffs_delta.ts";
import { hedgesG } from "./hedges_g.ts";
import { mannWhitneyTest } from "./mann_whitney.ts";
import { permutationTest } from "./permutation.ts";
import { bootstrapRatio } from "./ratio_bootstrap.ts";
import { fiellerRatio } from "./ratio_fieller.ts";
import { ratioText, speedup } from "./ratio_text.ts";
import { summarize } from "./summary.ts";
import type { Comparison } from "./types.ts";
import { welchTest } from "./welch.ts";
import { disagreementWarning, groupWarnings, versionWarning } from "./warnings.ts";

export interface MetricSelector {
  metric: string;
  stat: string;
  /** Only rows in this direction (e.g. "receive" for iperf3 delivered throughput). */
  direction?: string;
  tool?: string;
}

/** The headline metrics compared by default: what the article reports. */
export const PRIMARY_METRICS: MetricSelector[] = [
  { metric: "iops", stat: "mean" },
  { metric: "bw", stat: "mean" },
  { metric: "lat", stat: "mean" },
  { metric: "clat", stat: "p99" },
  { metric: "throughput", stat: "mean", direction: "receive", tool: "iperf3" },
  { metric: "throughput", stat: "mean", tool: "iperf2" },
  { metric: "jitter", stat: "mean" },
  { metric: "loss", stat: "mean" },
];

export interface CompareOptions {
  by: string;
  baseline: string;
  /** Default: every other value of `by`. */
  candidates?: string[];
  metrics?: MetricSelector[];
  level?: number;
  alpha?: number;
  seed?: number;
}

export interface CompareResult {
  comparisons: Comparison[];
  /** Groups that could not be compared, in words (missing baseline, mixed units, duplicated reps). */
  warnings: string[];
}

export function compare(rows: Measurement[], opts: CompareOptions): CompareResult {
  const { by, baseline, level = 0.95, alpha = 0.05, seed = 1 } = opts;
  const metrics = opts.metrics ?? PRIMARY_METRICS;
  const selected = rows.filter((r) => metrics.some((m) => matches(r, m)) && r.factors[by] !== undefined);
  const candidates = opts.candidates ??
    [...new Set(selected.map((r) => r.factors[by]))].filter((v) => v !== baseline).sort();
  const groups = new Map<string, Measurement[]>();
  for (const r of selected) {
    const key = groupKey(r, by);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
  }
  const comparisons: Comparison[] = [];
  const warnings: string[] = [];
  for (const [key, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const side = (v: string) => members.filter((r) => r.factors[by] === v);
    const base = side(baseline);
    const where = describeGroup(members[0], by);
    const units = new Set(members.map((r) => r.unit));
    if (units.size > 1) {
      warnings.push(`${where}: mixed units (${[...units].join(", ")}), not compared`);
      continue;
    }
    for (const cand of candidates) {
      const other = side(cand);
      if (other.length === 0) continue;
      if (base.length === 0) {
        warnings.push(`${where}: no "${baseline}" runs to compare "${cand}" with`);
        continue;
      }
      comparisons.push(compareGroup(base, other, { by, baseline, candidate: cand, level, alpha, seed, key }));
    }
  }
  const pAdj = holm(comparisons.map((c) => c.welch.p ?? c.mannWhitney.p));
  const q = benjaminiHochberg(comparisons.map((c) => c.welch.p ?? c.mannWhitney.p));
  comparisons.forEach((c, i) => {
    c.pAdjusted = pAdj[i];
    c.qValue = q[i];
    const s = speedup(c.ratio, c.better);
    c.verdict = pAdj[i] !== null && pAdj[i]! < alpha && s !== null && s !== 1
      ? (s > 1 ? "better" : "worse")
      : "~";
    c.ratioText = ratioText(c.ratio, c.better, c.metric, c.verdict);
  });
  return { comparisons, warnings };
}

interface GroupOptions {
  by: string;
  baseline: string;
  candidate: string;
  level: number;
  alpha: number;
  seed: number;
  key: string;
}

function compareGroup(base: Measurement[], cand: Measurement[], o: GroupOptions): Comparison {
  const b = base.map((r) => r.value), c = cand.map((r) => r.value);
  const first = base[0];
  const bs = summarize(b, o.level), cs = summarize(c, o.level);
  const welch = welchTest(b, c, o.level);
  const mannWhitney = mannWhitneyTest(b, c);
  const { ratio, ci } = fiellerRatio(b, c, o.level);
  const warnings = [
    ...duplicateReps(base, o.baseline),
    ...duplicateReps(cand, o.candidate),
    ...groupWarnings(o.baseline, bs),
    ...groupWarnings(o.candidate, cs),
    ...versionWarning(new Set([...base, ...cand].map((r) => r.toolVersion))),
    ...disagreementWarning(welch, mannWhitney, o.alpha),
  ];
  if (ci.note && ci.lo === null) warnings.push(ci.note);
  const factors = { ...first.factors };
  delete factors[o.by];
  delete factors[REPETITION_FACTOR];
  return {
    factors,
    by: o.by,
    baselineName: o.baseline,
    candidateName: o.candidate,
    metric: first.metric,
    stat: first.stat,
    unit: first.unit,
    direction: first.direction,
    better: betterDirection(first.metric),
    baseline: bs,
    candidate: cs,
    ratio,
    ratioCI: ci,
    ratioBootCI: bootstrapRatio(b, c, { level: o.level, seed: o.seed }),
    ratioText: "",
    welch,
    mannWhitney,
    permutation: permutationTest(b, c, o.seed),
    hedgesG: hedgesG(b, c),
    cliffsDelta: cliffsDelta(b, c),
    pAdjusted: null,
    qValue: null,
    verdict: "~",
    warnings,
  };
}

function matches(r: Measurement, m: MetricSelector): boolean {
  return r.metric === m.metric && r.stat === m.stat && (!m.direction || r.direction === m.direction) &&
    (!m.tool || r.tool === m.tool);
}

function groupKey(r: Measurement, by: string): string {
  const f = Object.entries(r.factors).filter(([k]) => k !== by && k !== REPETITION_FACTOR).sort();
  return JSON.stringify([f, r.tool, r.job, r.direction, r.metric, r.stat]);
}

function describeGroup(r: Measurement, by: string): string {
  const f = Object.entries(r.factors).filter(([k]) => k !== by && k !== REPETITION_FACTOR).sort()
    .map(([k, v]) => `${k}=${v}`).join(" ");
  return `${f} ${r.tool} ${r.job} ${r.direction} ${r.metric} ${r.stat}`;
}

function duplicateReps(rows: Measurement[], name: string): string[] {
  const seen = new Map<string, string[]>();
  for (const r of rows) {
    const rep = r.factors[REPETITION_FACTOR];
    if (rep !== undefined) seen.set(rep, [...(seen.get(rep) ?? []), r.source]);
  }
  return [...seen].filter(([, files]) => files.length > 1)
    .map(([rep, files]) =>
      `${name}: repetition ${rep} appears ${files.length} times (${files.join(", ")}); each counts as a run`
    );
}
