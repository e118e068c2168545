/**
 * Sweep: one metric against one numeric factor (bs, iodepth, numjobs, num_streams): the mean with its 95 %
 * t-interval at each value, one line per value of the compared factor, one panel per combination of the other
 * factors that vary. Values come from the comparisons' summaries (one value per run), so a sweep shows the same
 * numbers as the tables.
 * @module
 */
import * as Plot from "./plot.ts";
import { factorNumber } from "../model.ts";
import type { Comparison, Summary } from "../stats/types.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { breakLabel, facetLabels, isNarrow } from "./size.ts";
import { perName, symbolScale } from "./channels.ts";
import { frame, plotStyle } from "./frame.ts";
import { colorScale, driverColors } from "./theme.ts";
import { axisLabel, displayUnit, metricLabel } from "./units.ts";
import { maxOf, minOf } from "../arrays.ts";

export interface SweepOptions extends FigureOptions {
  metric: string;
  stat?: string;
  /** The numeric factor on the x axis. */
  x: string;
  caption?: string;
  /** Draw only these panels (a page of a long sweep, see sweepPanels); each is named, even one alone. */
  panels?: string[];
}

interface Point {
  panel: string;
  name: string;
  label: string;
  x: number;
  summary: Summary;
}

/** Panel order: the load's dimensions first, then the rest by name. */
const PANEL_ORDER = ["rw", "readwrite", "bs", "iodepth", "numjobs", "protocol", "num_streams", "reverse"];
const HIDDEN = new Set(["workload", "rep", "format"]);

