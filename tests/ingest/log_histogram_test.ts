/**
 * LogHistogram keeps only the buckets between the lowest and highest value it saw, growing either way: fed values in
 * any order, or in parts merged in any order, it gives the bins and quantiles of counting each value on its own.
 * Inputs: labelled synthetic values (fast-check), from 0 to 2^40 ns, in wandering orders that make the window grow
 * down and up.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { LogHistogram } from "../../lib/ingest/log_histogram.ts";
import { grownWindow } from "../../lib/ingest/window.ts";

/** The histogram's buckets are within a few times the span of its values (they grew, and merged, without doubling each time). */
function assertCompact(h: LogHistogram): void {
  const { counts, top } = h.state();
  const bins = h.bins().value;
  if (bins.length === 0) return;
  const low = h.state().base + counts.findIndex((c) => c > 0);
  assert.ok(counts.length <= 8 * (top - low + 1) + 128, `${counts.length} buckets for ${top - low + 1}`);
}

/** Bins counted one value at a time: the value's own bucket midpoint, then (midpoint → count) in order. */
function reference(values: number[]): { value: number[]; count: number[] } {
  const counts = new Map<number, number>();
  for (const v of values) {
    const one = new LogHistogram();
    one.add(v);
    const mid = one.bins().value[0];
    counts.set(mid, (counts.get(mid) ?? 0) + 1);
  }
  const mids = [...counts.keys()].sort((a, b) => a - b);
  return { value: mids, count: mids.map((m) => counts.get(m)!) };
}

const values = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 2 ** 31 }),
    fc.double({ min: 0, max: 2 ** 40, noNaN: true }),
  ),
  { minLength: 1, maxLength: 300 },
);

Deno.test("LogHistogram: values in any order give the bins of counting each on its own", () => {
  fc.assert(
    fc.property(values, (vs) => {
      const h = new LogHistogram();
      for (const v of vs) h.add(v);
      const { value, count } = h.bins();
      assert.deepStrictEqual({ value: Array.from(value), count: Array.from(count) }, reference(vs));
      assert.equal(h.total, vs.length);
      assertCompact(h);
    }),
    { seed: 29, numRuns: 300 },
  );
});

Deno.test("LogHistogram: parts merged give the bins and quantiles of one pass", () => {
  fc.assert(
    fc.property(values, fc.array(fc.nat(), { maxLength: 4 }), (vs, cuts) => {
      const one = new LogHistogram();
      for (const v of vs) one.add(v);
      const bounds = [0, ...cuts.map((c) => c % (vs.length + 1)).sort((a, b) => a - b), vs.length];
      const merged = new LogHistogram();
      // Later parts first, so the merged window has to grow downwards as well as up.
      for (let k = bounds.length - 2; k >= 0; k--) {
        const part = new LogHistogram();
        for (const v of vs.slice(bounds[k], bounds[k + 1])) part.add(v);
        merged.merge(part.state());
      }
      assert.deepStrictEqual(merged.bins(), one.bins());
      const qs = [0.01, 0.5, 0.9, 0.99, 0.999, 1];
      assert.deepStrictEqual(merged.quantiles(qs), one.quantiles(qs));
      assert.equal(merged.total, one.total);
      assertCompact(merged);
    }),
    { seed: 29, numRuns: 300 },
  );
});

Deno.test("LogHistogram: a thousand one-value parts merge into a window of their span, not one that doubles each time", () => {
  const merged = new LogHistogram();
  for (let k = 0; k < 1000; k++) {
    const part = new LogHistogram();
    part.add(900 + ((k * 7919) % 90000));
    merged.merge(part.state());
  }
  assert.equal(merged.total, 1000);
  assertCompact(merged);
});

Deno.test("LogHistogram: an empty one has no bins, NaN quantiles, and merges as nothing", () => {
  const h = new LogHistogram();
  h.merge(new LogHistogram().state());
  assert.equal(h.bins().value.length, 0);
  assert.ok(Number.isNaN(h.quantile(0.5)));
  h.add(1e6);
  h.merge(new LogHistogram().state());
  assert.deepStrictEqual(Array.from(h.bins().count), [1]);
});

Deno.test("grownWindow: room on both sides first, then as much again on the side that grew, never below 0", () => {
  assert.deepStrictEqual(grownWindow(0, 0, 100, 100), { base: 68, size: 64 });
  assert.deepStrictEqual(grownWindow(0, 0, 5, 5), { base: 0, size: 64 });
  assert.deepStrictEqual(grownWindow(68, 64, 140, 140), { base: 68, size: 146 }, "up: the room goes above");
  assert.deepStrictEqual(grownWindow(68, 64, 10, 10), { base: 0, size: 244 }, "down, clamped at 0");
  assert.deepStrictEqual(
    grownWindow(500, 64, 400, 400),
    { base: 236, size: 328 },
    "down: the room goes below",
  );
});
