import assert from "node:assert/strict";
import { join } from "node:path";
import { ParseError, parseIperf2Csv, parseIperf3Json, ToolRunError } from "../../lib/ingest/mod.ts";
import { iperf2RunEnds } from "../../lib/ingest/iperf2_csv.ts";
import { extraDataFactors } from "../../lib/ingest/content.ts";
import type { Measurement } from "../../lib/model.ts";
import { CORPUS, FIXTURES, HAVE_CORPUS } from "../helpers.ts";

const fixture = (name: string) => Deno.readTextFileSync(join(FIXTURES, "ingest", name));
const find = (rows: Measurement[], q: Partial<Measurement>) =>
  rows.filter((r) => Object.entries(q).every(([k, v]) => (r as unknown as Record<string, unknown>)[k] === v));

Deno.test("iperf3 TCP -P 2: delivered throughput from end.sum_received, sender's with retransmits", () => {
  const text = fixture("iperf3-tcp-p2.json");
  const doc = JSON.parse(text);
  const rows = parseIperf3Json(text, "p2.json").rows;
  const recv = find(rows, { metric: "throughput", direction: "receive", job: "tcp" });
  assert.equal(recv.length, 1);
  assert.equal(recv[0].value, doc.end.sum_received.bits_per_second / 8);
  assert.equal(recv[0].unit, "B/s");
  assert.equal(
    find(rows, { metric: "retransmits", direction: "send" })[0].value,
    doc.end.sum_sent.retransmits,
  );
});

Deno.test("iperf3 -R and --bidir are told apart by job", () => {
  assert.ok(
    parseIperf3Json(fixture("iperf3-tcp-reverse.json"), "r.json").rows.every((r) => r.job === "tcp-reverse"),
  );
  const bidir = parseIperf3Json(fixture("iperf3-tcp-bidir.json"), "b.json").rows;
  assert.deepEqual([...new Set(bidir.map((r) => r.job))].sort(), ["tcp", "tcp-bidir-reverse"]);
});

Deno.test("iperf3 UDP: jitter in ns, lost/total packets and loss %", () => {
  const text = fixture("iperf3-udp.json");
  const sum = JSON.parse(text).end.sum;
  const rows = parseIperf3Json(text, "u.json").rows;
  assert.equal(find(rows, { metric: "jitter" })[0].value, sum.jitter_ms * 1e6);
  assert.equal(find(rows, { metric: "packets" })[0].value, sum.packets);
  assert.equal(find(rows, { metric: "loss" })[0].unit, "%");
  const ds = parseIperf3Json(text, "u.json");
  assert.equal(ds.series[0].t.length, JSON.parse(text).intervals.length);
});

Deno.test("iperf3 error document: a ToolRunError quoting iperf3, keeping the partial intervals (labelled synthetic cut of a real run)", () => {
  const doc = JSON.parse(fixture("iperf3-tcp-p2.json"));
  doc.end = {};
  doc.error = "interrupt - the client has terminated";
  const err = (() => {
    try {
      parseIperf3Json(JSON.stringify(doc), "e.json");
    } catch (e) {
      return e;
    }
  })();
  assert.ok(err instanceof ToolRunError);
  assert.match(
    err.message,
    /^e\.json, \$\.error: found iperf3's error "interrupt - the client has terminated", expected a completed run\./,
  );
  assert.equal((err.partial as { series: unknown[] }).series.length, 1);
});

Deno.test("iperf 2 -P 2 without a sum line: streams' whole-run lines are summed, with a warning", () => {
  const ds = parseIperf2Csv(fixture("iperf2-tcp-p2.csv"), "p2.csv");
  const t = find(ds.rows, { metric: "throughput" });
  assert.equal(t.length, 1);
  assert.equal(t[0].value, (7563204069 + 8544134425) / 8);
  assert.match(ds.warnings[0].message, /2 transfers without a sum line/);
});

Deno.test("iperf 2 enhanced (-e) lines with fractional timestamps: whole-run line and interval series", () => {
  const ds = parseIperf2Csv(fixture("iperf2-tcp-enhanced.csv"), "e.csv");
  assert.equal(find(ds.rows, { metric: "throughput" })[0].value, 11317026946 / 8);
  assert.deepEqual(ds.series[0].t, [1, 2]);
});

