/**
 * Paging and choosing, on (labelled synthetic) units and comparisons: pages no taller than the limit, every unit on
 * one page in order, pages that differ by at most one unit; the decided configurations first, largest change first.
 */
import assert from "node:assert/strict";
import { pages, split } from "../../lib/plot/paging.ts";
import { choose, importance } from "../../lib/present/choose.ts";
import type { Figure } from "../../lib/plot/figure.ts";
import type { Comparison } from "../../lib/stats/types.ts";
import { slug } from "../../lib/plot/figure.ts";
import { pageHeight } from "../../lib/plot/size.ts";

type Drawn = Figure & { units: number[] };

/** A drawing of `all` (or a subset) that only has a height: `base` plus each unit's own height. */
function drawer(all: number[], unitHeight: (u: number) => number, base = 120) {
  const calls: (number[] | undefined)[] = [];
  const draw = (subset: number[] | undefined, page?: { suffix: string; title: string }): Drawn => {
    calls.push(subset);
    const units = subset ?? all;
    const height = base + units.reduce((s, u) => s + unitHeight(u), 0);
    return {
      id: `chart${page?.suffix ?? ""}`,
      title: page?.title ?? "Chart",
      svg: null!,
      width: 760,
      height,
      units,
    };
  };
  return { draw, calls };
}
const unitsOf = (f: Figure) => (f as Drawn).units;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

Deno.test("(synthetic) 100 rows of 10 px under a 500 px page: 3 pages of 33–34 rows, each row once, in order", () => {
  const all = range(100);
  const { draw } = drawer(all, () => 10);
  const figs = [...pages(all, true, 500, draw)];
  assert.deepEqual(figs.map((f) => f.id), ["chart-1-of-3", "chart-2-of-3", "chart-3-of-3"]);
  assert.deepEqual(figs.map((f) => f.title), ["Chart (1 of 3)", "Chart (2 of 3)", "Chart (3 of 3)"]);
  assert.deepEqual(figs.map((f) => unitsOf(f).length), [33, 34, 33]);
  assert.deepEqual(figs.flatMap(unitsOf), all);
  assert.ok(figs.every((f) => f.height <= 500));
});

Deno.test("(synthetic) a chart that fits is drawn once as it always was (no subset, no page)", () => {
  const all = range(5);
  const { draw, calls } = drawer(all, () => 10);
  const figs = [...pages(all, true, 500, draw)];
  assert.equal(figs.length, 1);
  assert.equal(figs[0].id, "chart");
  assert.deepEqual(calls, [undefined], "the whole chart, drawn once: no drawings to estimate a page");
  // Chosen rows (not complete) that fit: drawn as that subset, on one unnumbered figure.
  const chosen = drawer(all, () => 10);
  const one = [...pages([0, 2, 4], false, 500, chosen.draw)];
  assert.deepEqual(one.map((f) => [f.id, unitsOf(f)]), [["chart", [0, 2, 4]]]);
});

Deno.test("(synthetic) rows taller further down than the first two: pages still within the limit", () => {
  const all = range(60);
  // The first rows are 10 px, later ones 40 px: the first estimate (38 rows a page) is too many.
  const { draw } = drawer(all, (u) => (u < 10 ? 10 : 40));
  const figs = [...pages(all, true, 500, draw)];
  assert.ok(figs.every((f) => f.height <= 500), figs.map((f) => f.height).join());
  assert.deepEqual(figs.flatMap(unitsOf), all);
  figs.forEach((f, k) => assert.equal(f.id, `chart-${k + 1}-of-${figs.length}`));
});

Deno.test("(synthetic) a small chart that does not fit: drawn whole once, then paged as the estimate says", () => {
  const all = range(20);
  const { draw, calls } = drawer(all, () => 30);
  const figs = [...pages(all, true, 500, draw)];
  assert.deepEqual(figs.map((f) => unitsOf(f).length), [10, 10]);
  assert.ok(figs.every((f) => f.height <= 500));
  assert.deepEqual(figs.flatMap(unitsOf), all);
  // The whole chart first, then the two estimating drawings (1 and 2 units), then the two pages.
  assert.deepEqual(calls.map((c) => c?.length), [undefined, 1, 2, 10, 10]);
});

Deno.test("split: consecutive runs whose lengths differ by at most one", () => {
  assert.deepEqual(split([1, 2, 3, 4, 5, 6, 7], 3), [[1, 2], [3, 4, 5], [6, 7]]);
  assert.deepEqual(split([1], 1), [[1]]);
});

/** (synthetic) A comparison with only what the choice reads. */
const cmp = (verdict: Comparison["verdict"], ratio: number | null) => ({ verdict, ratio }) as Comparison;

Deno.test("(synthetic) choose: decided first, largest |ln ratio| first (2× slower beside 1.5× faster), then in order", () => {
  const items = ["a", "b", "c", "d", "e", "f"];
  const of: Record<string, Comparison[]> = {
    a: [cmp("~", 3)], // a large ratio without a verdict counts as undecided
    b: [cmp("better", 1 / 1.5)],
    c: [cmp("insufficient", null)],
    d: [cmp("worse", 2), cmp("~", 1)],
    e: [cmp("~", 1)],
    f: [cmp("equivalent", 1.01)],
  };
  assert.deepEqual(choose(items, 1, (i) => of[i]), { shown: ["d"], hidden: 5 });
  assert.deepEqual(choose(items, 3, (i) => of[i]), { shown: ["a", "b", "d"], hidden: 3 });
  assert.deepEqual(choose(items, 6, (i) => of[i]), { shown: items, hidden: 0 });
  assert.deepEqual(importance(of.d), { decided: true, effect: Math.log(2) });
  assert.deepEqual(importance(of.a), { decided: false, effect: 0 });
});

Deno.test("slug: long names that differ past 80 characters name two files; short names as before", () => {
  const base =
    "disk-cost-scatter-host-cpu-per-gib-bs-1m-direct-1-host-replica-001-iodepth-1-ioengine-libaio-";
  const a = slug(`${base}rw-read`), b = slug(`${base}rw-write`);
  assert.notEqual(a, b);
  assert.ok(a.length <= 80 && b.length <= 80, `${a.length} ${b.length}`);
  assert.match(a, /^[a-z0-9-]+$/);
  assert.equal(slug("Disk · IOPS (rand)"), "disk-iops-rand");
  assert.equal(slug("x".repeat(80)), "x".repeat(80));
});

Deno.test("pageHeight: 9 in at a print width up to the page's, scaled with the width beyond it", () => {
  assert.equal(pageHeight(336), 864);
  assert.equal(pageHeight(672), 864);
  assert.equal(pageHeight(760), 977);
});
