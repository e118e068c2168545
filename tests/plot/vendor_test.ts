/**
 * lib/plot/vendor/plot.js, Observable Plot bundled into one file (tools/bundle_vendor.ts), is what the tool makes
 * from the pinned package, and draws what the package draws (the figures' own snapshots, snapshot_test.ts, are
 * drawn with the bundle and were made with the package).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as Package from "@observablehq/plot";
import * as Bundled from "../../lib/plot/plot.ts";
import { plotDocument } from "../../lib/plot/dom.ts";
import { BUNDLES, bundleVendor } from "../../tools/bundle_vendor.ts";
import { ROOT } from "../helpers.ts";

Deno.test("the shipped Plot bundle is what tools/bundle_vendor.ts makes from the pinned package", async () => {
  const out = Deno.makeTempFileSync({ suffix: ".js" });
  try {
    await bundleVendor("plot", out);
    const shipped = Deno.readTextFileSync(join(ROOT, BUNDLES.plot.bundle));
    assert.ok(
      Deno.readTextFileSync(out) === shipped,
      `${BUNDLES.plot.bundle} is out of date: run tools/bundle_vendor.ts`,
    );
    for (const licence of ["@observablehq/plot", "d3-array", "isoformat", "interval-tree-1d"]) {
      assert.ok(shipped.includes(`\n${licence} (`), `${licence}'s licence is in the bundle`);
    }
  } finally {
    Deno.removeSync(out);
  }
});

Deno.test("the bundle draws what the package draws, mark for mark", () => {
  // Labelled synthetic data: every mark, scale and option the figures use (lib/plot/*.ts), in a few charts.
  const runs = Array.from({ length: 24 }, (_, i) => ({
    driver: ["virtio", "ahci", "ide"][i % 3],
    workload: ["randread-4k", "seqwrite-1m"][i % 2],
    rep: i,
    iops: 1000 * (1 + (i * 7919) % 13) + i,
    lo: 900 + 50 * i,
    hi: 1100 + 60 * i,
    t: new Date(Date.UTC(2026, 0, 1 + i)),
  }));
  const charts = (P: typeof Package) =>
    [
      P.plot({
        document: plotDocument(),
        width: 640,
        marginLeft: 90,
        x: { type: "log", label: "IOPS →", grid: true },
        y: { label: null },
        fy: { label: null },
        color: { legend: true, domain: ["virtio", "ahci", "ide"] },
        marks: [
          P.frame(),
          P.ruleX([1000]),
          P.link(runs, { x1: "lo", x2: "hi", y: "driver", fy: "workload", stroke: "driver" }),
          P.dot(runs, { x: "iops", y: "driver", fy: "workload", fill: "driver", r: 3, title: "rep" }),
          P.tickX(runs, { x: "hi", y: "driver", fy: "workload" }),
          P.text(runs, { x: "iops", y: "driver", fy: "workload", text: (d) => `${d.rep} · ×`, dx: 6 }),
        ],
      }),
      P.plot({
        document: plotDocument(),
        height: 260,
        x: { type: "utc" },
        marks: [
          P.gridX(),
          P.gridY(),
          P.axisX({ ticks: 5 }),
          P.axisY({ tickFormat: "s" }),
          P.areaY(runs, { x: "t", y1: "lo", y2: "hi", fillOpacity: 0.2 }),
          P.line(runs, { x: "t", y: "iops", stroke: "driver", curve: "step-after" }),
          P.ruleY([0]),
          P.rect(runs.slice(0, 3), { x1: "t", x2: (d) => new Date(+d.t + 864e5), y1: 0, y2: "lo" }),
        ],
      }),
      P.plot({
        document: plotDocument(),
        color: { type: "diverging", scheme: "RdBu" },
        marks: [
          P.cell(runs, { x: "driver", y: "workload", fill: (d) => Math.log(d.iops / 5000) }),
          P.barX(runs, P.groupY({ x: "sum" }, { x: "iops", y: "driver" })),
        ],
      }),
    ].map((svg) => (svg as unknown as Element).outerHTML);
  const bundled = charts(Bundled as unknown as typeof Package), drawn = charts(Package);
  drawn.forEach((svg, i) => assert.equal(bundled[i], svg, `chart ${i}`));
  assert.ok(drawn.every((svg) => svg.length > 2000));
  assert.equal(
    (Bundled.scale({ x: { type: "log", domain: [1, 1000] } }) as { apply(x: number): number }).apply(10),
    (Package.scale({ x: { type: "log", domain: [1, 1000] } }) as { apply(x: number): number }).apply(10),
  );
});
