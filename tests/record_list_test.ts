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

Deno.test({
  name: "RecordList: keepRuns, runs, withRuns, select and concat give what the same passes over objects give",
  ignore: !HAVE_DATA,
  fn: async () => {
    const rows = (await loadDir(DATA)).rows;
    const list = RecordList.from(rows);
    const fio = (r: { tool: string }) => r.tool === "fio";
    // keepRuns asks once per run and keeps every record of the runs it accepts.
    let asked = 0;
    const kept = list.keepRuns((r) => (asked++, fio(r)));
    assert.deepEqual(kept.toArray(), rows.filter(fio));
    assert.ok(asked > 0 && asked < rows.length / 10, `${asked} questions for ${rows.length} records`);
    // runs: one entry per stretch of records of one run, in order, with the records' run fields.
    const runs = list.runs();
    const starts = rows.filter((r, i) =>
      i === 0 ||
      ["source", "factors", "info", "tool", "toolVersion", "format", "job", "direction"].some((k) =>
        rows[i - 1][k as keyof Measurement] !== r[k as keyof Measurement]
      )
    );
    assert.equal(runs.length, starts.length);
    runs.forEach((run, i) => {
      for (const k of ["source", "factors", "tool", "format", "job", "direction"] as const) {
        assert.equal(run[k], starts[i][k], `${k} of run ${i}`);
      }
    });
    // concat: the lists one after another, in columns of their own.
    const others = list.keepRuns((r) => !fio(r));
    const both = RecordList.concat([others, kept, RecordList.from(rows.slice(0, 3))]);
    assert.deepEqual(both.toArray(), [
      ...rows.filter((r) => !fio(r)),
      ...rows.filter(fio),
      ...rows.slice(0, 3),
    ]);
    // withRuns: a run's change reaches each of its records, and the list it came from is as it was.
    const factors = new Map<object, object>();
    const renamed = kept.withRuns((r) => {
      if (r.job.length % 2) return undefined;
      const f = factors.get(r.factors) ??
        factors.set(r.factors, { ...r.factors, renamed: "1" }).get(r.factors)!;
      return { factors: f as Measurement["factors"], info: { note: "x" }, job: r.job + "!" };
    });
    const expected = rows.filter(fio).map((r) =>
      r.job.length % 2 ? r : { ...r, factors: factors.get(r.factors)!, info: { note: "x" }, job: r.job + "!" }
    );
    assert.deepEqual(renamed.toArray(), expected);
    assert.deepEqual(kept.toArray(), rows.filter(fio));
    // select: the records whose fields pass, made as objects; the fields it is given are the record's.
    const p99 = (r: { metric: string; stat: string; direction: string }) =>
      r.metric === "clat" && r.stat === "p99" && r.direction === "read";
    assert.deepEqual(list.select(p99), rows.filter(p99));
    assert.ok(list.select(p99).length > 0);
    const seen: string[] = [];
    const spell = (r: Omit<Measurement, "value">) =>
      JSON.stringify([
        r.source,
        r.factors,
        r.info,
        r.tool,
        r.toolVersion,
        r.format,
        r.job,
        r.direction,
        r.metric,
        r.stat,
        r.unit,
      ]);
    assert.deepEqual(list.select((fields) => void seen.push(spell(fields))), []);
    assert.deepEqual(seen, rows.map(spell));
  },
});
