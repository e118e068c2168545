/**
 * One output format per workload. A fio workload saved again in another output format (a terse run beside the
 * JSON) is the same job measured again: its comparisons stay in the tables, but headline counts, the geometric
 * mean and figures count the workload once, in its main format (JSON when there is one). A workload that exists
 * only in the other format keeps it.
 * @module
 */
import { folderOf } from "../paths.ts";
import type { Dataset, Factors, RecordBase, Warning } from "../model.ts";
import { REPETITION_FACTOR } from "../model.ts";
import { oncePerRun } from "./per_run.ts";
import { RecordList } from "../record_list.ts";

interface Keyed {
  factors: Factors;
  tool?: string;
  metric?: string;
  stat?: string;
  direction?: string;
  baselineName?: string;
  candidateName?: string;
}

/** The format the records' workloads are counted in: "json" when present, else the first by name. */
export function mainFormat(xs: Keyed[] | RecordList): string | undefined {
  // Indexed, not a map and a filter (two arrays of 1.7 million per call at 100× the shipped data) nor `for … of`
  // (whose iterator results a function run this seldom still allocates: 57 MB a report at 100×); a list in
  // columns by its runs' factors.
  const formats = new Set<string>();
  eachFactors(xs, (factors) => {
    if (factors.format !== undefined) formats.add(factors.format);
  });
  if (formats.size < 2) return undefined;
  return formats.has("json") ? "json" : [...formats].sort()[0];
}

/** The records without the copies of a workload in a second output format (see the module's note). */
export function oneFormat<T extends Keyed>(xs: T[]): T[];
export function oneFormat(xs: RecordList): RecordList;
export function oneFormat<T extends Keyed>(xs: T[] | RecordList): T[] | RecordList {
  const main = mainFormat(xs);
  if (main === undefined) return xs;
  // By display name: a format's own content factors differ (terse has fewer), and identity.ts names a workload
  // saved in two formats alike only when one's configuration is a part of the other's.
  const key = (x: Keyed) => {
    return JSON.stringify([
      x.factors.workload,
      x.tool,
      x.metric,
      x.stat,
      x.direction,
      x.baselineName,
      x.candidateName,
    ]);
  };
  // Only workloads saved in the main format and another can have copies: the others' records need no key (at 20×
  // the shipped data, a key for each of 340 000 records was half a second).
  const inMainFormat = new Set<string | undefined>(), inOther = new Set<string | undefined>();
  eachFactors(xs, (factors) => {
    const f = factors.format;
    if (f === main) inMainFormat.add(factors.workload);
    else if (f !== undefined) inOther.add(factors.workload);
  });
  const both = (x: Keyed) => inMainFormat.has(x.factors.workload) && inOther.has(x.factors.workload);
  const inMain = new Set(xs.filter((x: Keyed) => x.factors.format === main && both(x)).map(key));
  const keep = (x: Keyed) =>
    x.factors.format === undefined || x.factors.format === main || !both(x) || !inMain.has(key(x));
  if (xs instanceof RecordList) return xs.keep(keep);
  const kept = xs.filter(keep);
  // Nothing left out: the records themselves, not a second array of them kept beside (the figures' view).
  return kept.length === xs.length ? xs : kept;
}

/** Each item's factors (a list in columns: each run's, once). */
function eachFactors(xs: Keyed[] | RecordList, f: (factors: Factors) => void): void {
  if (xs instanceof RecordList) { for (const factors of xs.factorObjects()) f(factors); }
  else for (let i = 0; i < xs.length; i++) f(xs[i].factors);
}

/** fio's formats that only repeat what its JSON says. */
const COPIES = new Set(["fio-terse", "fio-normal"]);

/**
 * A repetition saved in two fio output formats under one name and repetition (`direct_1.json` and `direct_1.txt`
 * in one folder) is one run, not two: the JSON (the richer format) is kept, the other copy's records are left out
 * with a sentence naming both files.
 */
export function oneRunPerRepetition(
  data: Dataset<RecordList>,
): { data: Dataset<RecordList>; warnings: Warning[] } {
  // The folder holds the path's factors; the label and repetition are the name's (content factors differ by format).
  const keyOf = oncePerRun(
    (r: RecordBase) =>
      JSON.stringify([r.tool, folderOf(r.source), r.factors.workload, r.factors[REPETITION_FACTOR]]),
    ["tool", "source", "factors"],
  );
  const rows = data.rows;
  const json = new Map<string, string>();
  rows.forEach((r) => {
    if (r.format === "fio-json" && !json.has(keyOf(r))) json.set(keyOf(r), r.source);
  });
  const copies = new Map<string, string>();
  rows.forEach((r) => {
    if (COPIES.has(r.format) && r.factors[REPETITION_FACTOR] !== undefined && json.has(keyOf(r))) {
      copies.set(r.source, json.get(keyOf(r))!);
    }
  });
  if (copies.size === 0) return { data, warnings: [] };
  const keep = (r: RecordBase) => !copies.has(r.source);
  return {
    data: {
      ...data,
      rows: data.rows.keep(keep),
      series: data.series.filter(keep),
      histograms: data.histograms.filter(keep),
    },
    warnings: [...copies].map(([copy, original]) => ({
      kind: "file" as const,
      files: [copy, original],
      text: `${copy} holds the same name and repetition as ${original} in another output format: one run, ` +
        `counted once (from ${original})`,
    })),
  };
}
