/** Figures: one function per figure, data in → standalone SVG figure out. @module */
export type { Figure, FigureOptions, ThemeName } from "./figure.ts";
export { slug } from "./figure.ts";
export { driverComparison } from "./driver_comparison.ts";
export type { DriverComparisonOptions } from "./driver_comparison.ts";
export { forest } from "./forest.ts";
export type { ForestOptions } from "./forest.ts";
export { latencyLadder } from "./latency_ladder.ts";
export { latencyCdf } from "./latency_cdf.ts";
export { timeseries } from "./timeseries.ts";
export { decimate } from "./decimate.ts";
export type { Envelope } from "./decimate.ts";
export { network } from "./network.ts";
export { history } from "./history.ts";
export type { HistoryFigureOptions, HistoryLine, HistoryPoint, HistoryStep } from "./history.ts";
export { blockSizeAndDepth, heatmap } from "./heatmap.ts";
export { colorScale, driverColors, FONT_STACK, OKABE_ITO, THEMES } from "./theme.ts";
export { displayUnit, metricLabel } from "./units.ts";
