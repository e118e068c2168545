/**
 * Runs written to one file: fio's status reports (--status-interval) are one run, read from its result; runs
 * appended one after another are each a run. Real fio 3.33 output (tests/fixtures/appended/README.md).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadDir } from "../../lib/ingest/load.ts";
import { filesOfSources } from "../../lib/paths.ts";
import { CORPUS, DATA, FIXTURES, HAVE_CORPUS, HAVE_DATA, tempDir } from "../helpers.ts";

const STATUS = join(FIXTURES, "appended/fio-3.33-status-interval.json");

/** The JSON documents of a text, parsed one after another (independently of lib/). */
function documents(text: string): { timestamp: number; jobs: { read: { io_bytes: number } }[] }[] {
  const out = [];
  for (let at = text.indexOf("{"); at >= 0; at = text.indexOf("{", at)) {
    let depth = 0, end = at;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    out.push(JSON.parse(text.slice(at, end + 1)));
    at = end + 1;
  }
  return out;
}

Deno.test("fio --status-interval: the reports of one run are one run, read from its last document", async () => {
  const text = Deno.readTextFileSync(STATUS);
  const docs = documents(text);
  assert.equal(docs.length, 4);
  const dir = tempDir();
  Deno.copyFileSync(STATUS, join(dir, "r.json"));
  // The same run's reports again after it, as a second run started 60 s later would write them.
  const later = text.replace(/"timestamp" : (\d+)/g, (_, t) => `"timestamp" : ${Number(t) + 60}`);
  Deno.writeTextFileSync(join(dir, "twice.json"), text + later);
  const ds = await loadDir(dir);
  Deno.removeSync(dir, { recursive: true });
  const bytes = (source: string) =>
    ds.rows.filter((r) => r.source === source && r.metric === "bytes").map((r) => [r.value, r.factors.rep]);
  const result = docs[3].jobs[0].read.io_bytes;
  assert.ok(result > docs[0].jobs[0].read.io_bytes, "the last document holds the whole run");
  assert.deepEqual(bytes("r.json"), [[result, undefined]]);
  assert.deepEqual(bytes("twice.json#1"), [[result, "1"]]);
  assert.deepEqual(bytes("twice.json#2"), [[result, "2"]]);
  assert.deepEqual(ds.warnings, []);
});

Deno.test({
  name:
    "appended iperf3 runs: one that failed (the corpus' interrupted iperf 3.6 run) is said with its partial intervals; the others are kept",
  ignore: !HAVE_CORPUS || !HAVE_DATA,
  fn: async () => {
    const runs = [1, 2].map((rep) =>
      Deno.readTextFileSync(join(DATA, `net/os=linux/nic=e1000/rep=${rep}/iperf3-tcp.json`))
    );
    const interrupted = Deno.readTextFileSync(join(CORPUS, "iperf3/iperf-3.6-error-interrupted.json"));
    const dir = tempDir();
    Deno.writeTextFileSync(join(dir, "e1000.json"), runs[0] + interrupted + runs[1]);
    const ds = await loadDir(dir);
    Deno.removeSync(dir, { recursive: true });
    const throughput = ds.rows.filter((r) => r.metric === "throughput" && r.direction === "receive");
    assert.deepEqual(throughput.map((r) => r.source), ["e1000.json#1", "e1000.json#3"]);
    assert.deepEqual(ds.series.filter((s) => s.source === "e1000.json#2").map((s) => s.t.length), [11]);
    assert.ok(
      ds.warnings.some((w) =>
        w.source === "e1000.json" &&
        w.message.startsWith(`e1000.json#2, $.error: found iperf3's error "interrupt`)
      ),
      JSON.stringify(ds.warnings),
    );
    // Every run failing is the file failing.
    const bad = tempDir();
    Deno.writeTextFileSync(join(bad, "e1000.json"), interrupted + interrupted);
    await assert.rejects(loadDir(bad), /e1000\.json#1, \$\.error: found iperf3's error/);
    Deno.removeSync(bad, { recursive: true });
  },
});

Deno.test("the file of a run's source: an appended run's file, or a file whose own name ends in #2 (labelled synthetic names)", () => {
  const fileOf = filesOfSources([{ source: "e1000.json" }, { source: "run#2" }, { source: "log" }]);
  assert.deepEqual(
    ["e1000.json#2", "e1000.json", "run#2", "log#3"].map(fileOf),
    ["e1000.json", "e1000.json", "run#2", "log"],
  );
});
