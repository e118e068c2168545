/**
 * The public API of virtio-bench notebooks: what the notebooks (`import * as vb from "../lib/mod.ts"`) and users
 * call. The layers under it (lib/ingest, lib/stats, lib/plot, lib/export, lib/store) are internals: import them by
 * path when you work on them. Options → request → analysis → presentation:
 *
 * ```ts
 * import * as vb from "../lib/mod.ts";
 * import { analysisOptions, notebookParams } from "../lib/params.ts";
 * const p = notebookParams({ data: "../data", out: "../out" });
 * const disk = await vb.analyse(p.data, { tool: "fio", ...analysisOptions(p) });
 * await vb.showText(vb.headlineSentences(disk).join("\n"));
 * await vb.show(vb.forestFigure(disk));
 * ```
 *
 * Importing this module loads no store: the results store (DuckDB's native addon) loads on the first call of a
 * store function (`storeHistory`, `verdictChanges`, …), so a notebook that never touches a store needs no
 * permission for it.
 * @module
 */
import type * as StoreApi from "./analysis/store.ts";

// ---------------------------------------------------------------- the request and its analysis

/**
 * One data folder analysed: load, tell the compared factor, pair runs, compare.
 * @example
 * const disk = await vb.analyse("../data", { tool: "fio", by: "driver", baseline: "ide" });
 */
export { analyse } from "./analysis/request.ts";

/**
 * Any request — one folder, two (before/after), a folder against a stored batch — one analysis per tool family.
 * @example
 * const [disk] = await vb.analyseRequest({ sides: [{ folder: "before" }, { folder: "after" }], tool: "fio" });
 */
export { analyseRequest } from "./analysis/request.ts";

/**
 * The distinct values of a factor in an analysis' rows, sorted as numbers or sizes where they are.
 * @example
 * vb.factorValues(disk.rows, "driver"); // ["ahci", "ide", "virtio-blk", "virtio-scsi"]
 */
export { factorValues } from "./analysis/analyse.ts";

/**
 * What an analysis or a request cannot do with the data, as one sentence (a notebook shows just that).
 * @example
 * try { await vb.analyse("../data", { by: "nosuch" }); } catch (e) { if (e instanceof vb.AnalysisError) … }
 */
export { AnalysisError } from "./analysis/errors.ts";

/**
 * The option table: every report flag and notebook parameter, declared once.
 * @example
 * vb.OPTIONS.map((o) => o.param).filter(Boolean); // ["by", "baseline", "candidate", "layout", "adjust", "min_change"]
 */
export { OPTIONS } from "./analysis/options.ts";

/**
 * Notebook parameters (`--param key=value` of `./vb execute`) and the analysis options they ask for.
 * @example
 * const p = vb.notebookParams({ data: "../data", out: "../out" });
 * const opts = vb.analysisOptions(p); // { adjust: "holm", minChange: 0 } unless parameters say otherwise
 */
export { analysisOptions, figureOptions, notebookParams, ParamError, REPORT_PARAMS } from "./params.ts";

/**
 * Metric groups beyond the article's headline metrics: host-cost efficiencies and sockperf round trips.
 * @example
 * await vb.analyse("../data", { metrics: [...vb.COST_METRICS, ...vb.ROUND_TRIP_METRICS] });
 */
export { COST_METRICS, ROUND_TRIP_METRICS } from "./analysis/efficiency.ts";

/**
 * The tool families the report analyses apart, and the network tools.
 * @example
 * const net = await vb.analyse("../data", { tool: vb.NETWORK_TOOLS });
 */
export { NETWORK_TOOLS, TOOL_FAMILIES } from "./model.ts";

/**
 * The multiplicity adjustments a request may ask for.
 * @example
 * vb.ADJUST_METHODS; // ["holm", "bh", "none"]
 */
export { ADJUST_METHODS } from "./stats/verdict.ts";

/**
 * The types a notebook or user meets: an analysis and its request, its comparisons and warnings, rows, figures.
 * @example
 * const a: vb.Analysis = await vb.analyse("../data");
 * const worse: vb.Comparison[] = a.comparisons.filter((c) => c.verdict === "worse");
 * // An analysis keeps its records in columns (a RecordList): read them as an array does, or take an array.
 * const p99: vb.Measurement[] = a.rows.filter((r) => r.metric === "clat" && r.stat === "p99");
 * const all: vb.Measurement[] = a.rows.toArray();
 */
