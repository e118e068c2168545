/**
 * Notebook parameters without editing the notebook: each key reads the environment variable
 * `VB_PARAM_<KEY>` (set by `tools/nbexec.py --param key=value`), else its default.
 * Like a papermill parameters cell, but the defaults stay visible in the notebook.
 *
 * Every report option that shapes the analysis is a notebook parameter too, with the same name (dashes become
 * underscores): `--param by=ioengine` does in a notebook what `--by ioengine` does in the report.
 * An unknown `--param` is an error that lists the known ones.
 * @module
 */
import type { AnalyseOptions } from "./analysis/analyse.ts";
import type { AdjustMethod } from "./stats/types.ts";
import { ADJUST_METHODS, parseMinChange } from "./stats/verdict.ts";

/** The report's analysis options as notebook parameters, with their defaults ("" = decided from the data). */
export const REPORT_PARAMS = {
  /** The compared factor (`--by`). */
  by: "",
  /** Baseline value of it (`--baseline`). */
  baseline: "",
  /** Only this candidate (`--candidate`). */
  candidate: "",
  /** Layout template of names that are not key=value (`--layout`). */
  layout: "",
  /** Multiplicity adjustment within each family: holm, bh or none (`--adjust`). */
  adjust: "holm",
  /** Smallest change that matters, e.g. "5%" (`--min-change`). */
  min_change: "0",
};

export type ReportParams = typeof REPORT_PARAMS;

/** An unknown parameter: one sentence listing the known ones. */
export class ParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParamError";
  }
}

/**
 * Returns `defaults` plus the report's parameters, every key overridden by `VB_PARAM_<KEY>` when that variable
 * is set. `data` and `out` are the notebook's own; any other `VB_PARAM_*` is an error naming the known keys.
 */
export function notebookParams<T extends Record<string, string>>(defaults: T): T & ReportParams {
  const out: Record<string, string> = { ...REPORT_PARAMS, ...defaults };
  const env = readEnv();
  const known = Object.keys(out);
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith("VB_PARAM_")) continue;
    const key = name.slice("VB_PARAM_".length).toLowerCase().replaceAll("-", "_");
    if (!known.includes(key)) {
      throw new ParamError(
        `Unknown notebook parameter "${key}" (--param ${key}=…); known parameters: ${known.join(", ")}.`,
      );
    }
    out[key] = value;
  }
  return out as T & ReportParams;
}

/** The analysis options the parameters ask for ("" = decided from the data). */
export function analysisOptions(
  params: Partial<ReportParams>,
): Pick<AnalyseOptions, "by" | "baseline" | "candidate" | "layout" | "adjust" | "minChange"> {
  const pick = (v: string | undefined) => v === undefined || v === "" ? undefined : v;
  const adjust = pick(params.adjust) as AdjustMethod | undefined;
  if (adjust !== undefined && !ADJUST_METHODS.includes(adjust)) {
    throw new ParamError(`Unknown adjust "${adjust}"; expected one of ${ADJUST_METHODS.join(", ")}.`);
  }
  const minChange = parseMinChange(params.min_change ?? "0");
  if (minChange === null) {
    throw new ParamError(`min_change expects a percentage such as 5% (got "${params.min_change}").`);
  }
  return {
    by: pick(params.by),
    baseline: pick(params.baseline),
    candidate: pick(params.candidate),
    layout: pick(params.layout),
    adjust,
    minChange,
  };
}

function readEnv(): Record<string, string> {
  try {
    return Deno.env.toObject();
  } catch {
    return {}; // no --allow-env: the defaults are the parameters
  }
}
