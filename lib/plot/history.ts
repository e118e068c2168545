/**
 * History across batches: one metric, one panel per configuration (the compared factor's values as coloured
 * lines), each batch's mean with its 95 % interval, and between consecutive batches a diamond — filled when
 * the step is a decided difference (`decided(c)`), hollow when it is not.
 * @module
 */
import { textWidth } from "./text_width.ts";
import { breakLabel, isNarrow } from "./size.ts";
import * as Plot from "./plot.ts";
import type { Better, Factors, Unit } from "../model.ts";
import type { Comparison, Summary } from "../stats/types.ts";
import { decided } from "../stats/verdict.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { frame, plotStyle } from "./frame.ts";
import { colorScale, driverColors, THEMES } from "./theme.ts";
import { axisLabel, metricLabel, unitFor } from "./units.ts";
import { maxOf, minOf } from "../arrays.ts";
import { logTicks } from "./scales.ts";

/** One configuration's runs in one batch. */
export interface HistoryPoint {
  batch: string;
  summary: Summary;
}

/** Two consecutive batches compared for one configuration. */
export interface HistoryStep {
  from: string;
  to: string;
  comparison: Comparison;
}

/** One configuration across batches. */
export interface HistoryLine {
  key: string;
  label: string;
  factors: Factors;
  unit: Unit;
  better: Better;
  points: HistoryPoint[];
  steps: HistoryStep[];
}

/** Change points of one line (lib/stats/change_points.ts), in batch names. */
export interface HistoryChanges {
  /** Each segment between change points: its batches and the mean of its batch means with that mean's interval. */
  segments: { first: string; last: string; mean: number; lo: number | null; hi: number | null }[];
  /** Each reported change: the batches either side and its verdict. */
  changes: { before: string; after: string; worse: boolean }[];
}

export interface HistoryFigureOptions extends FigureOptions {
  metric: string;
  stat?: string;
  /** Change points per line key: drawn as a dashed rule between batches, segment means as bands. */
  changes?: Map<string, HistoryChanges>;
  /** The factor drawn as colours (default: driver or nic, whichever the lines have). */
  by?: string;
  caption?: string;
}

/**
 * The plot's margins: the y axis on the left, panel names on the right; in a print column the names get 30 % of the
 * width (and more lines), so the batches keep room.
 */
function margins(width: number): { left: number; right: number } {
  return isNarrow(width) ? { left: 56, right: Math.round(width * 0.3) } : { left: 70, right: 170 };
}

