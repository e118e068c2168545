/**
 * Which collection changed it: change points per configuration and metric across the store's batches, in batch
 * order (issue 31). The store gives every run-level value of a metric with its batch (lib/store `readHistory`);
 * each configuration (every factor but `rep`, plus tool, job and direction) becomes one series of batches, and
 * lib/stats/change_points.ts finds and judges its change points, with one family step per family (families.ts)
 * over every configuration × metric looked at.
 * @module
 */
import type { HistoryChanges, HistoryLine } from "../plot/history.ts";
import { type Figure, type FigureOptions, slug } from "../plot/figure.ts";
import type { HistoryFigureOptions } from "../plot/history.ts";
import { pageHeight, SCREEN_WIDTH } from "../plot/size.ts";
import { pages } from "../plot/paging.ts";
import { metricLabel } from "../plot/units.ts";
import { configFactors, type History, historyFigure, historyLine, lineKey } from "./history.ts";
import { betterDirection, type Factors, type Unit } from "../model.ts";
import { summarize } from "../stats/summary.ts";
import {
  type ChangePoint,
  changePoints,
  type ChangeResult,
  type ChangeSeries,
} from "../stats/change_points.ts";
import { type MetricSelector, PRIMARY_METRICS } from "../stats/compare.ts";
import { familyOf, rateSibling } from "../stats/families.ts";
import type { AdjustMethod } from "../stats/types.ts";
import type { Gate } from "../stats/verdict.ts";
import type { BatchValues } from "../store/read.ts";

export interface ChangesOptions {
  metrics?: MetricSelector[];
  /** Significance level α (default 0.05). */
  alpha?: number;
  adjust?: AdjustMethod;
  minChange?: number;
  /** Fewest batches on either side of a change (default 2). */
  minSegment?: number;
}

/** One configuration × metric: what identifies it in tables and figures (a batch's values without the batch). */
export interface ChangeConfig extends Omit<BatchValues, "batch" | "values"> {
  key: string;
  workload: string;
  /** The other factors, "driver=ide os=linux". */
  configuration: string;
}

export interface Changes {
  result: ChangeResult;
  configs: Map<string, ChangeConfig>;
  /** Each tested series' runs per batch, by key: what the figures draw. */
  runs: Map<string, ChangeSeries>;
  /** Every batch of the store that holds one of the metrics, in order. */
  batches: string[];
}

/** Change points of every configuration and metric of the store. */
export async function storeChanges(store: string, opts: ChangesOptions = {}): Promise<Changes> {
  const metrics = opts.metrics ?? PRIMARY_METRICS;
  const { readBatchValues } = await import("../store/read.ts"); // DuckDB loads when changes are asked for
  return changesOf(await readBatchValues(store, metrics), opts);
}

/** Change points of per-batch run values (as `readBatchValues` gives them). */
export function changesOf(rows: BatchValues[], opts: ChangesOptions = {}): Changes {
  const batches = [...new Set(rows.map((r) => r.batch))].sort();
  const groups = new Map<string, { config: ChangeConfig; runs: Map<string, number[]> }>();
  for (const r of rows) {
    const factors = configFactors(r.factors);
    const key = configKey(factors, r.tool, r.job, r.direction, r.metric, r.stat);
    let g = groups.get(key);
    if (!g) {
      const { workload = r.job, ...rest } = factors;
      const configuration = Object.entries(rest).map(([k, v]) => `${k}=${v}`).join(" ");
      const { batch: _batch, values: _values, ...values } = r;
      g = { config: { ...values, key, workload, configuration, factors }, runs: new Map() };
      groups.set(key, g);
    }
    const runs = g.runs.get(r.batch) ?? g.runs.set(r.batch, []).get(r.batch)!;
    for (const v of r.values) runs.push(v);
  }
  const series: ChangeSeries[] = [];
  for (
    const { config, runs } of [...groups.values()].sort((a, b) => (a.config.key < b.config.key ? -1 : 1))
  ) {
    const sibling = rateSibling(config.metric);
    const { factors, tool, job, direction, stat } = config;
    const hasSibling = sibling !== null &&
      groups.has(configKey(factors, tool, job, direction, sibling, stat));
    const family = familyOf(config, hasSibling);
    if (family === null) continue; // the same ratio as the headline rate (fixed block size)
    const present = batches.filter((b) => runs.has(b));
    series.push({
      key: config.key,
      family,
      better: betterDirection(config.metric),
      batches: present,
      runs: present.map((b) => runs.get(b)!),
    });
  }
  const result = changePoints(series, opts);
  return {
    result,
    configs: new Map([...groups].map(([k, g]) => [k, g.config])),
    runs: new Map(series.map((s) => [s.key, s])),
    batches,
  };
}

