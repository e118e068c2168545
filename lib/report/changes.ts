/**
 * `report --store S --changes`: change points across the store's batches (lib/analysis/changes.ts) as
 * changes.csv, a section of report.md/html and the marked history figures. Kept apart from run.ts because it
 * loads the store (DuckDB's native addon): run.ts imports it only for --changes.
 * @module
 */
import {
  changeSentences,
  changesFigures,
  changesGate,
  changesMethod,
  changesTable,
  noChangeSentence,
  storeChanges,
} from "../analysis/changes.ts";
import type { AdjustMethod } from "../analysis/options.ts";
import type { Gate } from "../analysis/gate.ts";
import type { Figure } from "../present/report_figures.ts";
import type { ChangesSection } from "./render.ts";

export interface ChangesReport {
  /** Everything but the figures' files (run.ts writes those with the report's others). */
  section: Omit<ChangesSection, "figures">;
  figures: Figure[];
  csv: Record<string, string | number | null>[];
  gate: Gate;
  summary: string;
}

export async function changesReport(
  store: string,
  opts: {
    adjust?: AdjustMethod;
    minChange?: number;
    minSegment?: number;
    changeAlpha?: number;
    withFigures: boolean;
    /** The report's figure width and titles, as every other figure of it has them. */
    figureWidth?: number;
    noTitles?: boolean;
  },
): Promise<ChangesReport> {
  const c = await storeChanges(store, { ...opts, alpha: opts.changeAlpha });
  const table = changesTable(c);
  const figures = opts.withFigures
    ? changesFigures(c, { width: opts.figureWidth, noTitles: opts.noTitles })
    : [];
  const tested = c.result.families.reduce((n, f) => n + f.size, 0);
  return {
    section: { method: changesMethod(c), sentences: changeSentences(c), none: noChangeSentence(c), table },
    figures,
    csv: table,
    gate: changesGate(c),
    summary:
      `changes: ${table.length} change point${table.length === 1 ? "" : "s"} across ${c.batches.length} ` +
      `batches (${tested} family members tested)`,
  };
}

/** changes.csv's header, written even when no change point is reported. */
export const CHANGES_COLUMNS = [
  "workload",
  "metric",
  "stat",
  "batch_before",
  "batch_after",
  "ratio",
  "ratio_lo",
  "ratio_hi",
  "verdict",
  "n_before",
  "n_after",
];
