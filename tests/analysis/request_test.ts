/**
 * One request, one pipeline (lib/analysis/request.ts): each drop issue 26 found, as its own test, and each data
 * folder read once per request. Real runs: tests/fixtures/layouts (fio 3.33, see its README).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadDir } from "../../lib/ingest/load.ts";
import { analyseRequest, loadRequest, type RequestHooks } from "../../lib/analysis/request.ts";
import { type ReportOptions, runReport } from "../../lib/report/run.ts";
import { describeAnalysis } from "../../lib/present/describe.ts";
import { FIXTURES, tempDir } from "../helpers.ts";
import { report } from "../report/run.ts";

const LAYOUTS = join(FIXTURES, "layouts");
const BEFORE = join(LAYOUTS, "before-after/before");
const AFTER = join(LAYOUTS, "before-after/after");
const TIMESTAMPED = join(LAYOUTS, "timestamped");
const FLAT = join(LAYOUTS, "flat");

type Row = Record<string, unknown>;

/** The report through its library door; results.json's rows. */
async function results(
  opts: Partial<ReportOptions> & { data: string[] },
  hooks?: RequestHooks,
): Promise<Row[]> {
  const out = join(tempDir("vb-request-"), "out");
  await runReport({ out, formats: ["json"], check: false, quiet: true, progress: false, ...opts }, hooks);
  return JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
}

/** loadDir, counting the folders it reads. */
function countingLoad(): { hooks: RequestHooks; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    hooks: {
      load: (root, opts) => {
        reads.push(root);
        return loadDir(root, opts);
      },
    },
  };
}

Deno.test("request: --store S --against B keeps --adjust none and --min-change 50% (results.json says so)", async () => {
  const store = join(tempDir("vb-request-store-"), "store");
  await results({ data: [FLAT], store, batch: "b1" });
  const rows = await results({
    data: [FLAT],
    store,
    against: "b1",
    noAppend: true,
    adjust: "none",
    minChange: 0.5,
  });
  assert.ok(rows.length > 0);
  for (const r of rows) {
    assert.equal(r.adjust, "none");
    assert.equal(r.min_change, 0.5);
    assert.equal(r.baseline, "b1");
  }
});

Deno.test("request: report A B --by nosuch fails like report A --by nosuch (same sentence, exit 3)", async () => {
  const out = join(tempDir("vb-request-"), "out");
  const one = await report(BEFORE, "--by", "nosuch", "--out", out);
  const two = await report(BEFORE, AFTER, "--by", "nosuch", "--out", out);
  assert.equal(one.code, 3, one.stderr);
  assert.equal(two.code, 3, two.stderr);
  assert.match(one.stderr, /No run has a factor "nosuch"/);
  assert.equal(two.stderr, one.stderr);
  // A factor that exists is refused with two sides rather than ignored: the side is the compared factor.
  const other = await report(BEFORE, AFTER, "--by", "ioengine", "--out", out);
  assert.equal(other.code, 3);
  assert.match(other.stderr, /the compared factor is the side, "run"; --by ioengine/);
});

Deno.test("request: --store keeps the layout, so --against the same folder compares workloads with repetitions", async () => {
  const store = join(tempDir("vb-request-store-"), "store");
  const layout = "{date}/{config}/out.json";
  await results({ data: [TIMESTAMPED], store, batch: "t1", layout });
  const stored = (await loadRequest({ sides: [{ store, batch: "t1" }] })).dataset.rows;
  const workloads = new Set(stored.filter((r) => r.tool === "fio").map((r) => r.factors.workload));
  assert.deepEqual([...workloads].sort(), ["qd1", "qd8"], "the layout's {config}, not the file stem");
  assert.equal(new Set(stored.map((r) => r.factors.rep)).size, 5, "the timestamps are the repetitions");
  const rows = await results({ data: [TIMESTAMPED], store, against: "t1", noAppend: true, layout });
  assert.ok(rows.every((r) => r.n_baseline === 5 && r.n_candidate === 5), "5 repetitions a side");
  const iops = rows.filter((r) => r.metric === "iops" && r.stat === "mean");
  assert.deepEqual(iops.map((r) => [r.workload, r.ratio, r.verdict]), [["qd1", 1, "~"], ["qd8", 1, "~"]]);
});

Deno.test("request: before/after with a layout — every template form pairs 5 runs a side; Data counts all 10 files", async () => {
  for (
    const layout of [
      "{config}-run{rep}.json",
      "randread-run{rep}.json",
      "*-run{rep}.json",
      "{config}-run{rep}",
    ]
  ) {
    const [a] = await analyseRequest({ sides: [{ folder: BEFORE }, { folder: AFTER }], layout, tool: "fio" });
    const iops = a.comparisons.filter((c) => c.metric === "iops" && c.stat === "mean");
    assert.equal(iops.length, 1, layout);
    assert.equal(iops[0].baseline.n, 5, layout);
    assert.equal(iops[0].candidate.n, 5, layout);
    assert.equal(iops[0].verdict, "worse", layout);
    assert.match(describeAnalysis(a), /from 10 files/, layout);
  }
});

Deno.test("request: each data folder is read once per request (one folder with --store, two folders, a batch)", async () => {
  const store = join(tempDir("vb-request-store-"), "store");
  const one = countingLoad();
  await results({ data: [FLAT], store, batch: "b1" }, one.hooks);
  assert.deepEqual(one.reads, [FLAT], "analysed per family and appended to the store, read once");
  const two = countingLoad();
  await results({ data: [BEFORE, AFTER] }, two.hooks);
  assert.deepEqual(two.reads.sort(), [AFTER, BEFORE]);
  const against = countingLoad();
  await results({ data: [FLAT], store, against: "b1" }, against.hooks);
  assert.deepEqual(against.reads, [FLAT], "compared with the batch and appended to the store, read once");
});

Deno.test("request: each folder's bytes and files reach onSized once it is walked, through the report's door too", async () => {
  const bytesOf = (dir: string) =>
    [...Deno.readDirSync(dir)].reduce((sum, e) => sum + Deno.statSync(join(dir, e.name)).size, 0);
  const expected = [[bytesOf(BEFORE), 5], [bytesOf(AFTER), 5]].sort();
  const direct: number[][] = [];
  await loadDir(BEFORE, { onSized: (bytes, files) => direct.push([bytes, files]) });
  assert.deepEqual(direct, [[bytesOf(BEFORE), 5]]);
  const one = join(BEFORE, "randread-run1.json");
  const single: number[][] = [];
  await loadDir(one, { onSized: (bytes, files) => single.push([bytes, files]) });
  assert.deepEqual(single, [[Deno.statSync(one).size, 1]], "a single file is sized too");
  const told: number[][] = [];
  await results({ data: [BEFORE, AFTER] }, { onSized: (bytes, files) => told.push([bytes, files]) });
  assert.deepEqual(
    told.sort(),
    expected,
    "one call a side, the report's own use of the hook notwithstanding",
  );
});