export type { AnalyseOptions, Analysis } from "./analysis/analyse.ts";
export type { RecordList } from "./record_list.ts";
export type { AnalysisRequest, Side } from "./analysis/request.ts";
export type { AnalysisOptionValues, OptionSpec } from "./analysis/options.ts";
export type { Dataset, Measurement, Rows, Warning, WarningKind } from "./model.ts";
export type { AdjustMethod, Comparison, Verdict } from "./stats/types.ts";
export type { Figure, FigureOptions } from "./plot/figure.ts";
export type { Record_ } from "./export/table.ts";

// ---------------------------------------------------------------- presentation

/**
 * The article's figures for an analysis (the report draws the same ones, with the same ids).
 * @example
 * await vb.show(vb.forestFigure(disk));
 * await vb.show(vb.driverComparisonFigure(disk, { metric: "iops" }));
 */
export {
  costBarsFigure,
  costScatterFigure,
  driverComparisonFigure,
  forestFigure,
  heatmapFigure,
  latencyCdfFigure,
  latencyLadderFigure,
  networkFigure,
  roundTripCdfFigure,
  sweepFigure,
  timeseriesFigure,
} from "./present/figures.ts";

/**
 * Tables for reading: compact comparisons, verdicts, geometric means, noise, planning, tool agreement.
 * @example
 * await vb.showTable(vb.compactTable(disk.comparisons.filter(vb.headline)));
 * await vb.showText(vb.comparisonsNote(disk.comparisons));
 */
export {
  compactTable,
  comparisonsNote,
  geoMeanTable,
  headline,
  noiseTable,
  planNote,
  planTable,
  toolAgreementTable,
  verdictChangeTable,
  verdictTable,
} from "./present/tables.ts";

/**
 * The answer first: one sentence per candidate from the headline verdicts.
 * @example
 * vb.headlineSentences(disk); // ["virtio-blk vs ide: better on 4 of 6 workloads (1.4×–2.4× IOPS), …"]
 */
export { headlineSentences } from "./present/headline.ts";

/**
 * What an analysis loaded and compares, and what the host-cost notebook has to work with, in words. `storyOf`
 * tells the article's VirtIO story only when the data compares a VirtIO device with another
 * (`isVirtioComparison`), otherwise the plain story naming the compared factor (`comparisonStory`).
 * @example
 * await vb.showText(vb.describeAnalysis(disk));
 * await vb.showMarkdown(vb.storyOf("disk", disk)); // "**What is compared.** Runs that differ in direct: …" on buffered vs direct runs
 */
export {
  comparisonStory,
  describeAnalysis,
  hostCostText,
  isVirtioComparison,
  type StoryKind,
  storyOf,
} from "./present/describe.ts";

/**
 * The warnings, grouped by kind with counts, as text or folded HTML.
 * @example
 * console.log(vb.warningsText([disk, net], 10));
 */
export { type WarningGroup, warningGroups, warningsHtml, warningsText } from "./present/warnings.ts";

/**
 * The comparison engine on tidy rows of your own: group by everything but `by`, compare each candidate with
 * the baseline (ratio with its Fieller interval, tests, verdict per family). `analyse` calls it.
 * @example
 * const { comparisons } = vb.compare(rows, { by: "driver", baseline: "ide", metrics: vb.PRIMARY_METRICS });
 */
export { compare, PRIMARY_METRICS } from "./stats/compare.ts";

/**
 * Every comparison as one tidy row (results.csv / results.json of the report).
 * @example
 * await Deno.writeTextFile("results.csv", vb.toCsv(vb.comparisonTable(disk.comparisons)));
 */
export { comparisonTable } from "./stats/table.ts";

/**
 * Writers: a figure as SVG, PNG, PDF or files; a table as CSV, Markdown, HTML or LaTeX; a file written atomically.
 * @example
 * await vb.exportFigure(vb.forestFigure(disk), "../out/figures");
 */
export { figureToSvg } from "./export/svg.ts";
export { svgToPng } from "./export/png.ts";
export { svgToPdf } from "./export/pdf.ts";
export { exportFigure, figureFiles, writeAtomic } from "./export/write.ts";
export { toCsv, toHtmlTable, toMarkdown } from "./export/table.ts";
export { toLatex } from "./export/latex.ts";

