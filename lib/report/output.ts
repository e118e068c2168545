/**
 * The report's output folder, handled so that inputs are never written and a run is all or nothing:
 * an `--out` equal to, inside or around a data folder is refused, as is one holding files a report
 * did not write; the new set is written to a sibling `.NAME.report-new` and renamed into place (the
 * previous set moves to `.NAME.report-old` for that instant and is then deleted), so an interrupted
 * run leaves the previous complete output or the new one, never a mix. tools/report.sh grants write
 * access to exactly these three paths.
 * @module
 */
import { basename, dirname, join, sep } from "node:path";
import { fsReason } from "../analysis/errors.ts";

/** A request the command refuses before doing any work (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The output could not be written: disk full, not a folder, no permission (exit 5). */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

/** What a report writes; a folder holding only these (or nothing) may be replaced. */
const REPORT_ENTRIES = new Set([
  "report.md",
  "report.html",
  "results.csv",
  "results.json",
  "changes.csv",
  "results.tex",
  "figures",
]);

export function stagingPaths(out: string): { next: string; prev: string } {
  const parent = dirname(out), name = basename(out);
  return { next: join(parent, `.${name}.report-new`), prev: join(parent, `.${name}.report-old`) };
}

const inside = (path: string, folder: string) =>
  path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * Refuses an output folder that would overwrite or mix with inputs or unrelated files.
 * `out` is absolute (tools/report.sh passes it with symbolic links resolved); `dataReal` are the
 * data folders' real paths.
 */
export async function checkOut(out: string, dataReal: string[]): Promise<void> {
  for (const data of dataReal) {
    if (inside(out, data)) {
      throw new UsageError(
        `--out ${out} is ${out === data ? "the data folder" : `inside the data folder ${data}`}; ` +
          "the report would write among its inputs (and read its own output next time). Choose a folder outside it.",
      );
    }
    if (inside(data, out)) {
      throw new UsageError(`--out ${out} holds the data folder ${data}; choose a folder outside it.`);
    }
  }
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(out);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw new OutputError(`--out ${out}: ${fsReason(err) ?? String(err)}.`);
  }
  if (!stat.isDirectory) throw new OutputError(`--out ${out} is a file, not a folder.`);
  const foreign: string[] = [];
  for await (const e of Deno.readDir(out)) {
    if (!REPORT_ENTRIES.has(e.name)) foreign.push(e.name);
    else if (e.name === "figures" && e.isDirectory) {
      for (const f of await foreignFigures(out)) foreign.push(`figures/${f}`);
    }
  }
  if (foreign.length) {
    const shown = foreign.sort().slice(0, 5).join(", ") +
      (foreign.length > 5 ? `, … (${foreign.length})` : "");
    throw new UsageError(
      `--out ${out} already holds files a report did not write (${shown}), and the report replaces the ` +
        "whole folder. Choose a new or empty folder.",
    );
  }
}

/**
 * A report writes every figure as `ID.svg`, with `ID.png` and `ID.pdf` when asked: a file there without its SVG or
 * PNG twin (a user's own `mine.png`), or anything else, is not the report's and must not be deleted with the
 * folder. An SVG alone (a report without PNGs) is the report's when its report.md or report.html links it.
 */
async function foreignFigures(out: string): Promise<string[]> {
  const files = new Map<string, boolean>();
  for await (const f of Deno.readDir(join(out, "figures"))) files.set(f.name, f.isFile);
  const alone = [...files].filter(([name, isFile]) => {
    const m = name.match(/^(.+)\.(svg|png|pdf)$/);
    return !isFile || !m || !files.get(`${m[1]}.${m[2] === "svg" ? "png" : "svg"}`);
  }).map(([name]) => name);
  // The pages are read only when an SVG stands alone (a report with PNGs never needs them).
  const loneSvg = (name: string) => files.get(name) === true && name.endsWith(".svg");
  const linked = alone.some(loneSvg) ? await linkedFigures(out) : new Set<string>();
  return alone.filter((name) => !(loneSvg(name) && linked.has(name)));
}

/** The SVGs under figures/ that the folder's report.md (else report.html) links, by file name. */
async function linkedFigures(out: string): Promise<Set<string>> {
  for (const page of ["report.md", "report.html"]) {
    let text: string;
    try {
      text = await Deno.readTextFile(join(out, page));
    } catch {
      continue; // not there (or not readable): the other page, else no SVG alone is the report's
    }
    return new Set([...text.matchAll(/figures\/([^()"<>\s\/]+\.svg)/g)].map((m) => m[1]));
  }
  return new Set();
}

/**
 * `--store` equal to, inside or around a data folder is refused like such an `--out`: the next run would read the
 * store's Parquet files as data, and an append would write among the inputs.
 */
export function checkStorePlacement(store: string, dataReal: string[]): void {
  for (const data of dataReal) {
    if (inside(store, data) || inside(data, store)) {
      const where = store === data
        ? "is the data folder"
        : inside(store, data)
        ? `is inside the data folder ${data}`
        : `holds the data folder ${data}`;
      throw new UsageError(
        `--store ${store} ${where}; the store would be written among the inputs (and read as data next time). ` +
          "Choose a folder outside it.",
      );
    }
  }
}

/**
 * Runs `write(dir)` on an empty staging folder, then puts that folder in place of `out`.
 * Every file-system failure becomes an {@link OutputError} naming `out`; the staging folder is removed.
 */
export async function writeOutputSet(out: string, write: (dir: string) => Promise<void>): Promise<void> {
  const { next, prev } = stagingPaths(out);
  try {
    // A run killed between the two renames left the previous set at `prev`: put it back first.
    if (!(await exists(out)) && (await exists(prev))) await Deno.rename(prev, out);
    await Deno.remove(prev, { recursive: true }).catch(() => {});
    await Deno.remove(next, { recursive: true }).catch(() => {});
    await Deno.mkdir(next, { recursive: true });
    await write(next);
    if (await exists(out)) await Deno.rename(out, prev);
    await Deno.rename(next, out);
    await Deno.remove(prev, { recursive: true }).catch(() => {});
  } catch (err) {
    await Deno.remove(next, { recursive: true }).catch(() => {});
    if (!(await exists(out).catch(() => true))) await Deno.rename(prev, out).catch(() => {});
    const reason = fsReason(err);
    if (!reason) throw err;
    throw new OutputError(
      `Could not write the report to ${out}: ${reason}. The folder was left as it was.`,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}
