/**
 * The article's figures for an {@link Analysis}: the notebooks and the report call these, so both
 * show the same figures with the same ids. Each picks its data from the analysis and delegates to
 * one pure function of lib/plot.
 * @module
 */
import { basename, relative, resolve } from "node:path";
import type { Figure, FigureOptions } from "../plot/figure.ts";
import { slug } from "../plot/figure.ts";
import { costBars } from "../plot/cost_bars.ts";
import { costScatter } from "../plot/cost_scatter.ts";
import { driverComparison } from "../plot/driver_comparison.ts";
import { forest } from "../plot/forest.ts";
import { blockSizeAndDepth, heatmap } from "../plot/heatmap.ts";
import { emptyFigure } from "../plot/empty.ts";
import { latencyCdf } from "../plot/latency_cdf.ts";
import { latencyLadder } from "../plot/latency_ladder.ts";
import { network } from "../plot/network.ts";
import { timeseries, timeseriesRuns } from "../plot/timeseries.ts";
import { sweep, sweepable } from "../plot/sweep.ts";
import { factorNumber, type Series, type Unit } from "../model.ts";
import { chain } from "../arrays.ts";
import { planUnits, type UnitPlan } from "../plot/units.ts";
import type { Analysis } from "../analysis/analyse.ts";
import type { Comparison } from "../stats/types.ts";
import { costPoints } from "../analysis/efficiency.ts";
import { headline } from "./tables.ts";
import { mainFormat, oneFormat } from "../analysis/formats.ts";

/**
 * What figures show: one output format per workload. A workload also saved in another fio format (terse beside
 * json) is the same job run again; its comparisons stay in the tables, not in the figures (lib/analysis/formats.ts).
 */
export function figureView(a: Analysis): Analysis {
  return memo(views, a, () => computeView(a));
}

// One analysis gives many figures (one per workload at the least): what they all derive from the whole
// analysis is computed once per analysis, not once per figure, which made figures quadratic in the runs.
const views = new WeakMap<Analysis, Analysis>();
const shares = new WeakMap<Analysis, { universe: string[]; units: UnitPlan }>();
const costs = new WeakMap<Analysis, Map<string, ReturnType<typeof costPoints>>>();
function memo<V>(cache: WeakMap<Analysis, V>, a: Analysis, make: () => V): V {
  if (!cache.has(a)) cache.set(a, make());
  return cache.get(a)!;
}

function computeView(a: Analysis): Analysis {
  if (mainFormat(a.rows) === undefined) return a;
  const rows = oneFormat(a.rows);
  return {
    ...a,
    rows,
    comparisons: oneFormat(a.comparisons),
    dataset: {
      ...a.dataset,
      // An analysis' rows are its dataset's: one filtered array, not two (1.7 million pointers at 100× the data).
      rows: a.dataset.rows === a.rows ? rows : oneFormat(a.dataset.rows),
      // Read when drawn, not kept: the report keeps only the series and histograms it draws once its plan (which
      // makes this view) is made, and a copy here would keep the others alive (report_figures.ts drawnHistograms, drawnSeries).
      get series() {
        return oneFormat(a.dataset.series);
      },
      get histograms() {
        return oneFormat(a.dataset.histograms);
      },
    },
  };
}

/** "Data: ../data · fio, baseline ide" (several analyses: each family with its baseline, the data named once). */
const caption = (a: Analysis | Analysis[]) => {
  const all = Array.isArray(a) ? a : [a];
  const names = [...new Set(all.map((x) => dataName(x)))].join(", ");
  return `Data: ${names} · ${all.map((x) => `${x.label}, baseline ${x.baseline ?? "none"}`).join("; ")}`;
};
/** The start of every figure id of an analysis: "disk", "net", or the family's label. */
export const prefix = (a: Analysis) =>
  slug(a.label.replace(/^iperf3 \+ iperf2( \+ sockperf)?$/, "net").replace(/^fio$/, "disk"));

