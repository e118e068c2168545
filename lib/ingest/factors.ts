/**
 * Factors from paths, for data saved the usual ways, without renaming:
 * - `key=value` folders (Hive/Arrow partitions); `run=`, `iter=`, `iteration=`, `trial=` mean `rep=`;
 * - repetitions from common names: `run3`, `rep-3`, `_r3`, `iter3`, `trial3` at the end of a file name; a bare
 *   number (`_3`, `-3`, `.3`, `#3`, ` 3`, `(3)`) when the rest of the name repeats with consecutive numbers among the
 *   files of its folder ({@link numberedNames}); numbered folders (`3/`, `run3/`); and timestamped folders
 *   (`2026-11-25T09-57-19/`) and a date at either end of a file name (`randread_2026-11-30T11-01-01.json`) when
 *   nothing else numbers the runs;
 * - the file name without its repetition mark, extension and fio log suffix is the `workload` label (unless a
 *   `workload=` folder says otherwise); other plain folder names are kept as the descriptive `folder`;
 * - a layout template ({@link Layout}) where names follow a pattern of their own.
 * Whether a label identifies a configuration or only names it is decided later, from the files' content
 * (lib/analysis/identity.ts).
 * @module
 */
import { folderOf } from "../paths.ts";
import type { Factors } from "../model.ts";
import { type Layout, matchLayout, REP_ALIASES, TIME_PLACEHOLDERS } from "./layout.ts";
import { fioLogMetric, pathSegments, stemOf } from "./names.ts";

export { fioLogMetric, REP_ALIASES };

/** Layout placeholders that name the configuration (the `workload` label). */
const LABEL_PLACEHOLDERS = new Set(["config", "workload", "name", "test", "job"]);

