/**
 * Forest plot of overhead ratios: one row per comparison, the candidate's speed-up over the baseline
 * (> 1 = candidate better, whatever the metric's direction) with the verdict's interval (Fieller at the
 * family's level, lib/stats/verdict.ts), a rule at 1, filled dots where the verdict claims a difference
 * (the interval clears the no-change band), hollow otherwise.
 * @module
 */
import * as Plot from "./plot.ts";
import type { Comparison } from "../stats/types.ts";
import { speedup } from "../stats/ratio_text.ts";
import { decided, familySentence } from "../stats/verdict.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { breakLabel, isNarrow, SCREEN_WIDTH } from "./size.ts";
import { frame, plotStyle, X_AXIS_BOTTOM } from "./frame.ts";
import { colorScale, driverColors, THEMES } from "./theme.ts";
import { maxOf, minOf } from "../arrays.ts";

export interface ForestOptions extends FigureOptions {
  caption?: string;
}

interface Row {
  label: string;
  candidate: string;
  s: number;
  lo: number | null;
  hi: number | null;
  significant: boolean;
  text: string;
}

export function forest(comparisons: Comparison[], opts: ForestOptions = {}): Figure {
  const title = opts.title ?? "Overhead ratios";
  const id = opts.id ?? slug(`forest-${title}`);
  const rows: Row[] = [];
  let undefinedRatios = 0;
  for (const c of comparisons) {
    const s = speedup(c.ratio, c.better);
    if (s === null) {
      undefinedRatios++;
      continue;
    }
    // The interval of 1/R is [1/hi, 1/lo] for lower-is-better metrics.
    const [lo, hi] = c.better === "higher"
      ? [c.ratioCI.lo, c.ratioCI.hi]
      : [inv(c.ratioCI.hi), inv(c.ratioCI.lo)];
    const stat = c.stat === "mean" ? "" : ` ${c.stat}`;
    const job = c.factors.workload ?? c.direction;
    rows.push({
      label: `${job} · ${c.metric}${stat} · ${c.candidateName}`,
      candidate: c.candidateName,
      s,
      lo,
      hi,
      significant: decided(c),
      text: c.ratioText,
    });
  }
  if (rows.length === 0) return emptyFigure(id, title, "no comparison has a defined ratio", opts);
  const width = opts.width ?? SCREEN_WIDTH;
  // A print column: each row's name on two lines (workload; metric · candidate · ratio) in a left column
  // sized to them, no ratio column on the right.
  const narrow = isNarrow(width);
  // A row's name as workload; metric · candidate.
  const nameLines = (r: Row) => {
    const [job, ...rest] = r.label.split(" · ");
    return [job, rest.join(" · ")];
  };
  const short = (text: string) => text === "no detectable difference" ? "~" : text; // the hollow dot says it too
  const lines = (r: Row) => {
    const [job, rest] = nameLines(r);
    return [job, `${rest} · ${short(r.text)}`];
  };
  // On screen each row's name on one line in 270 px, unless a name is longer (a workload per host at scale,
  // "randread-4k-qd1 host=db-17 · iops · virtio-blk"): then on two lines, workload; metric · candidate, in a column
  // sized to them, at most 45 % of the width, lines broken at separators beyond that. Never cut at the edge.
  const twoLines = !narrow && rows.some((r) => 16 + NAME_CHAR * r.label.length > 270);
  const wideLeft = Math.round(width * 0.45);
  const marginLeft = narrow
    ? Math.min(Math.round(width * 0.66), 16 + 5.8 * maxOf(rows.flatMap((r) => lines(r).map((l) => l.length))))
    : twoLines
    ? Math.min(wideLeft, 20 + Math.ceil(6 * maxOf(rows.flatMap((r) => nameLines(r).map((l) => l.length)))))
    : 270;
  const marginRight = narrow ? 14 : 170;
  // The verdict in words beside each row, cut to the column (the full sentence is in results.csv).
  const fitted = (text: string) => fitText(text, Math.floor((marginRight - 8) / CHAR));
  // Colours over every name in the comparisons (baselines too), so a driver has the same colour as in other figures.
  const colors = driverColors(comparisons.flatMap((c) => [c.baselineName, c.candidateName]), opts.universe);
  const legend = new Map([...colors].filter(([name]) => rows.some((r) => r.candidate === name)));
  const values = rows.flatMap((r) => [r.s, r.lo ?? r.s, r.hi ?? r.s]).filter((v) => v > 0);
  // Every ratio and interval end, and at least 0.8×–1.25× around 1: a 5 % effect with its interval stays readable
  // (within 0.5×–2× it was 15 px wide), while a few percent still does not fill the axis like a doubling.
  const domain = [Math.min(0.8, minOf(values)) / 1.15, Math.max(1.25, maxOf(values)) * 1.15];
  const clampLo = (v: number | null) => v === null ? domain[0] : Math.max(domain[0], v);
  const clampHi = (v: number | null) => v === null ? domain[1] : Math.min(domain[1], v);
  const bg = THEMES[opts.theme ?? "light"].background;
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 66 + rows.length * (narrow || twoLines ? 28 : 17),
    marginLeft,
    marginRight,
    marginBottom: X_AXIS_BOTTOM.marginBottom,
    style: plotStyle(opts.theme),
    x: {
      labelOffset: X_AXIS_BOTTOM.labelOffset,
      type: "log",
      domain,
      label: narrow
        ? "Speed-up (log scale): right of 1 = candidate better"
        : "Speed-up of candidate over baseline (log scale) — right of 1 = candidate better",
      grid: true,
      ticks: spacedTicks(domain, width - marginLeft - marginRight),
      tickFormat: (t: number) => `${t}×`,
    },
    y: {
      label: null,
      domain: rows.map((r) => r.label),
      tickFormat: narrow
        ? (label: string) => lines(rows.find((r) => r.label === label)!).join("\n")
        : twoLines
        ? (label: string) =>
          nameLines(rows.find((r) => r.label === label)!).map((l) =>
            breakLabel(l, Math.floor((marginLeft - 20) / 6))
          ).join("\n")
        : undefined,
    },
    color: colorScale(colors),
    marks: [
      Plot.ruleX([1], { stroke: "currentColor", strokeOpacity: 0.6 }),
      Plot.ruleY(rows, {
        y: "label",
        x1: (r: Row) => clampLo(r.lo),
        x2: (r: Row) => clampHi(r.hi),
        stroke: "candidate",
        strokeWidth: 2,
      }),
      // Two marks, not a fill function: a function's values would go through the colour scale.
      Plot.dot(rows.filter((r) => r.significant), {
        y: "label",
        x: "s",
        stroke: "candidate",
        fill: "candidate",
        r: 4,
      }),
      Plot.dot(rows.filter((r) => !r.significant), {
        y: "label",
        x: "s",
        stroke: "candidate",
        fill: bg,
        r: 4,
        strokeWidth: 1.5,
      }),
      ...(narrow ? [] : [Plot.text(rows, {
        y: "label",
        text: (r: Row) => fitted(r.text),
        frameAnchor: "right",
        textAnchor: "start",
        dx: 8,
        fill: "currentColor",
      })]),
    ],
  }) as unknown as Element;
  const notes = [
    "Filled: the verdict claims a difference (better or worse); hollow: no detectable difference" +
    (narrow ? " (~)" : "") +
    ", equivalent, or not enough data. Bars reaching the edge are unbounded or clipped.",
    familySentence(comparisons),
    undefinedRatios === 1 ? "1 comparison without a defined ratio is not shown." : "",
    undefinedRatios > 1 ? `${undefinedRatios} comparisons without a defined ratio are not shown.` : "",
    opts.caption ?? "",
  ].filter(Boolean).join(" ");
  return frame({
    id,
    title,
    subtitle: `Ratio of means with the verdict's Fieller interval · ${rows.length} comparison${
      rows.length === 1 ? "" : "s"
    }`,
    caption: notes,
    legend,
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}

const CANDIDATE_TICKS = [
  ...[0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9],
  ...[1, 1.1, 1.2, 1.5, 2, 3, 5, 7, 10, 20, 50, 100],
];

/** Ticks of a log axis at least 34 px apart, 1 always among them (wide intervals widen the domain). */
function spacedTicks(domain: number[], pixels: number, gap = 34): number[] {
  const at = (t: number) => (Math.log(t / domain[0]) / Math.log(domain[1] / domain[0])) * pixels;
  const inside = CANDIDATE_TICKS.filter((t) => t >= domain[0] && t <= domain[1]);
  const kept = [1];
  for (const t of inside.filter((t) => t > 1)) if (at(t) - at(kept[kept.length - 1]) >= gap) kept.push(t);
  const below: number[] = [];
  for (const t of inside.filter((t) => t < 1).reverse()) {
    if (at(below.length ? below[below.length - 1] : 1) - at(t) >= gap) below.push(t);
  }
  return [...below.reverse(), ...kept];
}

/** Pixels per character of the verdict words (DejaVu Sans, a little wide: they must not run off the figure). */
const CHAR = 6.2;
/** The same for row names, measured on the shipped figures: 46 characters take ~240 of the 254 px they have. */
const NAME_CHAR = 5.5;

/** `text` in at most `chars` characters: a verdict's word before its reason ("insufficient: …"), else cut with "…". */
function fitText(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const word = text.split(":")[0];
  return word.length < text.length && word.length <= chars ? word : `${text.slice(0, chars - 1).trimEnd()}…`;
}

const inv = (v: number | null) => (v === null || v <= 0 ? null : 1 / v);
