import assert from "node:assert/strict";
import { join } from "node:path";
import { ingestFioLog, looksLikeFioLog, ParseError } from "../../lib/ingest/mod.ts";
import type { Dataset } from "../../lib/model.ts";
import { FIXTURES, tempDir } from "../helpers.ts";

const stat = (ds: Dataset, s: string, dir: string) =>
  ds.rows.find((r) => r.stat === s && r.direction === dir)?.value;

/** The independent reading: split every line, sum and count by direction. */
function naive(text: string, ddirColumn = 2) {
  const by = new Map<number, number[]>();
  for (const l of text.trim().split(/\r?\n/)) {
    const f = l.split(",").map((x) => x.trim());
    by.set(Number(f[ddirColumn]), [...(by.get(Number(f[ddirColumn])) ?? []), Number(f[1])]);
  }
  return by;
}

Deno.test("fio 3.33 log with offset and log_prio=1 hex priority (real, randrw): both directions, counts and means exact", async () => {
  const path = join(FIXTURES, "fio_log/fio-3.33-randrw-offset-prio_clat.1.log");
  const text = Deno.readTextFileSync(path);
  assert.ok(looksLikeFioLog(text), "detected by content");
  const ds = await ingestFioLog(path, { source: "prio_clat.1.log", factors: {}, toolVersion: "fio-3.33" });
  const by = naive(text);
  for (const [ddir, dir] of [[0, "read"], [1, "write"]] as const) {
    const values = by.get(ddir)!;
    assert.equal(stat(ds, "log_count", dir), values.length);
    assert.equal(stat(ds, "log_mean", dir), values.reduce((a, b) => a + b, 0) / values.length);
    assert.equal(stat(ds, "log_max", dir), Math.max(...values));
  }
  assert.deepEqual(ds.series.map((s) => s.direction).sort(), ["read", "write"]);
});

Deno.test("fio ≥ 3.38 log_issue_time adds a 7th column; an 8th is refused (labelled synthetic)", async () => {
  const dir = tempDir();
  const seven = join(dir, "i_slat.1.log");
  Deno.writeTextFileSync(
    seven,
    "5, 1200, 1, 4096, 8192, 0x2004, 123456789\n9, 1800, 1, 4096, 0, 0x0000, 2\n",
  );
  assert.ok(looksLikeFioLog(Deno.readTextFileSync(seven)));
  const ds = await ingestFioLog(seven, { source: "i", factors: {}, toolVersion: "fio-3.38" });
  assert.equal(stat(ds, "log_mean", "write"), 1500);
  const eight = join(dir, "e_slat.1.log");
  Deno.writeTextFileSync(eight, "5, 1200, 1, 4096, 8192, 0, 1, 1\n");
  await assert.rejects(
    () => ingestFioLog(eight, { source: "e", factors: {} }),
    /line 1, field 8: found more than 7/,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("fio log: hex only in the priority column; log_window_value=both is refused with a hint (labelled synthetic)", async () => {
  const dir = tempDir();
  const write = (
    name: string,
    text: string,
  ) => (Deno.writeTextFileSync(join(dir, name), text), join(dir, name));
  const hexValue = write("h_clat.1.log", "1, 0x10, 0, 4096\n");
  await assert.rejects(
    () => ingestFioLog(hexValue, { source: "h", factors: {} }),
    /line 1, field 2: found the character "x"/,
  );
  // time, avg, max, ddir, bs, prio — the max (3rd column) lands where the direction is expected.
  const both = write("b_bw.1.log", "500, 2000, 3100, 0, 0, 0\n1000, 2100, 2900, 0, 0, 0\n");
  await assert.rejects(() => ingestFioLog(both, { source: "b", factors: {} }), (e: Error) => {
    assert.ok(e instanceof ParseError);
    assert.match(e.message, /line 1, field 3: found direction 3100.*log_window_value=both/);
    return true;
  });
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("fio log: the error's line number is right whatever the chunk size (labelled synthetic)", async () => {
  const dir = tempDir();
  const path = join(dir, "l_lat.1.log");
  Deno.writeTextFileSync(path, "1, 10, 0, 4096\r\n2, 11, 0, 4096\r\n\r\n3, 1;2, 0, 4096\r\n");
  for (const chunkSize of [1, 2, 3, 4, 5, 17, 1 << 20]) {
    await assert.rejects(
      () => ingestFioLog(path, { source: "l", factors: {}, chunkSize }),
      /line 4, field 2: found the character ";"/,
      `chunk ${chunkSize}`,
    );
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("fio log: time bins carry mean, min and max per second for each direction (labelled synthetic)", async () => {
  const dir = tempDir();
  const path = join(dir, "t_clat.1.log");
  Deno.writeTextFileSync(path, "10, 100, 0, 4096\n900, 300, 0, 4096\n1500, 50, 0, 4096\n2100, 7, 1, 4096\n");
  const ds = await ingestFioLog(path, { source: "t", factors: {}, toolVersion: "fio-3.33" });
  const read = ds.series.find((s) => s.direction === "read")!;
  assert.deepEqual([read.t, read.value, read.min, read.max], [[1, 2], [200, 50], [100, 50], [300, 50]]);
  assert.equal(read.interval, 1);
  const half = await ingestFioLog(path, {
    source: "t",
    factors: {},
    toolVersion: "fio-3.33",
    binSeconds: 0.5,
  });
  assert.deepEqual(half.series.find((s) => s.direction === "read")!.t, [0.5, 1, 2]);
  Deno.removeSync(dir, { recursive: true });
});
