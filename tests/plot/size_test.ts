/** Facet names in a figure's margin: as they are when they fit, broken at their separators when they do not. */
import assert from "node:assert/strict";
import { facetLabels } from "../../lib/plot/size.ts";
import { driverComparison } from "../../lib/plot/driver_comparison.ts";
import { analyseDataset } from "../../lib/analysis/analyse.ts";
import { figureToSvg } from "../../lib/export/svg.ts";
import { syntheticIops } from "../helpers.ts";

const LONG = "bs=4k direct=1 host=replica-001 iodepth=32 ioengine=libaio rw=randread";

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
  const rows = ["ide", "virtio"].flatMap((d) =>
    [1, 2, 3].flatMap((
      rep,
    ) => [syntheticIops(d, rep, LONG, 1000 + rep), syntheticIops(d, rep, "short", 900 + rep)])
  );
  const a = analyseDataset(
    { rows, series: [], histograms: [], warnings: [], files: [] },
    "synthetic",
    {},
    [],
  );
  const svg = figureToSvg(driverComparison(a.comparisons, { metric: "iops" }));
  for (const line of ["host=replica-001", "ioengine=libaio", "rw=randread"]) {
    assert.ok(svg.includes(`>${line}<`), line);
  }
  assert.ok(!svg.includes(`>${LONG}<`), "not on one line running off the edge");
  assert.ok(svg.includes(">short<"));
});
