/**
 * Block size × queue depth heatmap of speed-ups, one panel per access pattern and candidate — when
 * the data has those factors: fio's own `bs`, `iodepth` and `rw` job options (or `bs=`/`iodepth=` folders),
 * else workload names like `randread-4k-qd32`.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Comparison } from "../stats/types.ts";
import { speedup } from "../stats/ratio_text.ts";
import { decided } from "../stats/verdict.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { frame, plotStyle } from "./frame.ts";
import { maxOf } from "../arrays.ts";

export interface HeatmapOptions extends FigureOptions {
  metric?: string;
  caption?: string;
}

const NAME = /^([a-z]+)-(\d+[kmg]?)-qd(\d+)$/i;

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
      ? [{ ...k, candidate: `${c.candidateName} vs ${c.baselineName}`, s, sig: decided(c) }]
      : [];
  });
  if (cells.length === 0) {
    return emptyFigure(id, title, "the data has no block size × queue depth factors", opts);
  }
  const width = opts.width ?? 760;
  const patterns = [...new Set(cells.map((c) => c.pattern))].sort();
  const extent = Math.max(2, maxOf(cells.map((c) => Math.max(c.s, 1 / c.s))));
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 60 + new Set(cells.map((c) => c.candidate)).size * 110,
    marginLeft: 50,
    marginRight: 150,
    style: plotStyle(opts.theme),
    x: { label: "Queue depth", type: "band" },
    y: { label: "Block size", type: "band" },
    fx: { label: null, domain: patterns },
    fy: { label: null },
    color: {
      type: "log",
      scheme: "PuOr",
      reverse: true,
      domain: [1 / extent, extent],
      pivot: 1,
      legend: false,
    },
    marks: [
      Plot.cell(cells, { x: "qd", y: "bs", fx: "pattern", fy: "candidate", fill: "s", inset: 1 }),
      Plot.text(cells, {
        x: "qd",
        y: "bs",
        fx: "pattern",
        fy: "candidate",
        text: (c: { s: number; sig: boolean }) => `${c.s.toFixed(2)}×${c.sig ? "" : " ~"}`,
        fill: "black",
      }),
    ],
  }) as unknown as Element;
  return frame({
    id,
    title,
    subtitle:
      "Speed-up of candidate over baseline (> 1 = candidate better; purple better, orange worse); ~ = not significant",
    caption: opts.caption,
    chart,
    theme: opts.theme,
    width,
  });
}