/** changes.csv: one row per reported change point. */
export function changesTable(c: Changes): Record<string, string | number | null>[] {
  return c.result.series.flatMap((s) =>
    s.changes.map((p) => {
      const config = c.configs.get(s.key)!;
      return {
        workload: config.workload,
        metric: config.metric,
        stat: config.stat,
        batch_before: p.batchBefore,
        batch_after: p.batchAfter,
        ratio: round(p.ratio),
        ratio_lo: round(p.ratioCI.lo),
        ratio_hi: round(p.ratioCI.hi),
        verdict: p.verdict,
        n_before: p.before.means.length,
        n_after: p.after.means.length,
        configuration: config.configuration,
        tool: config.tool,
        direction: config.direction,
        family: p.family,
        level: round(p.ratioCI.level),
        p_adjusted: round(p.pAdjusted),
        mean_before: round(p.before.summary.mean),
        mean_after: round(p.after.summary.mean),
        unit: config.unit,
      };
    })
  );
}

/** The latest reported change of each series (what `--check --changes` reads). */
export function latestChanges(c: Changes): ChangePoint[] {
  return c.result.series.flatMap((s) => s.changes.length ? [s.changes[s.changes.length - 1]] : []);
}

/**
 * `--check --changes`: a regression when the latest change of a headline metric is worse; undecided when no
 * headline series has enough batches to be tested (fewer than twice the minimum segment).
 */
export function changesGate(c: Changes): Gate {
  const worse = latestChanges(c).filter((p) => p.family === "headline" && p.verdict === "worse");
  const reasons = worse.map((p) => {
    const config = c.configs.get(p.key)!;
    return `worse since batch ${p.batchAfter}: ${config.workload} ${config.configuration} ${config.metric} ` +
      `${config.stat} ×${p.ratio?.toPrecision(3)}, interval [${p.ratioCI.lo?.toPrecision(3)}, ` +
      `${p.ratioCI.hi?.toPrecision(3)}] (batch ${p.batchBefore} → ${p.batchAfter})`;
  });
  const headline = c.result.families.find((f) => f.name === "headline");
  if (!headline || headline.size === 0) {
    reasons.push(
      `no headline metric has the ${2 * c.result.minSegment} batches a change point needs ` +
        `(minimum segment ${c.result.minSegment})`,
    );
  }
  return { status: worse.length ? "regression" : reasons.length ? "undecided" : "pass", reasons };
}

/** One sentence per reported change, for report.md/html. */
export function changeSentences(c: Changes): string[] {
  return c.result.series.flatMap((s) =>
    s.changes.map((p) => {
      const config = c.configs.get(s.key)!;
      const where = [config.workload, config.configuration].filter(Boolean).join(" ");
      return `${where} ${config.metric} ${config.stat}: ${p.verdict} between batch ${p.batchBefore} and ` +
        `${p.batchAfter}, ×${p.ratio?.toPrecision(3)} [${p.ratioCI.lo?.toPrecision(3)}, ` +
        `${
          p.ratioCI.hi?.toPrecision(3)
        }] (${p.before.means.length} batches before, ${p.after.means.length} after)`;
    })
  );
}

/**
 * What the report says when it lists no change point: none cleared the band among those tested, or, when none
 * could be tested (each configuration has fewer batches than two segments), that this is too little history to
 * tell — insufficient, not "no change".
 */
export function noChangeSentence(c: Changes): string {
  const tested = c.result.families.reduce((n, f) => n + f.size, 0);
  if (tested > 0) return `No change point clears the no-change band (${tested} tested).`;
  const need = 2 * c.result.minSegment;
  return `Nothing could be tested: a change point needs ${need} batches of a configuration (${c.result.minSegment} ` +
    `a side, --min-segment), and the store holds ${c.batches.length}. Too little history to tell, which is not ` +
    `"no change".`;
}

/** A sentence describing the families and their levels, for captions. */
export function changesMethod(c: Changes): string {
  const fams = c.result.families.map((f) =>
    `${f.name}: ${f.size} tested, intervals at ${
      Number((f.level * 100).toPrecision(3))
    } % before the split correction`
  );
  return `Change points per configuration and metric across ${c.batches.length} batches (one mean per batch; ` +
    `at least ${c.result.minSegment} batches a side); ${fams.join("; ")}.`;
}

function configKey(factors: Factors, ...rest: string[]): string {
  return JSON.stringify([Object.entries(factors), ...rest]);
}

function round(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : Number(x.toPrecision(6));
}

/** Which metric a figure draws: its metric and stat, of one tool or (no `tool`) of every tool. */
type MetricOf = Pick<ChangeConfig, "metric" | "stat"> & { tool?: string };

function isOf(config: ChangeConfig, m: MetricOf): boolean {
  return config.metric === m.metric && config.stat === m.stat &&
    (m.tool === undefined || config.tool === m.tool);
}

/**
 * The change marks of one metric's history figure, keyed like the history's lines (factors and direction). A line
 * with too few batches for any change point (fewer than two segments' worth) gets none: its one segment's band would
 * be the interval of two or three batch means, wide enough to fill the panel, for a test that was never made.
 */
