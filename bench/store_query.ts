/**
 * One history query on a store, as its own process (so the bench measures its peak RSS alone): prints
 * `{"ms": …, "rows": …, "lines": …, "steps": …, "decided": …}` as JSON.
 *   deno run -A bench/store_query.ts STORE METRIC STAT [steps|no-steps] [HOST]
 * @module
 */
import { storeHistory } from "../lib/analysis/history.ts";
import { decided } from "../lib/stats/verdict.ts";

const [store, metric, stat, mode, host] = Deno.args;
const t0 = performance.now();
const where = host ? { host } : undefined;
const h = await storeHistory(store, { metric, stat, steps: mode !== "no-steps", where });
const ms = performance.now() - t0;
const steps = h.lines.flatMap((l) => l.steps);
console.log(JSON.stringify({
  ms,
  batches: h.batches.length,
  lines: h.lines.length,
  values: h.lines.reduce((s, l) => s + l.points.reduce((t, p) => t + p.summary.n, 0), 0),
  steps: steps.length,
  decided: steps.filter((s) => decided(s.comparison)).length,
}));
