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
export function analysisOptions(params: Partial<ReportParams>): Pick<AnalyseOptions, keyof ReportParams> {
  const pick = (v: string | undefined) => v === undefined || v === "" ? undefined : v;
  return {
    by: pick(params.by),
    baseline: pick(params.baseline),
    candidate: pick(params.candidate),
    layout: pick(params.layout),
  };
}

function readEnv(): Record<string, string> {
  try {
    return Deno.env.toObject();
  } catch {
    return {}; // no --allow-env: the defaults are the parameters
  }
}
