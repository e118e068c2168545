/**
 * From a loaded dataset (./request.ts reads the sides) to everything a notebook or the report shows:
 * tell runs' identities → pick the compared factor and baseline → pair runs by identity → compare.
 * Go's benchstat shape: parse (request) → group → summarize → format (lib/present).
 * @module
 */
import type { Dataset, Factors, Tool, Warning } from "../model.ts";
import { compareFactorValues, REPETITION_FACTOR } from "../model.ts";
import { compare, PRIMARY_METRICS } from "../stats/mod.ts";
import { comparedRecord } from "../stats/compare.ts";
import type { MetricSelector } from "../stats/compare.ts";
import type { AdjustMethod, Comparison } from "../stats/types.ts";
import { COST_METRICS, efficiencyRows, ROUND_TRIP_METRICS, runKeys } from "./efficiency.ts";
import type { Experiment } from "./experiment.ts";
import { AnalysisError } from "./errors.ts";
import { counterpartWarnings } from "./counterparts.ts";
import { groupFileWarnings, warningsForTools } from "./file_warnings.ts";
import { pushAll } from "../arrays.ts";
import { chooseBy } from "./compared.ts";
import { oneRunPerRepetition } from "./formats.ts";
import { applyLabels, compareLabels, labelSentence } from "./labels.ts";
import { applyPairing, identifyUnits, pairUnits, type Records } from "./identity.ts";
import { inColumns, RecordList } from "../record_list.ts";

export type { Records };

/** What an analysis compares unless told otherwise (each metric in its family, see lib/stats/families.ts). */
export const DEFAULT_METRICS: MetricSelector[] = [...PRIMARY_METRICS, ...COST_METRICS, ...ROUND_TRIP_METRICS];

export interface AnalyseOptions {
  /** Keep only rows of these tools (e.g. "fio" for disk, ["iperf3", "iperf2"] for network). */
  tool?: Tool | Tool[];
  /** The compared factor; default from experiment.json, else "driver", "nic", else the one factor that varies. */
  by?: string;
  /** Where factors sit in names that are not `key=value`, e.g. `{config}-run{rep}.json` (default: experiment.json's). */
  layout?: string;
  /** Baseline value of `by`; "" or absent = from experiment.json, else the first value in sorted order. */
  baseline?: string;
  /** One candidate; "" or absent = every other value of `by`. */
  candidate?: string;
  /** Confidence level (default 0.95); α = 1 − level. */
  level?: number;
  /** Multiplicity adjustment within each family: "holm" (default), "bh" or "none". */
  adjust?: AdjustMethod;
  /** Smallest change that matters as a fraction (0.05 = 5 %); better/worse only beyond it (default 0). */
  minChange?: number;
  /** Seed for bootstrap and Monte Carlo permutation (default 1): the same data gives the same numbers. */
  seed?: number;
  /** Metrics to compare (default: the article's metrics, the efficiency metrics and sockperf round trips). */
  metrics?: MetricSelector[];
  /** Display names of compared values, "factor=value" or "value" → label (`--label direct=1:direct-io`). */
  labels?: Record<string, string>;
}

/** A dataset whose records are kept in columns. */
export type AnalysedDataset = Omit<Dataset, "rows"> & { rows: RecordList };

