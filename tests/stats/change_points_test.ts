/**
 * lib/stats/change_points.ts: a change point is reported only when its interval clears the no-change band, its
 * interval and p agree, the segments are the batches either side, and the minimum segment and min-change hold.
 * Inputs are labelled synthetic (hand-written batch runs); calibration is in change_calibration_test.ts.
 */
import assert from "node:assert/strict";
import { changePoints, type ChangeSeries } from "../../lib/stats/change_points.ts";
import { fiellerInterval, pooledCvMoments } from "../../lib/stats/ratio_fieller.ts";
import { ratioTestPOf } from "../../lib/stats/ratio_test.ts";

/** Synthetic: three runs around each batch mean (±2 %). */
function series(key: string, means: number[], better: "higher" | "lower" = "higher"): ChangeSeries {
  return {
    key,
    family: "headline",
    better,
    batches: means.map((_, i) => `b${i + 1}`),
    runs: means.map((m) => [m * 0.98, m, m * 1.02]),
  };
}

const STEP = [100, 104, 97, 101, 60, 62, 59, 61];
const FLAT = [100, 104, 97, 101, 99, 102, 98, 100];

Deno.test("a 40 % drop after batch 4 is one worse change at b4 → b5; a flat history has none", () => {
  const r = changePoints([series("step", STEP), series("flat", FLAT)]);
  const [step, flat] = r.series;
  assert.equal(step.changes.length, 1);
  const c = step.changes[0];
  assert.deepEqual([c.index, c.batchBefore, c.batchAfter, c.verdict], [4, "b4", "b5", "worse"]);
  const ratio = (60 + 62 + 59 + 61) / (100 + 104 + 97 + 101);
  assert.ok(Math.abs(c.ratio! - ratio) < 1e-12);
  assert.ok(c.ratioCI.lo! < ratio && ratio < c.ratioCI.hi! && c.ratioCI.hi! < 1);
  assert.deepEqual([c.before.means.length, c.after.means.length, c.positions], [4, 4, 5]);
  assert.deepEqual(step.segments.map((s) => [s.first, s.last]), [[0, 3], [4, 7]]);
  assert.equal(flat.changes.length, 0);
  assert.deepEqual(r.families.map((f) => [f.name, f.size]), [["headline", 2]]);
});

Deno.test("lower-is-better metrics: the same drop is better", () => {
  assert.equal(changePoints([series("lat", STEP, "lower")]).series[0].changes[0].verdict, "better");
});

Deno.test("min-change: a 10 % step is not a change when only 20 % matters, and is one with no band", () => {
  const small = [100, 101, 99, 100, 110, 111, 109, 110];
  assert.equal(changePoints([series("s", small)]).series[0].changes.length, 1);
  assert.equal(changePoints([series("s", small)], { minChange: 0.2 }).series[0].changes.length, 0);
});

Deno.test("min segment: a change in the last batch alone is not reported until it persists", () => {
  const late = [100, 101, 99, 100, 102, 98, 100, 60];
  assert.equal(changePoints([series("late", late)]).series[0].changes.length, 0);
  const persisted = [...late, 61, 59];
  const c = changePoints([series("late", persisted)], { minSegment: 3 }).series[0].changes;
  assert.deepEqual(c.map((p) => p.index), [7]);
});

Deno.test("two steps are two changes, each compared with the segments either side", () => {
  const r =
    changePoints([series("two", [100, 101, 99, 100, 150, 152, 149, 151, 200, 201, 199, 202])]).series[0];
  assert.deepEqual(r.changes.map((c) => [c.index, c.verdict]), [[4, "better"], [8, "better"]]);
  assert.deepEqual(r.changes[1].before.means, [150, 152, 149, 151]);
  assert.deepEqual(r.changes[0].after.means, [150, 152, 149, 151]);
});

Deno.test("a change later undone (100 → 80 → 100) is a worse change and a better one, not diluted into none", () => {
  const undone = [100, 104, 97, 101, 80, 82, 79, 101, 99, 102, 98];
  const r = changePoints([series("undone", undone)]).series[0];
  assert.deepEqual(r.changes.map((c) => [c.batchBefore, c.batchAfter, c.verdict]), [
    ["b4", "b5", "worse"],
    ["b7", "b8", "better"],
  ]);
  assert.deepEqual(r.changes[0].after.means, [80, 82, 79], "the episode alone, not the batches after it");
  // Each end carries the search over every (τ, κ) pair of the 11 batches, two a side: 36 pairs, not 8 positions.
  assert.ok(r.changes.every((c) => c.multiplicity >= 36), r.changes.map((c) => c.multiplicity).join(", "));
});

Deno.test("interval and p agree: the interval's bounds are where the pooled test's p equals 1 − level", () => {
  const m = pooledCvMoments([100, 104, 97, 101], [60, 62, 59, 61]);
  assert.ok(typeof m !== "string");
  const ci = fiellerInterval(m, 0.99);
  assert.ok(Math.abs(ratioTestPOf(m, ci.lo!) - 0.01) < 1e-9);
  assert.ok(Math.abs(ratioTestPOf(m, ci.hi!) - 0.01) < 1e-9);
  const c = changePoints([series("step", STEP)]).series[0].changes[0];
  assert.ok(c.p! < 0.05 && c.ratioCI.level === 1 - 0.05 / c.multiplicity);
});

Deno.test("the family: a series with no change still counts, so Holm's level shrinks with more series", () => {
  const alone = changePoints([series("step", STEP)]).families[0];
  const crowd =
    changePoints([series("step", STEP), ...Array.from({ length: 9 }, (_, i) => series(`f${i}`, FLAT))])
      .families[0];
  assert.equal(alone.size, 1);
  assert.equal(crowd.size, 10);
});
