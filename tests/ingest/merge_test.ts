/**
 * lib/ingest/merge.ts Arrivals: datasets gathered in the order they arrive, merged in the order asked for, equal
 * mergeAll of the same datasets in that order; in arrival order it is the gathered arrays themselves (no copy).
 * Inputs: labelled synthetic datasets (fast-check): each item is a tag naming its dataset and place, so any
 * mix-up shows.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Dataset } from "../../lib/model.ts";
import { Arrivals, mergeAll } from "../../lib/ingest/merge.ts";

const KINDS = ["rows", "series", "histograms", "warnings", "files"] as const;

/** A synthetic dataset whose items are tags like "d3-rows-1" (cast: only identity and order matter here). */
function tagged(d: number, counts: number[]): Dataset {
  const data = Object.fromEntries(
    KINDS.map((kind, k) => [kind, Array.from({ length: counts[k] }, (_, i) => `d${d}-${kind}-${i}`)]),
  );
  return data as unknown as Dataset;
}

const datasets = fc.array(fc.array(fc.nat(4), { minLength: 5, maxLength: 5 }), { maxLength: 12 })
  .map((all) => all.map((counts, d) => tagged(d, counts)));

Deno.test("Arrivals: any arrival order, merged in walk order, equals mergeAll in walk order", () => {
  fc.assert(
    fc.property(
      datasets.chain((ds) =>
        fc.tuple(
          fc.constant(ds),
          fc.shuffledSubarray(ds.map((_, i) => i), { minLength: ds.length }),
        )
      ),
      ([ds, arrival]) => {
        const arrivals = new Arrivals();
        const id = new Map<number, number>();
        for (const d of arrival) id.set(d, arrivals.add(ds[d]));
        assert.deepEqual(arrivals.merged(ds.map((_, d) => id.get(d)!)), mergeAll(ds));
      },
    ),
  );
});

Deno.test("Arrivals: in arrival order the result is the gathered arrays, not a copy; a subset is merged by copy", () => {
  const arrivals = new Arrivals();
  const ids = [tagged(0, [2, 1, 0, 1, 1]), tagged(1, [3, 0, 1, 0, 1])].map((d) => arrivals.add(d));
  const whole = arrivals.merged(ids);
  assert.equal(arrivals.merged(ids), whole);
  assert.deepEqual(whole.rows, ["d0-rows-0", "d0-rows-1", "d1-rows-0", "d1-rows-1", "d1-rows-2"]);
  const reversed = arrivals.merged([1, 0]);
  assert.notEqual(reversed, whole);
  assert.deepEqual(reversed.files, ["d1-files-0", "d0-files-0"]);
  assert.deepEqual(arrivals.merged([1]).rows, ["d1-rows-0", "d1-rows-1", "d1-rows-2"]);
});