export interface Analysis {
  root: string;
  /** Short name for titles: the tools analysed, e.g. "fio" or "iperf3 + iperf2". */
  label: string;
  /** What was analysed: the records (the same list as `rows`), series, histograms, warnings and files. */
  dataset: AnalysedDataset;
  /**
   * The records compared, paired: kept in columns (lib/record_list.ts), since an analysis lives as long as its
   * figures and text are made. Each read gives a fresh record; `toArray()` gives them all.
   */
  rows: RecordList;
  by: string | null;
  baseline: string | null;
  candidates: string[];
  comparisons: Comparison[];
  /** Headline groups of the baseline that a candidate lacks, in words (the `--check` gate reads them). */
  missing: string[];
  /** Workloads without runs of the baseline, compared against the first value they have: one sentence each. */
  baselineNotes: string[];
  /** The user's labels shown for the compared values, e.g. "direct: 0 = buffered, 1 = direct (labels from …)". */
  labels?: string;
  /** Factors that change together with `by` (named in a warning; left out of the groups). */
  confounded: string[];
  /** Dataset-level warnings, typed (unreadable files, missing baseline, nothing to compare). */
  warnings: Warning[];
  /**
   * Every value of every compared factor in the whole data folder (this analysis' `by` and each
   * experiment.json's), sorted: figures assign colours over it, so disk and network figures of one
   * folder never give two names one colour, and a tool filter does not shift colours.
   */
  names: string[];
  /** The data set's `title` from experiment.json, if one declares it (captions use it). */
  title?: string;
}