/**
 * How a caption names the data: experiment.json's `title`, else the folder relative to where the
 * command runs ("../data", "my-runs"), or just its name when that would climb out of sight — never
 * a machine's absolute path. Before/after roots ("a vs b") are named side by side.
 */
export function dataName(a: Pick<Analysis, "root" | "title">, cwd = Deno.cwd()): string {
  if (a.title) return a.title;
  return a.root.split(" vs ").map((root) => {
    const rel = relative(cwd, resolve(cwd, root)) || ".";
    return rel.split(/[\\/]/).filter((p) => p === "..").length <= 1 ? rel : basename(resolve(cwd, root));
  }).join(" vs ");
}

/**
 * What every figure of an analysis (or of several, shown together) shares: the colour universe and
 * one display unit per quantity, so a notebook or report never shows one quantity in two units.
 */
export function shared(a: Analysis | Analysis[]): { universe: string[]; units: UnitPlan } {
  // One analysis given as a list of one (a forest page) is that analysis: made once, not once per page (at 20× the
  // shipped data each of the ~40 forest pages planned the units over all 340 000 records again).
  if (Array.isArray(a) && a.length === 1) a = a[0];
  return Array.isArray(a) ? computeShared(a) : memo(shares, a, () => computeShared(a));
}

function computeShared(a: Analysis | Analysis[]): { universe: string[]; units: UnitPlan } {
  const all = Array.isArray(a) ? a : [a];
  return {
    universe: [...new Set(all.flatMap((x) => x.names))].sort(),
    // One analysis' records as they are: a copy of them all was 1.7 million pointers at 100× the shipped data.
    units: planUnits(all.length === 1 ? all[0].rows : chain(all.map((x) => x.rows))),
  };
}

export function driverComparisonFigure(
  a: Analysis,
  opts: FigureOptions & { metric: string; stat?: string; workloads?: RegExp },
): Figure {
  a = figureView(a);
  const id = slug(`${prefix(a)}-${opts.metric}-${opts.stat ?? "mean"}-${opts.workloads?.source ?? "all"}`);
  return driverComparison(a.comparisons, { id, caption: caption(a), ...shared(a), ...opts });
}

/**
 * One forest for one analysis, or for several together (the summary). By default only the headline
 * comparisons (IOPS for small blocks, bandwidth for large, delivered throughput for network): one row
 * per workload and candidate stays readable; `all: true` draws every metric. `filter` keeps only the rows it
 * accepts, e.g. `(c) => c.factors.host === "a"`.
 */
export function forestFigure(
  a: Analysis | Analysis[],
  opts: FigureOptions & { all?: boolean; filter?: (c: Comparison) => boolean } = {},
): Figure {
  a = Array.isArray(a) ? a.map(figureView) : figureView(a);
  const all = Array.isArray(a) ? a : [a];
  const id = slug(`${all.map(prefix).join("-")}-forest${opts.all ? "-all" : ""}`);
  const picked = all.flatMap((x) => x.comparisons).filter((c) =>
    (opts.all || headline(c)) && (!opts.filter || opts.filter(c))
  );
  return forest(picked, {
    id,
    title: opts.title ?? `Overhead ratios: ${all.map((x) => x.label).join(", ")}`,
    caption: caption(all),
    ...shared(all),
    ...opts,
  });
}

export function networkFigure(a: Analysis, opts: FigureOptions = {}): Figure {
  a = figureView(a);
  return network(a.rows, {
    id: slug(`${prefix(a)}-throughput`),
    by: a.by ?? "nic",
    caption: caption(a),
    ...shared(a),
    ...opts,
  });
}

/** The first workload (sorted) that has json+ histograms, unless one is given. */
export function latencyWorkload(a: Analysis, workload?: string): string {
  if (workload) return workload;
  a = figureView(a);
  const names = [...new Set(a.dataset.histograms.map((h) => h.factors.workload))].sort();
  return names[0] ?? [...new Set(a.rows.map((r) => r.factors.workload))].sort()[0] ?? "";
}

