/**
 * Stability over time: per-second series (fio logs, iperf intervals), one line per run coloured by
 * driver. Long series are decimated first (decimate.ts), so drawing stays fast and spikes stay
 * visible: then, and when the log itself carries each interval's min and max, the run's min–max
 * envelope is shaded behind its line — and the subtitle says so only when it is drawn.
 * @module
 */
import * as Plot from "./plot.ts";
import type { Series } from "../model.ts";
import { decimate } from "./decimate.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { perName } from "./channels.ts";
import { frame, plotStyle, X_AXIS_BOTTOM } from "./frame.ts";
import { colorScale, driverColors } from "./theme.ts";
import { axisLabel, metricLabel, unitFor } from "./units.ts";

export interface TimeseriesOptions extends FigureOptions {
  by?: string;
  metric: string;
  /** Keep only this workload (default: the first one that has series). */
  workload?: string;
  direction?: string;
  job?: string;
  /** Maximum points per run after decimation (default 600). */
  buckets?: number;
  caption?: string;
}

/** What picks a figure's runs: the metric, and optionally the compared factor, workload, direction and job. */
export type SeriesPick = Pick<TimeseriesOptions, "by" | "metric" | "workload" | "direction" | "job">;

/**
 * The runs' series a figure draws: those of the metric (and direction, job) that carry the compared factor, of one
 * workload (the first, sorted, unless one is given). A report keeps only these (lib/present/report_figures.ts).
 */
export function timeseriesRuns(
  series: Series[],
  opts: SeriesPick,
): { by: string; workload?: string; picked: Series[] } {
  const by = opts.by ?? (series.some((s) => s.factors.nic) ? "nic" : "driver");
  const candidates = series.filter((s) =>
    s.metric === opts.metric && s.factors[by] !== undefined &&
    (!opts.direction || s.direction === opts.direction) &&
    (!opts.job || s.job === opts.job)
  );
  const workload = opts.workload || [...new Set(candidates.map((s) => s.factors.workload))].sort()[0];
  return { by, workload, picked: candidates.filter((s) => s.factors.workload === workload) };
}

export function timeseries(series: Series[], opts: TimeseriesOptions): Figure {
  const { by, workload, picked } = timeseriesRuns(series, opts);
  const title = opts.title ?? `${metricLabel(opts.metric)} over time · ${workload ?? opts.metric}`;
  const id = opts.id ?? slug(`timeseries-${opts.metric}-${workload ?? "none"}`);
  if (picked.length === 0) return emptyFigure(id, title, `no ${opts.metric} time series`, opts);
  let top = 0;
  for (const s of picked) for (const v of s.max ?? s.value) top = Math.max(top, v);
  const unit = unitFor(opts.units, opts.metric, picked[0].unit, top);
  const interval = picked[0].interval ?? 1;
  const points = picked.flatMap((s) => {
    const env = decimate(s.t, s.value, opts.buckets ?? 600, s.min, s.max);
    const run = `${s.factors[by]} ${s.factors.rep ?? s.source}`;
    return env.t.map((t, i) => ({
      driver: s.factors[by],
      run,
      t,
      value: env.mean[i] * unit.factor,
      lo: env.min[i] * unit.factor,
      hi: env.max[i] * unit.factor,
    }));
  });
  const colors = driverColors(points.map((p) => p.driver), opts.universe);
  const width = opts.width ?? 760;
  const shaded = points.some((p) => p.hi - p.lo > 1e-9 * Math.abs(p.hi));
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 336,
    marginLeft: 60,
    marginBottom: X_AXIS_BOTTOM.marginBottom,
    style: plotStyle(opts.theme),
    x: { label: "Time since start of run (s) →", labelOffset: X_AXIS_BOTTOM.labelOffset, grid: true },
    y: { label: `↑ ${axisLabel(opts.metric, undefined, unit.label)}`, grid: true, zero: true },
    color: colorScale(colors),
    marks: [
      shaded
        ? Plot.areaY(points, { x: "t", y1: "lo", y2: "hi", z: "run", fill: "driver", fillOpacity: 0.15 })
        : null,
      ...perName(points, (p) => p.driver, colors).map((part) =>
        Plot.line(part.data, {
          x: "t",
          y: "value",
          z: "run",
          stroke: "driver",
          strokeWidth: 1.2,
          strokeOpacity: 0.85,
          strokeDasharray: part.dash,
        })
      ),
    ],
  }) as unknown as Element;
  const runs = new Set(points.map((p) => p.run)).size;
  return frame({
    id,
    title,
    subtitle: `Mean of each ${interval} s interval, one line per run (${runs} runs)` +
      (shaded ? " · shaded: each run's min–max within each interval or decimated column" : ""),
    caption: [
      "Successive intervals of one run are autocorrelated: this shows stability, it is not a sample for tests.",
      opts.caption ?? "",
    ].filter(Boolean).join(" "),
    legend: colors,
    legendKind: "line",
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}
