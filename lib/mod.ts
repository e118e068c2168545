/**
 * Public API of virtio-bench notebooks: ingest → tidy rows → statistics → figures → export.
 * Notebooks import this module as `vb`.
 * @module
 */
export * from "./model.ts";
export * from "./ingest/mod.ts";
export * from "./stats/mod.ts";
export * from "./plot/mod.ts";
export * from "./export/mod.ts";
export { analyse, type AnalyseOptions, type Analysis, factorValues } from "./analysis/analyse.ts";
export { describeAnalysis } from "./analysis/describe.ts";
export { warningKinds, warningsHtml, warningsText } from "./analysis/warnings.ts";
export { AnalysisError } from "./analysis/errors.ts";
export { type Experiment, readExperiments } from "./analysis/experiment.ts";
export * from "./analysis/figures.ts";
export * from "./analysis/tables.ts";
export { notebookParams } from "./params.ts";
export { exportNotebook, show, showTable, showText, showWarnings } from "./notebook.ts";
