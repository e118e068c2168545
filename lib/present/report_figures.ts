/**
 * The figures a report shows for one analysis, chosen by what the data holds. However large the data, the report
 * stays a report: detail figures (one per workload) are chosen, at most MAX_DETAIL of a kind, and charts with a
 * row per comparison are paged to print on one page each, at most MAX_ROWS rows over their pages; figuresNotDrawn
 * says what was left out and where it is. (lib/present/choose.ts says which are chosen.)
 * @module
 */
import type { Analysis } from "../analysis/analyse.ts";
import type { Histogram, Series } from "../model.ts";
import {
  costBarsFigure,
  costScatterFigure,
  driverComparisonFigure,
  figureView,
  forestFigure,
  heatmapFigure,
  latencyCdfFigure,
  latencyLadderFigure,
  latencyWorkload,
  networkFigure,
  prefix,
  roundTripCdfFigure,
  sweepFactors,
  sweepFigure,
  sweepMetric,
  timeseriesFigure,
  timeseriesFigureRuns,
  workloadsWith,
} from "./figures.ts";
import { type Figure, type FigureOptions, slug } from "../plot/figure.ts";
import { pageHeight, SCREEN_WIDTH } from "../plot/size.ts";
import type { Comparison } from "../stats/types.ts";
import { headline } from "./tables.ts";
import { choose, type Chosen } from "./choose.ts";
import { type Page, pages } from "../plot/paging.ts";
import { blockSizeAndDepth } from "../plot/heatmap.ts";
import { sweepPanels } from "../plot/sweep.ts";
import { THEMES } from "../plot/theme.ts";

export type { Figure };

/** The background of a report's PNGs: the light theme's. */
export const PNG_BACKGROUND = THEMES.light.background;

/** What every figure of a report shares: width and titles (print sizes, lib/plot/size.ts) and theme. */
type Shared = Pick<FigureOptions, "width" | "noTitles" | "theme">;

/** `o`: the figures' width and titles, the same for every figure. */
export function reportFigures(a: Analysis, o: Shared = {}): Figure[] {
  return [...eachReportFigure(a, o)];
}

/**
 * The same figures one at a time: a figure's drawing (a DOM of up to a few hundred thousand nodes at 20× the
 * shipped data) can be serialised and dropped before the next is drawn.
 */
export function* eachReportFigure(a: Analysis, o: Shared = {}): Generator<Figure> {
  for (const make of plan(a).makers) {
    for (const fig of make(o)) if (!fig.empty) yield fig;
  }
}

/**
 * One sentence per kind of figure the report drew only some of: how many were left out, which were drawn, and where
 * the rest are (results.csv/json, and the notebook call that draws any one). None when every one was drawn.
 */
export function figuresNotDrawn(a: Analysis): string[] {
  return plan(a).notes;
}

/** At most this many detail figures of one kind (a cost scatter per workload, a round-trip CDF per workload). */
export const MAX_DETAIL = 12;
/**
 * At most this many rows of the forest, panels of a chart with a panel per workload, and panels of a sweep, over all
 * of a chart's pages: about three pages each on screen (a sweep's panels are 190 px tall).
 */
export const MAX_ROWS = { forest: 120, panels: 32, sweep: 16 };

/** Draws one kind of figure (or the pages of one chart) at the report's width. */
type Maker = (o: Shared) => Iterable<Figure>;

/**
 * What the report draws, in order, each as a function that draws it at a width; and what it leaves out, in words.
 * Made once per analysis: the figures and the sentences of report.md and report.html all read it.
 */
function plan(a: Analysis): Plan {
  if (!plans.has(a)) plans.set(a, makePlan(a));
  return plans.get(a)!;
}
const plans = new WeakMap<Analysis, Plan>();
interface Plan {
  makers: Maker[];
  notes: string[];
  /** Whether a figure of the plan draws this histogram (the latency CDF's workload, the round-trip CDFs chosen). */
  draws: (h: Histogram) => boolean;
  /** The metrics drawn over time (one workload's runs each). */
  overTime: string[];
}

