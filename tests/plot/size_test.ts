/** Facet names in a figure's margin: as they are when they fit, broken at their separators when they do not. */
import assert from "node:assert/strict";
import { facetLabels } from "../../lib/plot/size.ts";
import { driverComparison } from "../../lib/plot/driver_comparison.ts";
import { forest } from "../../lib/plot/forest.ts";
import { analyseDataset } from "../../lib/analysis/analyse.ts";
import { figureToSvg } from "../../lib/export/svg.ts";
import { syntheticIops } from "../helpers.ts";

const LONG = "bs=4k direct=1 host=replica-001 iodepth=32 ioengine=libaio rw=randread";

/** Labelled synthetic: ide and virtio, 3 runs each, of a workload `name` and of one named "short", analysed. */
function twoWorkloads(name: string) {
  const rows = ["ide", "virtio"].flatMap((d) =>
    [1, 2, 3].flatMap((
      rep,
    ) => [syntheticIops(d, rep, name, 1000 + rep), syntheticIops(d, rep, "short", 900 + rep)])
  );
  return analyseDataset({ rows, series: [], histograms: [], warnings: [], files: [] }, "synthetic", {}, []);
}

Deno.test("facetLabels: none when every name fits; else lines no longer than the margin holds", () => {
  assert.equal(facetLabels(["randread-4k-qd1", "seqwrite-1m-qd32"], 140), undefined);
  const format = facetLabels(["short", LONG], 140)!;
  const lines = format(LONG).split("\n");
  assert.deepEqual(lines, [
    "bs=4k direct=1",
    "host=replica-001",
    "iodepth=32",
    "ioengine=libaio",
    "rw=randread",
  ]);
  assert.ok(lines.every((l) => l.length <= Math.floor(140 / 6.6)));
  assert.equal(format("short"), "short");
});

Deno.test("(synthetic) a driver comparison names a long per-host configuration on lines inside the figure", () => {
  const a = twoWorkloads(LONG);
  const svg = figureToSvg(driverComparison(a.comparisons, { metric: "iops" }));
  for (const line of ["host=replica-001", "ioengine=libaio", "rw=randread"]) {
    assert.ok(svg.includes(`>${line}<`), line);
  }
  assert.ok(!svg.includes(`>${LONG}<`), "not on one line running off the edge");
  assert.ok(svg.includes(">short<"));
});

Deno.test("(synthetic) a forest row's long name goes on two lines inside the figure, the verdict's reason is cut", () => {
  const name = "randread-4k-qd32 host=replica-001";
  const a = twoWorkloads(name);
  const long = a.comparisons.find((c) => c.factors.workload === name)!;
  long.ratioText = "insufficient: at the family's level (100 %) the interval is unbounded";
  const svg = figureToSvg(forest(a.comparisons));
  assert.ok(svg.includes(`>${name}<`) && svg.includes(">iops · virtio<"), "workload; metric · candidate");
  assert.ok(!svg.includes(`>${name} · iops · virtio<`), "not on one line past the 270 px column");
  assert.ok(svg.includes(">insufficient<"), "the verdict's word");
  assert.ok(!svg.includes("interval is unbounded"), "not its reason, cut at the figure's edge");
  // Labelled synthetic names of one line each stay as they were (the shipped figures' snapshots check the bytes).
  const short = figureToSvg(forest(a.comparisons.filter((c) => c.factors.workload === "short")));
  assert.ok(short.includes(">short · iops · virtio<"));
});
