/**
 * Block size × queue depth heatmap of speed-ups, one panel per access pattern and candidate — when
 * the data has those factors: fio's own `bs`, `iodepth` and `rw` job options (or `bs=`/`iodepth=` folders),
 * else workload names like `randread-4k-qd32`.
 * @module
 */
import * as Plot from "./plot.ts";
import type { Comparison } from "../stats/types.ts";
import { speedup } from "../stats/ratio_text.ts";
import { decided } from "../stats/verdict.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { breakLabel, isNarrow } from "./size.ts";
import { frame, plotStyle, X_AXIS_BOTTOM } from "./frame.ts";
import { textOn } from "./theme.ts";

export interface HeatmapOptions extends FigureOptions {
  metric?: string;
  caption?: string;
}

const NAME = /^([a-z]+)-(\d+[kmg]?)-qd(\d+)$/i;
/** Fill of a cell whose verdict claims no difference. */
const UNDECIDED = "#e6e6e6";

/** { pattern, bs, qd } from factors or from the workload name; null when neither says. */
export function blockSizeAndDepth(
  factors: Record<string, string>,
): { pattern: string; bs: string; qd: number } | null {
  const bs = factors.bs ?? factors.blocksize;
  if (bs && factors.iodepth) {
    return {
      pattern: factors.rw ?? factors.readwrite ?? factors.workload ?? "",
      bs,
      qd: Number(factors.iodepth),
    };
  }
  const m = (factors.workload ?? "").match(NAME);
  return m ? { pattern: m[1], bs: m[2], qd: Number(m[3]) } : null;
}

export function heatmap(comparisons: Comparison[], opts: HeatmapOptions = {}): Figure {
  const metric = opts.metric ?? "iops";
  const title = opts.title ?? `Speed-up by block size and queue depth (${metric})`;
  const id = opts.id ?? slug(`heatmap-${metric}`);
  const cells = comparisons.filter((c) => c.metric === metric && c.stat === "mean").flatMap((c) => {
    const k = blockSizeAndDepth(c.factors);
    const s = speedup(c.ratio, c.better);
    return k && s !== null
      ? [{
        ...k,
        candidate: `${c.candidateName} vs ${c.baselineName}`,
        s,
        sig: decided(c),
        mark: decided(c) ? "" : c.verdict === "insufficient" ? " ?" : " ~",
      }]
      : [];
  });
  if (cells.length === 0) {
    return emptyFigure(id, title, "the data has no block size × queue depth factors", opts);
  }
  const width = opts.width ?? 760;
  const patterns = [...new Set(cells.map((c) => c.pattern))].sort();
  let extent = 2;
  for (const c of cells) extent = Math.max(extent, c.s, 1 / c.s);
  const color = {
    type: "log" as const,
    scheme: "PuOr" as const,
    reverse: true,
    domain: [1 / extent, extent],
    pivot: 1,
  };
  // Labels in black or white, whichever reads on the cell's colour (dark purple needs white).
  const scale = Plot.scale({ color });
  // Only a decided cell is coloured by its speed-up: a "~" or insufficient cell is neutral grey, so colour never
  // claims what the verdict does not (lib/stats/verdict.ts).
  const labelled = cells.map((c) => ({
    ...c,
    ink: textOn(c.sig ? rgbHex(String(scale.apply(c.s))) : UNDECIDED),
  }));
  const label = (ink: string) =>
    Plot.text(labelled.filter((c) => c.ink === ink), {
      x: "qd",
      y: "bs",
      fx: "pattern",
      fy: "candidate",
      // Narrow cells (print column): the "~" or "?" on a line of its own.
      text: (c: { s: number; mark: string }) =>
        `${c.s.toFixed(2)}×${c.mark && isNarrow(width) ? "\n" + c.mark.trim() : c.mark}`,
      fill: ink,
    });
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 76 + new Set(cells.map((c) => c.candidate)).size * 110,
    marginLeft: 50,
    marginRight: isNarrow(width) ? 84 : 150,
    marginBottom: X_AXIS_BOTTOM.marginBottom,
    style: plotStyle(opts.theme),
    x: { label: "Queue depth", type: "band", labelOffset: X_AXIS_BOTTOM.labelOffset },
    y: { label: "Block size", type: "band" },
    fx: { label: null, domain: patterns },
    fy: { label: null, tickFormat: isNarrow(width) ? (p: string) => breakLabel(String(p), 11) : undefined },
    color: { ...color, legend: false },
    marks: [
      Plot.cell(cells.filter((c) => c.sig), {
        x: "qd",
        y: "bs",
        fx: "pattern",
        fy: "candidate",
        fill: "s",
        inset: 1,
      }),
      Plot.cell(cells.filter((c) => !c.sig), {
        x: "qd",
        y: "bs",
        fx: "pattern",
        fy: "candidate",
        fill: UNDECIDED,
        inset: 1,
      }),
      label("#000000"),
      label("#ffffff"),
    ],
  }) as unknown as Element;
  return frame({
    id,
    title,
    subtitle:
      "Speed-up of candidate over baseline (> 1 = candidate better; purple better, orange worse, only where the verdict says so); grey: ~ = no difference claimed, ? = insufficient data",
    caption: opts.caption,
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}

/** d3's interpolated colours come as "rgb(r, g, b)"; contrast needs #rrggbb. */
function rgbHex(css: string): string {
  const m = css.match(/rgb\((\d+),\s*(\d+),\s*(\d+)\)/);
  return m ? "#" + m.slice(1, 4).map((v) => Number(v).toString(16).padStart(2, "0")).join("") : css;
}
