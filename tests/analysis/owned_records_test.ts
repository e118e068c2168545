/**
 * Memory at scale (issue 29) without a second answer: a request keeps the records as read in columns and each
 * analysis pairs their runs in columns of its own, making objects of the records it compares only (an analysis
 * that owns the series and histograms pairs those in place instead of on copies), and the report keeps only the histograms its figures draw. All must leave every result and
 * figure as it was (the shipped data; two sides tagged like before/after).
 */
import assert from "node:assert/strict";
import { analyseLoaded, loadRequest } from "../../lib/analysis/request.ts";
import type { AnalysisRequest } from "../../lib/analysis/request.ts";
import { drawnHistograms, drawnSeries, eachReportFigure } from "../../lib/present/report_figures.ts";
import { figureToSvg } from "../../lib/export/svg.ts";
import { DATA, HAVE_DATA } from "../helpers.ts";
import { RecordList } from "../../lib/record_list.ts";

const REQUESTS: [string, AnalysisRequest][] = [
  ["one folder", { sides: [{ folder: DATA }] }],
  ["two sides", { sides: [{ folder: `${DATA}/disk` }, { folder: `${DATA}/disk` }] }],
];

for (const [name, request] of REQUESTS) {
  Deno.test({
    name:
      `owned records (${name}): the same analyses as on copies, and copies leave the records as read untouched`,
    ignore: !HAVE_DATA,
    fn: async () => {
      const shared = await loadRequest(request);
      const before = shared.dataset.rows.map((r) => JSON.stringify([r.factors, r.info, r.job]));
      const onCopies = analyseLoaded(shared, "shared");
      assert.deepEqual(shared.dataset.rows.map((r) => JSON.stringify([r.factors, r.info, r.job])), before);

      const owned = await loadRequest(request);
      const asRead = owned.dataset.rows.map((r) => JSON.stringify([r.factors, r.info, r.job]));
      const inPlace = analyseLoaded(owned, "owned");
      assert.equal(inPlace.length, onCopies.length);
      for (let i = 0; i < inPlace.length; i++) {
        assert.deepEqual(inPlace[i].comparisons, onCopies[i].comparisons, inPlace[i].label);
        assert.deepEqual(inPlace[i].rows, onCopies[i].rows, inPlace[i].label);
        assert.deepEqual(inPlace[i].names, onCopies[i].names, inPlace[i].label);
        assert.deepEqual(inPlace[i].warnings, onCopies[i].warnings, inPlace[i].label);
      }
      // The records as read are kept in columns, and even an analysis that owns them leaves them as read: it
      // copies its family's records into columns of its own and pairs their runs there.
      assert.ok(owned.dataset.rows instanceof RecordList);
      assert.deepEqual(owned.dataset.rows.map((r) => JSON.stringify([r.factors, r.info, r.job])), asRead);
      const fio = inPlace.find((a) => a.label === "fio")!;
      assert.ok(fio.rows.some((r) => r.tool === "fio" && r.factors.workload !== undefined));
      assert.ok(fio.rows instanceof RecordList && fio.dataset.rows === fio.rows);
    },
  });
}

Deno.test({
  name:
    "drawnHistograms, drawnSeries: the report's figures from only the histograms and series they draw are the same bytes",
  ignore: !HAVE_DATA,
  fn: async () => {
    const analyses = analyseLoaded(await loadRequest({ sides: [{ folder: DATA }] }), "owned");
    for (const a of analyses) {
      const all = [...eachReportFigure(a)].map(figureToSvg);
      const held = a.dataset.histograms.length;
      const series = a.dataset.series.length;
      a.dataset.histograms = drawnHistograms(a);
      a.dataset.series = drawnSeries(a);
      // fio: one latency CDF of 8 workloads; sockperf: a round-trip CDF for each of its 4 workloads.
      const kept = `${a.label}: ${a.dataset.histograms.length} of ${held} kept`;
      assert.ok(
        a.label === "fio" ? a.dataset.histograms.length < held : a.dataset.histograms.length === held,
        kept,
      );
      assert.ok(a.dataset.histograms.length > 0, `${a.label}: the CDFs' histograms are kept`);
      // Drawn over time, one workload's runs: fio's bandwidth (20 of 800 series: 5 runs on each of 4 drivers),
      // iperf's throughput (15 of 60: 5 runs on each of 3 NICs).
      assert.equal(
        `${a.dataset.series.length} of ${series}`,
        a.label === "fio" ? "20 of 800" : "15 of 60",
        a.label,
      );
      assert.deepEqual([...eachReportFigure(a)].map(figureToSvg), all, a.label);
    }
  },
});