const REP_IN_NAME = /(?:^|[-_. ])(?:rep|run|iter|iteration|trial|r)[-_]?(\d+)$/i;
/** A bare trailing number: `buffered_3`, `P1-3`, `len512.3`, `run#3`, `P1 3`, `P1 (3)`, `P1(3)`, or a name `3`. */
const BARE_NUMBER = /^(.+?)(?:[-_.# ](\d+)|\s?\((\d+)\))$|^()(\d+)$/;
const REP_FOLDER = /^(?:(?:rep|run|iter|iteration|trial|r)[-_]?)?(\d+)$/i;
/** A date, optionally with a time: `2026-11-25`, `20261125`, `2026-11-25T09-57-19`, `20261125_095719`, `…Z`. */
const TIME = String
  .raw`\d{4}-?\d{2}-?\d{2}(?:[T_ -]?\d{2}[-:.]?\d{2}(?:[-:.]?\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?`;
const TIMESTAMP = new RegExp(`^${TIME}$`);
export interface PathFactors {
  factors: Factors;
  /** Descriptive: plain folder names (`folder`), timestamps that are not the repetition (`date`). */
  info: Factors;
  /** Conflicts and layout mismatches, in words. */
  warnings: string[];
}

/**
 * The paths (relative to the loaded root) whose file name ends in a bare number that is a repetition: the rest of
 * the name recurs in the same folder with numbers that run consecutively (1, 2, 3 — or 4, 5, 6), so `direct_1.json`
 * … `direct_3.json` are three runs of `direct`, while `sockperf-udp-64` and `sockperf-udp-1400` stay two names.
 */
export function numberedNames(relPaths: string[]): Set<string> {
  const byRest = new Map<string, { path: string; n: number }[]>();
  for (const path of relPaths) {
    const split = bareNumber(path);
    if (!split) continue;
    const key = JSON.stringify([folderOf(path), split.rest]);
    (byRest.get(key) ?? byRest.set(key, []).get(key)!).push({ path, n: split.n });
  }
  const out = new Set<string>();
  for (const members of byRest.values()) {
    const numbers = [...new Set(members.map((m) => m.n))].sort((a, b) => a - b);
    if (numbers.length < 2 || numbers[numbers.length - 1] - numbers[0] !== numbers.length - 1) continue;
    for (const m of members) out.add(m.path);
  }
  return out;
}

/** The file stem of a path split into its rest and a bare trailing number, or null. */
function bareNumber(relPath: string): { rest: string; n: number; stem: string } | null {
  const stem = stemOf(pathSegments(relPath).pop() ?? "");
  const m = stem.match(BARE_NUMBER);
  return m ? { rest: m[1] ?? m[4], n: Number(m[2] ?? m[3] ?? m[5]), stem } : null;
}

/**
 * Factors of a path relative to the loaded root, e.g. `disk/os=linux/driver=ide/rep=2/randread-4k.json`.
 * `numbered`: paths whose bare trailing number is a repetition ({@link numberedNames}).
 */
export function pathFactors(relPath: string, layout?: Layout, numbered?: ReadonlySet<string>): PathFactors {
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
    // No {config} in the template (two sides: the side is compared): the label is the stem
    // without the repetition the template placed in it, not one workload per run.
    // Any naming ('*_{rep}', '{rep}-*', '* ({rep})', '*-run{rep}').
    if (!labelled) {
      let rest = stem;
      for (const name of layout.stemNames) {
        if (REP_ALIASES.has(name.toLowerCase()) || TIME_PLACEHOLDERS.has(name.toLowerCase())) {
          rest = withoutNumber(rest, fitted[name]);
        }
      }
      stem = rest; // "" for a name that is only the repetition (see the label below)
    }
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
    // When the run was taken (`fio --output=randread-$(date +%F_%H%M%S).json`): it tells the repetitions apart
    // (unless a mark numbers them), and is not part of the configuration's name.
    const dated = timeInName(stem);
    if (dated) {
      times.push(dated.time);
      stem = dated.rest;
    }
    const bare = m || dated ? null : numbered?.has(relPath) ? stem.match(BARE_NUMBER) : null;
    if (bare) {
      reps.push(String(Number(bare[2] ?? bare[3] ?? bare[5])));
      stem = bare[1] ?? bare[4];
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
  // A name that is only the repetition (`run2.json`, `2.json`, '{rep}.json') and no folder to name the runs: no
  // label, as the name would make each repetition a workload of its own.
  const label = stem || plain.at(-1);
  if (label) factors.workload ??= label;
  return { factors, info, warnings };
}

/**
 * A date at either end of a file name (`randread_2026-11-30T11-01-01`, `20261130-095719-randread`, or the whole
 * name), the longest there is, and the rest of the name.
 */
function timeInName(stem: string): { time: string; rest: string } | null {
  if (realTime(stem)) return { time: stem, rest: "" };
  const separator = (i: number) => "-_. ".includes(stem[i]);
  for (let i = 1; i < stem.length - 1; i++) {
    if (separator(i) && realTime(stem.slice(i + 1))) {
      return { time: stem.slice(i + 1), rest: stem.slice(0, i) };
    }
  }
  for (let i = stem.length - 2; i > 0; i--) {
    if (separator(i) && realTime(stem.slice(0, i))) {
      return { time: stem.slice(0, i), rest: stem.slice(i + 1) };
    }
  }
  return null;
}

/** A {@link TIMESTAMP} that is a real date and time: month 1–12, day 1–31, hour < 24, minutes < 60. */
function realTime(text: string): boolean {
  if (!TIMESTAMP.test(text)) return false;
  const [month, day, hour = 0, minute = 0] = (text.slice(4).match(/\d{2}/g) ?? []).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60;
}

/** `buffered_3` without `3` → `buffered`; `run3-x` → `x`; `P1 (3)` → `P1`; unchanged when `value` is inside. */
function withoutNumber(stem: string, value: string): string {
  const closed = stem.endsWith(`(${value})`) ? stem.slice(0, -1) : stem;
  if (closed.endsWith(value)) {
    return closed.slice(0, -value.length).replace(
      /(^|[-_.# (])(?:rep|run|iter|iteration|trial|r)[-_]?$/i,
      "$1",
    )
      .replace(/[-_.# (]+$/, "");
  }
  if (stem.startsWith(value)) return stem.slice(value.length).replace(/^[-_.# ]+/, "");
  return stem;
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
