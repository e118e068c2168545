/**
 * The comparison pipeline, benchstat's shape: group tidy rows → summarize each side → test → adjust
 * within each family → verdict → words.
 *
 * A group is one workload/metric: every factor except the compared one (`by`) and `rep`, plus tool,
 * job, direction, metric and stat. Each row is one run (one repetition) — samples are run-level,
 * never per-second values inside a run (those are autocorrelated). Families and the verdict rule are in
 * families.ts and verdict.ts; Welch, Mann–Whitney (exact with ties) and the permutation test are reported
 * beside the verdict as robustness checks, and a disagreement becomes a warning.
 * @module
 */
import type { Measurement, Warning } from "../model.ts";
import { betterDirection, compareFactorValues, REPETITION_FACTOR } from "../model.ts";
import { benjaminiHochberg } from "./adjust.ts";
import { cliffsDelta } from "./cliffs_delta.ts";
import { familyOf, rateSibling } from "./families.ts";
import { hedgesG } from "./hedges_g.ts";
import { mannWhitneyTest } from "./mann_whitney.ts";
import { permutationTest } from "./permutation.ts";
import { bootstrapRatio } from "./ratio_bootstrap.ts";
import { fiellerRatio } from "./ratio_fieller.ts";
import { bandTestP } from "./ratio_test.ts";
import { insufficientText, ratioText } from "./ratio_text.ts";
import { summarize } from "./summary.ts";
import type { AdjustMethod, Comparison } from "./types.ts";
import { familyStep, readInterval } from "./verdict.ts";
import { welchTest } from "./welch.ts";
import { disagreementWarning, groupWarnings, rankFloorWarning, versionWarning } from "./warnings.ts";

export interface MetricSelector {
  metric: string;
  stat: string;
  /** Only rows in this direction (e.g. "receive" for iperf3 delivered throughput). */
  direction?: string;
  tool?: string;
}

/** The metrics compared by default: what the article reports. */
export const PRIMARY_METRICS: MetricSelector[] = [
  { metric: "iops", stat: "mean" },
  { metric: "bw", stat: "mean" },
  { metric: "lat", stat: "mean" },
  { metric: "clat", stat: "p99" },
  { metric: "throughput", stat: "mean", direction: "receive", tool: "iperf3" },
  { metric: "throughput", stat: "mean", tool: "iperf2" },
  // sockperf tp: what the client sent (it has no other number).
  { metric: "throughput", stat: "mean", tool: "sockperf" },
  { metric: "jitter", stat: "mean" },
  { metric: "loss", stat: "mean" },
];

export interface CompareOptions {
  by: string;
  baseline: string;
  /** Default: every other value of `by`. */
  candidates?: string[];
  metrics?: MetricSelector[];
  /** Confidence level of the plain intervals (default 0.95); α = 1 − level. */
  level?: number;
  /** Multiplicity adjustment within each family (default "holm"). */
  adjust?: AdjustMethod;
  /** Smallest ratio change that matters, e.g. 0.05 for 5 % (default 0: any change). */
  minChange?: number;
  seed?: number;
  /**
   * Where a group has no runs of the baseline, compare the values it does have against the first of them
   * (numbers and sizes by magnitude): a baseline per workload, reported in `baselines` (default false).
   */
  baselinePerGroup?: boolean;
  /**
   * The robustness checks beside the verdict: BCa bootstrap interval and permutation test (default true).
   * They never change a verdict; simulations of the verdict rule turn them off to run fast.
   */
  robustness?: boolean;
}

export interface CompareResult {
  comparisons: Comparison[];
  /** Groups that could not be compared (missing baseline, mixed units) and families' planning warnings. */
  warnings: Warning[];
  /** Headline groups the baseline has and a candidate lacks, in words ("randread-4k (virtio-blk)"). */
  missing: string[];
  /** Workloads compared against another baseline (with `baselinePerGroup`): its name and the values compared. */
  baselines: { workload: string; baseline: string; values: string[] }[];
}

/** The fields of a record that tell whether {@link compare} reads it. */
export type SelectedFields = Pick<Measurement, "metric" | "stat" | "direction" | "tool" | "factors">;

/**
 * Whether {@link compare} with these options reads a record: one of its metrics, with a value of the compared
 * factor. A caller holding many records picks these first (lib/analysis/analyse.ts: 5 % of fio's).
 */
export function comparedRecord(opts: Pick<CompareOptions, "by" | "metrics">): (r: SelectedFields) => boolean {
  const { by } = opts, metrics = opts.metrics ?? PRIMARY_METRICS;
  return (r) => metrics.some((m) => matches(r, m)) && r.factors[by] !== undefined;
}

