/**
 * One call from a data folder to everything a notebook or the report shows:
 * load (every format, factors from paths) → pick the compared factor and baseline → compare.
 * Go's benchstat shape: parse → group → summarize → format.
 * @module
 */
import type { Dataset, Measurement, Tool } from "../model.ts";
import { REPETITION_FACTOR } from "../model.ts";
import { loadDir, mergeDatasets } from "../ingest/mod.ts";
import { compare } from "../stats/mod.ts";
import type { Comparison } from "../stats/types.ts";
import { type Experiment, readExperiments } from "./experiment.ts";
import { AnalysisError } from "./errors.ts";

export interface AnalyseOptions {
  /** Keep only rows of these tools (e.g. "fio" for disk, ["iperf3", "iperf2"] for network). */
  tool?: Tool | Tool[];
  /** The compared factor; default from experiment.json, else "driver", "nic", else the one factor that varies. */
  by?: string;
  /** Baseline value of `by`; "" or absent = from experiment.json, else the first value in sorted order. */
  baseline?: string;
  /** One candidate; "" or absent = every other value of `by`. */
  candidate?: string;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Seed for bootstrap and Monte Carlo permutation (default 1): the same data gives the same numbers. */
  seed?: number;
}

export interface Analysis {
  root: string;
  /** Short name for titles: the tools analysed, e.g. "fio" or "iperf3 + iperf2". */
  label: string;
  dataset: Dataset;
  rows: Measurement[];
  by: string | null;
  baseline: string | null;
  candidates: string[];
  comparisons: Comparison[];
  /** Dataset-level warnings in words (unreadable files, missing baseline, nothing to compare). */
  warnings: string[];
  /**
   * Every value of every compared factor in the whole data folder (this analysis' `by` and each
   * experiment.json's), sorted: figures assign colours over it, so disk and network figures of one
   * folder never give two names one colour, and a tool filter does not shift colours.
   */
  names: string[];
  /** The data set's `title` from experiment.json, if one declares it (captions use it). */
  title?: string;
}

const PREFERRED_BY = ["driver", "nic"];

export async function analyse(root: string, opts: AnalyseOptions = {}): Promise<Analysis> {
  const loaded = await loadDir(root, { onError: "collect" });
  return analyseDataset(loaded, root, opts, await readExperiments(root));
}

/**
 * Several already-loaded datasets (e.g. before/after folders tagged with a `run` factor), analysed
 * as one per tool family — disk (fio) and network (iperf) — since each has its own compared factor.
 */
export function analyseDatasets(datasets: Dataset[], root: string, opts: AnalyseOptions = {}): Analysis[] {
  const merged = mergeDatasets(...datasets);
  return [["fio"], ["iperf3", "iperf2"]]
    .map((tool) => analyseDataset(merged, root, { ...opts, tool: tool as Tool[] }, []))
    .filter((a) => a.rows.length > 0);
}

/** The analysis of a loaded dataset; `root` is only used in messages and captions. */
export function analyseDataset(
  loaded: Dataset,
  root: string,
  opts: AnalyseOptions,
  experiments: Experiment[],
): Analysis {
  const tools = opts.tool === undefined ? [] : Array.isArray(opts.tool) ? opts.tool : [opts.tool];
  const keep = <T extends { tool: Tool }>(r: T) => tools.length === 0 || tools.includes(r.tool);
  const dataset: Dataset = {
    rows: loaded.rows.filter(keep),
    series: loaded.series.filter(keep),
    histograms: loaded.histograms.filter(keep),
    warnings: loaded.warnings,
    files: loaded.files,
  };
  const label = tools.length ? tools.join(" + ") : "all tools";
  const warnings = dataset.warnings.map((w) => w.message);
  const rows = dataset.rows;
  const title = experiments.find((e) => e.title)?.title;
  const named = (by: string | null) =>
    [...new Set([by, ...experiments.map((e) => e.by)])].flatMap((f) => f ? factorValues(loaded.rows, f) : [])
      .filter((v, i, all) => all.indexOf(v) === i).sort();
  if (rows.length === 0) {
    warnings.push(`No ${tools.length ? label + " " : ""}results were found under ${root}.`);
    return {
      root,
      label,
      dataset,
      rows,
      by: null,
      baseline: null,
      candidates: [],
      comparisons: [],
      warnings,
      names: named(null),
      title,
    };
  }
  const by = chooseBy(rows, opts.by, experiments);
  const values = factorValues(rows, by);
  const baseline = chooseBaseline(values, by, opts.baseline, experiments, root);
  if (opts.candidate && !values.includes(opts.candidate)) {
    throw new AnalysisError(
      `The candidate "${opts.candidate}" is not a value of "${by}" in ${root}; found ${list(values)}.`,
    );
  }
  const candidates = opts.candidate ? [opts.candidate] : values.filter((v) => v !== baseline);
  if (candidates.length === 0) {
    warnings.push(`Only one ${by} (${baseline}) is present, so there is nothing to compare it with.`);
  }
  const result = candidates.length
    ? compare(rows, { by, baseline, candidates, level: opts.level ?? 0.95, seed: opts.seed ?? 1 })
    : { comparisons: [], warnings: [] };
  warnings.push(...result.warnings);
  return {
    root,
    label,
    dataset,
    rows,
    by,
    baseline,
    candidates,
    comparisons: result.comparisons,
    warnings,
    names: named(by),
    title,
  };
}

/** Distinct values of a factor, sorted. */
export function factorValues(rows: { factors: Record<string, string> }[], factor: string): string[] {
  return [...new Set(rows.map((r) => r.factors[factor]).filter((v) => v !== undefined))].sort();
}

function chooseBy(rows: Measurement[], explicit: string | undefined, experiments: Experiment[]): string {
  const present = new Set(rows.flatMap((r) => Object.keys(r.factors)));
  if (explicit) {
    if (!present.has(explicit)) {
      throw new AnalysisError(
        `No file has a "${explicit}=" folder, so "${explicit}" cannot be compared; ` +
          `factors found: ${list([...present].sort())}.`,
      );
    }
    return explicit;
  }
  const declared = experiments.map((e) => e.by).find((b) => b && present.has(b));
  if (declared) return declared;
  const varying = [...present].sort().filter((f) =>
    f !== REPETITION_FACTOR && factorValues(rows, f).length > 1
  );
  const preferred = PREFERRED_BY.find((f) => present.has(f));
  if (preferred) return preferred;
  const candidates = varying.filter((f) => f !== "workload" && f !== "os");
  if (candidates.length === 1) return candidates[0];
  throw new AnalysisError(
    `Cannot tell which factor to compare: no "driver=" or "nic=" folders and ` +
      (candidates.length ? `several candidates (${list(candidates)})` : "no factor that varies") +
      `. Pass { by: "..." } or add an experiment.json with {"by": "..."}.`,
  );
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

function list(values: string[]): string {
  return values.length ? values.map((v) => `"${v}"`).join(", ") : "none";
}
