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
export { type AnalyseOptions, type Analysis, factorValues } from "./analysis/analyse.ts";
export { analyse, analyseRequest, type AnalysisRequest, type Side, withFactor } from "./analysis/request.ts";
export { comparisonStory, describeAnalysis, hostCostText, isVirtioComparison } from "./present/describe.ts";
export { type WarningGroup, warningGroups, warningsHtml, warningsText } from "./present/warnings.ts";
export {
  COST_METRICS,
  type EfficiencyResult,
  efficiencyRows,
  ROUND_TRIP_METRICS,
  runKey,
} from "./analysis/efficiency.ts";
export { AnalysisError } from "./analysis/errors.ts";
export { type Experiment, readExperiments } from "./analysis/experiment.ts";
export * from "./present/figures.ts";
export * from "./present/tables.ts";
export { analysisOptions, figureOptions, notebookParams, ParamError, REPORT_PARAMS } from "./params.ts";
export { chooseBy } from "./analysis/compared.ts";
export { oneFormat } from "./analysis/formats.ts";
export { applyPairing, identifyUnits, type Pairing, pairUnits, type Unit } from "./analysis/identity.ts";
export { exportNotebook, guard, show, showTable, showText, showWarnings } from "./notebook.ts";
export { headlineSentences } from "./present/headline.ts";
export * from "./store/mod.ts";
export {
  addToStore,
  analyseAgainst,
  analyseBatch,
  batchPair,
  conditionsChanged,
  describeStore,
  type VerdictChange,
  verdictChanges,
  verdictChangeTable,
} from "./analysis/store.ts";
export { type History, historyFigure, type HistoryOptions, storeHistory } from "./analysis/history.ts";
export {
  type Changes,
  changeSentences,
  changesFigures,
  changesGate,
  type ChangesOptions,
  changesTable,
  storeChanges,
} from "./analysis/changes.ts";
