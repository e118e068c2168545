/** oncePerRun: made once per run of records agreeing on the fields, made again when one differs. */
import assert from "node:assert/strict";
import { oncePerRun } from "../../lib/analysis/per_run.ts";

Deno.test("oncePerRun makes its value once per run of consecutive records that agree on the fields", () => {
  let made = 0;
  const factors = { host: "a" };
  const key = oncePerRun((r: { source: string; factors: object; value: number }) => {
    made++;
    return r.source;
  }, ["source", "factors"]);
  const run = (source: string, f: object, n: number) => {
    for (let i = 0; i < n; i++) assert.equal(key({ source, factors: f, value: i }), source);
  };
  run("a.json", factors, 3); // one run: the value field is not a key field
  assert.equal(made, 1);
  run("b.json", factors, 2);
  run("a.json", factors, 1); // the same as two records before, but not as the one before
  assert.equal(made, 3);
  run("a.json", { host: "a" }, 1); // equal contents, another object: a new run
  assert.equal(made, 4);
  // A record changed after its key was made (pairing sets factors in place) does not change what the next is compared with.
  const r = { source: "c.json", factors, value: 0 };
  key(r);
  r.factors = { host: "b" };
  key({ source: "c.json", factors, value: 1 });
  assert.equal(made, 5);
});
