/**
 * The figures' shared work done once and in typed arrays gives what the plain way gave: the pooled CDF bins equal a
 * Map of value → summed count, sorted (bit for bit, on the shipped data's fio json+ and sockperf histograms); the
 * driver reshaping reused across a figure's pages equals a fresh one and is not changed by a caller; a forest page's
 * shared units are its analysis' own.
 */
import assert from "node:assert/strict";
import * as vb from "../../lib/mod.ts";
import type { Histogram } from "../../lib/model.ts";
import { pooledBins } from "../../lib/plot/latency_cdf.ts";
import { driverStats } from "../../lib/plot/groups.ts";
import { shared } from "../../lib/present/figures.ts";
import { DATA, HAVE_DATA } from "../helpers.ts";

/** The pooling as latency_cdf.ts did it before: a Map per driver, then its entries sorted by value. */
function reference(hs: Histogram[]): [number, number][] {
  const bins = new Map<number, number>();
  for (const h of hs) h.value.forEach((v, i) => bins.set(v, (bins.get(v) ?? 0) + h.count[i]));
  return [...bins].sort((a, b) => a[0] - b[0]);
}

Deno.test({
  name:
    "pooled CDF bins equal a Map of summed counts, sorted, for every driver and workload of the shipped data",
  ignore: !HAVE_DATA,
  fn: async () => {
    let checked = 0;
    for (const tool of [["fio"], vb.NETWORK_TOOLS] as const) {
      const a = await vb.analyse(DATA, { tool: [...tool] });
      const groups = new Map<string, Histogram[]>();
      for (const h of a.dataset.histograms) {
        const key = `${h.metric} ${h.factors.workload} ${h.factors[a.by ?? "driver"]}`;
        (groups.get(key) ?? groups.set(key, []).get(key)!).push(h);
      }
      for (const hs of groups.values()) {
        const { values, counts } = pooledBins(hs);
        const want = reference(hs);
        assert.deepEqual([...values], want.map(([v]) => v));
        assert.deepEqual([...counts], want.map(([, c]) => c));
        checked++;
      }
    }
    assert.ok(checked >= 10, `${checked} groups of histograms`);
  },
});

Deno.test({
  name:
    "driver reshaping: reused across pages, equal to a fresh one, untouched by a caller, redone for a longer list",
  ignore: !HAVE_DATA,
  fn: async () => {
    const a = await vb.analyse(DATA, { tool: "fio" });
    const list = a.comparisons.slice(0, 40);
    const first = driverStats(list);
    const fresh = driverStats(list.slice());
    assert.deepEqual(first, fresh);
    first.length = 0; // a caller's own array
    assert.deepEqual(driverStats(list), fresh);
    list.push(...a.comparisons.slice(40));
    assert.deepEqual(driverStats(list), driverStats(list.slice()));
    assert.ok(driverStats(list).length > fresh.length);
  },
});

Deno.test({
  name: "a forest page's shared colours and units are its analysis' own, made once",
  ignore: !HAVE_DATA,
  fn: async () => {
    const a = await vb.analyse(DATA, { tool: "fio" });
    assert.equal(shared([a]), shared(a));
    const net = await vb.analyse(DATA, { tool: vb.NETWORK_TOOLS });
    assert.notEqual(shared([a, net]), shared([a, net])); // several analyses together: made per call, as before
  },
});
