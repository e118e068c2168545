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
} from "../present/figures.ts";
import type { Figure } from "../plot/figure.ts";
import { blockSizeAndDepth } from "../plot/heatmap.ts";

export function reportFigures(a: Analysis): Figure[] {
  return [...eachReportFigure(a)];
}

/**
 * The same figures one at a time: a figure's drawing (a DOM of up to a few hundred thousand nodes at 20× the
 * shipped data) can be serialised and dropped before the next is drawn.
 */
export function* eachReportFigure(a: Analysis): Generator<Figure> {
  for (const make of figureMakers(a)) {
    const fig = make();
    if (!fig.empty) yield fig;
  }
}

/** What reportFigures draws, in order, each as a function that draws it. */
function figureMakers(a: Analysis): (() => Figure)[] {
  if (a.comparisons.length === 0) return [];
  const metrics = new Set(a.comparisons.map((c) => c.metric));
  const figs: (() => Figure)[] = [() => forestFigure(a)];
  const tools = new Set(a.rows.map((r) => r.tool));
  if (tools.has("fio")) {
    for (const metric of ["iops", "bw", "lat"]) {
      if (metrics.has(metric)) figs.push(() => driverComparisonFigure(a, { metric }));
    }
    if (a.rows.some((r) => r.metric === "clat" && r.stat === "p99")) figs.push(() => latencyLadderFigure(a));
    if (a.dataset.histograms.length) figs.push(() => latencyCdfFigure(a));
    if (a.dataset.series.some((s) => s.metric === "bw")) {
      figs.push(() => timeseriesFigure(a, { metric: "bw" }));
    }
    if (a.comparisons.some((c) => blockSizeAndDepth(c.factors))) figs.push(() => heatmapFigure(a));
  }
  for (const x of sweepFactors(a)) figs.push(() => sweepFigure(a, { x }));
  if (tools.has("iperf3") || tools.has("iperf2")) {
    figs.push(() => networkFigure(a));
    if (a.dataset.series.some((s) => s.metric === "throughput")) {
      figs.push(() => timeseriesFigure(a, { metric: "throughput" }));
    }
  }
  return [...figs, ...costFigures(a)];
}

/** Host CPU cost and round trips, when the data holds host CPU records or sockperf full logs. */
function costFigures(a: Analysis): (() => Figure)[] {
  const figs: (() => Figure)[] = [];
  if (a.rows.some((r) => r.tool === "host")) {
    for (const metric of ["host_cpu_per_gib", "host_cpu_per_gbit"]) {
      for (const workload of workloadsWith(a, metric)) {
        figs.push(() => costScatterFigure(a, { metric, workload }));
      }
    }
    for (
      const metric of ["host_cpu_per_gib", "ios_per_host_cpu_s", "host_cpu_per_gbit", "host_cpu_per_rtt"]
    ) {
      if (workloadsWith(a, metric).length) figs.push(() => costBarsFigure(a, { metric }));
    }
  }
  for (
    const workload of new Set(
      a.dataset.histograms.filter((h) => h.metric === "rtt").map((h) => h.factors.workload),
    )
  ) {
    figs.push(() => roundTripCdfFigure(a, { workload }));
  }
  return figs;
}