/**
 * The histograms the report's figures draw, of all the analysis holds. The report keeps only these once the plan is
 * made (lib/report/run.ts): at 20× the shipped data the others were 54 MB, with one latency CDF and 12 round-trip CDFs
 * to draw.
 */
export function drawnHistograms(a: Analysis): Histogram[] {
  const { draws } = plan(a);
  return a.dataset.histograms.filter(draws);
}

/**
 * The time series the report's figures draw: one workload's runs per metric drawn over time. The report keeps only
 * these, like the histograms: at 20× the shipped data the others were 17 200 series of 100 000 points.
 */
export function drawnSeries(a: Analysis): Series[] {
  const drawn = new Set(plan(a).overTime.flatMap((metric) => timeseriesFigureRuns(a, { metric })));
  return a.dataset.series.filter((s) => drawn.has(s));
}

function makePlan(a: Analysis): Plan {
  const notes: string[] = [];
  if (a.comparisons.length === 0) return { makers: [], notes, draws: () => false, overTime: [] };
  const metrics = new Set(a.comparisons.map((c) => c.metric));
  const one = (make: (o: Shared) => Figure): Maker => (o) => [make(o)];
  const figs: Maker[] = [forestPages(a, notes)];
  const overTime: string[] = [];
  const drawOverTime = (metric: string) => {
    overTime.push(metric);
    figs.push(one((o) => timeseriesFigure(a, { ...o, metric })));
  };
  const tools = new Set(a.rows.map((r) => r.tool));
  let cdf: string | undefined;
  if (tools.has("fio")) {
    for (const metric of ["iops", "bw", "lat"]) {
      if (metrics.has(metric)) figs.push(driverPages(a, metric, notes));
    }
    if (a.rows.some((r) => r.metric === "clat" && r.stat === "p99")) {
      figs.push(one((o) => latencyLadderFigure(a, o)));
    }
    if (a.dataset.histograms.length) {
      cdf = latencyWorkload(a);
      figs.push(one((o) => latencyCdfFigure(a, { ...o, workload: cdf })));
    }
    if (a.dataset.series.some((s) => s.metric === "bw")) drawOverTime("bw");
    if (a.comparisons.some((c) => blockSizeAndDepth(c.factors))) figs.push(one((o) => heatmapFigure(a, o)));
  }
  for (const x of sweepFactors(a)) figs.push(sweepPages(a, x, notes));
  if (tools.has("iperf3") || tools.has("iperf2")) {
    figs.push(one((o) => networkFigure(a, o)));
    if (a.dataset.series.some((s) => s.metric === "throughput")) drawOverTime("throughput");
  }
  const cost = costFigures(a, notes);
  const rtt = new Set(cost.rtt);
  const draws = (h: Histogram) =>
    h.metric === "rtt" ? rtt.has(h.factors.workload) : h.factors.workload === cdf;
  return { makers: [...figs, ...cost.makers], notes, draws, overTime };
}

/**
 * Host CPU cost and round trips, when the data holds host CPU records or sockperf full logs; `rtt`: the workloads
 * whose round-trip CDFs are drawn.
 */
