/**
 * Runs written to one file: fio's status reports (--status-interval) are one run, read from its result; runs
 * appended one after another are each a run. Real fio 3.33 output (tests/fixtures/appended/README.md).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadDir } from "../../lib/ingest/load.ts";
import { FIXTURES, tempDir } from "../helpers.ts";

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
