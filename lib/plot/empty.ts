import * as Plot from "./plot.ts";
import { plotDocument } from "./dom.ts";
import type { Figure, FigureOptions } from "./figure.ts";
import { frame, plotStyle } from "./frame.ts";

/** A figure that says in words why there is nothing to draw (no matching data), instead of failing. */
export function emptyFigure(id: string, title: string, reason: string, opts: FigureOptions): Figure {
  const width = opts.width ?? 760;
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 60,
    axis: null,
    style: plotStyle(opts.theme),
    marks: [Plot.text([reason], { frameAnchor: "middle", fontSize: 13 })],
  }) as unknown as Element;
  return { ...frame({ id, title, chart, theme: opts.theme, width, noTitles: opts.noTitles }), empty: reason };
}
