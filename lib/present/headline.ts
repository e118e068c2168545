/**
 * The answer first: one sentence per candidate built from the headline verdicts, e.g.
 * "virtio-blk vs ide: better on 4 of 6 workloads (1.4×–2.4× IOPS), no claim on 2, worse on none
 * (Holm, α 0.05, 5 runs each)." The report and every notebook open with these.
 * @module
 */
import { speedup } from "../stats/ratio_text.ts";
import type { Comparison, Verdict } from "../stats/types.ts";
import { methodName, percent } from "../stats/verdict.ts";
import type { Analysis } from "../analysis/analyse.ts";
import { headline } from "./tables.ts";
import { oneFormat } from "../analysis/formats.ts";

const METRIC_WORDS: Record<string, string> = {
  iops: "IOPS",
  bw: "bandwidth",
  throughput: "throughput",
  rtt: "round-trip speed",
};

export function headlineSentences(a: Analysis): string[] {
  // Nothing compared: why, if it is that there is nothing to compare (one configuration, one value of the factor).
  if (!a.baseline || a.candidates.length === 0) {
    return a.warnings.filter((w) => w.kind === "nothing-to-compare").map((w) => w.text);
  }
  // A workload saved in two output formats counts once (lib/analysis/formats.ts).
  const head = oneFormat(a.comparisons.filter(headline));
  // Each candidate against the baseline, then the pairs of workloads that lack the baseline (analyse.ts).
  const pairs: [string, string][] = a.candidates.map((c) => [c, a.baseline!]);
  for (const c of head) {
    if (!pairs.some(([x, y]) => x === c.candidateName && y === c.baselineName)) {
      pairs.push([c.candidateName, c.baselineName]);
    }
  }
  const involved = new Set(head.flatMap((c) => [c.candidateName, c.baselineName]));
  return [
    ...pairs.flatMap(([cand, base]) => {
      const cs = head.filter((c) => c.candidateName === cand && c.baselineName === base);
      // "Nothing to compare" only for a value that shares no workload with any other.
      return cs.length || !involved.has(cand) ? [candidateSentence(cand, base, cs)] : [];
    }),
    ...(a.baselineNotes ?? []),
  ];
}

function candidateSentence(cand: string, baseline: string, cs: Comparison[]): string {
  const head = `${cand} vs ${baseline}`;
  if (cs.length === 0) return `${head}: nothing to compare (no workload has runs of both).`;
  const by = (v: Verdict) => cs.filter((c) => c.verdict === v);
  const total = cs.length;
  const units = total === 1 ? "workload" : "workloads";
  const { method, alpha, minChange } = cs[0].family;
  const how = `(${methodName(method)}, α ${alpha}${minChange > 0 ? `, band ±${percent(minChange)}` : ""}, ` +
    `${runs(cs)})`;
  const insufficient = by("insufficient");
  if (insufficient.length === total) {
    const single = cs.every((c) => c.baseline.n === 1 && c.candidate.n === 1);
    const why = single
      ? `1 run per side, so each ratio${range(cs)} is a single observation`
      : insufficient[0].ratioText.replace(/^insufficient: /, "");
    return `${head}: insufficient data on all ${total} ${units} — ${why}; no claim either way ${how}.`;
  }
  const parts = [
    `better on ${count(by("better"), total, units)}${range(by("better"))}`,
    `no claim on ${by("~").length}`,
    `worse on ${by("worse").length || "none"}${range(by("worse"))}`,
  ];
  if (by("equivalent").length) parts.push(`equivalent on ${by("equivalent").length}`);
  if (insufficient.length) parts.push(`insufficient data on ${insufficient.length}`);
  return `${head}: ${parts.join(", ")} ${how}.`;
}

function count(list: Comparison[], total: number, units: string): string {
  return list.length ? `${list.length} of ${total} ${units}` : `none of ${total} ${units}`;
}

/**
 * " (1.4×–2.4× IOPS)": the speed-ups of the listed comparisons (> 1 = the candidate is better, also for
 * lower-is-better metrics such as round-trip time), named by the metric when there is one; when all are below 1,
 * as slow-downs: " (bandwidth 1.8×–2.5× slower)".
 */
function range(list: Comparison[]): string {
  if (list.length === 0) return "";
  const ratios = list.map((c) => speedup(c.ratio, c.better)).filter((r) => r !== null).sort((x, y) => x - y);
  if (ratios.length === 0) return "";
  const metrics = new Set(list.map((c) => METRIC_WORDS[c.metric] ?? c.metric));
  const what = metrics.size === 1 ? ` ${[...metrics][0]}` : " speed-up";
  const fmt = (r: number) => `${r.toPrecision(2)}×`;
  const span = (lo: number, hi: number) => lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
  const lo = ratios[0], hi = ratios[ratios.length - 1];
  // All slower: read as the forest and the tables do ("2.5× slower"), never as a speed-up of "0.39×".
  if (hi < 1) {
    return ` (${what.trim() === "speed-up" ? "" : `${what.trim()} `}${span(1 / hi, 1 / lo)} slower)`;
  }
  return ` (${span(lo, hi)}${what})`;
}

function runs(cs: Comparison[]): string {
  const ns = cs.flatMap((c) => [c.baseline.n, c.candidate.n]).sort((x, y) => x - y);
  const lo = ns[0], hi = ns[ns.length - 1];
  return lo === hi ? `${lo} run${lo === 1 ? "" : "s"} each` : `${lo}–${hi} runs each`;
}
