/**
 * Driver comparison: per-driver mean with its 95 % CI and every repetition as a point, one row of
 * panels per workload (and a column per guest OS when there are several), for one metric.
 * @module
 */
import * as Plot from "./plot.ts";
import type { Comparison } from "../stats/types.ts";
import { plotDocument } from "./dom.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { breakLabel, facetLabels, isNarrow, SCREEN_WIDTH } from "./size.ts";
import { frame, plotStyle, X_AXIS_BOTTOM } from "./frame.ts";
import { driverStats, runsText } from "./groups.ts";
import { colorScale, driverColors } from "./theme.ts";
import { axisLabel, metricLabel, unitFor } from "./units.ts";
import { emptyFigure } from "./empty.ts";
import { logAxis } from "./scales.ts";

export interface DriverComparisonOptions extends FigureOptions {
  metric: string;
  stat?: string;
  /** Keep only workloads whose name matches. */
  workloads?: RegExp;
  /** Caption line, e.g. the data source. */
  caption?: string;
}

export function driverComparison(comparisons: Comparison[], opts: DriverComparisonOptions): Figure {
  const stat = opts.stat ?? "mean";
  const stats = driverStats(comparisons).filter((s) =>
    s.metric === opts.metric && s.stat === stat && (!opts.workloads || opts.workloads.test(s.workload))
  );
  const by = comparisons[0]?.by ?? "driver";
  const title = opts.title ?? `${metricLabel(opts.metric, stat)} by ${by}`;
  const id = opts.id ?? slug(`drivers-${opts.metric}-${stat}-${opts.workloads?.source ?? "all"}`);
  if (stats.length === 0) return emptyFigure(id, title, `no ${opts.metric} ${stat} results to show`, opts);
  const width = opts.width ?? SCREEN_WIDTH;
  // A print column: facet names broken at their dashes, in a narrower right margin.
  const narrow = isNarrow(width);
  let top = 0, bottom = Infinity;
  for (const st of stats) {
    top = Math.max(top, st.summary.max);
    if (st.summary.min > 0) bottom = Math.min(bottom, st.summary.min);
  }
  const unit = unitFor(opts.units, opts.metric, stats[0].unit, top);
  // Workloads whose values span decades (latency at queue depth 1 vs 32) share one axis only on a log scale.
  const log = bottom > 0 && top / bottom >= 20;
  const floor = log ? (bottom * unit.factor) / 1.6 : 0;
  const colors = driverColors(stats.map((s) => s.driver), opts.universe);
  const points = stats.flatMap((s) => s.summary.values.map((v) => ({ ...s, value: v * unit.factor })));
  const means = stats.map((s) => ({
    ...s,
    mean: s.summary.mean * unit.factor,
    // Rates and latencies cannot be negative: a t-interval from few runs can reach below 0 (or, on a
    // log scale, below the smallest run), so clamp it to the axis.
    lo: Math.max(floor, (s.summary.meanCI.lo ?? s.summary.mean) * unit.factor),
    hi: (s.summary.meanCI.hi ?? s.summary.mean) * unit.factor,
  }));
  const xLabel = `${axisLabel(opts.metric, stat, unit.label, log)} — ${stats[0].better} is better`;
  const oses = new Set(stats.map((s) => s.os));
  const workloads = [...new Set(stats.map((s) => s.workload))].sort();
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 50 + workloads.length * (colors.size * 17 + 14),
    marginLeft: 90,
    marginRight: narrow ? 80 : 150,
    marginBottom: X_AXIS_BOTTOM.marginBottom,
    style: plotStyle(opts.theme),
    // Inset: the largest and smallest runs sit inside the facet frames, not on their edges.
    x: log ? { type: "log", inset: 8 } : {
      inset: 8,
      label: xLabel,
      labelOffset: X_AXIS_BOTTOM.labelOffset,
      grid: true,
      zero: opts.metric !== "lat" && opts.metric !== "clat",
    },
    y: { label: null, domain: [...colors.keys()] },
    fy: {
      label: null,
      domain: workloads,
      tickFormat: narrow ? (w: string) => breakLabel(w, 10) : facetLabels(workloads, 150 - 10),
    },
    fx: oses.size > 1 ? { label: null } : undefined,
    color: colorScale(colors),
    marks: [
      ...(log
        ? logAxis("x", floor, top * unit.factor * 1.05, {
          label: xLabel,
          labelOffset: X_AXIS_BOTTOM.labelOffset,
        }, width - 90 - (narrow ? 80 : 150))
        : []),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.15 }),
      Plot.ruleY(means, {
        y: "driver",
        x1: "lo",
        x2: "hi",
        fy: "workload",
        fx: oses.size > 1 ? "os" : undefined,
        stroke: "driver",
        strokeWidth: 2,
      }),
      Plot.tickX(means, {
        y: "driver",
        x: "mean",
        fy: "workload",
        fx: oses.size > 1 ? "os" : undefined,
        stroke: "driver",
        strokeWidth: 2.5,
      }),
      Plot.dot(points, {
        y: "driver",
        x: "value",
        fy: "workload",
        fx: oses.size > 1 ? "os" : undefined,
        stroke: "driver",
        r: 2.5,
        strokeOpacity: 0.8,
      }),
    ],
  }) as unknown as Element;
  return frame({
    id,
    title,
    subtitle: `Mean (tick) with 95 % t-interval (bar) and every run (circles) · ${runsText(stats, by)}`,
    caption: opts.caption,
    legend: colors,
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}
