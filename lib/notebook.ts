/**
 * What the notebooks call: `show` displays a figure, table or text in Jupyter and remembers the
 * figures, so the export cell can write every figure the notebook showed (SVG + PNG) and the
 * analyses' result tables (CSV + JSON) without listing them again.
 *
 * Every call displays explicitly and must be awaited (`await vb.show(…)`): see lib/export/display.ts
 * for why a cell never ends in a value to display.
 * @module
 */
import { join } from "node:path";
import type { Analysis } from "./analysis/analyse.ts";
import { warningsHtml, warningsText } from "./analysis/warnings.ts";
import { display, displayFigure, displayFolded, displayTable, displayText } from "./export/display.ts";
import { type Record_, toCsv } from "./export/table.ts";
import { exportFigure, writeAtomic } from "./export/write.ts";
import type { Figure } from "./plot/figure.ts";
import { comparisonTable } from "./stats/table.ts";

const shown: Figure[] = [];

/** Displays a figure (and remembers it for export). */
export function show(fig: Figure): Promise<void> {
  shown.push(fig);
  return display(displayFigure(fig));
}

export function showTable(rows: Record_[]): Promise<void> {
  return display(displayTable(rows));
}

export function showText(text: string): Promise<void> {
  return display(displayText(text));
}

/** The warnings of the analyses, grouped with counts; the long lists folded. */
export function showWarnings(...analyses: Analysis[]): Promise<void> {
  return display(displayFolded(warningsText(analyses), warningsHtml(analyses)));
}

/**
 * Writes `<out>/figures/<notebook>/<id>.svg|png` for every figure shown so far and
 * `<out>/tables/<notebook>.csv|json` with the full comparison table of the given analyses,
 * and displays a short listing.
 */
export async function exportNotebook(out: string, notebook: string, ...analyses: Analysis[]): Promise<void> {
  const figDir = join(out, "figures", notebook);
  const ids = new Set<string>();
  for (const fig of shown) {
    if (ids.has(fig.id)) continue; // shown twice: one file
    ids.add(fig.id);
    await exportFigure(figDir, fig);
  }
  const rows = comparisonTable(analyses.flatMap((a) => a.comparisons));
  if (rows.length) {
    const base = join(out, "tables", notebook);
    await writeAtomic(`${base}.csv`, toCsv(rows));
    await writeAtomic(`${base}.json`, JSON.stringify(rows, null, 1) + "\n");
  }
  // No paths in the output: the executed notebook must not depend on where it was run.
  await showText(
    `Exported ${ids.size} figures (SVG + PNG) to figures/${notebook}/ and ${rows.length} result rows to tables/${notebook}.csv|json.`,
  );
}
