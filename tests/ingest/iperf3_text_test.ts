import assert from "node:assert/strict";
import { join } from "node:path";
import { detectFormat, loadDir, parseIperf3Text, ToolRunError } from "../../lib/ingest/mod.ts";
import { analyseLoaded, loadRequest } from "../../lib/analysis/request.ts";
import { FIXTURES } from "../helpers.ts";
import { comparisonStory, describeAnalysis } from "../../lib/present/describe.ts";

const DIR = join(FIXTURES, "iperf3-text");
const text = (name: string) => Deno.readTextFileSync(join(DIR, name));
/** `x` as iperf3 prints it: three significant figures. */
const printed = (x: number) => Number(x.toPrecision(3));

Deno.test("iperf3 text output: the receiver's numbers are the server's exact JSON, to the three figures printed", () => {
  const client = text("client.txt");
  assert.equal(detectFormat(client), "iperf3-text");
  const ds = parseIperf3Text(client, "client.txt");
  const exact = JSON.parse(text("server.json")).end.sum_received;
  const value = (dir: string, metric: string) =>
    ds.rows.find((r) => r.direction === dir && r.metric === metric)!.value;
  assert.equal(value("receive", "throughput") * 8, printed(exact.bits_per_second / 1e9) * 1e9);
  assert.equal(value("receive", "bytes"), Math.round(printed(exact.bytes / 2 ** 30) * 2 ** 30));
  assert.equal(value("send", "retransmits"), Number(client.match(/ (\d+)\s+sender/)![1]));
  assert.deepEqual(ds.rows[0].factors, { protocol: "TCP", num_streams: "1", reverse: "0" });
  assert.deepEqual(ds.rows[0].info, { host: "127.0.0.1" });
  assert.equal(ds.rows[0].job, "tcp");
  assert.equal(ds.series[0].t.length, 1);
  assert.match(ds.warnings[0].message, /^client\.txt: iperf3's text output: .* to three significant figures/);
});

Deno.test("a folder of iperf3 text outputs is compared by its folders, the ratio as by hand, 3 runs a side", async () => {
  const [net] = analyseLoaded(await loadRequest({ sides: [{ folder: join(DIR, "compare") }] }), "owned");
  const c = net.comparisons.find((c) => c.metric === "throughput" && c.direction === "receive")!;
  const mean = (side: string) =>
    [1, 2, 3].map((n) => {
      const [, rate, unit] = text(`compare/${side}/run${n}.txt`).match(
        /([\d.]+) ([MG])bits\/sec\s+receiver/,
      )!;
      return Number(rate) * (unit === "G" ? 1e9 : 1e6) / 8;
    }).reduce((s, v) => s + v) / 3;
  assert.deepEqual([c.baselineName, c.candidateName, c.baseline.n, c.candidate.n], [
    "copy",
    "zerocopy",
    3,
    3,
  ]);
  assert.ok(Math.abs(c.ratio! - mean("zerocopy") / mean("copy")) < 1e-12);
});

Deno.test("iperf3 text runs appended to one file are repetitions; several streams are read from their [SUM] lines", async () => {
  const ds = await loadDir(join(DIR, "appended"));
  const received = ds.rows.filter((r) => r.metric === "throughput" && r.direction === "receive");
  assert.deepEqual(received.map((r) => [r.source, r.factors.rep, r.factors.num_streams]), [
    ["p2.txt#1", "1", "2"],
    ["p2.txt#2", "2", "2"],
    ["p2.txt#3", "3", "2"],
  ]);
  const sums = [...text("appended/p2.txt").matchAll(/\[SUM\].* ([\d.]+) Gbits\/sec\s+receiver/g)];
  assert.deepEqual(received.map((r) => r.value), sums.map((m) => Number(m[1]) * 1e9 / 8));
});

Deno.test("iperf3 text output of a UDP run: jitter, datagrams and loss at the receiver", () => {
  const ds = parseIperf3Text(text("udp.txt"), "udp.txt");
  const of = (metric: string) =>
    ds.rows.filter((r) => r.metric === metric).map((r) => [r.direction, r.value]);
  assert.equal(ds.rows[0].job, "udp");
  assert.equal(ds.rows[0].factors.protocol, "UDP");
  assert.deepEqual(of("throughput"), [["receive", 200e6 / 8], ["send", 200e6 / 8]]);
  assert.deepEqual(of("jitter"), [["receive", 0.007 * 1e6]]);
  assert.deepEqual(of("packets"), [["receive", 763]]);
  assert.deepEqual(of("lost"), [["receive", 0]]);
  assert.deepEqual(of("loss"), [["receive", 0]]);
});

Deno.test("iperf3 text output of a reverse run with omitted seconds: job tcp-reverse, the omitted interval left out", () => {
  const ds = parseIperf3Text(text("reverse-omit.txt"), "r.txt");
  assert.equal(ds.rows[0].job, "tcp-reverse");
  assert.equal(ds.rows[0].factors.reverse, "1");
  assert.deepEqual(ds.series[0].t, [1, 2]);
  assert.equal(ds.series[0].direction, "receive");
});

Deno.test("iperf3's error in its text output is the run's failure, in one sentence with iperf3's words", () => {
  const run = text("refused.txt");
  assert.equal(detectFormat(run), "iperf3-text");
  assert.throws(() => parseIperf3Text(run, "refused.txt"), (e: unknown) => {
    assert.ok(e instanceof ToolRunError);
    assert.equal(
      e.message,
      'refused.txt, line 1: found iperf3\'s error "unable to connect to server: Connection refused", expected a ' +
        "completed run. 0 intervals measured before the error are kept as partial data.",
    );
    return true;
  });
});

Deno.test("iperf3 runs named only by their -T title are compared by it, as text and as JSON (3 runs each)", async () => {
  for (const format of ["text", "json"]) {
    const folder = join(FIXTURES, "iperf3-titles", format);
    const [net] = analyseLoaded(await loadRequest({ sides: [{ folder }] }), "owned");
    const c = net.comparisons.find((c) => c.metric === "throughput" && c.direction === "receive")!;
    assert.equal(net.by, "title", format);
    assert.deepEqual([c.baselineName, c.candidateName, c.baseline.n, c.candidate.n], [
      "e1000",
      "virtio-net",
      3,
      3,
    ]);
  }
  const titled = parseIperf3Text(Deno.readTextFileSync(join(FIXTURES, "iperf3-titles/text/1.txt")), "1.txt");
  assert.deepEqual(titled.rows[0].info, { host: "127.0.0.1", title: "e1000" });
  assert.equal(titled.series[0].t.length, 1, "the title before each line is not part of the line");
});

Deno.test("iperf3's own text log (--logfile) with --timestamps: three appended runs, the times before each line", async () => {
  const ds = await loadDir(join(DIR, "logfile"));
  const received = ds.rows.filter((r) => r.metric === "throughput" && r.direction === "receive");
  const printedRates = [...text("logfile/e1000.txt").matchAll(/ ([\d.]+) Gbits\/sec\s+receiver/g)];
  assert.deepEqual(received.map((r) => [r.source, r.factors.rep]), [
    ["e1000.txt#1", "1"],
    ["e1000.txt#2", "2"],
    ["e1000.txt#3", "3"],
  ]);
  // The printed figures exactly (8.56 Gbits/sec is 8 560 000 000 bits/s, not 8.56 × 1e9).
  assert.deepEqual(received.map((r) => r.value), printedRates.map((m) => Number(`${m[1]}e9`) / 8));
});

Deno.test("an interval line with a damaged number is not read as a rate (no NaN in the series)", () => {
  // The real udp.txt with one interval's bit rate damaged by the test ("200" → "2.0.0").
  const damaged = text("udp.txt").replace(
    /(0\.00-1\.00\s+sec\s+\S+ MBytes\s+)200( Mbits\/sec\s+\d+\s*\n)/,
    "$12.0.0$2",
  );
  assert.notEqual(damaged, text("udp.txt"));
  const ds = parseIperf3Text(damaged, "udp.txt");
  assert.ok(ds.series.every((s) => s.value.every(Number.isFinite)));
  assert.equal(ds.rows.find((r) => r.metric === "throughput")!.value, 200e6 / 8, "the summary is intact");
});

Deno.test("runs numbered 1…6 in one folder, 3 of each title: the analysis says 3 repetitions each, not 6", async () => {
  const [net] = analyseLoaded(
    await loadRequest({ sides: [{ folder: join(FIXTURES, "iperf3-titles", "text") }] }),
    "owned",
  );
  assert.match(comparisonStory(net), /virtio-net against the baseline e1000, up to 3 repetitions each/);
  assert.match(describeAnalysis(net), /against the baseline e1000, up to 3 repetitions each;/);
});