/** The analysis of a loaded dataset; `root` is only used in messages and captions. */
export function analyseDataset(
  loaded: Dataset | Dataset<RecordList>,
  root: string,
  opts: AnalyseOptions,
  experiments: Experiment[],
  records: Records = "shared",
): Analysis {
  const tools = opts.tool === undefined ? [] : Array.isArray(opts.tool) ? opts.tool : [opts.tool];
  const keep = <T extends { tool: Tool }>(r: T) => tools.length === 0 || tools.includes(r.tool);
  const { once, efficiency, factorSets } = prepared(loaded);
  const read = once.data;
  // The family's records in columns of their own: the kept tools' records, their efficiency records, then the host
  // records of their runs. Nothing here makes an object per record: the runs are asked (once each), pairing changes
  // runs, and only the records compared become objects (at 20× the shipped data, 14 400 of fio's 284 000).
  const tooled = read.rows.keepRuns(keep);
  const derived = RecordList.from(efficiency.rows.filter(keep));
  const runKey = runKeys();
  const runs = new Set<string>();
  for (const run of [...tooled.runs(), ...derived.runs()]) runs.add(runKey(run));
  const hosts = read.rows.keepRuns((r) => r.tool === "host" && !keep(r) && runs.has(runKey(r)));
  const picked: Dataset<RecordList> = {
    rows: RecordList.concat([tooled, derived, hosts]),
    series: read.series.filter(keep),
    histograms: read.histograms.filter(keep),
    warnings: warningsForTools(read, tools),
    files: read.files,
  };
  // Named by the tools that gave rows (a family asked for iperf and sockperf but holding iperf only is "iperf3 + iperf2").
  const pickedRuns = picked.rows.runs();
  const present = tools.filter((t) => pickedRuns.some((r) => r.tool === t));
  const label = tools.length ? (present.length ? present : tools).join(" + ") : "all tools";
  const warnings = groupFileWarnings(picked.warnings);
  if (tools.length === 0 || tools.includes("fio")) pushAll(warnings, once.warnings);
  pushAll(
    warnings,
    efficiency.warnings.filter((w) => !w.tool || keep({ tool: w.tool }))
      .map((w) => ({ kind: "efficiency" as const, text: w.message })),
  );
  const title = experiments.find((e) => e.title)?.title;
  const named = (by: string | null) =>
    [...new Set([by, ...experiments.map((e) => e.by)])].flatMap((f) => f ? factorValues(factorSets, f) : [])
      .filter((v, i, all) => all.indexOf(v) === i).sort();
  /** The analysis with nothing compared, and why in `warning`. */
  const uncompared = (warning: Warning): Analysis => {
    const rows = picked.rows;
    return {
      root,
      label,
      dataset: { ...picked, rows },
      rows,
      by: null,
      baseline: null,
      candidates: [],
      comparisons: [],
      missing: [],
      baselineNotes: [],
      confounded: [],
      warnings: [...warnings, warning],
      names: named(null),
      title,
    };
  };
  if (picked.rows.length === 0) {
    return uncompared({
      kind: "no-results",
      text: `No ${tools.length ? label + " " : ""}results were found under ${root}.`,
    });
  }
  const units = identifyUnits(picked);
  const by = chooseBy(units, opts.by, experiments.map((e) => e.by));
  if (by === null) {
    // Runs of the tools (a host CPU record is a run's companion, not a run).
    const runs = new Set(
      units.filter((u) => u.tool !== "host").map((u) =>
        `${u.tool}\n${u.factors[REPETITION_FACTOR] ?? u.key}`
      ),
    ).size;
    return uncompared({
      kind: "nothing-to-compare",
      text:
        `All ${runs} runs under ${root} are one configuration, so nothing varies to compare: compare the ` +
        `folder with another (two data folders, before and after), or keep it in a store (--store) and compare ` +
        `later folders with it (--against BATCH).`,
    });
  }
  const pairing = pairUnits(units, by);
  pushAll(warnings, pairing.warnings.map((text) => ({ kind: "pairing" as const, text })));
  // The user's names for the compared values (labels.ts): compared by the factor, shown by the label.
  const labels = compareLabels(units, by, opts.labels);
  const paired = applyPairing(picked, units, pairing, records);
  const dataset = labels ? applyLabels(paired, by, labels.labels) : paired;
  const rows = dataset.rows;
  const { confounded } = pairing;
  const shown = (v: string | undefined) => v && (labels?.labels.get(v) ?? v);
  // Labels keep their values' order (0 before 1), so the default baseline does not change with a name.
  const values = labels
    ? factorValues(paired.rows, by).map((v) => shown(v)!).filter((v, i, all) => all.indexOf(v) === i)
    : factorValues(rows, by);
  const baseline = chooseBaseline(
    values,
    by,
    shown(opts.baseline),
    experiments.map((e) => ({ ...e, baseline: shown(e.baseline) })),
    root,
  );
  const candidate = shown(opts.candidate);
  if (candidate && !values.includes(candidate)) {
    throw new AnalysisError(
      `The candidate "${opts.candidate}" is not a value of "${by}" in ${root}; found ${list(values)}.`,
    );
  }
  const candidates = candidate ? [candidate] : values.filter((v) => v !== baseline);
  if (candidates.length === 0) {
    warnings.push({
      kind: "nothing-to-compare",
      subject: { group: baseline },
      text: `Only one ${by} (${baseline}) is present, so there is nothing to compare it with.`,
    });
  }
  const metrics = opts.metrics ?? DEFAULT_METRICS;
  const result = candidates.length
    ? compare(rows.select(comparedRecord({ by, metrics })), {
      by,
      baseline,
      candidates,
      level: opts.level ?? 0.95,
      seed: opts.seed ?? 1,
      adjust: opts.adjust,
      minChange: opts.minChange,
      metrics,
      baselinePerGroup: true,
    })
    : { comparisons: [], warnings: [], missing: [], baselines: [] };
  pushAll(warnings, result.warnings);
  pushAll(
    warnings,
    counterpartWarnings(rows.runs(), by, baseline, candidates, true).map((text) => ({
      kind: "counterpart" as const,
      text,
    })),
  );
  const baselineNotes = baselineSentences(result.baselines, by, baseline);
  return {
    root,
    label,
    dataset,
    rows,
    by,
    baseline,
    candidates,
    comparisons: byWorkload(result.comparisons),
    missing: result.missing,
    baselineNotes,
    labels: labels ? labelSentence(by, labels, factorValues(paired.rows, by)) : undefined,
    confounded,
    warnings,
    // Colours go to the names shown (a label stands for its value here).
    names: [...new Set(named(by).map((v) => shown(v)!))].sort(),
    title,
  };
}

/**
 * What every family's analysis of one loaded dataset starts from: one run per repetition, and the efficiency
 * rows. Efficiency rows join host records with tool outputs, so they are derived before the tool filter (a host
 * record stays with the runs of the kept tools). Made once per dataset, not once per family: the report
 * analyses disk and network from the same records.
 */
