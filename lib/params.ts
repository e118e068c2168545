/**
 * Notebook parameters without editing the notebook: each key reads the environment variable
 * `VB_PARAM_<KEY>` (set by `tools/nbexec.py --param key=value`), else its default.
 * Like a papermill parameters cell, but the defaults stay visible in the notebook.
 *
 * Every report option that shapes the analysis is a notebook parameter too (lib/analysis/options.ts declares
 * both): `--param by=ioengine` does in a notebook what `--by ioengine` does in the report, and an invalid value
 * gives the report's sentence. An unknown `--param` is an error that lists the known ones.
 * @module
 */
import {
  type AnalysisOptionValues,
  analysisValues,
  type FigureOptionValues,
  figureValues,
  OptionError,
  OPTIONS,
  type ParamName,
} from "./analysis/options.ts";

/** The report's analysis and figure options as notebook parameters, with their defaults ("" = decided from the data). */
export type ReportParams = Record<ParamName, string>;

/** The parameters' defaults, from the option table. */
export const REPORT_PARAMS: ReportParams = Object.fromEntries(
  OPTIONS.filter((o) => o.param).map((o) => [o.param!, o.default]),
) as ReportParams;

/** A parameter the notebook cannot use: one sentence (the report's own for an invalid value). */
export class ParamError extends OptionError {
  constructor(message: string) {
    super(message);
    this.name = "ParamError";
    this.stack = `${this.name}: ${message}`;
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

/** The analysis options the parameters ask for ("" = decided from the data), checked like the report's flags. */
export function analysisOptions(params: Partial<ReportParams>): AnalysisOptionValues {
  return asParamError(() => analysisValues(params));
}

/**
 * How the parameters ask figures to be drawn and written (figure_formats, figure_width, no_titles), checked like
 * the report's flags: pass `width` and `noTitles` to the figure functions, `formats` to exportFigure.
 */
export function figureOptions(params: Partial<ReportParams>): FigureOptionValues {
  return asParamError(() => figureValues(params));
}

/** The option table's sentence, as a notebook's ParamError. */
function asParamError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof OptionError) throw new ParamError(err.message);
    throw err;
  }
}

function readEnv(): Record<string, string> {
  try {
    return Deno.env.toObject();
  } catch {
    return {}; // no --allow-env: the defaults are the parameters
  }
}
