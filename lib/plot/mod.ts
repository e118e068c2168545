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
export { blockSizeAndDepth, heatmap } from "./heatmap.ts";
export { colorScale, contrast, driverColors, FONT_STACK, PALETTE, THEMES } from "./theme.ts";
export { displayUnit, formatIn, metricLabel, planUnits, quantityOf, unitFor, unitOf } from "./units.ts";
export type { DisplayUnit, Quantity, UnitPlan } from "./units.ts";
