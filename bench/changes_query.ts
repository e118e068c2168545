/**
 * Change points of every configuration and metric of a store, as its own process (store_bench.ts runs it under
 * /usr/bin/time -v): prints `{"ms": …, "batches": …, "series": …, "tested": …, "changes": …}` as JSON.
 *   deno run -A bench/changes_query.ts STORE
 * @module
 */
import { storeChanges } from "../lib/analysis/changes.ts";

const [store] = Deno.args;
const t0 = performance.now();
const c = await storeChanges(store);
const ms = performance.now() - t0;
console.log(JSON.stringify({
  ms,
  batches: c.batches.length,
  series: c.result.series.length,
  tested: c.result.families.reduce((n, f) => n + f.size, 0),
  changes: c.result.series.reduce((n, s) => n + s.changes.length, 0),
}));
