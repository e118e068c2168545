/**
 * Latency CDF per driver from histograms: every I/O (fio json+ bins) or every message (sockperf
 * `--full-log` round trips) of every run, pooled per driver or NIC (the bins are exact per-run
 * counts), as the fraction completed within a latency (log x).
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
  /** Default "clat"; "rtt" for sockperf round trips. */
  metric?: "clat" | "lat" | "rtt";
  caption?: string;
}

/** Words per metric: axis, what is counted (one, many), where it comes from, the default title. */
const WORDS = {
  clat: ["Completion latency", "I/O", "I/Os", "fio json+ histograms", "Latency distribution"],
  lat: ["Latency", "I/O", "I/Os", "fio json+ histograms", "Latency distribution"],
  rtt: ["Round-trip time", "message", "messages", "sockperf --full-log", "Round-trip distribution"],
} as const;

export function latencyCdf(histograms: Histogram[], opts: CdfOptions): Figure {
  const by = opts.by ?? "driver", metric = opts.metric ?? "clat";
  const [axis, one, counted, from, heading] = WORDS[metric];
  const title = opts.title ?? (opts.workload ? `${heading} · ${opts.workload}` : heading);
  const id = opts.id ?? slug(`cdf-${opts.workload}`);
  const picked = histograms.filter((h) =>
    h.metric === metric && h.factors.workload === opts.workload && h.factors[by]
  );
  if (picked.length === 0) {
    const where = opts.workload ? `for ${opts.workload}` : "in this data";
    return emptyFigure(id, title, `no ${metric} histograms (${from}) ${where}`, opts);
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
    x: { type: "log", label: `${axis} (${unit.label}, log scale)`, grid: true, tickFormat: "~g" },
    y: { domain: [0, 1], label: `Fraction of ${counted} completed`, grid: true, percent: false },
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
    subtitle: `Empirical CDF of every ${one} from ${from}, runs pooled per ${by} · ${
      ios.toLocaleString("en-US")
    } ${counted}`,
    caption: opts.caption,
    legend: colors,
    chart,
    theme: opts.theme,
    width,
  });
}
