/**
 * Every file of the shared corpus (real public outputs of many tool versions) parses, or fails with
 * the error its MANIFEST note leads one to expect.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadFile, ParseError, ToolRunError } from "../../lib/ingest/mod.ts";
import { CORPUS, findNonFinite, HAVE_CORPUS } from "../helpers.ts";

interface Entry {
  file: string;
  kind: string;
  version: string;
  notes: string;
}

function manifest(): Entry[] {
  const [, ...lines] = Deno.readTextFileSync(join(CORPUS, "MANIFEST.tsv")).trim().split("\n");
  return lines.map((l) => {
    const f = l.split("\t");
    return { file: f[0], kind: f[1], version: f[2], notes: f[6] ?? "" };
  });
}

/** Files whose MANIFEST note describes an interrupted run: they must fail, with these errors. */
const EXPECTED_FAILURES: Record<string, RegExp> = {
  // fio refused the job ("time_based requires a runtime") and did no I/O: error 22 in the JSON.
  "fio-json/fio-3.33-write-1m-qd64.json":
    /\$\.jobs: found fio's error 22 and no I\/O, expected at least one job with completed I\/O\. fio said: "fio: time_based requires a runtime/,
  "iperf3/iperf-3.6-error-interrupted.json":
    /\$\.error: found iperf3's error "interrupt - the client has terminated"/,
  "iperf3/iperf-3.9-reverse-bytes.json": /found the end of the file inside the JSON object/,
};

Deno.test({
  name: "corpus: every file parses or fails with the expected clear error",
  ignore: !HAVE_CORPUS,
  fn: async () => {
    const entries = manifest();
    assert.ok(entries.length >= 17, "MANIFEST lists the corpus files");
    for (const e of entries) {
      const path = join(CORPUS, e.file);
      const expected = EXPECTED_FAILURES[e.file];
      if (expected) {
        await assert.rejects(() => loadFile(path, { root: CORPUS }), (err: Error) => {
          assert.ok(err instanceof ParseError || err instanceof ToolRunError, `${e.file}: ${err}`);
          assert.match(err.message, expected);
          assert.ok(err.message.startsWith(e.file), "the message names the file first");
          return true;
        });
        continue;
      }
      const ds = await loadFile(path, { root: CORPUS });
      assert.equal(
        ds.files[0].format,
        e.kind === "iperf2-csv" ? "iperf2-csv" : e.kind === "iperf3-json" ? "iperf3-json" : e.kind,
        e.file,
      );
      assert.ok(ds.rows.length > 0, `${e.file}: rows`);
      assert.deepEqual(findNonFinite(ds), [], `${e.file}: no NaN/Infinity`);
      for (const r of ds.rows) assert.ok(r.value >= 0, `${e.file} ${r.metric}: non-negative`);
    }
  },
});

Deno.test({
  name: "corpus: the interrupted iperf3 run keeps what it measured before the error",
  ignore: !HAVE_CORPUS,
  fn: async () => {
    const err = await loadFile(join(CORPUS, "iperf3/iperf-3.6-error-interrupted.json")).catch((e) => e);
    assert.ok(err instanceof ToolRunError);
    const partial = err.partial as { series: { t: number[]; value: number[] }[] };
    assert.equal(partial.series.length, 1);
    assert.equal(partial.series[0].t.length, 11);
    assert.ok(partial.series[0].value.every((v) => v >= 0) && partial.series[0].value.some((v) => v > 0));
  },
});

Deno.test({
  name: "corpus: --omit intervals are left out of the iperf3 series",
  ignore: !HAVE_CORPUS,
  fn: async () => {
    const path = join(CORPUS, "iperf3/iperf-3.9-tcp-omit3.json");
    const doc = JSON.parse(Deno.readTextFileSync(path).replace(/^[^{]*/, ""));
    const kept = doc.intervals.filter((i: { sum: { omitted: boolean } }) => !i.sum.omitted).length;
    assert.ok(kept < doc.intervals.length, "the file has omitted intervals");
    const ds = await loadFile(path);
    assert.equal(ds.series[0].t.length, kept);
  },
});
