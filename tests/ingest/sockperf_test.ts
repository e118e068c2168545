/** sockperf 3.7 ping-pong output and --full-log files, made here on 127.0.0.1 (tests/fixtures/sockperf). */
import assert from "node:assert/strict";
import { HISTOGRAM_RESOLUTION } from "../../lib/ingest/log_histogram.ts";
import { join } from "node:path";
import {
  detectFormat,
  InvalidValueError,
  loadDir,
  loadFile,
  ParseError,
  parseSockperfLog,
  parseSockperfSummary,
  ToolRunError,
  UnknownFormatError,
} from "../../lib/ingest/mod.ts";
import type { Histogram, Measurement } from "../../lib/model.ts";
import { stripAnsi } from "../../lib/ingest/sockperf.ts";
import { analyseRequest } from "../../lib/mod.ts";
import { FIXTURES, tempDir } from "../helpers.ts";

const DIR = join(FIXTURES, "sockperf");
const read = (name: string) => Deno.readTextFileSync(join(DIR, name));
const stat = (rows: Measurement[], metric: string, s: string) =>
  rows.find((r) => r.metric === metric && r.stat === s)?.value;

Deno.test("sockperf summary (--full-rtt, UDP 64 B): round trips in ns exactly as printed in µs", () => {
  const ds = parseSockperfSummary(read("sockperf-udp-64.txt"), "s.txt");
  // The numbers sockperf printed (see the fixture): avg-rtt=664.270, percentile 50.000 = 64.763, …
  assert.equal(stat(ds.rows, "rtt", "mean"), 664270);
  assert.equal(stat(ds.rows, "rtt", "stddev"), 1307483);
  assert.equal(stat(ds.rows, "rtt", "p50"), 64763);
  assert.equal(stat(ds.rows, "rtt", "p99"), 6019756);
  assert.equal(stat(ds.rows, "rtt", "p99.9"), 11559778);
  assert.equal(stat(ds.rows, "rtt", "min"), 17222);
  assert.equal(stat(ds.rows, "rtt", "max"), 13061178);
  assert.equal(stat(ds.rows, "messages", "total"), 1277);
  assert.equal(stat(ds.rows, "dropped", "total"), 0);
  assert.equal(stat(ds.rows, "runtime", "value"), 2.548);
  assert.equal(ds.rows.find((r) => r.stat === "p99.9")!.location, "line 19");
  for (const r of ds.rows) {
    assert.equal(r.tool, "sockperf");
    assert.equal(r.toolVersion, "3.7-no.git");
    assert.equal(r.job, "udp");
    assert.equal(r.direction, "roundtrip");
  }
  assert.deepEqual(ds.warnings, []);
});

Deno.test("sockperf summary: TCP runs are job tcp; every fixture has mean, p50, p99, p99.9, min, max", () => {
  for (
    const name of [
      "sockperf-udp-64.txt",
      "sockperf-udp-1400.txt",
      "sockperf-tcp-64.txt",
      "sockperf-tcp-1400.txt",
    ]
  ) {
    const rows = parseSockperfSummary(read(name), name).rows;
    assert.equal(rows[0].job, name.includes("tcp") ? "tcp" : "udp", name);
    for (const s of ["mean", "p50", "p99", "p99.9", "min", "max"]) {
      assert.ok(stat(rows, "rtt", s)! > 0, `${name} ${s}`);
    }
    assert.ok(stat(rows, "rtt", "min")! <= stat(rows, "rtt", "p50")!, `${name}: min ≤ p50`);
    assert.ok(stat(rows, "rtt", "p99.9")! <= stat(rows, "rtt", "max")!, `${name}: p99.9 ≤ max`);
  }
});