/**
 * Notebook display: figures, tables, text and folded warnings, a guard that turns a failed step into one
 * sentence, and the export of everything shown.
 * @example
 * const disk = await vb.guard(vb.analyse(p.data, { tool: "fio" }));
 * await vb.show(vb.forestFigure(disk));
 * await vb.exportNotebook(p.out, "01-disk", disk);
 */
export { exportNotebook, guard, show, showMarkdown, showTable, showText, showWarnings } from "./notebook.ts";

/**
 * Change points across a store's batches (one mean per batch, each change judged like a before/after pair), as
 * sentences, a table, the `--check --changes` gate and history figures marked with them.
 * @example
 * const moved = await vb.storeChanges("../store");
 * await vb.showText(vb.changeSentences(moved).join("\n") || vb.noChangeSentence(moved));
 * for (const fig of vb.changesFigures(moved)) await vb.show(fig);
 */
export {
  changeSentences,
  changesFigures,
  changesGate,
  changesTable,
  noChangeSentence,
  storeChanges,
} from "./analysis/changes.ts";
export type { Changes, ChangesOptions } from "./analysis/changes.ts";

// ---------------------------------------------------------------- reading raw files

/**
 * Tidy rows straight from raw files, for work beyond the analysis (every number traced to its file and place).
 * @example
 * const ds = await vb.loadDir("../data", { onError: "collect" });
 */
export { loadDir, loadFile } from "./ingest/load.ts";
export { IngestError } from "./ingest/errors.ts";

// ---------------------------------------------------------------- the results store (DuckDB loads on first use)

/**
 * The history of one metric across a store's batches, and its figure.
 * @example
 * const h = await vb.storeHistory("../store", { metric: "iops", stat: "mean", tool: "fio" });
 * await vb.show(vb.historyFigure(h, { title: "Disk IOPS across batches" }));
 */
export { type History, historyFigure, type HistoryOptions, storeHistory } from "./analysis/history.ts";

/** The store's analyses, loaded (with DuckDB) on the first call. */
const store = () => import("./analysis/store.ts");

/**
 * Appends a data folder to a results store (files already in the batch are skipped).
 * @example
 * const r = await vb.addToStore("../data", "../store", { batch: "2026-12-01" });
 */
export async function addToStore(...args: Parameters<typeof StoreApi.addToStore>) {
  return await (await store()).addToStore(...args);
}

/**
 * One stored batch analysed like its folder, one analysis per tool family.
 * @example
 * const [disk] = await vb.analyseBatch("../store", "2026-11-25", { tool: "fio" });
 */
export async function analyseBatch(...args: Parameters<typeof StoreApi.analyseBatch>) {
  return await (await store()).analyseBatch(...args);
}

/**
 * A folder against a stored batch, like before/after: the batch is the baseline.
 * @example
 * const analyses = await vb.analyseAgainst("../new-runs", "../store", "2026-11-25");
 */
export async function analyseAgainst(...args: Parameters<typeof StoreApi.analyseAgainst>) {
  return await (await store()).analyseAgainst(...args);
}

/**
 * The two batches a "what changed" view compares: the given names, else the last two.
 * @example
 * const pair = await vb.batchPair("../store"); // { before: "2026-11-25", after: "2026-12-01" }
 */
export async function batchPair(...args: Parameters<typeof StoreApi.batchPair>) {
  return await (await store()).batchPair(...args);
}

/**
 * What differed between two batches' collections, from their PROVENANCE.md.
 * @example
 * await vb.showText((await vb.conditionsChanged("../store", pair.before, pair.after)).join("\n"));
 */
export async function conditionsChanged(...args: Parameters<typeof StoreApi.conditionsChanged>) {
  return await (await store()).conditionsChanged(...args);
}

/**
 * The store's batches in words, and which two are compared.
 * @example
 * await vb.showText(await vb.describeStore("../store", pair));
 */
export async function describeStore(...args: Parameters<typeof StoreApi.describeStore>) {
  return await (await store()).describeStore(...args);
}

/**
 * Every comparison whose verdict changed between two batches.
 * @example
 * await vb.showTable(vb.verdictChangeTable(await vb.verdictChanges("../store", pair.before, pair.after)));
 */
export async function verdictChanges(...args: Parameters<typeof StoreApi.verdictChanges>) {
  return await (await store()).verdictChanges(...args);
}

/**
 * A comparison whose verdict differs between two batches.
 * @example
 * const changes: vb.VerdictChange[] = await vb.verdictChanges("../store", "a", "b");
 */
export type { VerdictChange } from "./analysis/store.ts";
