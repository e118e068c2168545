/**
 * Throughput against host CPU cost, one workload: every run a point (x its cost, y its throughput),
 * and per driver the mean of both with a 95 % t-interval on each axis — a cross. Down and to the right
 * is fast and cheap. The mean's ring is filled where the cost comparison with the baseline is decided.
 * @module
 */
import * as Plot from "./plot.ts";
import type { Unit } from "../model.ts";
import { summarize } from "../stats/summary.ts";
import type { Comparison } from "../stats/types.ts";
import { decided } from "../stats/verdict.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { symbolScale } from "./channels.ts";
import { fitLabel } from "./size.ts";
import { frame, plotStyle, X_AXIS_BOTTOM } from "./frame.ts";
import { nRange } from "./groups.ts";
import { colorScale, driverColors } from "./theme.ts";
import { axisLabel, unitFor } from "./units.ts";
import { maxOf } from "../arrays.ts";

/** One run: its cost (an efficiency metric) and its throughput (B/s). */
export interface CostPoint {
  /** The compared factor's value, e.g. the driver. */
  group: string;
  workload: string;
  rep: string;
  cost: number;
  throughput: number;
}

export interface CostScatterOptions extends FigureOptions {
  workload: string;
  /** The cost metric on x, e.g. "host_cpu_per_gib", and its unit. */
  metric: string;
  unit: Unit;
  /** The rate on y: "bw" (disk, bytes/s) or "throughput" (network, bits/s; default "bw"). */
  rate?: "bw" | "throughput";
  /** The compared factor, for words (default "driver"). */
  by?: string;
  /** Comparisons of `metric`, for the filled marks. */
  comparisons?: Comparison[];
  caption?: string;
}

export function costScatter(points: CostPoint[], opts: CostScatterOptions): Figure {
  const by = opts.by ?? "driver";
  const title = opts.title ?? `Throughput against host CPU cost${opts.workload ? ` · ${opts.workload}` : ""}`;
  const id = opts.id ?? slug(`cost-scatter-${opts.metric}-${opts.workload}`);
  const picked = points.filter((p) => p.workload === opts.workload);
  if (picked.length === 0) {
    const reason = points.length
      ? `no ${opts.metric} runs for ${opts.workload}`
      : `no runs with a host CPU record (<workload>.hostcpu.json), so no ${opts.metric}`;
    return emptyFigure(id, title, reason, opts);
  }
  const xu = unitFor(opts.units, opts.metric, opts.unit, maxOf(picked.map((p) => p.cost)));
  const yu = unitFor(opts.units, opts.rate ?? "bw", "B/s", maxOf(picked.map((p) => p.throughput)));
  const colors = driverColors(picked.map((p) => p.group));
  const runs = picked.map((p) => ({ ...p, x: p.cost * xu.factor, y: p.throughput * yu.factor }));
  const means = [...colors.keys()].map((group) => {
    const mine = runs.filter((p) => p.group === group);
    const x = summarize(mine.map((p) => p.x)), y = summarize(mine.map((p) => p.y));
    const c = opts.comparisons?.find((c) =>
      c.metric === opts.metric && c.candidateName === group && c.factors.workload === opts.workload
    );
    return {
      group,
      n: x.n,
      x: x.mean,
      y: y.mean,
      // Costs and rates cannot be negative: a t-interval from few runs can reach below 0, so clamp it.
      x1: Math.max(0, x.meanCI.lo ?? x.mean),
      x2: x.meanCI.hi ?? x.mean,
      y1: Math.max(0, y.meanCI.lo ?? y.mean),
      y2: y.meanCI.hi ?? y.mean,
      fill: c && decided(c) ? colors.get(group)! : "none",
    };
  });
  const width = opts.width ?? 760;
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 380,
    marginLeft: 60,
    marginBottom: X_AXIS_BOTTOM.marginBottom,
    style: plotStyle(opts.theme),
    x: {
      label: fitLabel(axisLabel(opts.metric, "value", xu.label), " — lower is cheaper", width),
      labelOffset: X_AXIS_BOTTOM.labelOffset,
      grid: true,
      zero: true,
      nice: true,
    },
    // Nice ends: a rate pinned at its target (iperf3 UDP) or the costliest run sits on a labelled tick, not the edge.
    y: { label: `Throughput (${yu.label}) — higher is better`, grid: true, zero: true, nice: true },
    color: colorScale(colors),
    symbol: symbolScale(colors),
    marks: [
      Plot.dot(runs, { x: "x", y: "y", stroke: "group", symbol: "group", r: 3, strokeOpacity: 0.6 }),
      Plot.link(means, { x1: "x1", x2: "x2", y1: "y", y2: "y", stroke: "group", strokeWidth: 2 }),
      Plot.link(means, { x1: "x", x2: "x", y1: "y1", y2: "y2", stroke: "group", strokeWidth: 2 }),
      Plot.dot(means, {
        x: "x",
        y: "y",
        r: 6,
        stroke: "group",
        symbol: "group",
        strokeWidth: 2,
        fill: (d) => d.fill,
      }),
    ],
  }) as unknown as Element;
  return frame({
    id,
    title,
    subtitle: `Each run a small marker; per ${by} the mean with 95 % t-intervals on both axes (cross) · ` +
      marksText(opts.comparisons, opts.metric) + ` · n = ${nRange(means.map((m) => m.n))} runs per ${by}`,
    caption: opts.caption,
    legend: colors,
    legendKind: "shape",
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}

/** What the filled marks mean, or that there are no verdicts to show. */
export function marksText(comparisons: Comparison[] | undefined, metric: string): string {
  return comparisons?.some((c) => c.metric === metric)
    ? "filled: a decided difference from the baseline"
    : `no verdicts (${metric} was not compared)`;
}
