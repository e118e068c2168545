/**
 * Change points on a real history made on this machine (tests/fixtures/changes/: 10 batches of one unchanged fio
 * job, 3 runs each; from batch b06 on fio ran under a 15 % CPU limit that no fio option records). The change is
 * found at b05 → b06, worse, with an interval holding the ratio of the segment means computed here by hand from
 * fio's JSON; the unchanged part of the history (b01–b05) gives no change; `report --changes --check` exits 1.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  changesFigures,
  changesGate,
  changesHistory,
  changesOf,
  storeChanges,
} from "../../lib/analysis/changes.ts";
import { pageHeight, SCREEN_WIDTH } from "../../lib/plot/size.ts";
import { storeHistory } from "../../lib/analysis/history.ts";
import { addToStore } from "../../lib/analysis/store.ts";
import { FIXTURES, ROOT, tempDir } from "../helpers.ts";
import { report } from "../report/run.ts";

const HISTORY = join(FIXTURES, "changes/history");
const BATCHES = [...Deno.readDirSync(HISTORY)].filter((e) => e.isDirectory).map((e) => e.name).sort();

async function storeOf(batches: string[]): Promise<string> {
  const store = join(tempDir("vb-changes-"), "store");
  for (const b of batches) await addToStore(join(HISTORY, b), store, { batch: b });
  return store;
}

/** IOPS of each run, read straight from fio's JSON (not through lib/ingest). */
function iopsOf(batch: string): number[] {
  const dir = join(HISTORY, batch);
  return [...Deno.readDirSync(dir)].filter((e) => e.isDirectory).map((e) => e.name).sort().map((rep) =>
    JSON.parse(Deno.readTextFileSync(join(dir, rep, "shmread-4k.json"))).jobs[0].read.iops as number
  );
}

const avg = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;

Deno.test("real history: the CPU limit from b06 is one worse IOPS change at b05 → b06", async () => {
  assert.equal(BATCHES.length, 10);
  const c = await storeChanges(await storeOf(BATCHES));
  const iops = c.result.series.find((s) => c.configs.get(s.key)!.metric === "iops")!;
  assert.equal(iops.family, "headline");
  assert.equal(iops.changes.length, 1);
  const p = iops.changes[0];
  assert.deepEqual([p.batchBefore, p.batchAfter, p.verdict], ["b05", "b06", "worse"]);
  const before = avg(BATCHES.slice(0, 5).map((b) => avg(iopsOf(b))));
  const after = avg(BATCHES.slice(5).map((b) => avg(iopsOf(b))));
  const ratio = after / before;
  assert.ok(Math.abs(p.ratio! - ratio) < 1e-9 * ratio, `${p.ratio} vs ${ratio}`);
  assert.ok(p.ratioCI.lo! < ratio && ratio < p.ratioCI.hi!, `[${p.ratioCI.lo}, ${p.ratioCI.hi}] ∌ ${ratio}`);
  assert.ok(p.ratioCI.hi! < 1);
  assert.deepEqual([p.before.means.length, p.after.means.length], [5, 5]);
  assert.equal(changesGate(c).status, "regression");
});

Deno.test("change-point figures draw the values the change points were found in: no second read of the store", async () => {
  const store = await storeOf(BATCHES);
  const c = await storeChanges(store);
  const query = { metric: "iops", stat: "mean", tool: "fio", steps: false };
  const read = await storeHistory(store, query);
  Deno.removeSync(store, { recursive: true }); // what is drawn now cannot come from the store
  const h = changesHistory(c, query);
  assert.deepStrictEqual(
    h,
    read,
    "the same history as a read of the store gives (every configuration is tested)",
  );
  const titles = changesFigures(c).map((f) => f.title);
  assert.ok(titles.includes("IOPS across batches"), titles.join("; "));
  // Segments and change points are drawn where one could be tested (4 batches with two a side), not on 3.
  const marked = (cs: typeof c) =>
    changesFigures(cs).map((f) => /Dotted vertical rules/.test(f.svg.outerHTML));
  assert.deepEqual([...new Set(marked(c))], [true]);
  assert.deepEqual([...new Set(marked(await storeChanges(await storeOf(BATCHES.slice(0, 3)))))], [false]);
});

Deno.test("change-point figures of the shipped store: a figure per metric and tool, every headline configuration drawn", async () => {
  const c = await storeChanges(join(ROOT, "store"));
  const figures = changesFigures(c);
  assert.deepEqual(figures.map((f) => f.id), [
    "history-throughput-mean-iperf2",
    "history-throughput-mean-iperf3",
    "history-bw-mean",
    "history-iops-mean",
  ]);
  assert.equal(figures[1].title, "Throughput across batches · iperf3");
  const headline = c.result.series.filter((s) => s.family === "headline").map((s) => c.configs.get(s.key)!);
  const drawn = figures.reduce(
    (n, f) => n + Number(f.svg.outerHTML.match(/ · (\d+) configurations · /)![1]),
    0,
  );
  assert.equal(drawn, headline.length);
});

