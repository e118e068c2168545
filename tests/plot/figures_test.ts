import assert from "node:assert/strict";
import * as vb from "../../lib/mod.ts";
import { decimate } from "../../lib/plot/decimate.ts";
import { driverComparison } from "../../lib/plot/driver_comparison.ts";
import { forest } from "../../lib/plot/forest.ts";
import { heatmap } from "../../lib/plot/heatmap.ts";
import { contrast, driverColors, PALETTE, THEMES } from "../../lib/plot/theme.ts";
import { displayUnit, formatIn, planUnits, unitOf } from "../../lib/plot/units.ts";
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
  for (const fig of [driverComparison(comps, { metric: "iops" }), forest(comps)]) {
    const svg = vb.figureToSvg(fig);
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  }
  assert.match(vb.figureToSvg(driverComparison(comps, { metric: "iops" })), /a&amp;b/);
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
  const env = decimate(t, v, 600);
  assert.ok(env.t.length <= 600 && env.t.length > 590);
  assert.equal(Math.max(...env.max), v.reduce((a, b) => Math.max(a, b)));
  assert.equal(Math.min(...env.min), v.reduce((a, b) => Math.min(a, b)));
  const short = decimate([1, 2, 3], [5, 6, 7], 600);
  assert.deepEqual(short, { t: [1, 2, 3], mean: [5, 6, 7], min: [5, 6, 7], max: [5, 6, 7] });
});

Deno.test("a figure with no matching data says why in words instead of failing", () => {
  const fig = driverComparison([], { metric: "iops" });
  assert.match(vb.figureToSvg(fig), /no iops mean results to show/);
  assert.match(vb.figureToSvg(heatmap([])), /no block size × queue depth factors/);
});

Deno.test("colours: one per name, the same for a subset of the names and in every figure of a data set", () => {
  const all = ["ahci", "ide", "virtio-blk", "virtio-scsi", "e1000", "rtl8139", "virtio-net"];
  const full = driverColors(all);
  assert.equal(new Set(full.values()).size, all.length, "the shipped data's seven names get seven colours");
  // A data set holding only some of the names (the notebooks' second data set has ide and virtio-blk).
  for (const subset of [["ide", "virtio-blk"], ["virtio-blk", "ahci", "ide", "ide"], ["rtl8139"]]) {
    for (const [name, colour] of driverColors(subset)) assert.equal(colour, full.get(name), name);
  }
  // Legend order is sorted; a name outside the universe still gets a colour.
  assert.deepEqual([...driverColors(["ide", "ahci"]).keys()], ["ahci", "ide"]);
  // Two names in one hash slot: the universe decides, so a figure showing only the second agrees with one showing both.
  const crowded = Array.from({ length: 8 }, (_, i) => `nic${i}`);
  const everywhere = driverColors(crowded);
  for (const name of crowded) {
    assert.equal(driverColors([name], crowded).get(name), everywhere.get(name), name);
  }
  assert.equal(new Set(everywhere.values()).size, 8, "(labelled synthetic) eight names, eight colours");
});

Deno.test("colours: every palette colour has ≥ 3:1 contrast on the light and the dark background", () => {
  for (const colour of PALETTE) {
    for (const theme of Object.values(THEMES)) {
      const c = contrast(colour, theme.background);
      assert.ok(c >= 3, `${colour} on ${theme.background}: ${c.toFixed(2)}:1`);
    }
  }
});

Deno.test("units: readable scales chosen from the data, one per quantity", () => {
  assert.deepEqual(displayUnit("B/s", 2.5e8), { factor: 1e-6, label: "MB/s" });
  assert.deepEqual(
    displayUnit("B/s", 1.07e9),
    { factor: 1e-6, label: "MB/s" },
    "1,070 MB/s, not 1.07 GB/s",
  );
  assert.deepEqual(displayUnit("ns", 4.2e5), { factor: 1e-3, label: "µs" });
  assert.deepEqual(displayUnit("ns", 9.5e7), { factor: 1e-6, label: "ms" });
  assert.deepEqual(displayUnit("IO/s", 25_000), { factor: 1e-3, label: "kIOPS" });
  assert.equal(unitOf("bits/s", 4e8).label, "Mbit/s", "3,200 Mbit/s");
  const plan = planUnits([
    { metric: "throughput", unit: "B/s", stat: "mean", value: 4e8 },
    { metric: "throughput", unit: "B/s", stat: "mean", value: 2.6e6 },
    { metric: "bw", unit: "B/s", stat: "mean", value: 1.07e9 },
    { metric: "clat", unit: "ns", stat: "p99.99", value: 9.5e7 },
    { metric: "clat", unit: "ns", stat: "max", value: 9.5e12 },
  ]);
  assert.equal(plan["bits/s"].label, "Mbit/s");
  assert.equal(plan["bytes/s"].label, "MB/s");
  assert.equal(plan.time.label, "ms", "a max stat does not choose the unit");
  assert.equal(formatIn(1.0734e9, plan["bytes/s"]), "1,073 MB/s");
  assert.equal(formatIn(2.13e5, plan.time), "0.213 ms");
});

Deno.test("forest: small effects (labelled synthetic, +3 %, −2 %, +6 %) drawn on an axis of about ±25 %, not 0.5×–2×", () => {
  const rows: Parameters<typeof vb.compare>[0] = [];
  for (
    const [workload, effect] of [["randread-4k", 1.03], ["randwrite-4k", 0.98], ["seqread-1m", 1.06]] as const
  ) {
    for (const [kernel, f] of [["old", 1], ["new", effect]] as const) {
      for (let rep = 1; rep <= 5; rep++) {
        rows.push({
          source: `${kernel}/${workload}-${rep}.json`,
          factors: { kernel, workload, rep: String(rep) },
          tool: "fio",
          toolVersion: "fio-3.33",
          format: "fio-json",
          job: workload,
          direction: "read",
          info: undefined,
          metric: "iops",
          stat: "mean",
          value: 1000 * f * (1 + 0.01 * Math.sin(rep * 7 + kernel.length)),
          unit: "IO/s",
        });
      }
    }
  }
  const { comparisons } = vb.compare(rows, { by: "kernel", baseline: "old", candidates: ["new"] });
  assert.deepEqual(comparisons.map((c) => c.verdict), ["better", "worse", "better"]);
  const ticks = [...vb.figureToSvg(forest(comparisons)).matchAll(/>([\d.]+)×</g)].map((m) => Number(m[1]));
  assert.deepEqual(ticks, [0.7, 0.8, 0.9, 1, 1.1, 1.2]);
});
