/**
 * Percentile ladder: completion-latency percentiles (p50 … p99.99) per driver, each the mean over
 * runs of that run's reported percentile, on a log scale — how fast the tail grows.
 * @module
 */
import * as Plot from "./plot.ts";
import type { Rows } from "../model.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { perName, symbolScale } from "./channels.ts";
import { frame, plotStyle, X_AXIS_BOTTOM } from "./frame.ts";
import { colorScale, driverColors } from "./theme.ts";
import { logAxis } from "./scales.ts";
import { maxOf } from "../arrays.ts";
import { unitFor } from "./units.ts";

export interface LadderOptions extends FigureOptions {
  /** The compared factor (default "driver"). */
  by?: string;
  workload: string;
  metric?: "clat" | "lat";
  caption?: string;
}

const LADDER = ["p50", "p90", "p99", "p99.9", "p99.99"];

export function latencyLadder(rows: Rows, opts: LadderOptions): Figure {
  const by = opts.by ?? "driver", metric = opts.metric ?? "clat";
  const title = opts.title ?? `Latency percentiles · ${opts.workload}`;
  const id = opts.id ?? slug(`ladder-${opts.workload}`);
  const reported = rows.filter((r) =>
    r.metric === metric && LADDER.includes(r.stat) && r.factors.workload === opts.workload &&
    r.factors[by] !== undefined
  );
  // One output format's percentiles (a run saved as JSON and as terse reports them twice): JSON's when there are.
  const formats = new Set(reported.map((r) => r.format));
  const format = formats.has("fio-json") ? "fio-json" : [...formats].sort()[0];
  const picked = reported.filter((r) => r.format === format);
  if (picked.length === 0) {
    return emptyFigure(id, title, `no ${metric} percentiles for ${opts.workload}`, opts);
  }
  const groups = new Map<string, { driver: string; stat: string; sum: number; n: number }>();
  for (const r of picked) {
    const key = `${r.factors[by]}|${r.stat}`;
    const g = groups.get(key) ?? { driver: r.factors[by], stat: r.stat, sum: 0, n: 0 };
    g.sum += r.value;
    g.n++;
    groups.set(key, g);
  }
  let top = 0;
  for (const r of picked) top = Math.max(top, r.value);
  const unit = unitFor(opts.units, metric, "ns", top);
  const points = [...groups.values()].map((g) => ({ ...g, value: (g.sum / g.n) * unit.factor }));
  const colors = driverColors(points.map((p) => p.driver), opts.universe);
  let lo = Infinity, hi = 0;
  for (const p of points) [lo, hi] = [Math.min(lo, p.value), Math.max(hi, p.value)];
  const width = opts.width ?? 760;
  const runs = maxOf([...groups.values()].map((g) => g.n));
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 356,
    marginLeft: 60,
    marginBottom: X_AXIS_BOTTOM.marginBottom,
    style: plotStyle(opts.theme),
    x: {
      domain: LADDER.filter((p) => points.some((q) => q.stat === p)),
      label: "Percentile",
      labelOffset: X_AXIS_BOTTOM.labelOffset,
      padding: 0.3,
    },
    y: { type: "log", domain: [lo / 1.15, hi * 1.15] },
    color: colorScale(colors),
    symbol: symbolScale(colors),
    marks: [
      ...logAxis("y", lo / 1.15, hi * 1.15, {
        label: `↑ Completion latency (${unit.label}, log scale) — lower is better`,
      }),
      ...perName(points, (p) => p.driver, colors).map((part) =>
        Plot.line(part.data, {
          x: "stat",
          y: "value",
          stroke: "driver",
          strokeWidth: 1.8,
          strokeDasharray: part.dash,
        })
      ),
      Plot.dot(points, { x: "stat", y: "value", fill: "driver", symbol: "driver", r: 3.5 }),
    ],
  }) as unknown as Element;
  return frame({
    id,
    title,
    subtitle: `fio's reported ${metric} percentiles, mean over up to ${runs} runs per ${by}`,
    caption: opts.caption,
    legend: colors,
    legendKind: "line+shape",
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}