export function compare(rows: Measurement[], opts: CompareOptions): CompareResult {
  const { by, baseline, level = 0.95, seed = 1, adjust = "holm", minChange = 0, robustness = true } = opts;
  const alpha = Number((1 - level).toPrecision(12)); // 0.05, not 0.050000000000000044
  const selected = rows.filter(comparedRecord(opts));
  const candidates = opts.candidates ??
    [...new Set(selected.map((r) => r.factors[by]))].filter((v) => v !== baseline).sort();
  const groups = new Map<string, Measurement[]>();
  for (const r of selected) {
    const key = groupKey(r, by);
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
  }
  const comparisons: Comparison[] = [];
  const warnings: Warning[] = [];
  const missing: string[] = [];
  const baselines: CompareResult["baselines"] = [];
  for (const [key, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = members[0];
    const sibling = rateSibling(first.metric);
    const family = familyOf(
      { ...first, factors: identity(first, by) },
      sibling !== null && groups.has(groupKey({ ...first, metric: sibling }, by)),
    );
    if (family === null) continue;
    const side = (v: string) => members.filter((r) => r.factors[by] === v);
    let groupBaseline = baseline;
    let base = side(baseline);
    if (base.length === 0 && opts.baselinePerGroup) {
      const present = candidates.filter((c) => side(c).length > 0).sort(compareFactorValues);
      if (present.length >= 2) {
        groupBaseline = present[0];
        base = side(groupBaseline);
        // iperf and sockperf name the test in the job (udp, tcp-reverse); fio's job is the workload.
        const name = first.factors.workload ?? describeGroup(first, by);
        const workload = first.job === name ? name : `${name} ${first.job}`;
        if (!baselines.some((b) => b.workload === workload && b.baseline === groupBaseline)) {
          baselines.push({ workload, baseline: groupBaseline, values: present });
        }
      }
    }
    const where = describeGroup(first, by);
    const units = new Set(members.map((r) => r.unit));
    if (units.size > 1) {
      warnings.push({
        kind: "mixed-units",
        subject: { workload: first.factors.workload, metric: first.metric },
        text: `${where}: mixed units (${[...units].join(", ")}), not compared`,
      });
      continue;
    }
    // The baseline side summarised once for all its candidates; its summary and warnings are shared by their
    // comparisons (nothing changes them once made).
    let baseSide: BaseSide | undefined;
    for (const cand of candidates) {
      if (cand === groupBaseline) continue;
      const other = side(cand);
      if (other.length === 0) {
        if (base.length && groupBaseline === baseline && family === "headline") {
          missing.push(`${where} (${cand})`);
        }
        continue;
      }
      if (base.length === 0) {
        warnings.push({
          kind: "missing-baseline",
          subject: { workload: first.factors.workload, metric: first.metric, group: baseline },
          text: `${where}: no "${baseline}" runs to compare "${cand}" with`,
        });
        continue;
      }
      baseSide ??= baseSideOf(base, groupBaseline, by, level);
      comparisons.push(
        compareGroup(baseSide, other, {
          by,
          baseline: groupBaseline,
          candidate: cand,
          level,
          alpha,
          seed,
          minChange,
          key,
          family,
          robustness,
        }),
      );
    }
  }
  for (const w of judge(comparisons, adjust, alpha, minChange, level)) warnings.push(w);
  return { comparisons, warnings, missing, baselines };
}

/**
 * The family step and the verdict, per family: one level per family, the verdict read from that interval.
 * Returns the families' planning warnings.
 */
function judge(
  comparisons: Comparison[],
  method: AdjustMethod,
  alpha: number,
  minChange: number,
  level: number,
): Warning[] {
  const warnings: Warning[] = [];
  for (const name of new Set(comparisons.map((c) => c.family.name))) {
    const members = comparisons.filter((c) => c.family.name === name);
    const p = members.map((c) => c.pRatio);
    const step = familyStep(p, method, alpha);
    const q = benjaminiHochberg(p);
    const family = { name, method, size: step.size, alpha, level: step.level, minChange };
    members.forEach((c, i) => {
      c.pAdjusted = step.adjusted[i];
      c.qValue = q[i];
      c.family = family;
      if (c.verdict === "insufficient") return;
      const ci = step.level === level ? c.ratioCIUnadjusted : fiellerRatio(
        c.baseline.values,
        c.candidate.values,
        step.level,
      ).ci;
      c.ratioCI = ci;
      c.verdict = readInterval(ci, c.better, minChange);
      if (c.verdict === "insufficient") {
        c.verdictNote = `at the family's level (${(step.level * 100).toPrecision(3)} %) ${ci.note ?? ""}`
          .trim();
        c.ratioText = insufficientText(c);
      } else c.ratioText = ratioText(c.ratio, c.better, c.metric, c.verdict);
    });
    const floor = rankFloorWarning(members, alpha, method, name);
    if (floor) warnings.push(floor);
  }
  return warnings;
}

interface GroupOptions {
  by: string;
  baseline: string;
  candidate: string;
  level: number;
  alpha: number;
  seed: number;
  minChange: number;
  key: string;
  family: string;
  robustness: boolean;
}

/** A group's baseline runs, summarised once for every candidate compared with them. */
interface BaseSide {
  rows: Measurement[];
  /** The group's factors (its first baseline run's), one object for all its comparisons. */
  factors: Record<string, string>;
  values: number[];
  summary: ReturnType<typeof summarize>;
  duplicates: Warning[];
  warnings: Warning[];
}

function baseSideOf(rows: Measurement[], name: string, by: string, level: number): BaseSide {
  const values = rows.map((r) => r.value);
  const summary = summarize(values, level);
  return {
    rows,
    factors: identity(rows[0], by),
    values,
    summary,
    duplicates: duplicateReps(rows, name),
    warnings: groupWarnings(name, summary),
  };
}

function compareGroup(baseSide: BaseSide, cand: Measurement[], o: GroupOptions): Comparison {
  const { rows: base, values: b, summary: bs } = baseSide;
  const c = cand.map((r) => r.value);
  const first = base[0];
  const cs = summarize(c, o.level);
  const welch = welchTest(b, c, o.level);
  const mannWhitney = mannWhitneyTest(b, c);
  const { ratio, ci } = fiellerRatio(b, c, o.level);
  const warnings = [
    ...baseSide.duplicates,
    ...duplicateReps(cand, o.candidate),
    ...baseSide.warnings,
    ...groupWarnings(o.candidate, cs),
    ...versionWarning(new Set([...base, ...cand].map((r) => r.toolVersion))),
    ...disagreementWarning(welch, mannWhitney, o.alpha),
  ];
  const factors = baseSide.factors;
  // A NaN or infinite bound (values beyond floating point, e.g. 1e300 squared) is no interval: insufficient,
  // never a "~" read from NaN comparisons.
  const usable = isBound(ci.lo) && isBound(ci.hi);
  const comparison: Comparison = {
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
    ratioCIUnadjusted: ci,
    ratioBootCI: o.robustness
      ? bootstrapRatio(b, c, { level: o.level, seed: o.seed })
      : { lo: null, hi: null, level: o.level, method: "bootstrap", note: "not computed (robustness: false)" },
    ratioText: "",
    welch,
    mannWhitney,
    permutation: o.robustness
      ? permutationTest(b, c, o.seed)
      : { method: "permutation", statistic: null, p: null, note: "not computed (robustness: false)" },
    hedgesG: hedgesG(b, c),
    cliffsDelta: cliffsDelta(b, c),
    pRatio: usable ? bandTestP(b, c, o.minChange) : null,
    pAdjusted: null,
    qValue: null,
    family: {
      name: o.family,
      method: "none",
      size: 0,
      alpha: o.alpha,
      level: o.level,
      minChange: o.minChange,
    },
    verdict: usable ? "~" : "insufficient",
    verdictNote: usable
      ? ""
      : ci.note ?? (ci.lo === null ? "no interval" : "no interval: the values are too large to compute one"),
    warnings,
  };
  if (!usable) comparison.ratioText = insufficientText(comparison);
  return comparison;
}

const isBound = (x: number | null): x is number => x !== null && Number.isFinite(x);

/** The factors that identify a group: all but the compared one and the repetition. */
function identity(r: Measurement, by: string): Record<string, string> {
  const factors = { ...r.factors };
  delete factors[by];
  delete factors[REPETITION_FACTOR];
  return factors;
}

function matches(r: SelectedFields, m: MetricSelector): boolean {
  return r.metric === m.metric && r.stat === m.stat && (!m.direction || r.direction === m.direction) &&
    (!m.tool || r.tool === m.tool);
}

function groupKey(r: Measurement, by: string): string {
  // The same string as JSON.stringify([factors, tool, …]): groups are sorted by it.
  return `[${factorsKey(r.factors, by)},${
    JSON.stringify([r.tool, r.job, r.direction, r.metric, r.stat]).slice(1)
  }`;
}

/** Runs' records share their factors objects (the loader and the pairing make one per run): key each once. */
const factorKeys = new WeakMap<Record<string, string>, Map<string, string>>();
function factorsKey(factors: Record<string, string>, by: string): string {
  const keys = factorKeys.get(factors) ?? factorKeys.set(factors, new Map()).get(factors)!;
  let key = keys.get(by);
  if (key === undefined) {
    key = JSON.stringify(Object.entries(factors).filter(([k]) => k !== by && k !== REPETITION_FACTOR).sort());
    keys.set(by, key);
  }
  return key;
}

function describeGroup(r: Measurement, by: string): string {
  const f = Object.entries(r.factors).filter(([k]) => k !== by && k !== REPETITION_FACTOR).sort()
    .map(([k, v]) => `${k}=${v}`).join(" ");
  return `${f} ${r.tool} ${r.job} ${r.direction} ${r.metric} ${r.stat}`;
}

function duplicateReps(rows: Measurement[], name: string): Warning[] {
  const seen = new Map<string, string[]>();
  for (const r of rows) {
    const rep = r.factors[REPETITION_FACTOR];
    if (rep !== undefined) seen.set(rep, [...(seen.get(rep) ?? []), r.source]);
  }
  return [...seen].filter(([, files]) => files.length > 1)
    .map(([rep, files]) => ({
      kind: "duplicate-runs" as const,
      subject: { group: name },
      files,
      text: `${name}: repetition ${rep} appears ${files.length} times (${
        files.join(", ")
      }); each counts as a run`,
    }));
}
