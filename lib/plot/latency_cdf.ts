/**
 * Latency distribution per driver from histograms: every I/O (fio json+ bins) or every message (sockperf
 * `--full-log` round trips) of every run, pooled per driver or NIC (the bins are exact per-run counts). The y axis is the percentile on a log scale of 1 − p
 * (the share of I/Os at least this slow), so p50, p90, p99, p99.9 … are equally spaced and the tail,
 * which a linear CDF squeezes into its top pixel, gets most of the height; x is latency on a log scale.
 * @module
 */
import * as Plot from "./plot.ts";
import type { Histogram } from "../model.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { perName } from "./channels.ts";
import { frame, plotStyle, X_AXIS_BOTTOM } from "./frame.ts";
import { colorScale, driverColors } from "./theme.ts";
import { logAxis } from "./scales.ts";
import { unitFor } from "./units.ts";

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
  const perDriver = new Map<string, Histogram[]>();
  for (const h of picked) {
    (perDriver.get(h.factors[by]) ?? perDriver.set(h.factors[by], []).get(h.factors[by])!).push(h);
  }
  let top = 0, bottom = Infinity;
  for (const h of picked) {
    for (let i = 0; i < h.value.length; i++) {
      const v = h.value[i];
      top = Math.max(top, v);
      if (v > 0) bottom = Math.min(bottom, v);
    }
  }
  const unit = unitFor(opts.units, metric, "ns", top);
  // tail = share of the driver's I/Os at least as slow as this bin: never 0, so it fits a log axis.
  // Drawn as −log10(1 − p) on a linear axis: 0 = p0, 1 = p90, 2 = p99, … (Plot's log axis drops labels).
  const width = opts.width ?? 760;
  const column = pixelColumn(bottom, top, width);
  const points: { driver: string; latency: number; tail: number }[] = [];
  let ios = 0, floor = 1;
  for (const [driver, hs] of [...perDriver].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { values, counts } = pooledBins(hs);
    let total = 0;
    for (let k = 0; k < counts.length; k++) total += counts[k];
    ios += total;
    let before = 0;
    const cols = values.map(column);
    for (let k = 0; k < values.length; k++) {
      const tail = (total - before) / total;
      floor = Math.min(floor, tail);
      before += counts[k];
      // Only the first and last step within each quarter pixel are drawn: the curve looks the same, and a
      // sockperf log of 16 000 distinct round trips stays a figure of kilobytes, not megabytes.
      if (cols[k] === cols[k - 1] && cols[k] === cols[k + 1]) continue;
      points.push({ driver, latency: values[k] * unit.factor, tail: -Math.log10(tail) });
    }
  }
  const decades = Math.max(2, Math.ceil(-Math.log10(floor)));
  const ticks = [0, Math.log10(2), ...Array.from({ length: decades }, (_, k) => k + 1)];
  let lo = Infinity, hi = 0;
  for (const p of points) [lo, hi] = [Math.min(lo, p.latency), Math.max(hi, p.latency)];
  const colors = driverColors(points.map((p) => p.driver), opts.universe);
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 380,
    marginLeft: 62,
    marginTop: 28,
    marginBottom: X_AXIS_BOTTOM.marginBottom,
    style: plotStyle(opts.theme),
    x: { type: "log" },
    y: {
      domain: [0, decades],
      ticks,
      tickFormat: percentileName,
      label: "↑ Percentile (log scale of 1 − p)",
      grid: true,
    },
    color: colorScale(colors),
    marks: [
      ...logAxis("x", lo, hi, {
        label: `${axis} (${unit.label}, log scale) →`,
        labelOffset: X_AXIS_BOTTOM.labelOffset,
      }, width - 62 - 20),
      ...perName(points, (p) => p.driver, colors).map((part) =>
        Plot.line(part.data, {
          x: "latency",
          y: "tail",
          stroke: "driver",
          strokeWidth: 1.8,
          strokeDasharray: part.dash,
          curve: "step-before",
        })
      ),
    ],
  }) as unknown as Element;
  return frame({
    id,
    title,
    subtitle: `Every ${one} from ${from}, runs pooled per ${by} · ${
      ios.toLocaleString("en-US")
    } ${counted} · a curve further left is faster; the top is the tail (p99.9 = the slowest 1 in 1,000)`,
    caption: opts.caption,
    legend: colors,
    legendKind: "line",
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}

/**
 * The bins of several histograms pooled: each distinct value once, ascending, with the sum of its counts (exact:
 * the counts are whole numbers). In typed arrays: a sockperf log has ~16 000 distinct round trips, and a pair per bin
 * in a Map and a sorted copy were most of the report's figure allocations at 20× the shipped data.
 */
export function pooledBins(hs: Histogram[]): { values: Float64Array; counts: Float64Array } {
  let n = 0;
  for (const h of hs) n += h.value.length;
  const value = new Float64Array(n), count = new Float64Array(n);
  n = 0;
  for (const h of hs) {
    for (let i = 0; i < h.value.length; i++, n++) {
      value[n] = h.value[i];
      count[n] = h.count[i];
    }
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => value[a] - value[b]);
  const values = new Float64Array(n), counts = new Float64Array(n);
  let m = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j];
    if (m > 0 && values[m - 1] === value[i]) counts[m - 1] += count[i];
    else {
      values[m] = value[i];
      counts[m++] = count[i];
    }
  }
  return { values: values.subarray(0, m), counts: counts.subarray(0, m) };
}

/** Value → a quarter-pixel column of a log x axis from `lo` to `hi` drawn `width` pixels wide. */
function pixelColumn(lo: number, hi: number, width: number): (v: number) => number {
  const span = Math.log(hi / lo) || 1;
  return (v) => (v > 0 ? Math.floor((Math.log(v / lo) / span) * width * 4) : -1);
}

/** −log10(1 − p) → "p0", "p50", "p99.9". */
function percentileName(y: number): string {
  return `p${Number((100 * (1 - 10 ** -y)).toPrecision(6))}`;
}
