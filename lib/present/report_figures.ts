/** The figures a report shows for one analysis, chosen by what the data holds. @module */
import type { Analysis } from "../analysis/analyse.ts";
import {
  costBarsFigure,
  costScatterFigure,
  driverComparisonFigure,
  forestFigure,
  heatmapFigure,
  latencyCdfFigure,
  latencyLadderFigure,
  networkFigure,
  roundTripCdfFigure,
  sweepFactors,
  sweepFigure,
  timeseriesFigure,
  workloadsWith,
} from "./figures.ts";
import type { Figure, FigureOptions } from "../plot/figure.ts";
import { blockSizeAndDepth } from "../plot/heatmap.ts";
import { THEMES } from "../plot/theme.ts";

export type { Figure };

/** The background of a report's PNGs: the light theme's. */
export const PNG_BACKGROUND = THEMES.light.background;

/** What every figure of a report shares: width and titles (print sizes, lib/plot/size.ts) and theme. */
type Shared = Pick<FigureOptions, "width" | "noTitles" | "theme">;

/** `o`: the figures' width and titles, the same for every figure. */
export function reportFigures(a: Analysis, o: Shared = {}): Figure[] {
  return [...eachReportFigure(a, o)];
}

/**
 * The same figures one at a time: a figure's drawing (a DOM of up to a few hundred thousand nodes at 20× the
 * shipped data) can be serialised and dropped before the next is drawn.
 */
export function* eachReportFigure(a: Analysis, o: Shared = {}): Generator<Figure> {
  for (const make of figureMakers(a, o)) {
    const fig = make();
    if (!fig.empty) yield fig;
  }
}

/** What reportFigures draws, in order, each as a function that draws it. */
function figureMakers(a: Analysis, o: Shared): (() => Figure)[] {
  if (a.comparisons.length === 0) return [];
  const metrics = new Set(a.comparisons.map((c) => c.metric));
  const figs: (() => Figure)[] = [() => forestFigure(a, o)];
  const tools = new Set(a.rows.map((r) => r.tool));
  if (tools.has("fio")) {
    for (const metric of ["iops", "bw", "lat"]) {
      if (metrics.has(metric)) figs.push(() => driverComparisonFigure(a, { ...o, metric }));
    }
    if (a.rows.some((r) => r.metric === "clat" && r.stat === "p99")) {
      figs.push(() => latencyLadderFigure(a, o));
    }
    if (a.dataset.histograms.length) figs.push(() => latencyCdfFigure(a, o));
    if (a.dataset.series.some((s) => s.metric === "bw")) {
      figs.push(() => timeseriesFigure(a, { ...o, metric: "bw" }));
    }
    if (a.comparisons.some((c) => blockSizeAndDepth(c.factors))) figs.push(() => heatmapFigure(a, o));
  }
  for (const x of sweepFactors(a)) figs.push(() => sweepFigure(a, { ...o, x }));
  if (tools.has("iperf3") || tools.has("iperf2")) {
    figs.push(() => networkFigure(a, o));
    if (a.dataset.series.some((s) => s.metric === "throughput")) {
      figs.push(() => timeseriesFigure(a, { ...o, metric: "throughput" }));
    }
  }
  return [...figs, ...costFigures(a, o)];
}

/** Host CPU cost and round trips, when the data holds host CPU records or sockperf full logs. */
function costFigures(a: Analysis, o: Shared): (() => Figure)[] {
  const figs: (() => Figure)[] = [];
  if (a.rows.some((r) => r.tool === "host")) {
    for (const metric of ["host_cpu_per_gib", "host_cpu_per_gbit"]) {
      for (const workload of workloadsWith(a, metric)) {
        figs.push(() => costScatterFigure(a, { ...o, metric, workload }));
      }
    }
    for (
      const metric of ["host_cpu_per_gib", "ios_per_host_cpu_s", "host_cpu_per_gbit", "host_cpu_per_rtt"]
    ) {
      if (workloadsWith(a, metric).length) figs.push(() => costBarsFigure(a, { ...o, metric }));
    }
  }
  for (
    const workload of new Set(
      a.dataset.histograms.filter((h) => h.metric === "rtt").map((h) => h.factors.workload),
    )
  ) {
    figs.push(() => roundTripCdfFigure(a, { ...o, workload }));
  }
  return figs;
}