Deno.test("change-point figures of many hosts are paged to a printed page, each panel once, named in full", () => {
  // Labelled synthetic: 12 hosts × 2 drivers of one fio job over 4 batches, 3 runs each, no change.
  const rows = [];
  for (let h = 1; h <= 12; h++) {
    for (const driver of ["ide", "virtio-blk"]) {
      for (const batch of ["b1", "b2", "b3", "b4"]) {
        rows.push({
          batch,
          tool: "fio",
          job: "randread",
          direction: "read",
          metric: "iops",
          stat: "mean",
          unit: "IO/s",
          factors: { driver, host: `db-${String(h).padStart(2, "0")}`, workload: "randread-4k-qd32" },
          values: [1000, 1010, 990].map((v) => v * (driver === "ide" ? 1 : 2)),
        });
      }
    }
  }
  const figures = changesFigures(changesOf(rows));
  assert.ok(figures.length > 1, `${figures.length} figure`);
  figures.forEach((f, i) => {
    assert.equal(f.id, `history-iops-mean-${i + 1}-of-${figures.length}`);
    assert.ok(f.height <= pageHeight(SCREEN_WIDTH), `${f.id}: ${f.height} px`);
  });
  const svg = figures.map((f) => f.svg.outerHTML).join("");
  const hosts = [...svg.matchAll(/>host (db-\d+)</g)].map((m) => m[1]);
  assert.deepEqual(hosts, Array.from({ length: 12 }, (_, i) => `db-${String(i + 1).padStart(2, "0")}`));
});

Deno.test("real history: the unchanged batches b01–b05 give no change point in any metric", async () => {
  const c = await storeChanges(await storeOf(BATCHES.slice(0, 5)));
  assert.ok(c.result.series.length > 0);
  assert.deepEqual(c.result.series.flatMap((s) => s.changes.map(() => c.configs.get(s.key)!.metric)), []);
  assert.equal(changesGate(c).status, "pass");
});

Deno.test("report --store S --changes --check: changes.csv, report section, exit 1 on the worse latest change", async () => {
  const store = await storeOf(BATCHES);
  const out = join(tempDir("vb-changes-out-"), "report");
  const r = await report("--store", store, "--changes", "--check", "--out", out);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /check: worse since batch b06: shmread-4k .* iops mean/);
  const csv = Deno.readTextFileSync(join(out, "changes.csv")).split("\n");
  assert.equal(
    csv[0].split(",").slice(0, 11).join(","),
    "workload,metric,stat,batch_before,batch_after,ratio,ratio_lo,ratio_hi,verdict,n_before,n_after",
  );
  assert.ok(csv.some((l) => /^shmread-4k,iops,mean,b05,b06,[0-9.]+,[0-9.]+,[0-9.]+,worse,5,5,/.test(l)));
  const md = Deno.readTextFileSync(join(out, "report.md"));
  assert.match(md, /## Change points across the store's batches/);
  assert.match(Deno.readTextFileSync(join(out, "report.html")), /change: worse/);
  // The unchanged part passes the gate; a data folder with --changes is a usage error.
  const calm = await report(
    "--store",
    await storeOf(BATCHES.slice(0, 5)),
    "--changes",
    "--check",
    "--out",
    out,
  );
  assert.equal(calm.code, 0, calm.stderr);
  assert.match(
    Deno.readTextFileSync(join(out, "report.md")),
    /^No change point clears the no-change band \(\d+ tested\)\.$/m,
  );
  // Three batches cannot hold a change with two a side: undecided, never a silent pass.
  const few = await report(
    "--store",
    await storeOf(BATCHES.slice(0, 3)),
    "--changes",
    "--check",
    "--out",
    out,
  );
  assert.equal(few.code, 4, few.stderr);
  assert.match(few.stderr, /no headline metric has the 4 batches a change point needs/);
  // …and the report says so: too little history, not "no change point clears the band".
  const fewMd = Deno.readTextFileSync(join(out, "report.md"));
  assert.match(
    fewMd,
    /^Nothing could be tested: a change point needs 4 batches of a configuration \(2 a side/m,
  );
  assert.doesNotMatch(fewMd, /No change point clears/);
  assert.equal((await report(HISTORY, "--store", store, "--changes", "--out", out)).code, 2);
  // The family's α is the user's: a looser level draws a narrower interval around the same change.
  const [usual, loose] = [
    join(tempDir("vb-changes-out-"), "report"),
    join(tempDir("vb-changes-out-"), "report"),
  ];
  assert.equal((await report("--store", store, "--changes", "--out", usual)).code, 0);
  assert.equal(
    (await report("--store", store, "--changes", "--change-alpha", "0.2", "--out", loose)).code,
    0,
  );
  const row = (dir: string) =>
    Deno.readTextFileSync(join(dir, "changes.csv")).split("\n").find((l) =>
      l.startsWith("shmread-4k,iops,mean,b05,b06,")
    )
      ?.split(",");
  const [lo, hi, looseLo, looseHi] = [...row(usual)!.slice(6, 8), ...row(loose)!.slice(6, 8)].map(Number);
  assert.ok(looseLo > lo && looseHi < hi, `α 0.2: [${looseLo}, ${looseHi}] inside α 0.05's [${lo}, ${hi}]`);
  const bad = await report("--store", store, "--changes", "--change-alpha", "5%", "--out", loose);
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /^report: Invalid --change-alpha "5%": expected a level above 0 up to 0\.5, such as 0\.01\./,
  );
});
