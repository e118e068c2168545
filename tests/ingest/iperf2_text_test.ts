import assert from "node:assert/strict";
import { join } from "node:path";
import { detectFormat, loadDir, parseIperf2Text, ToolRunError } from "../../lib/ingest/mod.ts";
import { analyseLoaded, loadRequest } from "../../lib/analysis/request.ts";
import { FIXTURES } from "../helpers.ts";

const DIR = join(FIXTURES, "iperf2-text");
const text = (name: string) => Deno.readTextFileSync(join(DIR, name));
/** `x` as iperf prints it: three significant figures. */
const printed = (x: number) => Number(x.toPrecision(3));
const values = (rows: { metric: string; direction: string; value: number }[], metric: string) =>
  rows.filter((r) => r.metric === metric).map((r) => [r.direction, r.value]);

Deno.test("iperf 2 text output: the client's numbers are the server's exact CSV, to the three figures printed", () => {
  const client = text("client.txt");
  assert.equal(detectFormat(client), "iperf2-text");
  const ds = parseIperf2Text(client, "client.txt");
  const [, , , , , , , bytes, bits] = text("server.csv").trim().split(",").map(Number);
  assert.deepEqual(values(ds.rows, "throughput"), [["send", printed(bits / 1e9) * 1e9 / 8]]);
  assert.deepEqual(values(ds.rows, "bytes"), [["send", Math.round(printed(bytes / 2 ** 30) * 2 ** 30)]]);
  assert.deepEqual(ds.rows[0].factors, { protocol: "TCP", num_streams: "1" });
  assert.equal(ds.rows[0].job, "tcp");
  assert.match(
    ds.warnings[0].message,
    /^client\.txt: iperf 2's text output: .* to three significant figures/,
  );
});

Deno.test("a folder of iperf 2 text outputs is compared by its folders, the ratio as by hand, 3 runs a side", async () => {
  const [net] = analyseLoaded(await loadRequest({ sides: [{ folder: join(DIR, "compare") }] }), "owned");
  const c = net.comparisons.find((c) => c.metric === "throughput")!;
  const mean = (side: string) =>
    [1, 2, 3].map((n) => {
      const [, rate] = text(`compare/${side}/run${n}.txt`).match(/ ([\d.]+) Gbits\/sec\s*$/m)!;
      return Number(rate) * 1e9 / 8;
    }).reduce((s, v) => s + v) / 3;
  assert.equal(c.baseline.n, 3);
  assert.equal(c.candidate.n, 3);
  assert.ok(Math.abs(c.ratio! - mean(c.candidateName) / mean(c.baselineName)) < 1e-12);
  assert.deepEqual([c.baselineName, c.candidateName].sort(), ["window-128k", "window-default"]);
});

Deno.test("iperf 2 text runs appended to one file are repetitions; several streams are read from their [SUM] lines", async () => {
  const ds = await loadDir(join(DIR, "appended"));
  const sent = ds.rows.filter((r) => r.metric === "throughput");
  assert.deepEqual(sent.map((r) => [r.source, r.factors.rep, r.factors.num_streams]), [
    ["p2.txt#1", "1", "2"],
    ["p2.txt#2", "2", "2"],
    ["p2.txt#3", "3", "2"],
  ]);
  const sums = [...text("appended/p2.txt").matchAll(/^\[SUM\].* ([\d.]+) Gbits\/sec/gm)];
  assert.deepEqual(sent.map((r) => r.value), sums.map((m) => Number(m[1]) * 1e9 / 8));
});

Deno.test("iperf 2 text output of a UDP run: the server's report is what was received", () => {
  const ds = parseIperf2Text(text("udp.txt"), "udp.txt");
  assert.equal(ds.rows[0].job, "udp");
  assert.deepEqual(values(ds.rows, "throughput"), [["send", 52.4e6 / 8], ["receive", 52.4e6 / 8]]);
  assert.deepEqual(values(ds.rows, "packets"), [["receive", 4461]]);
  assert.deepEqual(values(ds.rows, "lost"), [["receive", 0]]);
  assert.deepEqual(values(ds.rows, "jitter"), [["receive", 0]]);
  const missing = parseIperf2Text(text("udp-p2-no-report.txt"), "u.txt");
  assert.deepEqual(values(missing.rows, "throughput"), [["send", 105e6 / 8]]);
  assert.match(
    missing.warnings[0].message,
    /^u\.txt, line 9: the UDP server report is missing \(no Server Report/,
  );
});

Deno.test("iperf 2 text output with -i: the intervals are a series, the whole run the result", () => {
  const ds = parseIperf2Text(text("intervals.txt"), "i.txt");
  assert.deepEqual(values(ds.rows, "throughput"), [["send", 21.7e9 / 8]]);
  assert.deepEqual(ds.series[0].value, [21.2e9 / 8, 22.3e9 / 8]);
});

Deno.test("an iperf 2 run that never connected is one sentence in iperf's words", () => {
  const run = text("refused.txt");
  assert.equal(detectFormat(run), "iperf2-text");
  assert.throws(() => parseIperf2Text(run, "refused.txt"), (e: unknown) => {
    assert.ok(e instanceof ToolRunError);
    assert.equal(
      e.message,
      'refused.txt, line 5: found iperf\'s words "tcp connect failed: Connection refused", expected a completed run.',
    );
    return true;
  });
});
