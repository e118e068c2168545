/**
 * What the notebooks call: `show` displays a figure, table or text in Jupyter and remembers the
 * figures, so the export cell can write every figure the notebook showed (SVG + PNG) and the
 * analyses' result tables (CSV + JSON) without listing them again.
 *
 * Every call displays explicitly and must be awaited (`await vb.show(…)`): see lib/export/display.ts
 * for why a cell never ends in a value to display.
 * @module
 */
import { join, resolve, sep } from "node:path";
import { describeError } from "./ingest/errors.ts";
import type { Analysis } from "./analysis/analyse.ts";
import { warningsHtml, warningsText } from "./present/warnings.ts";
import {
  display,
  displayFigure,
  displayFolded,
  displayMarkdown,
  displayTable,
  displayText,
} from "./export/display.ts";
import { type Record_, toCsv } from "./export/table.ts";
import { exportFigure, type FigureFormat, writeAtomic } from "./export/write.ts";
import type { Figure } from "./plot/figure.ts";
import { comparisonTable } from "./stats/table.ts";

const shown: Figure[] = [];

/** An error a notebook reader sees as one sentence: the kernel prints `stack`, so it holds no frames. */
class NotebookError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
    this.stack = `${name}: ${message}`;
  }
}

/**
 * Awaits a notebook step (an analysis). If it fails, the cell prints the failure as one sentence, and
 * the value it returns stands in for the result: any later cell that uses it stops with "Skipped: …
 * because <the sentence>" instead of a cascade of ReferenceErrors (a `const` whose cell threw stays
 * undefined for the rest of the session).
 */
export async function guard<T extends object>(step: Promise<T> | (() => Promise<T>)): Promise<T> {
  try {
    return await (typeof step === "function" ? step() : step);
  } catch (err) {
    const sentence = describeError(err);
    console.error(`Failed: ${sentence}`);
    const skipped = `not run, because a step it needs failed: ${sentence}`;
    return new Proxy({} as T, {
      get(_target, prop) {
        if (prop === "then") return undefined; // not a promise: `await` gives the stand-in back
        if (prop === Symbol.for("Jupyter.display")) return () => ({ "text/plain": `Skipped: ${skipped}` });
        throw new NotebookError("Skipped", skipped);
      },
    });
  }
}

/** Removes the files of `dir` whose names `which` picks (none when there is no such folder). */
async function removeFiles(dir: string, which: (name: string) => boolean): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return;
    throw e;
  }
  for (const e of entries) if (e.isFile && which(e.name)) await Deno.remove(join(dir, e.name));
}

/** Displays a figure (and remembers it for export); a figure with nothing to draw is one line of text instead. */
export function show(fig: Figure): Promise<void> {
  if (fig.empty) {
    return showText(`${fig.title}: ${fig.empty.replace(/[\s.]*(in this data)?\.?$/, "")} in this data.`);
  }
  shown.push(fig);
  return display(displayFigure(fig));
}

export function showTable(rows: Record_[]): Promise<void> {
  return display(displayTable(rows));
}

export function showText(text: string): Promise<void> {
  return display(displayText(text));
}

/** Displays prose written in Markdown (a notebook's story of what its data compares). */
export function showMarkdown(markdown: string): Promise<void> {
  return display(displayMarkdown(markdown));
}

/** The warnings of the analyses, grouped with counts; the long lists folded. */
export function showWarnings(...analyses: Analysis[]): Promise<void> {
  return display(displayFolded(warningsText(analyses), warningsHtml(analyses)));
}

/**
 * Writes `<out>/figures/<notebook>/<id>.svg|png` (or the `formats` asked: the figure_formats parameter) for every
 * figure shown so far and
 * `<out>/tables/<notebook>.csv|json` with the full comparison table of the given analyses,
 * and displays a short listing.
 */
export async function exportNotebook(
  target: string | { out: string; formats?: FigureFormat[] },
  notebook: string,
  ...analyses: Analysis[]
): Promise<void> {
  const { out, formats = ["svg", "png"] } = typeof target === "string" ? { out: target } : target;
  for (const a of analyses) {
    const data = resolve(a.root), dest = resolve(out);
    if (dest === data || dest.startsWith(data + sep)) {
      throw new NotebookError(
        "Refused",
        `the out parameter ${out} is inside the data folder ${a.root}; exports would land among the inputs. ` +
          "Choose an out folder outside it.",
      );
    }
  }
  const figDir = join(out, "figures", notebook);
  const ids = new Set<string>();
  const written = new Set<string>();
  for (const fig of shown) {
    if (ids.has(fig.id)) continue; // shown twice: one file
    ids.add(fig.id);
    for (const path of Object.values(await exportFigure(figDir, fig, { formats }))) written.add(path);
  }
  // The export is this run's figures and table: what an earlier run (other data, other options) exported under the
  // notebook's name goes, or a reader would take it for this data's.
  await removeFiles(figDir, (name) => /\.(svg|png|pdf)$/.test(name) && !written.has(join(figDir, name)));
  const rows = comparisonTable(analyses.flatMap((a) => a.comparisons));
  const base = join(out, "tables", notebook);
  if (rows.length) {
    await writeAtomic(`${base}.csv`, toCsv(rows));
    await writeAtomic(`${base}.json`, JSON.stringify(rows, null, 1) + "\n");
  } else {await removeFiles(join(out, "tables"), (name) =>
      name === `${notebook}.csv` || name === `${notebook}.json`);}
  // No paths in the output: the executed notebook must not depend on where it was run.
  const kinds = formats.map((f) => f.toUpperCase()).join(" + ");
  const figures = ids.size === 0
    ? "No figure was shown, so none was exported"
    : `Exported ${ids.size} figure${ids.size === 1 ? "" : "s"} (${kinds}) to figures/${notebook}/`;
  const tables = rows.length
    ? `${ids.size ? " and" : "; wrote"} ${rows.length} result row${
      rows.length === 1 ? "" : "s"
    } to tables/${notebook}.csv|json`
    : "";
  await showText(`${figures}${tables}.`);
}