export function history(lines: HistoryLine[], batches: string[], opts: HistoryFigureOptions): Figure {
  const stat = opts.stat ?? "mean";
  const title = opts.title ?? `${metricLabel(opts.metric, stat)} across batches`;
  const id = opts.id ?? slug(`history-${opts.metric}-${stat}`);
  const drawn = lines.filter((l) => l.points.length > 0);
  if (drawn.length === 0) {
    return emptyFigure(id, title, `no ${opts.metric} ${stat} values in the store`, opts);
  }
  const by = opts.by ?? ["driver", "nic"].find((f) => drawn.some((l) => l.factors[f] !== undefined)) ?? "";
  const name = (l: HistoryLine) => l.factors[by] ?? l.label;
  const panel = panelLabels(drawn, by);
  // The notebook's or report's unit for this quantity (network throughput in bits/s, as every other figure shows
  // it), else one chosen from these values.
  const unit = unitFor(
    opts.units,
    opts.metric,
    drawn[0].unit,
    maxOf(drawn.flatMap((l) => l.points.map((p) => p.summary.max))),
  );
  const x = new Map(batches.map((b, i) => [b, i]));
  const points = drawn.flatMap((l) =>
    l.points.map((p) => ({
      name: name(l),
      panel: panel(l),
      x: x.get(p.batch)!,
      mean: p.summary.mean * unit.factor,
      // Rates and latencies cannot be negative: a t-interval from few runs can reach below 0, so clamp it.
      lo: Math.max(0, p.summary.meanCI.lo ?? p.summary.mean) * unit.factor,
      hi: (p.summary.meanCI.hi ?? p.summary.mean) * unit.factor,
    }))
  );
  // Panels share one y scale: when their values span more than 10×, a log scale keeps the small ones readable.
  const means = points.map((p) => p.mean).filter((m) => m > 0);
  const log = means.length > 0 && maxOf(means) / minOf(means) > 10;
  if (log) { for (const p of points) p.lo = Math.max(p.lo, minOf(means) / 2); }
  const mean = new Map(points.map((p) => [`${p.panel}\n${p.name}\n${p.x}`, p.mean]));
  // Diamonds of one panel sit side by side (dodged by name) instead of on top of each other.
  const names = [...new Set(drawn.map(name))].sort();
  const dodge = (n: string) => (names.indexOf(n) - (names.length - 1) / 2) * 0.08;
  const steps = drawn.flatMap((l) =>
    l.steps.map((s) => {
      const [a, b] = [x.get(s.from)!, x.get(s.to)!];
      const ya = mean.get(`${panel(l)}\n${name(l)}\n${a}`), yb = mean.get(`${panel(l)}\n${name(l)}\n${b}`);
      return {
        name: name(l),
        panel: panel(l),
        x: (a + b) / 2 + dodge(name(l)),
        y: ya !== undefined && yb !== undefined ? (ya + yb) / 2 : 0,
        decided: decided(s.comparison),
        text: s.comparison.ratioText,
      };
    })
  );
  const marked = drawn.filter((l) => opts.changes?.has(l.key));
  const segments = marked.flatMap((l) =>
    opts.changes!.get(l.key)!.segments.map((g) => ({
      name: name(l),
      panel: panel(l),
      x1: x.get(g.first)! - 0.3,
      x2: x.get(g.last)! + 0.3,
      mean: g.mean * unit.factor,
      lo: Math.max(0, g.lo ?? g.mean) * unit.factor,
      hi: (g.hi ?? g.mean) * unit.factor,
    }))
  );
  const cuts = marked.flatMap((l) =>
    opts.changes!.get(l.key)!.changes.map((c) => ({
      panel: panel(l),
      x: (x.get(c.before)! + x.get(c.after)!) / 2,
      worse: c.worse,
    }))
  );
  const panels = [...new Set(points.map((p) => p.panel))].sort();
  const colors = driverColors(points.map((p) => p.name));
  const width = opts.width ?? 760;
  const margin = margins(width);
  const bg = THEMES[opts.theme ?? "light"].background;
  const common = { fy: "panel", stroke: "name" } as const;
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 40 + panels.length * 120,
    marginLeft: margin.left,
    marginRight: margin.right,
    style: plotStyle(opts.theme),
    x: {
      label: "batch",
      domain: [-0.3, batches.length - 0.7],
      ticks: batchTicks(batches, width - margin.left - margin.right),
      tickFormat: (i: number) => batches[i] ?? "",
    },
    y: {
      type: log ? "log" : "linear",
      label: `${axisLabel(opts.metric, stat, unit.label)}${log ? ", log scale" : ""} — ${
        drawn[0].better
      } is better`,
      grid: true,
      // A panel is ~100 px tall: a log axis gets powers of ten only (Plot's own ticks put a grid line at every
      // 2, 3, … 9 of each decade, a band of lines with no labels).
      ...(log ? logDomain([...points, ...segments].flatMap((p) => [p.lo, p.hi])) : {}),
    },
    // A panel's name beside it, a part a line when it is wider than the margin ("randread-4k-qd1 · host db-17").
    fy: {
      label: null,
      domain: panels,
      tickFormat: (p: string) => panelName(p, margin.right - 12),
    },
    color: colorScale(colors),
    marks: [
      // Segments between change points: the mean of their batch means, its 95 % interval as a faint band.
      Plot.rect(segments, {
        ...common,
        x1: "x1",
        x2: "x2",
        y1: "lo",
        y2: "hi",
        fill: "name",
        fillOpacity: 0.12,
      }),
      Plot.ruleY(segments, { ...common, x1: "x1", x2: "x2", y: "mean", strokeDasharray: "6 3" }),
      Plot.ruleX(cuts, {
        fy: "panel",
        x: "x",
        stroke: "currentColor",
        strokeDasharray: "2 2",
        strokeWidth: 1.5,
      }),
      Plot.text(cuts, {
        fy: "panel",
        x: "x",
        frameAnchor: "top",
        textAnchor: "start",
        dx: 4,
        dy: 2,
        text: (c: { worse: boolean }) => (c.worse ? "change: worse" : "change: better"),
        fontSize: 10,
      }),
      Plot.line(points, { ...common, x: "x", y: "mean", strokeOpacity: 0.5 }),
      Plot.ruleX(points, { ...common, x: "x", y1: "lo", y2: "hi", strokeWidth: 2 }),
      Plot.dot(points, { ...common, x: "x", y: "mean", fill: "name", r: 3 }),
      // Two marks, not a fill function: a function's values would go through the colour scale.
      Plot.dot(steps.filter((s) => s.decided), {
        ...common,
        x: "x",
        y: "y",
        fill: "name",
        symbol: "diamond",
        r: 5,
      }),
      Plot.dot(steps.filter((s) => !s.decided), {
        ...common,
        x: "x",
        y: "y",
        fill: bg,
        symbol: "diamond",
        r: 5,
        strokeWidth: 1.5,
      }),
    ],
  }) as unknown as Element;
  return frame({
    id,
    title,
    subtitle: `Mean per batch with its Student-t 95 % interval · ${drawn.length} configurations · ` +
      `${batches.length} batches`,
    caption: [
      ...(opts.changes
        ? [
          "Dotted vertical rules: change points (a segment's batch means against the next one's, the verdict " +
          "rule with its family step); dashed lines and bands: each segment's mean of batch means with its 95 % interval.",
        ]
        : []),
      ...(steps.length
        ? [
          "Diamonds between batches: filled where the later batch differs from the earlier one " +
          "(the before/after verdict rule, over this metric's comparisons of the two batches), hollow where no difference is decided.",
        ]
        : []),
      opts.caption ?? "",
    ].filter(Boolean).join(" "),
    legend: colors,
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}

/**
 * A panel's label: the workload's name and only the factors that vary between panels and that the workload's
 * name does not already tell (fio's own bs, iodepth, ioengine … are in the name of a harness workload).
 */
function panelLabels(lines: HistoryLine[], by: string): (l: HistoryLine) => string {
  const keys = [...new Set(lines.flatMap((l) => Object.keys(l.factors)))].filter((k) => k !== by).sort();
  const varying = keys.filter((k) => new Set(lines.map((l) => l.factors[k] ?? "")).size > 1);
  const told = (k: string) => {
    if (!keys.includes("workload") || k === "workload") return false;
    const seen = new Map<string, string>();
    return lines.every((l) => {
      const w = l.factors.workload ?? "", v = l.factors[k] ?? "";
      return (seen.get(w) ?? seen.set(w, v).get(w)) === v;
    });
  };
  const shown = [
    ...(keys.includes("workload") ? ["workload"] : []),
    ...varying.filter((k) => k !== "workload" && !told(k)),
  ];
  return (l) =>
    shown.map((k) => (k === "workload" ? l.factors[k] ?? "" : `${k} ${l.factors[k] ?? "–"}`)).join(" · ") ||
    l.label;
}

/**
 * The batches whose names label the x axis: every one while they fit side by side (11 px text, 8 px apart), else
 * every k-th from the first, so a long history's names never print over each other.
 */
export function batchTicks(batches: string[], plotWidth: number): number[] {
  const widest = maxOf([0, ...batches.map((b) => textWidth(b, 11))]);
  // Batch i sits at x = i on a domain from −0.3 to n − 0.7: ticks are plotWidth / (n − 0.4) apart.
  const spacing = plotWidth / Math.max(1, batches.length - 0.4);
  const every = Math.max(1, Math.ceil((widest + 8) / spacing));
  return batches.map((_, i) => i).filter((i) => i % every === 0);
}

/** A log axis over the values (> 0) with a little room, ticked at the powers of ten inside it. */
function logDomain(values: number[]): { domain: number[]; ticks: number[] } {
  const positive = values.filter((v) => v > 0);
  const domain = [minOf(positive) / 1.25, maxOf(positive) * 1.25];
  return { domain, ticks: logTicks(domain[0], domain[1], true) };
}

/** A panel's name in `room` px of 11 px text: whole, else a part per line, a part too wide broken at its hyphens. */
function panelName(name: string, room: number): string {
  if (textWidth(name, 11) <= room) return name;
  return name.split(" · ").map((part) =>
    textWidth(part, 11) <= room ? part : breakLabel(part, Math.floor(room / 6.6))
  ).join("\n");
}