export function changeMarks(
  c: Changes,
  m: MetricOf,
): Map<string, HistoryChanges> {
  const marks = new Map<string, HistoryChanges>();
  for (const s of c.result.series) {
    const config = c.configs.get(s.key)!;
    if (!isOf(config, m)) continue;
    if (s.batches.length < 2 * c.result.minSegment) continue;
    const name = (i: number) => s.batches[i];
    marks.set(lineKey(config.factors, config.direction), {
      segments: s.segments.map((g) => ({
        first: name(g.first),
        last: name(g.last),
        mean: g.summary.mean,
        lo: g.summary.meanCI.lo,
        hi: g.summary.meanCI.hi,
      })),
      changes: s.changes.map((p) => ({
        before: p.batchBefore,
        after: p.batchAfter,
        worse: p.verdict === "worse",
      })),
    });
  }
  return marks;
}

/**
 * The history figure of every metric with a reported change (or, when there is none, of the headline metrics),
 * marked with its change points and segment means: what the report and notebook 06 show. Drawn from the values the
 * change points were found in (`c`), not from a second read of the store: a batch appended in between could
 * otherwise be drawn without being tested.
 */
export function changesFigures(
  c: Changes,
  opts: Pick<FigureOptions, "theme" | "width" | "noTitles"> = {},
): Figure[] {
  const withChange = c.result.series.filter((s) => s.changes.length).map((s) => c.configs.get(s.key)!);
  const headline = c.result.series.filter((s) => s.family === "headline").map((s) => c.configs.get(s.key)!);
  const shown = withChange.length ? withChange : headline;
  // One figure per metric and tool (iperf3's and iperf 2's throughput apart: UDP's 1 Mbit/s beside TCP's Gbit/s
  // would put both on one log axis); the tool is named when a metric has more than one.
  const figures = new Map(shown.map((m) => [`${m.metric}\n${m.stat}\n${m.tool}`, m]));
  const tools = (m: ChangeConfig) =>
    [...figures.values()].filter((x) => x.metric === m.metric && x.stat === m.stat);
  const metricOrder = [...new Set(shown.map((m) => `${m.metric}\n${m.stat}`))];
  const at = (m: ChangeConfig) => metricOrder.indexOf(`${m.metric}\n${m.stat}`);
  return [...figures.values()].sort((a, b) => at(a) - at(b) || (a.tool < b.tool ? -1 : 1)).flatMap((m) => {
    const marks = changeMarks(c, m);
    const tool = tools(m).length > 1 ? m.tool : "";
    return [
      ...historyPages(changesHistory(c, m), {
        ...opts,
        changes: marks.size ? marks : undefined,
        title: `${metricLabel(m.metric, m.stat)} across batches${tool ? ` · ${tool}` : ""}`,
        id: slug(`history-${m.metric}-${m.stat}${tool ? `-${tool}` : ""}`),
      }),
    ];
  });
}

/**
 * A history on pages that each print on one page at the figure's width, like the report's other charts
 * (lib/plot/paging.ts): a store with many hosts has a panel per workload and host, 120 px each. A panel's lines
 * (one per driver or NIC) stay together.
 */
function historyPages(
  h: History,
  o: Omit<HistoryFigureOptions, "metric" | "stat"> & { id: string; title: string },
): Iterable<Figure> {
  const by = ["driver", "nic"].find((f) => h.lines.some((l) => l.factors[f] !== undefined)) ?? "";
  const panel = (l: HistoryLine) => JSON.stringify(Object.entries(l.factors).filter(([k]) => k !== by));
  // In the order the figure draws panels (by workload first), so each page holds a run of them.
  const workload = new Map(h.lines.map((l) => [panel(l), l.factors.workload ?? ""]));
  const panels = [...workload.keys()].sort((a, b) =>
    workload.get(a)!.localeCompare(workload.get(b)!) || (a < b ? -1 : 1)
  );
  return pages(panels, true, pageHeight(o.width ?? SCREEN_WIDTH), (subset, page) => {
    const lines = subset === undefined ? h.lines : h.lines.filter((l) => subset.includes(panel(l)));
    return historyFigure({ ...h, lines }, {
      ...o,
      id: o.id + (page?.suffix ?? ""),
      title: page?.title ?? o.title,
    });
  });
}

/**
 * One metric's history as the change points saw it: a line per configuration tested (as `storeHistory` keys and
 * labels them), each batch's runs summarised; no steps between consecutive batches (the figure marks change points).
 * Every tool's configurations unless `m.tool` names one (throughput: iperf3's and iperf 2's workloads, a panel each).
 */
export function changesHistory(
  c: Changes,
  m: MetricOf,
): History {
  const lines: HistoryLine[] = [];
  for (const s of c.runs.values()) {
    const config = c.configs.get(s.key)!;
    if (!isOf(config, m)) continue;
    lines.push({
      ...historyLine(config.factors, config.direction, config.metric, config.unit as Unit),
      points: s.batches.map((batch, i) => ({ batch, summary: summarize(s.runs[i]) })),
    });
  }
  const batches = [...new Set(lines.flatMap((l) => l.points.map((p) => p.batch)))].sort();
  return {
    metric: m.metric,
    stat: m.stat,
    batches,
    lines: lines.sort((a, b) => (a.label < b.label ? -1 : 1)),
  };
}
