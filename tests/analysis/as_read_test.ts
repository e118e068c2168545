/**
 * RecordsAsRead (lib/analysis/as_read.ts): while its function runs every record has its fields as read, afterwards
 * (also after a failure) its paired ones, even where records that shared their fields as read were paired apart.
 * Labelled synthetic records: three fields matter, the rest is filler.
 */
import assert from "node:assert/strict";
import { RecordsAsRead } from "../../lib/analysis/as_read.ts";
import type { Dataset, Measurement } from "../../lib/model.ts";

function record(factors: Record<string, string>, job: string): Measurement {
  return {
    source: "synthetic.json",
    factors,
    info: undefined,
    tool: "fio",
    toolVersion: "",
    format: "fio-json",
    job,
    direction: "read",
    metric: "iops",
    stat: "mean",
    value: 1,
    unit: "IO/s",
  };
}

Deno.test("records as read: swapped in for the function, the paired fields back after it, also when it fails", async () => {
  const read = { rep: "1" }, other = { rep: "2" };
  const rows = [record(read, "a"), record(read, "a"), record(other, "b")];
  const dataset: Dataset = { rows, series: [], histograms: [], warnings: [], files: [] };
  const asRead = new RecordsAsRead([dataset]);
  // Pairing: the two records that shared their fields as read get different ones.
  const paired = [{ workload: "w1" }, { workload: "w2" }, { workload: "w3" }];
  rows.forEach((r, i) => {
    r.factors = paired[i];
    r.info = { label: `l${i}` };
    r.job = `w${i + 1}`;
  });
  const fields = () => rows.map((r) => [r.factors, r.info, r.job]);
  const after = fields();
  const inside = await asRead.during(() => Promise.resolve(fields()));
  assert.deepStrictEqual(inside, [[read, undefined, "a"], [read, undefined, "a"], [other, undefined, "b"]]);
  assert.ok(inside[0][0] === read && inside[2][0] === other, "the very objects as read");
  assert.deepStrictEqual(fields(), after, "paired again");
  await assert.rejects(
    () => asRead.during(() => Promise.reject(new Error("append failed"))),
    /append failed/,
  );
  assert.deepStrictEqual(fields(), after, "paired again after a failure");
  assert.ok(rows.every((r, i) => r.factors === paired[i]), "the very paired objects");
});
