import assert from "node:assert/strict";
import * as vb from "../../lib/mod.ts";
import type { Comparison } from "../../lib/stats/types.ts";

/** Labelled synthetic comparisons: hostile names to check escaping. */
function hostileComparisons(): Comparison[] {
  const rows: vb.Measurement[] = [];
  for (const driver of ["<script>alert(1)</script>", "a&b"]) {
    for (const rep of ["1", "2", "3"]) {
      rows.push({
        source: `synthetic/${rep}`,
        factors: { driver, rep, workload: 'rand"read<4k>' },
        tool: "fio",
        toolVersion: "fio-3.33",
        format: "fio-json",
        job: "<job>",
        direction: "read",
        metric: "iops",
        stat: "mean",
        value: driver.startsWith("a") ? 1000 + Number(rep) : 2000 + Number(rep) * 3,
        unit: "IO/s",
      });
    }
  }
  return vb.compare(rows, { by: "driver", baseline: "a&b" }).comparisons;
}

Deno.test("job, file and factor names are escaped in SVG and HTML: a <script> name renders as text", () => {
  const comps = hostileComparisons();
  for (const fig of [vb.driverComparison(comps, { metric: "iops" }), vb.forest(comps)]) {
    const svg = vb.figureToSvg(fig);
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  }
  assert.match(vb.figureToSvg(vb.driverComparison(comps, { metric: "iops" })), /a&amp;b/);
  const html = vb.toHtmlTable(vb.compactTable(comps));
  assert.doesNotMatch(html, /<script/);
  assert.match(html, /rand&quot;read&lt;4k&gt;/);
  assert.doesNotMatch(vb.toMarkdown(vb.compactTable(comps)), /<script/);
});

Deno.test("decimation keeps the envelope: a million points → at most N buckets, global min and max kept", () => {
  const n = 1_000_000;
  const t = new Float64Array(n), v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = i / 1000;
    v[i] = 100 + Math.sin(i / 5000) * 10 + (i === 654_321 ? 500 : 0) - (i === 123_456 ? 90 : 0);
  }
  const env = vb.decimate(t, v, 600);
  assert.ok(env.t.length <= 600 && env.t.length > 590);
  assert.equal(Math.max(...env.max), v.reduce((a, b) => Math.max(a, b)));
  assert.equal(Math.min(...env.min), v.reduce((a, b) => Math.min(a, b)));
  const short = vb.decimate([1, 2, 3], [5, 6, 7], 600);
  assert.deepEqual(short, { t: [1, 2, 3], mean: [5, 6, 7], min: [5, 6, 7], max: [5, 6, 7] });
});

Deno.test("a figure with no matching data says why in words instead of failing", () => {
  const fig = vb.driverComparison([], { metric: "iops" });
  assert.match(vb.figureToSvg(fig), /no iops mean results to show/);
  assert.match(vb.figureToSvg(vb.heatmap([])), /no block size × queue depth factors/);
});

Deno.test("driver colours are colour-blind safe, stable, and the same in every figure", () => {
  const a = vb.driverColors(["virtio-blk", "ide", "ahci"]);
  const b = vb.driverColors(["ahci", "virtio-blk", "ide", "ide"]);
  assert.deepEqual([...a], [...b]);
  assert.deepEqual([...a.values()], vb.OKABE_ITO.slice(0, 3));
});

Deno.test("units: readable scales chosen from the data", () => {
  assert.deepEqual(vb.displayUnit("B/s", 2.5e8), { factor: 1e-6, label: "MB/s" });
  assert.deepEqual(vb.displayUnit("ns", 4.2e5), { factor: 1e-3, label: "µs" });
  assert.deepEqual(vb.displayUnit("IO/s", 25_000), { factor: 1e-3, label: "kIOPS" });
});
