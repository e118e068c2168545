/**
 * Workloads that one side of a comparison has and the other lacks: they cannot be compared, and
 * saying nothing would let a missing candidate run look like a clean result. One warning per
 * workload and side, naming the files that are there.
 * @module
 */
import { REPETITION_FACTOR } from "../model.ts";
import type { Measurement } from "../model.ts";
import { oncePerRun } from "./per_run.ts";

const SHOWN = 3;

export function counterpartWarnings(
  /** The records, or their runs: what is read is a run's. */
  rows: readonly Pick<Measurement, "factors" | "tool" | "source">[],
  by: string,
  baseline: string,
  candidates: string[],
  /** The workloads without the baseline were compared against their first value (compare's baselinePerGroup). */
  baselinePerGroup = false,
): string[] {
  // workload identity (every factor but `by` and the repetition, and the tool) → value of `by` → files
  const seen = new Map<string, Map<string, Set<string>>>();
  // A run's records share one factors object: its words are made once.
  const words = new Map<Record<string, string>, string>();
  const identityOf = (f: Record<string, string>) => {
    let w = words.get(f);
    if (w === undefined) {
      w = Object.entries(f).filter(([k]) => k !== by && k !== REPETITION_FACTOR)
        .sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(" ");
      words.set(f, w);
    }
    return w;
  };
  // A run's records share their factors object and tool: their identity is spelled once per run.
  const identityWithTool = oncePerRun(
    (r: Pick<Measurement, "factors" | "tool">) => identityOf(r.factors) + ` (${r.tool})`,
    ["factors", "tool"],
  );
  for (let i = 0; i < rows.length; i++) { // by index: `for … of` allocated an iterator result per record
    const r = rows[i];
    const value = r.factors[by];
    if (value === undefined) continue;
    const identity = identityWithTool(r);
    const sides = seen.get(identity) ?? seen.set(identity, new Map()).get(identity)!;
    (sides.get(value) ?? sides.set(value, new Set()).get(value)!).add(r.source);
  }
  const files = (s: Set<string>) =>
    [...s].slice(0, SHOWN).join(", ") + (s.size > SHOWN ? ` and ${s.size - SHOWN} more` : "");
  const out: string[] = [];
  for (const [identity, sides] of seen) {
    const base = sides.get(baseline);
    if (!base && baselinePerGroup && candidates.filter((c) => sides.has(c)).length >= 2) continue;
    for (const c of candidates) {
      const cand = sides.get(c);
      if (base && !cand) {
        out.push(
          `${by}=${c} has no runs of ${identity}, which the baseline ${baseline} has (${
            files(base)
          }); not compared.`,
        );
      } else if (cand && !base) {
        out.push(
          `The baseline ${by}=${baseline} has no runs of ${identity}, which ${c} has (${
            files(cand)
          }); not compared.`,
        );
      }
    }
  }
  return out;
}
