/**
 * The article's figures for an {@link Analysis}: the notebooks and the report call these, so both
 * show the same figures with the same ids. Each picks its data from the analysis and delegates to
 * one pure function of lib/plot.
 * @module
 */
import { basename, relative, resolve } from "node:path";
import type { Figure, FigureOptions } from "../plot/figure.ts";
import { slug } from "../plot/figure.ts";
import { driverComparison } from "../plot/driver_comparison.ts";
import { forest } from "../plot/forest.ts";
import { heatmap } from "../plot/heatmap.ts";
import { latencyCdf } from "../plot/latency_cdf.ts";
import { latencyLadder } from "../plot/latency_ladder.ts";
import { network } from "../plot/network.ts";
import { timeseries } from "../plot/timeseries.ts";
import { planUnits, type UnitPlan } from "../plot/units.ts";
import type { Analysis } from "./analyse.ts";
import { headline } from "./tables.ts";

/** "Data: ../data · fio, baseline ide" (several analyses: each family with its baseline, the data named once). */
const caption = (a: Analysis | Analysis[]) => {
  const all = Array.isArray(a) ? a : [a];
  const names = [...new Set(all.map((x) => dataName(x)))].join(", ");
  return `Data: ${names} · ${all.map((x) => `${x.label}, baseline ${x.baseline ?? "none"}`).join("; ")}`;
};
const prefix = (a: Analysis) => slug(a.label.replace("iperf3 + iperf2", "net").replace(/^fio$/, "disk"));

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
  const all = Array.isArray(a) ? a : [a];
  return {
    universe: [...new Set(all.flatMap((x) => x.names))].sort(),
    units: planUnits(all.flatMap((x) => x.rows)),
  };
}

export function driverComparisonFigure(
  a: Analysis,
  opts: FigureOptions & { metric: string; stat?: string; workloads?: RegExp },
): Figure {
  const id = slug(`${prefix(a)}-${opts.metric}-${opts.stat ?? "mean"}-${opts.workloads?.source ?? "all"}`);
  return driverComparison(a.comparisons, { id, caption: caption(a), ...shared(a), ...opts });
}

/**
 * One forest for one analysis, or for several together (the summary). By default only the headline
 * comparisons (IOPS for small blocks, bandwidth for large, delivered throughput for network): one row
 * per workload and candidate stays readable; `all: true` draws every metric.
 */
export function forestFigure(a: Analysis | Analysis[], opts: FigureOptions & { all?: boolean } = {}): Figure {
  const all = Array.isArray(a) ? a : [a];
  const id = slug(`${all.map(prefix).join("-")}-forest${opts.all ? "-all" : ""}`);
  const picked = all.flatMap((x) => x.comparisons).filter((c) => opts.all || headline(c));
  return forest(picked, {
    id,
    title: opts.title ?? `Overhead ratios: ${all.map((x) => x.label).join(", ")}`,
    caption: caption(all),
    ...shared(all),
    ...opts,
  });
}

export function networkFigure(a: Analysis, opts: FigureOptions = {}): Figure {
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
  const names = [...new Set(a.dataset.histograms.map((h) => h.factors.workload))].sort();
  return names[0] ?? [...new Set(a.rows.map((r) => r.factors.workload))].sort()[0] ?? "";
}

export function latencyLadderFigure(a: Analysis, opts: FigureOptions & { workload?: string } = {}): Figure {
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

export function heatmapFigure(a: Analysis, opts: FigureOptions & { metric?: string } = {}): Figure {
  return heatmap(a.comparisons, {
    id: slug(`${prefix(a)}-heatmap-${opts.metric ?? "iops"}`),
    caption: caption(a),
    ...opts,
  });
}