export function latencyLadderFigure(a: Analysis, opts: FigureOptions & { workload?: string } = {}): Figure {
  a = figureView(a);
  const workload = latencyWorkload(a, opts.workload);
  return latencyLadder(a.rows, {
    id: slug(`${prefix(a)}-ladder-${workload}`),
    by: a.by ?? "driver",
    caption: caption(a),
    ...shared(a),
    ...opts,
    workload,
  });
}

export function latencyCdfFigure(a: Analysis, opts: FigureOptions & { workload?: string } = {}): Figure {
  a = figureView(a);
  const workload = latencyWorkload(a, opts.workload);
  return latencyCdf(a.dataset.histograms, {
    id: slug(`${prefix(a)}-cdf-${workload}`),
    by: a.by ?? "driver",
    caption: caption(a),
    ...shared(a),
    ...opts,
    workload,
  });
}

export function timeseriesFigure(
  a: Analysis,
  opts: FigureOptions & { metric: string; workload?: string },
): Figure {
  a = figureView(a);
  const workload = opts.workload || undefined;
  return timeseries(a.dataset.series, {
    id: slug(`${prefix(a)}-timeseries-${opts.metric}-${workload ?? "first"}`),
    by: a.by ?? undefined,
    caption: caption(a),
    ...shared(a),
    ...opts,
    workload,
  });
}

/** The runs' series {@link timeseriesFigure} draws for these options. */
export function timeseriesFigureRuns(a: Analysis, opts: { metric: string; workload?: string }): Series[] {
  a = figureView(a);
  return timeseriesRuns(a.dataset.series, {
    by: a.by ?? undefined,
    metric: opts.metric,
    workload: opts.workload,
  })
    .picked;
}

export function heatmapFigure(a: Analysis, opts: FigureOptions & { metric?: string } = {}): Figure {
  a = figureView(a);
  const id = slug(`${prefix(a)}-heatmap-${opts.metric ?? "iops"}`);
  const cells = new Set(a.comparisons.map((c) => {
    const k = blockSizeAndDepth(c.factors);
    return k ? `${k.bs} ${k.qd}` : "";
  }));
  cells.delete("");
  if (cells.size === 1) {
    // One block size at one queue depth is a single number, not a map.
    return emptyFigure(
      id,
      opts.title ?? "Speed-up by block size and queue depth",
      "one block size at one queue depth",
      opts,
    );
  }
  return heatmap(a.comparisons, { id, caption: caption(a), ...opts });
}

/** The headline metric of a sweep: bandwidth against block size, IOPS against the rest, throughput for networks. */
export function sweepMetric(a: Analysis, x: string): string {
  if (a.comparisons.some((c) => c.metric === "throughput")) return "throughput";
  return x === "bs" || x === "blocksize" ? "bw" : "iops";
}

/** Factors a benchmark sweeps: always worth a sweep when numeric. Others need three values (a 0/1 flag is not). */
const SWEEP_DIMENSIONS = new Set([
  "bs",
  "blocksize",
  "iodepth",
  "numjobs",
  "num_streams",
  "blksize",
  "rwmixread",
]);

/** Numeric factors worth a sweep: every value a number or a size, and some panel with two of them. */
export function sweepFactors(a: Analysis): string[] {
  const names = [...new Set(a.comparisons.flatMap((c) => Object.keys(c.factors)))];
  if (a.by) names.push(a.by);
  return [...new Set(names)].filter((x) => x !== "rep").sort().filter((x) => {
    const values = new Set(
      x === a.by
        ? [a.baseline ?? "", ...a.candidates]
        : a.comparisons.map((c) => c.factors[x]).filter((v) => v !== undefined),
    );
    const numbers = [...values].map(factorNumber);
    if (numbers.length === 0 || numbers.some((n) => n === null)) return false;
    if (!SWEEP_DIMENSIONS.has(x) && x !== a.by && values.size < 3) return false;
    // The metric once per factor, not once per comparison (that was quadratic: 14 s at 100× the shipped data).
    const metric = sweepMetric(a, x);
    return sweepable(a.comparisons.filter((c) => c.metric === metric && c.stat === "mean"), x);
  });
}

