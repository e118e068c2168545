/**
 * The history of one metric across the store's batches: per configuration (every factor but `rep`, plus tool,
 * job and direction) each batch's runs summarised with their mean's interval, and each pair of consecutive
 * batches compared with the same pipeline as a before/after pair. The family of one step is this metric's
 * comparisons between those two batches (Holm across them).
 * @module
 */
import { betterDirection, type Factors, type Measurement, REPETITION_FACTOR, type Unit } from "../model.ts";
import type { Figure } from "../plot/figure.ts";
import { history, type HistoryFigureOptions, type HistoryLine } from "../plot/history.ts";
import { compare } from "../stats/compare.ts";
import { summarize } from "../stats/summary.ts";
import type { MetricQuery } from "../store/read.ts";

export interface HistoryOptions extends MetricQuery {
  /** Keep only configurations with these factor values, e.g. `{ workload: "randread-4k-qd32" }`. */
  where?: Factors;
  level?: number;
  seed?: number;
  /** false: only each batch's summary, no comparisons between consecutive batches (they dominate the cost). */
  steps?: boolean;
}

export interface History {
  metric: string;
  stat: string;
  batches: string[];
  lines: HistoryLine[];
}

/** The store's history of one metric (DuckDB selects the values; lib/stats summarises and compares them). */
export async function storeHistory(store: string, opts: HistoryOptions): Promise<History> {
  const level = opts.level ?? 0.95;
  const { readHistory } = await import("../store/read.ts"); // DuckDB loads when a history is asked for
  const rows = (await readHistory(store, opts)).filter((r) =>
    Object.entries(opts.where ?? {}).every(([k, v]) => r.factors[k] === v)
  );
  const batches = [...new Set(rows.map((r) => r.batch))].sort();
  const lines = new Map<string, HistoryLine & { runs: Map<string, number[]> }>();
  for (const r of rows) {
    const factors = configFactors(r.factors);
    const key = lineKey(factors, r.direction);
    let line = lines.get(key);
    if (!line) {
      line = { ...historyLine(factors, r.direction, r.metric, r.unit), runs: new Map() };
      lines.set(key, line);
    }
    (line.runs.get(r.batch) ?? line.runs.set(r.batch, []).get(r.batch)!).push(r.value);
  }
  for (const line of lines.values()) {
    line.points = batches.filter((b) => line.runs.has(b)).map((batch) => ({
      batch,
      summary: summarize(line.runs.get(batch)!, level),
    }));
  }
  for (let i = 0; opts.steps !== false && i + 1 < batches.length; i++) {
    const [from, to] = [batches[i], batches[i + 1]];
    const pair: Measurement[] = rows.filter((r) => r.batch === from || r.batch === to)
      .map(({ batch, ...m }) => ({ ...m, factors: { ...m.factors, batch } }));
    const { comparisons } = compare(pair, {
      by: "batch",
      baseline: from,
      candidates: [to],
      metrics: [{ metric: opts.metric, stat: opts.stat, direction: opts.direction, tool: opts.tool }],
      level,
      seed: opts.seed ?? 1,
      robustness: false, // the figure draws verdicts and intervals only: no bootstrap, no permutation test
    });
    for (const c of comparisons) {
      lines.get(lineKey(configFactors(c.factors), c.direction))?.steps.push({ from, to, comparison: c });
    }
  }
  return {
    metric: opts.metric,
    stat: opts.stat,
    batches,
    lines: [...lines.values()].map(({ runs: _, ...line }) => line).sort((
      a,
      b,
    ) => (a.label < b.label ? -1 : 1)),
  };
}

/** A configuration's factors: every one but the repetition, sorted by name. */
export function configFactors(f: Factors): Factors {
  return Object.fromEntries(Object.entries(f).filter(([k]) => k !== REPETITION_FACTOR).sort());
}

/** A history line's key: its configuration's factors (as {@link configFactors} gives them) and direction. */
export function lineKey(factors: Factors, direction: string): string {
  return JSON.stringify([Object.entries(factors), direction]);
}

/** A history line of one configuration, before its points and steps: key, label, unit and which way is better. */
export function historyLine(factors: Factors, direction: string, metric: string, unit: Unit): HistoryLine {
  return {
    key: lineKey(factors, direction),
    label: Object.entries(factors).map(([k, v]) => `${k}=${v}`).join(" ") + ` ${direction}`,
    factors,
    unit,
    better: betterDirection(metric),
    points: [],
    steps: [],
  };
}

/** The history figure of {@link storeHistory}'s result. */
export function historyFigure(h: History, opts: Omit<HistoryFigureOptions, "metric" | "stat"> = {}): Figure {
  return history(h.lines, h.batches, { metric: h.metric, stat: h.stat, ...opts });
}
