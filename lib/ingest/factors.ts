/**
 * Factors from paths, for data saved the usual ways, without renaming:
 * - `key=value` folders (Hive/Arrow partitions); `run=`, `iter=`, `iteration=`, `trial=` mean `rep=`;
 * - repetitions from common names: `run3`, `rep-3`, `_r3`, `iter3`, `trial3` at the end of a file name, numbered
 *   folders (`3/`, `run3/`), and timestamped folders (`2026-11-25T09-57-19/`) when nothing else numbers the runs;
 * - the file name without its repetition mark, extension and fio log suffix is the `workload` label (unless a
 *   `workload=` folder says otherwise); other plain folder names are kept as the descriptive `folder`;
 * - a layout template ({@link Layout}) where names follow a pattern of their own.
 * Whether a label identifies a configuration or only names it is decided later, from the files' content
 * (lib/analysis/identity.ts).
 * @module
 */
import type { Factors } from "../model.ts";
import { type Layout, matchLayout } from "./layout.ts";
import { fioLogMetric, pathSegments, stemOf } from "./names.ts";

export { fioLogMetric };

/** Folder keys that mean "repetition". */
export const REP_ALIASES = new Set(["rep", "run", "iter", "iteration", "trial", "repetition"]);
/** Layout placeholders that name the configuration (the `workload` label). */
const LABEL_PLACEHOLDERS = new Set(["config", "workload", "name", "test", "job"]);
/** Layout placeholders that hold a time: the repetition, unless the layout has `{rep}`. */
const TIME_PLACEHOLDERS = new Set(["date", "time", "timestamp", "datetime"]);

const REP_IN_NAME = /(?:^|[-_. ])(?:rep|run|iter|iteration|trial|r)[-_]?(\d+)$/i;
const REP_FOLDER = /^(?:(?:rep|run|iter|iteration|trial|r)[-_]?)?(\d+)$/i;
const TIMESTAMP =
  /^\d{4}-?\d{2}-?\d{2}(?:[T_ -]?\d{2}[-:.]?\d{2}(?:[-:.]?\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export interface PathFactors {
  factors: Factors;
  /** Descriptive: plain folder names (`folder`), timestamps that are not the repetition (`date`). */
  info: Factors;
  /** Conflicts and layout mismatches, in words. */
  warnings: string[];
}

/** Factors of a path relative to the loaded root, e.g. `disk/os=linux/driver=ide/rep=2/randread-4k.json`. */
export function pathFactors(relPath: string, layout?: Layout): PathFactors {
  const segments = pathSegments(relPath);
  const file = segments.pop() ?? "";
  const factors: Factors = {};
  const info: Factors = {};
  const warnings: string[] = [];
  const plain: string[] = [];
  const reps: string[] = [];
  const times: string[] = [];
  const fitted = layout ? matchLayout(layout, relPath) : null;
  // Folders the layout describes are read by it alone; those above it by the usual rules.
  const covered = fitted ? layout!.segments.length - 1 : 0;
  for (const segment of segments.slice(0, segments.length - covered)) {
    const eq = segment.indexOf("=");
    if (eq > 0 && eq === segment.length - 1) {
      // "driver=" names no driver: not a value "" (which would become the baseline), a plain folder name.
      warnings.push(
        `${relPath}: the folder "${segment}" gives ${
          segment.slice(0, -1)
        } no value; read as a plain folder name`,
      );
      plain.push(segment);
    } else if (eq > 0) {
      const key = segment.slice(0, eq);
      factors[REP_ALIASES.has(key.toLowerCase()) ? "rep" : key] = decodeFolderValue(segment.slice(eq + 1));
    } else if (REP_FOLDER.test(segment)) reps.push(segment.match(REP_FOLDER)![1]);
    else if (TIMESTAMP.test(segment)) times.push(segment);
    else plain.push(segment);
  }
  let stem = stemOf(file);
  if (layout && fitted) {
    reps.length = 0;
    times.length = 0;
    let labelled = false;
    for (const [name, value] of Object.entries(fitted)) {
      if (REP_ALIASES.has(name.toLowerCase())) reps.push(value);
      else if (TIME_PLACEHOLDERS.has(name.toLowerCase())) times.push(value);
      else if (LABEL_PLACEHOLDERS.has(name.toLowerCase())) [stem, labelled] = [value, true];
      else setPathFactor(factors, name, value, relPath, warnings);
    }
    // No {config} in the template ('randread-run{rep}.json', '*-run{rep}.json'): the label is the stem
    // without the repetition the template placed in it, not one workload per run.
    if (!labelled && reps.length) stem = stem.replace(REP_IN_NAME, "") || stem;
  } else {
    if (layout) {
      warnings.push(
        `${relPath} does not fit the layout ${
          JSON.stringify(layout.template)
        }; its factors come from its names`,
      );
    }
    const m = stem.match(REP_IN_NAME);
    if (m) {
      reps.push(m[1]);
      stem = stem.slice(0, m.index);
    }
  }
  const named = reps.length ? reps.join(".") : times.length ? times.join("/") : undefined;
  if (named !== undefined) {
    if (factors.rep === undefined) factors.rep = named;
    else if (factors.rep !== named) {
      warnings.push(
        `${relPath}: the folder says rep=${factors.rep}, the name says ${named}; using ${factors.rep} (folder names win)`,
      );
    }
  }
  if (times.length && factors.rep !== times.join("/")) info.date = times.join("/");
  if (plain.length) info.folder = plain.join("/");
  factors.workload ??= stem || plain.at(-1) || stemOf(file);
  return { factors, info, warnings };
}

/** The factors of a path, without the descriptive ones (see {@link pathFactors}). */
export function factorsFromPath(relPath: string, layout?: Layout): Factors {
  return pathFactors(relPath, layout).factors;
}

/**
 * A folder value, percent-decoded like Hive partitions (`bs=4%20KiB`) when it is valid percent-encoding;
 * otherwise as written (`load=100%` means 100 %, not a broken escape).
 */
export function decodeFolderValue(value: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return value;
  }
  // A control character from an escape (%00, %1b) is never meant: kept as written, it cannot reach an output as NUL.
  // deno-lint-ignore no-control-regex
  return /[\x00-\x1f\x7f]/.test(decoded) && !/[\x00-\x1f\x7f]/.test(value) ? value : decoded;
}

/**
 * The workload name a file stands for: `randread-4k-qd1_clat.1.log` → `randread-4k-qd1`,
 * `sockperf-udp-64.fulllog.csv` → `sockperf-udp-64`.
 */
export function workloadOf(fileName: string): string {
  return stemOf(fileName);
}

function setPathFactor(
  factors: Factors,
  name: string,
  value: string,
  where: string,
  warnings: string[],
): void {
  if (factors[name] !== undefined && factors[name] !== value) {
    warnings.push(
      `${where}: the folder says ${name}=${factors[name]}, the layout says ${value}; using ${
        factors[name]
      } (folder names win)`,
    );
    return;
  }
  factors[name] = value;
}