function costFigures(a: Analysis, notes: string[]): { makers: Maker[]; rtt: string[] } {
  const figs: Maker[] = [];
  const byWorkload = comparisonsByWorkload(a);
  const of = (metric: string) => (workload: string) =>
    (byWorkload.get(workload) ?? []).filter((c) => c.metric === metric);
  if (a.rows.some((r) => r.tool === "host")) {
    for (const metric of ["host_cpu_per_gib", "host_cpu_per_gbit"]) {
      const all = workloadsWith(a, metric);
      const chosen = choose(all, MAX_DETAIL, of(metric));
      for (const workload of chosen.shown) {
        figs.push((o) => [costScatterFigure(a, { ...o, metric, workload })]);
      }
      if (chosen.hidden) {
        notes.push(
          notDrawn(
            chosen,
            all.length,
            `cost scatters (${metric}, one per workload)`,
            "07-host-cost",
            `vb.costScatterFigure(${variable(a)}, { metric: "${metric}", workload: "…" })`,
          ),
        );
      }
    }
    for (
      const metric of ["host_cpu_per_gib", "ios_per_host_cpu_s", "host_cpu_per_gbit", "host_cpu_per_rtt"]
    ) {
      if (workloadsWith(a, metric).length) figs.push(costBarPages(a, metric, notes));
    }
  }
  const rtt = [
    ...new Set(a.dataset.histograms.filter((h) => h.metric === "rtt").map((h) => h.factors.workload)),
  ];
  const chosen = choose(rtt, MAX_DETAIL, of("rtt"));
  for (const workload of chosen.shown) figs.push((o) => [roundTripCdfFigure(a, { ...o, workload })]);
  if (chosen.hidden) {
    notes.push(
      notDrawn(
        chosen,
        rtt.length,
        "round-trip CDFs (one per workload)",
        "07-host-cost",
        `vb.roundTripCdfFigure(${variable(a)}, { workload: "…" })`,
      ),
    );
  }
  return { makers: figs, rtt: chosen.shown };
}

/** The forest of headline comparisons, on pages. */
function forestPages(a: Analysis, notes: string[]): Maker {
  const rows = figureView(a).comparisons.filter(headline);
  const chosen = choose(rows, MAX_ROWS.forest, (c) => [c]);
  if (chosen.hidden) {
    notes.push(
      notDrawn(
        chosen,
        rows.length,
        "rows of the forest of headline comparisons",
        notebookOf(a),
        `vb.forestFigure(${variable(a)}, { filter: … })`,
      ),
    );
  }
  const id = slug(`${prefix(a)}-forest`);
  return onPages(chosen, id, (o) => forestFigure(a, o), (o, subset, ids) => {
    const keep = new Set(subset);
    return forestFigure(a, { ...o, filter: (c) => keep.has(c), ...ids });
  });
}

/** A sweep, a panel per combination of the other factors, on pages. */
function sweepPages(a: Analysis, x: string, notes: string[]): Maker {
  const view = figureView(a);
  const metric = sweepMetric(view, x);
  const panels = sweepPanels(view.comparisons, { metric, x });
  const chosen = choose([...panels.keys()], MAX_ROWS.sweep, (p) => panels.get(p) ?? []);
  if (chosen.hidden) {
    notes.push(
      notDrawn(
        chosen,
        panels.size,
        `panels of the ${metric} sweep against ${x}`,
        notebookOf(a),
        `vb.sweepFigure(${variable(a)}, { x: "${x}", panels: … })`,
      ),
    );
  }
  const id = slug(`${prefix(a)}-sweep-${metric}-${x}`);
  return onPages(
    chosen,
    id,
    (o) => sweepFigure(a, { ...o, x }),
    (o, panels, ids) => sweepFigure(a, { ...o, x, panels, ...ids }),
  );
}

/** Mean per run with its interval, a panel per workload, on pages. */
function driverPages(a: Analysis, metric: string, notes: string[]): Maker {
  const picked = figureView(a).comparisons.filter((c) => c.metric === metric && c.stat === "mean");
  return panelPages({
    metric,
    comparisons: picked,
    workloads: picked.map((c) => c.factors.workload ?? ""),
    id: slug(`${prefix(a)}-${metric}-mean-all`),
    notes,
    what: `workloads of the ${metric} chart`,
    notebook: notebookOf(a),
    call: `vb.driverComparisonFigure(${variable(a)}, { metric: "${metric}", workloads: /…/ })`,
    draw: (o, opts) => driverComparisonFigure(a, { ...o, metric, ...opts }),
  });
}

