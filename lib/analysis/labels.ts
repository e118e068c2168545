/**
 * The user's names for the compared values. When runs are compared by a factor read from their content (fio's
 * `direct` 0/1) and the user's own file or folder labels map one-to-one onto its values (`buffered_N.json` ↔
 * direct=0, `direct_N.json` ↔ direct=1), the comparison stays by that factor but every headline, table, legend
 * and results.csv shows the user's labels: the label becomes the value shown. Quantities (iodepth 1 and 8) keep
 * their numbers. `--label direct=1:direct-io`
 * renames a value for display the same way, and wins over a label found in the names.
 * @module
 */
import type { Dataset, Factors, RecordBase } from "../model.ts";
import { factorNumber } from "../model.ts";
import type { Unit } from "./identity.ts";
import type { RecordList, Run, RunChange } from "../record_list.ts";

/** Value of the compared factor → its label, with where the labels came from (for a sentence). */
export interface Labels {
  labels: Map<string, string>;
  /** "the file names", "the folder names", "--label", or both. */
  from: string;
}

/** "direct=1:direct-io,direct=0:buffered" (or "1:direct-io" for the compared factor) → key → label. */
export function parseLabels(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const colon = part.lastIndexOf(":");
    if (colon <= 0 || colon === part.length - 1) return null;
    out[part.slice(0, colon)] = part.slice(colon + 1);
  }
  return Object.keys(out).length ? out : null;
}

/**
 * The labels of `by`'s values: the user's file labels (or else folder names) when they map one-to-one onto the
 * values and differ from them, then the explicit `--label` renames. Null when there is nothing to rename.
 */
export function compareLabels(
  units: Unit[],
  by: string,
  explicit: Record<string, string> = {},
): Labels | null {
  const compared = units.filter((u) => valueOf(u, by) !== undefined);
  const values = new Set(compared.map((u) => valueOf(u, by)!));
  let found: Map<string, string> | null = null;
  let from = "";
  // A quantity (iodepth 1/8, num_streams 1/4) keeps its numbers, which say more than qd1/P4 and draw sweeps;
  // words (psync/libaio) and 0/1 switches (direct, reverse) take the user's names.
  const quantity = [...values].every((v) => factorNumber(v) !== null) &&
    [...values].some((v) => !/^[01]$/.test(v));
  if (values.size >= 2 && !quantity && !["config", "folder", "jobname", "workload"].includes(by)) {
    for (
      const [source, name] of [["the file names", (u: Unit) => u.factors.workload], [
        "the folder names",
        (u: Unit) => u.info.folder?.split("/").pop(),
      ]] as const
    ) {
      const map = oneToOne(compared, by, name);
      if (map && [...map].some(([v, l]) => v !== l)) {
        found = map;
        from = source;
        break;
      }
    }
  }
  const labels = new Map(found ?? []);
  let renamed = false;
  for (const v of values) {
    const given = explicit[`${by}=${v}`] ?? explicit[v];
    if (given !== undefined) {
      labels.set(v, given);
      renamed = true;
    }
  }
  if (labels.size === 0) return null;
  return { labels, from: renamed ? (found ? `${from} and --label` : "--label") : from };
}

/** The dataset with `by`'s values replaced by their labels. */
export function applyLabels(
  data: Dataset<RecordList>,
  by: string,
  labels: Map<string, string>,
): Dataset<RecordList> {
  const change = (r: Run): RunChange | undefined => {
    const v = r.factors[by];
    const label = v === undefined ? undefined : labels.get(v);
    return label === undefined ? undefined : { factors: { ...r.factors, [by]: label } as Factors };
  };
  const map = <T extends RecordBase>(r: T): T => {
    const changed = change(r);
    return changed ? { ...r, ...changed } : r;
  };
  return {
    ...data,
    rows: data.rows.withRuns(change),
    series: data.series.map(map),
    histograms: data.histograms.map(map),
  };
}

/** "direct: 0 = buffered, 1 = direct (labels from the file names)". */
export function labelSentence(by: string, l: Labels, order: string[]): string {
  const pairs = order.filter((v) => l.labels.has(v)).map((v) => `${v} = ${l.labels.get(v)}`);
  return `${by}: ${pairs.join(", ")} (labels from ${l.from})`;
}

function valueOf(u: Unit, by: string): string | undefined {
  return u.identity[by] ?? u.factors[by];
}

function oneToOne(
  units: Unit[],
  by: string,
  name: (u: Unit) => string | undefined,
): Map<string, string> | null {
  const forward = new Map<string, string>(), backward = new Map<string, string>();
  for (const u of units) {
    const v = valueOf(u, by)!, l = name(u);
    if (!l) return null;
    if ((forward.get(v) ?? l) !== l || (backward.get(l) ?? v) !== v) return null;
    forward.set(v, l);
    backward.set(l, v);
  }
  return forward;
}
