/**
 * Latency CDF per driver from fio json+ histograms: every I/O of every run, pooled per driver
 * (the bins are exact per-run counts), as the fraction completed within a latency (log x).
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Histogram } from "../model.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { frame, plotStyle } from "./frame.ts";
import { colorScale, driverColors } from "./theme.ts";
import { displayUnit } from "./units.ts";
import { maxOf } from "../arrays.ts";

export interface CdfOptions extends FigureOptions {
  by?: string;
  workload: string;
  metric?: "clat" | "lat";
  caption?: string;
}

export function latencyCdf(histograms: Histogram[], opts: CdfOptions): Figure {
  const by = opts.by ?? "driver", metric = opts.metric ?? "clat";
  const title = opts.title ?? `Latency distribution · ${opts.workload}`;
  const id = opts.id ?? slug(`cdf-${opts.workload}`);
  const picked = histograms.filter((h) =>
    h.metric === metric && h.factors.workload === opts.workload && h.factors[by]
  );
  if (picked.length === 0) {
    return emptyFigure(id, title, `no json+ ${metric} histograms for ${opts.workload}`, opts);
  }
  const pooled = new Map<string, Map<number, number>>();
  for (const h of picked) {
    const bins = pooled.get(h.factors[by]) ?? pooled.set(h.factors[by], new Map()).get(h.factors[by])!;
    h.value.forEach((v, i) => bins.set(v, (bins.get(v) ?? 0) + h.count[i]));
  }
  const max = maxOf(picked.flatMap((h) => h.value));
  const unit = displayUnit("ns", max);
  const points: { driver: string; latency: number; fraction: number }[] = [];
  let ios = 0;
  for (const [driver, bins] of [...pooled].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = [...bins].sort((a, b) => a[0] - b[0]);
    const total = sorted.reduce((s, [, c]) => s + c, 0);
    ios += total;
    let seen = 0;
    for (const [v, c] of sorted) {
      seen += c;
      points.push({ driver, latency: v * unit.factor, fraction: seen / total });
    }
  }
  const colors = driverColors(points.map((p) => p.driver));
  const width = opts.width ?? 760;
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 340,
    marginLeft: 50,
    style: plotStyle(opts.theme),
    x: { type: "log", label: `Completion latency (${unit.label}, log scale)`, grid: true, tickFormat: "~g" },
    y: { domain: [0, 1], label: "Fraction of I/Os completed", grid: true, percent: false },
    color: colorScale(colors),
    marks: [
      Plot.ruleY([0, 1], { stroke: "currentColor", strokeOpacity: 0.2 }),
      Plot.line(points, {
        x: "latency",
        y: "fraction",
        stroke: "driver",
        strokeWidth: 1.8,
        curve: "step-after",
      }),
    ],
  }) as unknown as Element;
  return frame({
    id,
    title,
    subtitle: `Empirical CDF of every I/O from fio json+ histograms, runs pooled per ${by} · ${
      ios.toLocaleString("en-US")
    } I/Os`,
    caption: opts.caption,
    legend: colors,
    chart,
    theme: opts.theme,
    width,
  });
}