export function sweep(comparisons: Comparison[], opts: SweepOptions): Figure {
  const stat = opts.stat ?? "mean";
  const picked = comparisons.filter((c) => c.metric === opts.metric && c.stat === stat);
  const by = picked[0]?.by ?? "";
  const title = opts.title ?? `${metricLabel(opts.metric, stat)} by ${opts.x}`;
  const id = opts.id ?? slug(`sweep-${opts.metric}-${stat}-${opts.x}`);
  const only = opts.panels && new Set(opts.panels);
  const points = sweepPoints(picked, opts.x).filter((p) => !only || only.has(p.panel));
  if (points.length === 0) {
    return emptyFigure(id, title, `no ${opts.metric} ${stat} results with a numeric ${opts.x}`, opts);
  }
  const width = opts.width ?? 760;
  const unit = displayUnit(
    picked[0].unit,
    maxOf(points.map((p) => p.summary.meanCI.hi ?? p.summary.mean)),
  );
  const rows = points.map((p) => ({
    ...p,
    mean: p.summary.mean * unit.factor,
    lo: Math.max(0, p.summary.meanCI.lo ?? p.summary.mean) * unit.factor,
    hi: (p.summary.meanCI.hi ?? p.summary.mean) * unit.factor,
  }));
  const xs = [...new Map(points.map((p) => [p.x, p.label]))].sort((a, b) => a[0] - b[0]);
  const log = xs[0][0] > 0 && xs.at(-1)![0] / xs[0][0] >= 8;
  const panels = [...new Set(points.map((p) => p.panel))].sort();
  const colors = driverColors(points.map((p) => p.name));
  const fy = panels.length > 1 || only ? "panel" : undefined;
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 40 + panels.length * 190,
    marginLeft: 70,
    marginRight: fy ? (isNarrow(width) ? 84 : 170) : 30,
    style: plotStyle(opts.theme),
    x: {
      // Points at the first and last level sit inside the frame, not on its edge.
      inset: 14,
      label: opts.x,
      type: log ? "log" : "linear",
      ...(log ? { base: 2 } : {}),
      ticks: xs.map(([v]) => v),
      tickFormat: (v: number) => xs.find(([x]) => x === v)?.[1] ?? "",
    },
    y: {
      label: `${axisLabel(opts.metric, stat, unit.label)} — ${picked[0].better} is better`,
      grid: true,
      zero: picked[0].better === "higher",
    },
    fy: fy
      ? {
        label: null,
        domain: panels,
        tickFormat: isNarrow(width) ? (p: string) => breakLabel(p, 11) : facetLabels(panels, 170 - 10),
      }
      : undefined,
    color: colorScale(colors),
    symbol: symbolScale(colors),
    marks: [
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.15 }),
      Plot.ruleX(rows, { x: "x", y1: "lo", y2: "hi", fy, stroke: "name", strokeWidth: 2 }),
      ...perName(rows, (r) => r.name, colors).map((part) =>
        Plot.line(part.data, {
          x: "x",
          y: "mean",
          z: "name",
          fy,
          stroke: "name",
          strokeWidth: 1.5,
          strokeDasharray: part.dash,
          sort: "x",
        })
      ),
      Plot.dot(rows, { x: "x", y: "mean", fy, fill: "name", symbol: "name", r: 3 }),
    ],
  }) as unknown as Element;
  const ns = points.map((p) => p.summary.n);
  const lo = minOf(ns), hi = maxOf(ns);
  return frame({
    id,
    title,
    subtitle: `Mean with 95 % t-interval${by && by !== opts.x ? `, one line per ${by}` : ""} · n = ${
      lo === hi ? lo : `${lo}–${hi}`
    } runs per point`,
    caption: opts.caption,
    legend: by && by !== opts.x ? colors : undefined,
    legendKind: "line+shape",
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}

/** True when some panel holds at least two values of `x`: a sweep worth drawing. */
export function sweepable(comparisons: Comparison[], x: string): boolean {
  const perPanel = new Map<string, Set<number>>();
  for (const p of sweepPoints(comparisons, x)) {
    (perPanel.get(p.panel) ?? perPanel.set(p.panel, new Set()).get(p.panel)!).add(p.x);
  }
  // A factor that is only 0 and 1 is a switch (direct=0/1), not a level to sweep: two bars, not a line.
  const values = new Set([...perPanel.values()].flatMap((s) => [...s]));
  if ([...values].every((v) => v === 0 || v === 1)) return false;
  return [...perPanel.values()].some((s) => s.size > 1);
}

/** The panels of a sweep (sorted, as drawn), each with its comparisons of the metric. */
export function sweepPanels(
  comparisons: Comparison[],
  opts: { metric: string; stat?: string; x: string },
): Map<string, Comparison[]> {
  const picked = comparisons.filter((c) => c.metric === opts.metric && c.stat === (opts.stat ?? "mean"));
  const panelOf = panelNamer(picked, opts.x);
  const panels = new Map<string, Comparison[]>();
  for (const c of picked) {
    const panel = panelOf(c);
    panels.set(panel, [...(panels.get(panel) ?? []), c]);
  }
  return new Map([...panels].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A comparison's panel: the other factors that vary, and the direction when there are two. */
function panelNamer(comparisons: Comparison[], x: string): (c: Comparison) => string {
  const varying = [...new Set(comparisons.flatMap((c) => Object.keys(c.factors)))].filter((k) =>
    k !== x && !HIDDEN.has(k) && new Set(comparisons.map((c) => c.factors[k])).size > 1
  ).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const directions = new Set(comparisons.map((c) => c.direction)).size > 1;
  return (c) =>
    [
      ...varying.map((k) => `${k}=${c.factors[k] ?? "unset"}`),
      ...(directions ? [c.direction] : []),
    ]
      .join(" ");
}

/** One point per panel × x value × compared value (the baseline appears in several comparisons: once). */
function sweepPoints(comparisons: Comparison[], x: string): Point[] {
  const panelOf = panelNamer(comparisons, x);
  const out = new Map<string, Point>();
  for (const c of comparisons) {
    const panel = panelOf(c);
    for (const [name, summary] of [[c.baselineName, c.baseline], [c.candidateName, c.candidate]] as const) {
      const label = x === c.by ? name : c.factors[x];
      const value = label === undefined ? null : factorNumber(label);
      if (value === null) continue;
      // Sweeping the compared factor itself: one line through its values.
      const line = x === c.by ? x : name;
      const key = JSON.stringify([panel, label, line]);
      if (!out.has(key)) out.set(key, { panel, name: line, label, x: value, summary });
    }
  }
  return [...out.values()];
}

function rank(k: string): number {
  const i = PANEL_ORDER.indexOf(k);
  return i < 0 ? PANEL_ORDER.length : i;
}
