/**
 * What each unit of work cost, per driver: one panel per workload, the mean per-run cost (bar) with
 * its 95 % t-interval and every run (circles), a filled dot at the bar's end where the comparison
 * with the baseline is decided. I/Os per host CPU-second is drawn as its reciprocal, host CPU time per I/O
 * (units.ts SHOWN_AS), so every bar of this figure reads "shorter is cheaper"; the verdict is the same comparison.
 * Values are in the notebook's or report's unit plan (`units`).
 * @module
 */
import * as Plot from "./plot.ts";
import type { Measurement, Rows } from "../model.ts";
import { summarize } from "../stats/summary.ts";
import type { Comparison } from "../stats/types.ts";
import { decided } from "../stats/verdict.ts";
import { marksText } from "./cost_scatter.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { breakLabel, facetLabels, fitLabel, isNarrow } from "./size.ts";
import { frame, plotStyle, stackCharts, X_AXIS_BOTTOM } from "./frame.ts";
import { nRange } from "./groups.ts";
import { meanBarMarks } from "./mean_bars.ts";
import { colorScale, driverColors } from "./theme.ts";
import { axisLabel, metricLabel, SHOWN_AS, unitFor } from "./units.ts";
import { maxOf } from "../arrays.ts";

export interface CostBarsOptions extends FigureOptions {
  /** A cost metric: host_cpu_per_gib, ios_per_host_cpu_s, host_cpu_per_gbit, host_cpu_per_rtt, guest_cpu_per_gbps. */
  metric: string;
  by?: string;
  /** Keep only workloads whose name matches. */
  workloads?: RegExp;
  comparisons?: Comparison[];
  caption?: string;
}

export function costBars(rows: Rows, opts: CostBarsOptions): Figure {
  const by = opts.by ?? "driver";
  const shown = SHOWN_AS[opts.metric];
  const metric = shown?.metric ?? opts.metric;
  const title = opts.title ?? `${metricLabel(metric)} by ${by}`;
  const id = opts.id ?? slug(`cost-${opts.metric}-${opts.workloads?.source ?? "all"}`);
  const picked = rows.filter((r) =>
    r.metric === opts.metric && r.stat === "value" && r.factors[by] !== undefined && r.value > 0 &&
    (!opts.workloads || opts.workloads.test(r.factors.workload ?? ""))
  );
  if (picked.length === 0) {
    const why = opts.metric.includes("host_cpu") ? " (no host CPU records, <workload>.hostcpu.json)" : "";
    return emptyFigure(id, title, `no ${opts.metric} results to show${why}`, opts);
  }
  const value = (r: Measurement) => shown ? shown.f(r.value) : r.value;
  const unit = unitFor(opts.units, metric, shown?.unit ?? picked[0].unit, maxOf(picked.map(value)));
  const groups = new Map<string, number[]>();
  for (const r of picked) {
    const key = JSON.stringify([r.factors.workload ?? "", r.factors[by]]);
    groups.set(key, [...(groups.get(key) ?? []), value(r) * unit.factor]);
  }
  const stats = [...groups].map(([key, values]) => {
    const [workload, group] = JSON.parse(key) as [string, string];
    const s = summarize(values);
    const c = opts.comparisons?.find((c) =>
      c.metric === opts.metric && c.candidateName === group && c.factors.workload === workload
    );
    return {
      workload,
      group,
      n: s.n,
      values,
      mean: s.mean,
      lo: Math.max(0, s.meanCI.lo ?? s.mean),
      hi: s.meanCI.hi ?? s.mean,
      decided: c !== undefined && decided(c),
    };
  });
  const points = stats.flatMap((s) =>
    s.values.map((v) => ({ workload: s.workload, group: s.group, value: v }))
  );
  const colors = driverColors(stats.map((s) => s.group));
  const workloads = [...new Set(stats.map((s) => s.workload))].sort();
  const width = opts.width ?? 760;
  const xLabel = fitLabel(axisLabel(metric, "value", unit.label), " — lower is cheaper", width);
  const plotFor = (
    shownWorkloads: string[],
    o: { last: boolean; domain?: [number, number]; facets: boolean },
  ) =>
    Plot.plot({
      document: plotDocument(),
      width,
      height: o.facets
        ? 50 + shownWorkloads.length * (colors.size * 18 + 16)
        : colors.size * 18 + (o.last ? 20 + X_AXIS_BOTTOM.marginBottom : 30),
      ...(o.facets ? {} : { marginTop: 4 }),
      marginLeft: 90,
      marginRight: isNarrow(width) ? 84 : 130,
      marginBottom: o.facets || o.last ? X_AXIS_BOTTOM.marginBottom : 26,
      style: plotStyle(opts.theme),
      x: {
        label: o.last ? xLabel : null,
        labelOffset: X_AXIS_BOTTOM.labelOffset,
        grid: true,
        zero: true,
        // Stacked panels: nice ends, so the costliest run sits on a labelled tick, not the edge.
        ...(o.facets ? {} : { nice: true }),
        ...(o.domain ? { domain: o.domain } : {}),
      },
      y: { label: null, domain: [...colors.keys()] },
      fy: o.facets
        ? {
          label: null,
          domain: shownWorkloads,
          tickFormat: isNarrow(width)
            ? (w: string) => breakLabel(w, 11)
            : facetLabels(shownWorkloads, 130 - 10),
        }
        : undefined,
      color: colorScale(colors),
      marks: [
        ...meanBarMarks(
          stats.filter((s) => shownWorkloads.includes(s.workload)),
          points.filter((p) => shownWorkloads.includes(p.workload)),
          "group",
          o.facets ? "workload" : undefined,
        ),
        Plot.dot(stats.filter((s) => s.decided && shownWorkloads.includes(s.workload)), {
          y: "group",
          x: "mean",
          fy: o.facets ? "workload" : undefined,
          fill: "group",
          stroke: "currentColor",
          r: 4.5,
        }),
      ],
    }) as unknown as Element;
  // Workloads within a factor of 10 of the costliest share its axis; one far below (sequential I/O beside random,
  // per GiB) gets its own, or its bars would be squashed to nothing against the shared one.
  let most = 0;
  for (const st of stats) most = Math.max(most, st.hi);
  const maxOfWorkload = (w: string) => maxOf(stats.filter((st) => st.workload === w).map((st) => st.hi));
  const chart = workloads.every((w) => maxOfWorkload(w) >= most / 10)
    ? plotFor(workloads, { last: true, facets: true })
    : stackCharts(
      workloads.map((w, k) => {
        const own = maxOfWorkload(w) < most / 10;
        return {
          name: own ? `${w} (own scale)` : w,
          chart: plotFor([w], {
            last: k === workloads.length - 1,
            domain: own ? undefined : [0, most],
            facets: false,
          }),
        };
      }),
      width,
      opts.theme,
    );
  return frame({
    id,
    title,
    subtitle: `Mean per-run cost (bar) with 95 % t-interval and every run (circles) · ` +
      `${marksText(opts.comparisons, opts.metric).replace("filled", "filled dot at the bar's end")} · n = ${
        nRange(stats.map((s) => s.n))
      } runs per ${by}`,
    caption: opts.caption,
    legend: colors,
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}
