/**
 * The marks of a per-group bar chart with one panel per facet: the mean as a pale bar, its 95 %
 * interval as a rule, and every run as a circle — shared by the network and cost figures.
 * @module
 */
import * as Plot from "./plot.ts";

export interface MeanBar {
  mean: number;
  lo: number;
  hi: number;
}

/** `y` names the group channel (also the colour), `fy` the facet channel; points carry `value`. */
export function meanBarMarks<S extends MeanBar, P extends { value: number }>(
  stats: S[],
  points: P[],
  y: string,
  fy?: string,
): Plot.Markish[] {
  return [
    Plot.barX(stats, { y, x: "mean", fy, fill: y, fillOpacity: 0.35 }),
    Plot.ruleY(stats, { y, x1: "lo", x2: "hi", fy, stroke: "currentColor", strokeWidth: 1.5 }),
    Plot.dot(points, { y, x: "value", fy, stroke: y, r: 2.5 }),
  ];
}
