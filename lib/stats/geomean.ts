/**
 * Geometric-mean summary of speed-ups across a family of workloads (Fleming & Wallace 1986,
 * "How not to lie with statistics: the correct way to summarize benchmark results", *CACM* 29:218).
 *
 * With sᵢ the per-workload speed-ups (see ratio_text.ts: > 1 = candidate better) and lᵢ = ln sᵢ:
 * G = exp(l̄), CI = exp(l̄ ± t₁₋α/₂,ₖ₋₁ · s_l/√k). The interval treats workloads as a sample of the
 * workloads one might run — it describes spread across workloads, not measurement noise.
 * @module
 */
import { mean, variance } from "./describe.ts";
import { tQuantile } from "./dists.ts";
import { speedup } from "./ratio_text.ts";
import type { Comparison, GeoMeanSummary } from "./types.ts";

export function geoMeanSpeedup(comparisons: Comparison[], level = 0.95): GeoMeanSummary {
  const logs = comparisons.map((c) => speedup(c.ratio, c.better)).filter((s): s is number => s !== null)
    .map(Math.log);
  const k = logs.length;
  const method = "t-interval on log speed-ups across workloads";
  const warnings: string[] = [];
  if (k < comparisons.length) {
    const left = comparisons.length - k;
    warnings.push(
      `${left} comparison${
        left === 1 ? " without a defined ratio was" : "s without a defined ratio were"
      } left out`,
    );
  }
  if (k === 0) {
    return {
      ratio: null,
      ci: { lo: null, hi: null, level, method },
      k,
      better: "higher",
      text: "no ratios",
      warnings,
    };
  }
  const g = Math.exp(mean(logs));
  let ci = {
    lo: null as number | null,
    hi: null as number | null,
    level,
    method,
    note: undefined as string | undefined,
  };
  if (k >= 2) {
    const h = tQuantile(1 - (1 - level) / 2, k - 1) * Math.sqrt(variance(logs) / k);
    ci = { lo: Math.exp(mean(logs) - h), hi: Math.exp(mean(logs) + h), level, method, note: undefined };
  } else {
    ci.note = "one workload only: no interval";
    warnings.push("one workload only");
  }
  const across = `across ${k} workload${k === 1 ? "" : "s"} (the interval is over workloads, not runs)`;
  const text = g >= 1
    ? `${g.toFixed(2)}× better on average ${across}`
    : `${(1 / g).toFixed(2)}× worse on average ${across}`;
  return {
    ratio: g,
    ci: ci.note ? ci : { lo: ci.lo, hi: ci.hi, level, method },
    k,
    better: "higher",
    text,
    warnings,
  };
}
