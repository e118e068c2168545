import assert from "node:assert/strict";
import { join } from "node:path";
import { detectFormat, loadDir, ParseError, parseFioJson, parseFioNormal } from "../../lib/ingest/mod.ts";
import type { Measurement } from "../../lib/model.ts";
import { FIXTURES } from "../helpers.ts";
import { analyseLoaded, loadRequest } from "../../lib/analysis/request.ts";
import { latencyLadderFigure, timeseriesFigure } from "../../lib/present/figures.ts";

const DIR = join(FIXTURES, "fio-normal");
const text = (name: string) => Deno.readTextFileSync(join(DIR, name));
const key = (r: Measurement) => `${r.job} ${r.direction} ${r.metric} ${r.stat}`;

Deno.test("fio normal output: the same run's fio JSON, exact where fio prints the counts, to the printed digit elsewhere", () => {
  const both = text("normal-and-json.txt");
  const json = new Map(parseFioJson(both, "j.txt").rows.map((r) => [key(r), r.value]));
  // The normal output is what fio wrote around its JSON document (which starts at a line "{" and ends at "}").
  const normalText = both.slice(0, both.indexOf("\n{\n")) + both.slice(both.indexOf("\n}\n") + 2);
  const normal = parseFioNormal(normalText, "n.txt");
  assert.equal(normal.files[0].toolVersion, "fio-3.33");
  assert.deepEqual(
    [...new Set(normal.rows.map((r) => r.job))],
    ["mix", "mix#2"],
    "numjobs clones numbered as in JSON",
  );
  let checked = 0;
  for (const r of normal.rows) {
    const expected = json.get(key(r));
    assert.ok(expected !== undefined, `${key(r)} is in fio's JSON`);
    const exact = ["bw", "bytes", "runtime", "total_ios", "ctx", "majf", "minf"].includes(r.metric) ||
      r.stat.startsWith("p");
    if (exact) assert.equal(r.value, expected, key(r));
    else if (r.metric === "iops") assert.ok(Math.abs(r.value - expected) <= 5e-7, "JSON has six decimals");
    else if (r.stat === "min" || r.stat === "max") {
      // Whole ns, or to a tenth of the suffix (3407.6k).
      assert.ok(
        Math.abs(r.value - expected) <= (expected >= 1e4 ? 50 : 0.5),
        `${key(r)}: ${r.value} vs ${expected}`,
      );
    } else assert.ok(Math.abs(r.value - expected) <= 0.005 + 1e-9, `${key(r)}: ${r.value} vs ${expected}`);
    checked++;
  }
  // Per job: 2 directions × (5 counts + 8 latency stats + 17 percentiles) + 5 CPU fields.
  assert.equal(checked, 2 * (2 * (5 + 8 + 17) + 5));
  assert.equal(normal.warnings.length, 0);
});

Deno.test("fio normal output is recognised by its content, with the job's options from its definition line", () => {
  const run = text("compare/psync/randread-4k_1.txt");
  assert.equal(detectFormat(run), "fio-normal");
  const ds = parseFioNormal(run, "randread-4k_1.txt");
  assert.equal(ds.files[0].toolVersion, "fio-3.33");
  assert.deepEqual(ds.rows[0].factors, { rw: "randread", bs: "4KiB", ioengine: "psync", iodepth: "1" });
  const ios = Number(run.match(/issued rwts: total=(\d+)/)![1]);
  const ms = Number(run.match(/\/(\d+)msec\)/)![1]);
  const value = (metric: string) => ds.rows.find((r) => r.metric === metric)!.value;
  assert.equal(value("iops"), ios * 1000 / ms);
  assert.equal(value("bw"), Math.floor(ios * 4096 * 1000 / ms));
  assert.equal(value("runtime"), ms * 0.001); // as fio JSON's runtime is read
});

Deno.test("a folder of fio normal outputs is compared by the option that differs, 3 runs a side", async () => {
  const ds = await loadDir(join(DIR, "compare"));
  const iops = ds.rows.filter((r) => r.metric === "iops");
  assert.equal(iops.length, 6);
  assert.deepEqual(
    iops.map((r) => [r.factors.ioengine, r.factors.rep, r.factors.workload]).sort(),
    [1, 2, 3].map((n) => ["psync", String(n), "randread-4k"]).concat(
      [1, 2, 3].map((n) => ["sync", String(n), "randread-4k"]),
    ),
  );
  assert.equal(ds.warnings.length, 0);
  // The analysis compares them by ioengine, the ratio as by hand from fio's printed counts.
  const [disk] = analyseLoaded(await loadRequest({ sides: [{ folder: join(DIR, "compare") }] }), "owned");
  assert.equal(disk.by, "ioengine");
  const c = disk.comparisons.find((c) => c.metric === "iops")!;
  const mean = (engine: string) => {
    const values = [1, 2, 3].map((n) => {
      const run = text(`compare/${engine}/randread-4k_${n}.txt`);
      return Number(run.match(/issued rwts: total=(\d+)/)![1]) * 1000 /
        Number(run.match(/\/(\d+)msec\)/)![1]);
    });
    return values.reduce((s, v) => s + v) / 3;
  };
  assert.deepEqual([c.baselineName, c.candidateName, c.baseline.n, c.candidate.n], ["psync", "sync", 3, 3]);
  assert.ok(Math.abs(c.ratio! - mean("sync") / mean("psync")) < 1e-12);
});