const preparedOnce = new WeakMap<Dataset | Dataset<RecordList>, Prepared>();
interface Prepared {
  once: ReturnType<typeof oneRunPerRepetition>;
  efficiency: ReturnType<typeof efficiencyRows>;
  /**
   * Every record's factors as read (each object once): the names the figures colour, over every family. Kept
   * apart because an analysis' records carry their pairing factors instead.
   */
  factorSets: { factors: Factors }[];
}
function prepared(loaded: Dataset | Dataset<RecordList>): Prepared {
  const known = preparedOnce.get(loaded);
  if (known) return known;
  // The records in columns (a request reads them so: lib/ingest/load.ts loadDirColumns); each family's analysis
  // makes objects of its own records, so the records as read are never changed.
  const listed = inColumns(loaded);
  const once = oneRunPerRepetition(listed);
  const factorSets = [...new Set(listed.rows.factorObjects())].map((factors) => ({ factors }));
  const made = { once, efficiency: efficiencyRows(once.data.rows), factorSets };
  preparedOnce.set(loaded, made);
  return made;
}

/**
 * Workloads compared against another baseline, in words, with the exact flag for each other choice:
 * "The baseline tcp-1400 has no runs of udp: there udp-64 is compared with udp-1400 (the first value present;
 * --baseline udp-64 picks the other)."
 */
function baselineSentences(
  used: { workload: string; baseline: string; values: string[] }[],
  by: string,
  baseline: string,
): string[] {
  return used.map((u) => {
    const others = u.values.filter((v) => v !== u.baseline);
    const flags = others.map((v) => `--baseline ${v}`).join(" or ");
    return `The baseline ${by}=${baseline} has no runs of ${u.workload}: there ${others.join(", ")} ` +
      `${
        others.length === 1 ? "is" : "are"
      } compared with ${u.baseline} (the first value present; ${flags} ` +
      `${others.length === 1 ? "makes it" : "make one of them"} the baseline instead).`;
  });
}

/** Distinct values of a factor, sorted (numbers and sizes by magnitude: "8" before "16", "4k" before "1m"). */
export function factorValues(
  rows: { factors: Record<string, string> }[] | RecordList,
  factor: string,
): string[] {
  // No array of a value per row (at 100× the shipped data, 1.5 million): the records of one job share their
  // factors object and come one after another, so each object is read once per run of them.
  const values = new Set<string>();
  const add = (factors: Record<string, string>) => {
    const v = factors[factor];
    if (v !== undefined) values.add(v);
  };
  if (rows instanceof RecordList) { for (const factors of rows.factorObjects()) add(factors); }
  else {
    let last: Record<string, string> | undefined;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].factors === last) continue;
      add(last = rows[i].factors);
    }
  }
  return [...values].sort(compareFactorValues);
}

function chooseBaseline(
  values: string[],
  by: string,
  explicit: string | undefined,
  experiments: Experiment[],
  root: string,
): string {
  if (explicit) {
    if (!values.includes(explicit)) {
      throw new AnalysisError(
        `The baseline "${explicit}" is not a value of "${by}" in ${root}; found ${list(values)}.`,
      );
    }
    return explicit;
  }
  const declared = experiments.find((e) => e.by === by && e.baseline && values.includes(e.baseline));
  return declared?.baseline ?? values[0];
}

/** Comparisons in workload order (the group key sorts by every factor, e.g. `bs` before the name). */
function byWorkload(comparisons: Comparison[]): Comparison[] {
  const name = (c: Comparison) => c.factors.workload ?? "";
  return comparisons.map((c, i) => ({ c, i })).sort((a, b) =>
    name(a.c) < name(b.c) ? -1 : name(a.c) > name(b.c) ? 1 : a.i - b.i
  ).map((x) => x.c);
}

function list(values: string[]): string {
  return values.length ? values.map((v) => `"${v}"`).join(", ") : "none";
}