/** Host CPU cost bars of one metric, a panel per workload, on pages. */
function costBarPages(a: Analysis, metric: string, notes: string[]): Maker {
  const view = figureView(a);
  const by = a.by ?? "driver";
  const rows = view.rows.filter((r) =>
    r.metric === metric && r.stat === "value" && r.value > 0 && r.factors[by] !== undefined
  );
  return panelPages({
    metric,
    comparisons: view.comparisons.filter((c) => c.metric === metric),
    workloads: rows.map((r) => r.factors.workload ?? ""),
    id: slug(`${prefix(a)}-cost-${metric}-all`),
    notes,
    what: `workloads of the ${metric} cost bars`,
    notebook: "07-host-cost",
    call: `vb.costBarsFigure(${variable(a)}, { metric: "${metric}", workloads: /…/ })`,
    draw: (o, opts) => costBarsFigure(a, { ...o, metric, ...opts }),
  });
}

interface PanelChart {
  metric: string;
  /** The chart's comparisons: they rank its workloads. */
  comparisons: Comparison[];
  /** The workload of every row the chart draws (repeats allowed). */
  workloads: string[];
  id: string;
  notes: string[];
  what: string;
  notebook: string;
  call: string;
  draw: (o: Shared, opts: { workloads?: RegExp; id?: string; title?: string }) => Figure;
}

/** A chart with a panel per workload (sorted, as the plots order them), at most MAX_ROWS.panels, on pages. */
function panelPages(chart: PanelChart): Maker {
  const workloads = [...new Set(chart.workloads)].sort();
  const of = new Map<string, Comparison[]>();
  for (const c of chart.comparisons) {
    const w = c.factors.workload ?? "";
    of.set(w, [...(of.get(w) ?? []), c]);
  }
  const chosen = choose(workloads, MAX_ROWS.panels, (w) => of.get(w) ?? []);
  if (chosen.hidden) {
    chart.notes.push(notDrawn(chosen, workloads.length, chart.what, chart.notebook, chart.call));
  }
  return onPages(
    chosen,
    chart.id,
    (o) => chart.draw(o, {}),
    (o, subset, ids) => chart.draw(o, { workloads: exactly(subset), ...ids }),
  );
}

/**
 * The chosen units on pages no taller than a printed page at the figures' width (lib/plot/paging.ts): `whole`
 * draws the chart as it is (when every unit is shown and it fits), `part` some units under a page's id and title.
 */
function onPages<T>(
  chosen: Chosen<T>,
  id: string,
  whole: (o: Shared) => Figure,
  part: (o: Shared, subset: T[], ids: { id: string; title?: string }) => Figure,
): Maker {
  return (o) =>
    pages(
      chosen.shown,
      chosen.hidden === 0,
      pageHeight(o.width ?? SCREEN_WIDTH),
      (subset, page) => subset ? part(o, subset, paged(id, page)) : whole(o),
    );
}

/** The id (and title) of a page of a chart, or of the chart drawn with some of its rows on one page. */
function paged(id: string, page?: Page): { id: string; title?: string } {
  return page ? { id: `${id}${page.suffix}`, title: page.title } : { id };
}

/** A pattern that matches exactly these names. */
function exactly(names: string[]): RegExp {
  return new RegExp(`^(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})$`);
}

/** Comparisons (of the figures' view) by workload. */
function comparisonsByWorkload(a: Analysis): Map<string, Comparison[]> {
  const by = new Map<string, Comparison[]>();
  for (const c of figureView(a).comparisons) {
    const w = c.factors.workload ?? "";
    by.set(w, [...(by.get(w) ?? []), c]);
  }
  return by;
}

/** The notebook of a family (disk or network) and the name it gives the analysis. */
const notebookOf = (a: Analysis) => prefix(a) === "disk" ? "01-disk" : "02-network";
const variable = (a: Analysis) => prefix(a) === "disk" ? "disk" : "net";

/** "28 of 40 cost scatters … are not drawn (the report draws 12: …); every comparison is a row of results.csv …" */
function notDrawn<T>(chosen: Chosen<T>, total: number, what: string, notebook: string, call: string): string {
  return `${chosen.hidden} of ${total} ${what} are not drawn (the report draws ${chosen.shown.length}: decided ` +
    "verdicts, better or worse, first, largest change first, then the others in order); every comparison is a row " +
    `of results.csv and results.json, and notebooks/${notebook}.ipynb draws any of them with ${call}.`;
}