Deno.test("fio normal runs appended to one file are repetitions", async () => {
  const ds = await loadDir(join(DIR, "appended"));
  const iops = ds.rows.filter((r) => r.metric === "iops");
  assert.deepEqual(iops.map((r) => [r.source, r.factors.rep, r.job]), [
    ["seqwrite.txt#1", "1", "seqwrite"],
    ["seqwrite.txt#2", "2", "seqwrite"],
    ["seqwrite.txt#3", "3", "seqwrite"],
  ]);
  assert.equal(iops[0].factors.bs, "64KiB");
});

Deno.test("fio normal output with a range of block sizes: IOPS exact, bandwidth as printed, said in a warning", () => {
  const run = text("bsrange.txt");
  const ds = parseFioNormal(run, "bsrange.txt");
  const ios = Number(run.match(/issued rwts: total=(\d+)/)![1]);
  const ms = Number(run.match(/\/(\d+)msec\)/)![1]);
  const bw = run.match(/BW=([\d.]+)MiB\/s/)![1];
  assert.equal(ds.rows.find((r) => r.metric === "iops")!.value, ios * 1000 / ms);
  assert.equal(ds.rows.find((r) => r.metric === "bw")!.value, Number(bw) * 2 ** 20);
  assert.equal(ds.rows[0].factors.bs, "4KiB-16KiB");
  assert.equal(ds.warnings.length, 1);
  assert.match(ds.warnings[0].message, /^bsrange\.txt: job "bsrange" read: a range of block sizes/);
});

Deno.test("fio normal output cut short before its I/O counts: rates as printed, and a warning that says why", () => {
  // A real run (compare/psync/randread-4k_1.txt) cut by the test after its latency percentiles.
  const run = text("compare/psync/randread-4k_1.txt");
  const cut = run.slice(0, run.indexOf("   bw ("));
  const ds = parseFioNormal(cut, "cut.txt");
  const iops = run.match(/IOPS=([\d.]+)k/)![1];
  assert.equal(ds.rows.find((r) => r.metric === "iops")!.value, Number(iops) * 1000);
  assert.equal(ds.rows.some((r) => r.metric === "total_ios"), false);
  assert.deepEqual(ds.warnings.map((w) => w.message), [
    'cut.txt: job "randread-4k" read: no count of issued I/Os ("issued rwts"; the output may be cut short), so ' +
    "IOPS, bandwidth and bytes are as fio printed them (three significant figures); fio JSON " +
    "(--output-format=json) has them exactly",
  ]);
});

Deno.test("fio 2.x normal output is refused with a sentence that says what to run instead", () => {
  // Synthetic: the shape of fio 2.x's direction line (stat.c of fio 2.2), not a real run.
  const fio2 = "randread: (groupid=0, jobs=1): err= 0: pid=1: Thu Jan  1 00:00:00 2015\n" +
    "  read : io=1024.0MB, bw=34953KB/s, iops=8738, runt= 30001msec\n";
  assert.equal(detectFormat(fio2), "fio-normal");
  assert.throws(() => parseFioNormal(fio2, "old.txt"), (e: unknown) => {
    assert.ok(e instanceof ParseError);
    assert.match(e.message, /old\.txt, line 2: found fio 2\.x normal output .* --output-format=json/);
    return true;
  });
});

Deno.test("fio normal output with bandwidth logs beside it: the logs join their runs, and the ladder draws its percentiles", async () => {
  const [disk] = analyseLoaded(await loadRequest({ sides: [{ folder: join(DIR, "logs") }] }), "owned");
  // Each log is paired with the run of its folder, name and repetition, as beside fio JSON.
  assert.deepEqual(disk.dataset.series.map((s) => [s.factors.ioengine, s.factors.rep]).sort(), [
    ["psync", "1"],
    ["psync", "2"],
    ["sync", "1"],
    ["sync", "2"],
  ]);
  assert.ok(!timeseriesFigure(disk, { metric: "bw" }).empty);
  const ladder = latencyLadderFigure(disk, { workload: "randread-4k" });
  assert.ok(!ladder.empty, "percentiles from fio's normal output (no JSON in the folder)");
});
