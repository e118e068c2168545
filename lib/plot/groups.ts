/**
 * Reshaping comparisons into one record per (group, driver) for plotting: a comparison carries the
 * baseline's and the candidate's summaries, so with several candidates the baseline appears several
 * times — it is kept once.
 * @module
 */
import type { Comparison, Summary } from "../stats/types.ts";
import { maxOf, minOf } from "../arrays.ts";

export interface DriverStats {
  workload: string;
  os: string;
  driver: string;
  metric: string;
  stat: string;
  unit: string;
  better: "higher" | "lower";
  summary: Summary;
}

export function driverStats(comparisons: Comparison[]): DriverStats[] {
  let made = reshaped.get(comparisons);
  if (made?.length !== comparisons.length) {
    made = { length: comparisons.length, stats: makeDriverStats(comparisons) };
    reshaped.set(comparisons, made);
  }
  return made.stats.slice();
}
/**
 * A figure's pages each read the same list of comparisons (a page of its workloads each): it is reshaped once,
 * not once per page (at 20× the shipped data a key of JSON per comparison, twice, for each of ~30 pages). A list
 * that grew or shrank since is reshaped again; each caller gets its own array.
 */
const reshaped = new WeakMap<Comparison[], { length: number; stats: DriverStats[] }>();

function makeDriverStats(comparisons: Comparison[]): DriverStats[] {
  const out = new Map<string, DriverStats>();
  for (const c of comparisons) {
    for (const [driver, summary] of [[c.baselineName, c.baseline], [c.candidateName, c.candidate]] as const) {
      const workload = c.factors.workload ?? "";
      const os = c.factors.os ?? "";
      const key = JSON.stringify([c.factors, c.metric, c.stat, c.direction, driver]);
      if (!out.has(key)) {
        out.set(key, {
          workload,
          os,
          driver,
          metric: c.metric,
          stat: c.stat,
          unit: c.unit,
          better: c.better,
          summary,
        });
      }
    }
  }
  return [...out.values()];
}

/** "n = 5 runs per driver" or "n = 3–5 runs per ioengine": per value of the compared factor. */
export function runsText(stats: { summary: Summary }[], per = "driver"): string {
  const ns = stats.map((s) => s.summary.n);
  if (ns.length === 0) return "no runs";
  const lo = minOf(ns), hi = maxOf(ns);
  return `n = ${lo === hi ? lo : `${lo}–${hi}`} run${hi === 1 ? "" : "s"} per ${per}`;
}

/** "5" when every group has 5 runs, "3–5" otherwise. */
export function nRange(ns: number[]): string {
  const lo = minOf(ns), hi = maxOf(ns);
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}
