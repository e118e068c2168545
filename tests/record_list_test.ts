/**
 * RecordList (lib/record_list.ts): an analysis' records in columns read back as the very records they were made
 * from, on the shipped data and the analysis' own derived records, through every way of reading them.
 */
import assert from "node:assert/strict";
import { RecordList } from "../lib/record_list.ts";
import { loadDir } from "../lib/ingest/load.ts";
import { analyseRequest } from "../lib/analysis/request.ts";
import type { Measurement } from "../lib/model.ts";
import { DATA, HAVE_DATA } from "./helpers.ts";

Deno.test({
  name: "RecordList: the shipped data's records and an analysis' derived ones read back field for field",
  ignore: !HAVE_DATA,
  fn: async () => {
    const rows = (await loadDir(DATA)).rows;
    const list = RecordList.from(rows);
    assert.equal(list.length, rows.length);
    assert.deepEqual(list.toArray(), rows);
    assert.deepEqual([...list], rows);
    // Records the analysis derives (efficiency: `inputs`, no place) and the pairing's factors.
    for (const a of await analyseRequest({ sides: [{ folder: DATA }] })) {
      const derived = a.rows.filter((r) => r.format === "derived");
      assert.ok(a.label !== "fio" || derived.length > 0, a.label);
      for (const r of derived) assert.ok(r.inputs && r.inputs.length > 0, r.source);
      assert.deepEqual(RecordList.from(a.rows.toArray()), a.rows, a.label);
    }
  },
});

Deno.test("RecordList: at, keep, filter, some, every, find, map and factorObjects read as an array does", () => {
  // Synthetic records (labelled): two runs of two records, one derived record without a place.
  const f1 = { driver: "ide" }, f2 = { driver: "virtio-blk" };
  const base = {
    info: undefined,
    tool: "fio" as const,
    toolVersion: "fio-3.33",
    format: "fio-json" as const,
    job: "j",
    direction: "read" as const,
    unit: "IO/s" as const,
  };
  const rows: Measurement[] = [
    { source: "a.json", location: "$.x", factors: f1, ...base, metric: "iops", stat: "mean", value: 1.5 },
    { source: "a.json", location: "$.y", factors: f1, ...base, metric: "bw", stat: "mean", value: 2 },
    { source: "b.json", location: "$.x", factors: f2, ...base, metric: "iops", stat: "mean", value: 3.25 },
    {
      source: "b.json",
      factors: f2,
      ...base,
      format: "derived",
      metric: "ios_per_host_cpu_s",
      stat: "value",
      value: 7,
      inputs: [{ source: "b.hostcpu.json", location: "$.cpu" }],
    },
  ];
  const list = RecordList.from(rows);
  assert.deepEqual(list.at(0), rows[0]);
  assert.deepEqual(list.at(-1), rows[3]);
  assert.equal(list.at(4), undefined);
  assert.equal(list.at(-5), undefined);
  assert.equal("location" in list.at(3)!, false, "a record without a place has no `location` key");
  const iops = (r: Measurement) => r.metric === "iops";
  assert.deepEqual(list.filter(iops), rows.filter(iops));
  const kept = list.keep(iops);
  assert.equal(kept.length, 2);
  assert.deepEqual(kept.toArray(), rows.filter(iops));
  assert.deepEqual(kept.at(-1), rows[2]);
  assert.equal(list.some((r) => r.value === 7), true);
  assert.equal(list.every((r) => r.value > 1), true);
  assert.equal(kept.every((r) => r.metric === "bw"), false);
  assert.deepEqual(list.find((r) => r.source === "b.json"), rows[2]);
  assert.deepEqual(list.map((r) => r.value), [1.5, 2, 3.25, 7]);
  // Each run's factors object once, the loader's own objects (not copies).
  const objects = list.factorObjects();
  assert.equal(objects.length, 2);
  assert.ok(objects[0] === f1 && objects[1] === f2);
  assert.ok(kept.factorObjects()[1] === f2);
  // A fresh record each read: changing one leaves the list as it was.
  list.at(0)!.value = 99;
  assert.equal(list.at(0)!.value, 1.5);
  // Lists compare by their records (assert.deepEqual sees the columns).
  const other = RecordList.from(rows.map((r, i) => i === 2 ? { ...r, value: 3.5 } : r));
  assert.notDeepEqual(other, list);
  assert.deepEqual(RecordList.from(rows), list);
});