Deno.test("sockperf summary without --full-rtt: sockperf's one-way 'latency' is doubled into round trips, with a warning", () => {
  const ds = parseSockperfSummary(read("sockperf-udp-64-halfrtt.txt"), "h.txt");
  assert.equal(stat(ds.rows, "rtt", "mean"), 2 * 237142); // avg-latency=237.142
  assert.equal(stat(ds.rows, "rtt", "min"), 2 * 8350); // <MIN> observation =    8.350
  assert.equal(stat(ds.rows, "messages", "total"), 1272, "counts are not doubled");
  assert.match(ds.warnings[0].message, /^h\.txt: sockperf printed one-way "latency" \(round trip ÷ 2/);
});

/** sockperf's percentile: the sorted observation at index (int)(0.5 + p·n) − 1 (client.cpp, printPercentiles). */
function sockperfPercentile(h: Histogram, p: number): number {
  const n = Array.from(h.count).reduce((a, b) => a + b, 0);
  const index = Math.floor(0.5 + p * n) - 1;
  let seen = 0;
  for (let i = 0; i < h.value.length; i++) {
    seen += h.count[i];
    if (seen > index) return h.value[i];
  }
  return h.value[h.value.length - 1];
}

Deno.test("sockperf full log: a histogram of every round trip (log-linear, 0.05 %) that agrees with sockperf's own summary", () => {
  for (
    const name of [
      "sockperf-udp-64",
      "sockperf-udp-1400",
      "sockperf-tcp-64",
      "sockperf-tcp-1400",
      "sockperf-udp-64-halfrtt",
    ]
  ) {
    const [h] = parseSockperfLog(read(`${name}.fulllog.csv`), "l.csv").histograms;
    const rows = parseSockperfSummary(read(`${name}.txt`), "s.txt").rows;
    assert.equal(h.metric, "rtt");
    assert.equal(h.direction, "roundtrip");
    assert.equal(
      Array.from(h.count).reduce((a, b) => a + b, 0),
      stat(rows, "messages", "total"),
      `${name}: one count per message`,
    );
    // The summary truncates each round trip to whole ticks (and halves it without --full-rtt): within 2 ns,
    // plus half a log-linear bucket (HISTOGRAM_RESOLUTION of the value), the price of a size set by the range.
    const near = (got: number, want: number) => Math.abs(got - want) <= 2 + want * HISTOGRAM_RESOLUTION;
    for (const [s, p] of [["p50", 0.5], ["p99", 0.99], ["p99.9", 0.999]] as const) {
      assert.ok(near(sockperfPercentile(h, p), stat(rows, "rtt", s)!), `${name} ${s}`);
    }
    assert.ok(near(h.value[0], stat(rows, "rtt", "min")!), `${name} min`);
    assert.ok(near(h.value[h.value.length - 1], stat(rows, "rtt", "max")!), `${name} max`);
    assert.ok(
      h.value.length < Array.from(h.count).reduce((a, b) => a + b, 0),
      `${name}: fewer buckets than messages`,
    );
  }
});

Deno.test("sockperf files are recognised by content; a log shares its run's workload; server output is skipped", async () => {
  assert.equal(detectFormat(read("sockperf-udp-64.txt")), "sockperf-summary");
  assert.equal(detectFormat(read("sockperf-udp-64.fulllog.csv")), "sockperf-log");
  assert.equal(detectFormat(read("sockperf-server.txt")), null);
  const dir = tempDir();
  const run = join(dir, "nic=virtio-net", "rep=1");
  Deno.mkdirSync(run, { recursive: true });
  for (const f of ["sockperf-udp-64.txt", "sockperf-udp-64.fulllog.csv", "sockperf-server.txt"]) {
    Deno.copyFileSync(join(DIR, f), join(run, f));
  }
  await assert.rejects(() => loadFile(join(run, "sockperf-server.txt")), UnknownFormatError);
  const ds = await loadDir(dir, { onError: "collect" });
  assert.equal(ds.rows[0].factors.workload, "sockperf-udp-64");
  assert.deepEqual(ds.histograms[0].factors, { nic: "virtio-net", rep: "1", workload: "sockperf-udp-64" });
  assert.equal(
    ds.rows.filter((r) => r.metric === "rtt" && r.stat === "mean").length,
    1,
    "rows from the summary only",
  );
  assert.match(
    ds.warnings[0].message,
    /^skipped \(not a recognised format\): nic=virtio-net\/rep=1\/sockperf-server\.txt/,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sockperf full log without its client output: the run's statistics from the log's own summary, as printed", async () => {
  // A folder per NIC holding only `--full-log` files (the client's stdout not kept): once only histograms, so the
  // round trips were drawn for no comparison and the files went unmentioned.
  const dir = tempDir();
  Deno.mkdirSync(join(dir, "e1000"));
  Deno.copyFileSync(
    join(DIR, "sockperf-udp-64.fulllog.csv"),
    join(dir, "e1000", "sockperf-udp-64.fulllog.csv"),
  );
  const ds = await loadDir(dir);
  Deno.removeSync(dir, { recursive: true });
  const summary = parseSockperfSummary(read("sockperf-udp-64.txt"), "s.txt").rows;
  const fromLog = ds.rows.filter((r) => r.tool === "sockperf");
  assert.ok(fromLog.length > 0);
  // The same run's numbers: the log repeats the client's statistics before its per-message lines.
  for (
    const [metric, st] of [["rtt", "mean"], ["rtt", "p50"], ["rtt", "p99"], ["rtt", "max"], [
      "messages",
      "total",
    ]]
  ) {
    assert.equal(stat(fromLog, metric, st), stat(summary, metric, st), `${metric} ${st}`);
  }
  assert.ok(fromLog.every((r) => r.format === "sockperf-log" && r.job === "ping-pong"));
  // The folder it sits in describes it, as it does an iperf3 run beside it.
  assert.deepEqual(fromLog[0].info, { folder: "e1000" });
  assert.deepEqual(ds.histograms[0].info, { folder: "e1000" });
});

Deno.test("sockperf failed runs (real: no server) are one sentence naming file, line and sockperf's words", () => {
  assert.throws(() => parseSockperfSummary(read("sockperf-tcp-refused.txt"), "refused.txt"), (e: Error) => {
    assert.ok(e instanceof ToolRunError);
    assert.equal(
      e.message,
      'refused.txt, line 2: found sockperf\'s message "ERROR: Can`t connect socket (errno=111 Connection refused)", ' +
        "expected a completed ping-pong run. Check that the sockperf server was running and reachable.",
    );
    return true;
  });
  for (const name of ["sockperf-udp-noserver.txt", "sockperf-udp-noserver.fulllog.csv"]) {
    const parse = name.endsWith(".csv") ? parseSockperfLog : parseSockperfSummary;
    assert.throws(
      () => parse(read(name), name),
      /line \d+: found sockperf's message "No messages were received from the server\. Is the server down\?"/,
    );
  }
});

Deno.test("sockperf bad input (labelled synthetic edits of real files): cut, edited and malformed lines", () => {
  const summary = read("sockperf-udp-64.txt");
  assert.throws(
    () => parseSockperfSummary(summary.split("\n").slice(0, 10).join("\n"), "cut.txt"),
    (e: Error) => {
      assert.ok(e instanceof ParseError);
      assert.match(
        e.message,
        /^cut\.txt: found no "====> avg-rtt" line, expected the output of sockperf ping-pong\./,
      );
      return true;
    },
  );
  assert.throws(
    () => parseSockperfSummary(summary.replace("percentile 99.900 = ", "percentile 99.900 = -"), "neg.txt"),
    /neg\.txt, line 19: found a negative number/,
  );
  const log = read("sockperf-udp-64.fulllog.csv").split("\n");
  const at = log.findIndex((l) => l.startsWith("10, "));
  const edited = [...log];
  edited[at] = edited[at].replace(/, [\d.]+$/, ", 1.000");
  assert.throws(() => parseSockperfLog(edited.join("\n"), "e.csv"), (e: Error) => {
    assert.ok(e instanceof InvalidValueError);
    assert.match(
      e.message,
      new RegExp(`^e\\.csv, line ${at + 1}, field 4: found 1 µs, expected \\(rxTime − txTime\\) = `),
    );
    return true;
  });
  const short = [...log];
  short[at] = "10, 2.5";
  assert.throws(
    () => parseSockperfLog(short.join("\n"), "s.csv"),
    new RegExp(`s\\.csv, line ${at + 1}: found 2 fields`),
  );
  const noMessages = log.slice(0, log.findIndex((l) => l.startsWith("packet,"))).join("\n");
  assert.throws(() => parseSockperfLog(noMessages, "n.csv"), /n\.csv: found no per-message lines/);
});

Deno.test("sockperf tp (throughput mode): what the client sent, in B/s from its MiB/s, compared before/after (real sockperf 3.7 runs)", async () => {
  const dir = join(FIXTURES, "sockperf-tp");
  const text = Deno.readTextFileSync(join(dir, "before/tp-64-1.txt"));
  const rows = parseSockperfSummary(text, "tp-64-1.txt").rows;
  const printed = (re: RegExp) => Number(stripAnsi(text).match(re)![1]);
  const throughput = rows.find((r) => r.metric === "throughput")!;
  assert.equal(throughput.value, printed(/BandWidth is (\S+) MBps/) * 2 ** 20);
  // sockperf's "MBps" is MiB/s: the message rate × 64 B agrees to the printed three decimals.
  const rate = printed(/Message Rate is (\S+) \[msg/) * 64;
  assert.ok(Math.abs(throughput.value - rate) < 1e-4 * rate, `${throughput.value} vs ${rate}`);
  assert.deepEqual(
    rows.map((r) => [r.job, r.direction, r.metric, r.unit]),
    [["udp", "send", "messages", "count"], ["udp", "send", "runtime", "s"], [
      "udp",
      "send",
      "throughput",
      "B/s",
    ]],
  );
  const [a] = await analyseRequest({
    sides: [{ folder: join(dir, "before") }, { folder: join(dir, "after") }],
  });
  assert.deepEqual(a.comparisons.map((c) => [c.metric, c.baseline.n, c.candidate.n]), [["throughput", 3, 3]]);
});