Deno.test("iperf 2 UDP without a server report (total -1): sender rate kept, loss unknown, said in words", () => {
  const ds = parseIperf2Csv(fixture("iperf2-udp.csv"), "u.csv");
  assert.equal(find(ds.rows, { metric: "throughput" })[0].job, "udp");
  assert.equal(find(ds.rows, { metric: "loss" }).length, 0);
  assert.match(ds.warnings[0].message, /UDP server report is missing/);
});

Deno.test({
  name: "iperf 2 corpus: hand-added header skipped; 14-field server reports give jitter and loss",
  ignore: !HAVE_CORPUS,
  fn: () => {
    const ds = parseIperf2Csv(
      Deno.readTextFileSync(join(CORPUS, "iperf2/iperf2-2.0-udp-with-added-header.csv")),
      "h.csv",
    );
    assert.match(ds.warnings[0].message, /skipped a line that is not iperf 2 CSV data: "Timestamp,IpOri/);
    assert.equal(ds.warnings[0].location, "line 1");
    assert.ok(find(ds.rows, { metric: "loss", direction: "receive" }).length === 1);
    const tcp = parseIperf2Csv(
      Deno.readTextFileSync(join(CORPUS, "iperf2/iperf2-2.0-tcp-interval.csv")),
      "t.csv",
    );
    assert.equal(tcp.series[0].t.length, 50);
  },
});

Deno.test("iperf 2: bad lines are clear errors with line and field", () => {
  assert.throws(
    () => parseIperf2Csv("20211201035745,10.0.0.1,1,10.0.0.2,5001,5,0.0-1.0,123\n", "x.csv"),
    (e: Error) => {
      assert.ok(e instanceof ParseError);
      assert.match(e.message, /^x\.csv, line 1: found 8 comma-separated fields, expected at least 9/);
      return true;
    },
  );
  assert.throws(
    () => parseIperf2Csv("20211201035745,a,1,b,5001,5,0.0-1.0,12x,99\n", "y.csv"),
    /y\.csv, line 1, field 8: found "12x", expected a finite number/,
  );
  assert.throws(() => parseIperf2Csv("Timestamp,Ip\n", "z.csv"), /z\.csv: found no iperf 2 CSV data line/);
});

Deno.test({
  name:
    "iperf 2 runs in one file: concurrent transfers (corpus: 10 processes on their own ports) are one run; the same run appended twice is two",
  ignore: !HAVE_CORPUS,
  fn: () => {
    const text = Deno.readTextFileSync(join(CORPUS, "iperf2/iperf2-2.0-udp-with-added-header.csv"));
    assert.deepEqual(iperf2RunEnds(text), [text.length]);
    // Each line's time stamp 20 s later: the second copy began after the first had ended.
    const later = text.split("\n").map((l) =>
      l.replace(/^(\d{12})(\d{2})/, (_, hm, s) => `${hm}${Number(s) + 20}`)
    );
    const twice = text + later.slice(1).join("\n");
    assert.deepEqual(iperf2RunEnds(twice), [text.length, twice.length]);
  },
});

Deno.test("iperf3 --extra-data: key=value pairs are the user's factors, other text a note kept with the run (real iperf 3.12 runs)", () => {
  const dir = join(FIXTURES, "iperf3-extra");
  const pairs = parseIperf3Json(Deno.readTextFileSync(join(dir, "pairs.json")), "pairs.json");
  assert.equal(pairs.rows[0].factors.driver, "virtio-net");
  assert.equal(pairs.rows[0].factors.rep, "2");
  const note = parseIperf3Json(Deno.readTextFileSync(join(dir, "note.json")), "note.json");
  assert.equal(note.rows[0].factors.driver, undefined);
  assert.equal(note.rows[0].info?.extra_data, "after the kernel update");
  // A folder says otherwise: the folder wins, and both are said, at $.extra_data.
  const folder = parseIperf3Json(Deno.readTextFileSync(join(dir, "pairs.json")), "e1000/pairs.json", {
    driver: "e1000",
  });
  assert.equal(folder.rows[0].factors.driver, "e1000");
  assert.deepEqual(folder.warnings.map((w) => w.location), ["$.extra_data"]);
  assert.deepEqual(
    [extraDataFactors("driver=virtio-net os=linux; run=3"), extraDataFactors("rep 3"), extraDataFactors("")],
    [
      { identity: { driver: "virtio-net", os: "linux", rep: "3" }, info: {} },
      { identity: {}, info: { extra_data: "rep 3" } },
      { identity: {}, info: {} },
    ],
  );
});