/** A metric against a numeric factor, one line per value of the compared factor (see lib/plot/sweep.ts). */
export function sweepFigure(
  a: Analysis,
  opts: FigureOptions & { x: string; metric?: string; stat?: string; panels?: string[] },
): Figure {
  a = figureView(a);
  const metric = opts.metric ?? sweepMetric(a, opts.x);
  return sweep(a.comparisons, {
    id: slug(`${prefix(a)}-sweep-${metric}-${opts.x}`),
    caption: caption(a),
    ...opts,
    metric,
  });
}

/** The host-CPU cost metric of a family: per GiB for disk (fio), per Gbit for network. */
export function hostCostMetric(a: Analysis): "host_cpu_per_gib" | "host_cpu_per_gbit" {
  return a.rows.some((r) => r.metric === "host_cpu_per_gib") || a.rows.some((r) => r.tool === "fio")
    ? "host_cpu_per_gib"
    : "host_cpu_per_gbit";
}

/** Workloads (sorted) that have rows of a metric. */
export function workloadsWith(a: Analysis, metric: string): string[] {
  return [...new Set(a.rows.filter((r) => r.metric === metric).map((r) => r.factors.workload ?? ""))].sort();
}

/** Throughput against host CPU cost for one workload (default: the first with host CPU records). */
export function costScatterFigure(
  a: Analysis,
  opts: FigureOptions & { workload?: string; metric?: string } = {},
): Figure {
  a = figureView(a);
  const metric = opts.metric ?? hostCostMetric(a);
  const workload = opts.workload || workloadsWith(a, metric)[0] || "";
  const unit = (a.rows.find((r) => r.metric === metric)?.unit ?? "s/GiB") as Unit;
  const points = memo(costs, a, () => new Map());
  const key = `${metric}\n${a.by ?? "driver"}`;
  if (!points.has(key)) points.set(key, costPoints(a.rows, metric, a.by ?? "driver"));
  return costScatter(points.get(key)!, {
    id: slug(`${prefix(a)}-cost-scatter-${metric}-${workload}`),
    by: a.by ?? "driver",
    caption: caption(a),
    comparisons: a.comparisons,
    unit,
    rate: hostCostMetric(a) === "host_cpu_per_gib" ? "bw" : "throughput",
    ...shared(a),
    ...opts,
    metric,
    workload,
  });
}

/** Cost bars of one efficiency metric (see COST_METRICS). */
export function costBarsFigure(
  a: Analysis,
  opts: FigureOptions & { metric: string; workloads?: RegExp },
): Figure {
  a = figureView(a);
  return costBars(a.rows, {
    id: slug(`${prefix(a)}-cost-${opts.metric}-${opts.workloads?.source ?? "all"}`),
    by: a.by ?? "driver",
    caption: caption(a),
    comparisons: a.comparisons,
    ...shared(a),
    ...opts,
  });
}

/** Round-trip CDF per NIC from sockperf full logs (default: the first workload that has them). */
export function roundTripCdfFigure(a: Analysis, opts: FigureOptions & { workload?: string } = {}): Figure {
  a = figureView(a);
  const names = [
    ...new Set(a.dataset.histograms.filter((h) => h.metric === "rtt").map((h) => h.factors.workload)),
  ];
  const workload = opts.workload || names.sort()[0] || "";
  return latencyCdf(a.dataset.histograms, {
    id: slug(`${prefix(a)}-rtt-cdf-${workload}`),
    by: a.by ?? "nic",
    caption: caption(a),
    ...shared(a),
    ...opts,
    metric: "rtt",
    workload,
  });
}
