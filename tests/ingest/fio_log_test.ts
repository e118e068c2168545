import assert from "node:assert/strict";
import { join } from "node:path";
import { quantileSorted } from "simple-statistics";
import {
  HISTOGRAM_RESOLUTION,
  ingestFioLog,
  InvalidValueError,
  looksLikeFioLog,
  ParseError,
} from "../../lib/ingest/mod.ts";
import type { Dataset } from "../../lib/model.ts";
import { CORPUS, FIXTURES, HAVE_CORPUS, tempDir } from "../helpers.ts";

const stat = (ds: Dataset, s: string, dir = "read") =>
  ds.rows.find((r) => r.stat === s && r.direction === dir)!.value;

/** Nearest-rank quantile of the exact values, the definition the histogram reports. */
function nearestRank(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

Deno.test("fio per-I/O log (real, with offset and priority columns): count, mean exact; percentiles within the stated resolution", async () => {
  const path = join(FIXTURES, "ingest/fio-3.33-perio_clat.1.log");
  const values = Deno.readTextFileSync(path).trim().split("\n").map((l) => Number(l.split(",")[1])).sort((
    a,
    b,
  ) => a - b);
  const ds = await ingestFioLog(path, { source: "perio_clat.1.log", factors: {}, toolVersion: "fio-3.33" });
  assert.equal(stat(ds, "log_count"), values.length);
  assert.ok(Math.abs(stat(ds, "log_mean") / (values.reduce((a, b) => a + b, 0) / values.length) - 1) < 1e-12);
  assert.equal(stat(ds, "log_min"), values[0]);
  assert.equal(stat(ds, "log_max"), values.at(-1));
  for (const [s, q] of [["log_p50", 0.5], ["log_p99", 0.99], ["log_p99.9", 0.999]] as const) {
    const exact = nearestRank(values, q);
    assert.ok(
      Math.abs(stat(ds, s) - exact) <= exact * HISTOGRAM_RESOLUTION + 0.5,
      `${s}: ${stat(ds, s)} vs ${exact}`,
    );
  }
  // And close to the interpolated quantile other tools report (pandas/numpy linear).
  assert.ok(Math.abs(stat(ds, "log_p50") / quantileSorted(values, 0.5) - 1) < 0.01);
  assert.equal(ds.rows.find((r) => r.stat === "log_mean")!.unit, "ns");
  assert.ok(ds.series[0].t.length >= 1);
});

Deno.test({
  name: "fio 3.1 averaged logs from the corpus (log_avg_msec=500, 4 columns): units by log type",
  ignore: !HAVE_CORPUS,
  fn: async () => {
    for (
      const [name, unit, scale] of [["bw", "B/s", 1024], ["iops", "IO/s", 1], ["clat", "ns", 1]] as const
    ) {
      const path = join(CORPUS, `fio-log/fio-3.1-randread-qd16_${name}.1.log`);
      const first = Number(Deno.readTextFileSync(path).split("\n")[0].split(",")[1]);
      const ds = await ingestFioLog(path, { source: name, factors: {}, toolVersion: "fio-3.1" });
      assert.equal(ds.rows.find((r) => r.stat === "log_mean")!.unit, unit);
      assert.equal(ds.series[0].unit, unit);
      assert.equal(ds.series[0].interval, 1);
      assert.ok(ds.series[0].max![0] >= first * scale && ds.series[0].min![0] <= first * scale);
    }
  },
});

Deno.test("fio log: lines split at every possible chunk boundary, CRLF and no final newline give identical results (labelled synthetic)", async () => {
  const dir = tempDir();
  const lines = Array.from(
    { length: 200 },
    (_, i) => `${i * 7}, ${1000 + ((i * 7919) % 5000)}, ${i % 2}, 4096${i % 3 ? ", 8192, 0" : ""}`,
  );
  const lf = join(dir, "a_lat.1.log"), crlf = join(dir, "b_lat.1.log");
  Deno.writeTextFileSync(lf, lines.join("\n") + "\n");
  Deno.writeTextFileSync(crlf, lines.join("\r\n"));
  const reference = await ingestFioLog(lf, { source: "a", factors: {}, toolVersion: "fio-3.33" });
  for (const chunkSize of [1, 2, 3, 5, 7, 13, 64]) {
    for (const path of [lf, crlf]) {
      const ds = await ingestFioLog(path, { source: "a", factors: {}, toolVersion: "fio-3.33", chunkSize });
      assert.deepEqual(
        ds.rows.map((r) => r.value),
        reference.rows.map((r) => r.value),
        `chunk ${chunkSize} ${path}`,
      );
    }
  }
  assert.equal(stat(reference, "log_count", "read") + stat(reference, "log_count", "write"), 200);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("fio log: errors name the line and field; fio 2 latency logs are µs", async () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    Deno.writeTextFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const bad = write("x_clat.1.log", "1, 100, 0, 4096\n2, 1x0, 0, 4096\n");
  await assert.rejects(() => ingestFioLog(bad, { source: "x_clat.1.log", factors: {} }), (e: Error) => {
    assert.ok(e instanceof ParseError);
    assert.match(e.message, /^x_clat\.1\.log, line 2, field 2: found the character "x"/);
    return true;
  });
  const neg = write("n_clat.1.log", "1, 100, 0, 4096\n2, -5, 0, 4096\n");
  await assert.rejects(() => ingestFioLog(neg, { source: "n", factors: {} }), InvalidValueError);
  const dirBad = write("d_clat.1.log", "1, 100, 7, 4096\n");
  await assert.rejects(
    () => ingestFioLog(dirBad, { source: "d", factors: {} }),
    /line 1, field 3: found direction 7/,
  );
  const empty = write("e_clat.1.log", "");
  await assert.rejects(
    () => ingestFioLog(empty, { source: "e", factors: {} }),
    /found an empty log \(no lines\)/,
  );
  const noSuffix = write("plain.log", "1, 100, 0, 4096\n");
  await assert.rejects(
    () => ingestFioLog(noSuffix, { source: "plain.log", factors: {} }),
    /expected a fio log name ending in _bw, _iops/,
  );
  const v2 = write("v_clat.1.log", "1, 100, 0, 4096\n");
  const ds2 = await ingestFioLog(v2, { source: "v", factors: {}, toolVersion: "fio-2.18" });
  assert.equal(stat(ds2, "log_mean"), 100_000);
  const unknown = await ingestFioLog(v2, { source: "v", factors: {} });
  assert.match(unknown.warnings[0].message, /values taken as ns/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("fio log detection: by content", () => {
  assert.ok(looksLikeFioLog("1, 100, 0, 4096\n2, 120, 1, 4096\n"));
  assert.ok(looksLikeFioLog("2, 1358825, 0, 4096, 249856, 0\n"));
  assert.ok(!looksLikeFioLog("20211201035745,10.0.0.1,60744,10.0.0.2,5001,5,0.0-1.0,49134560,393076480\n"));
  assert.ok(!looksLikeFioLog('{"jobs": []}'));
  assert.ok(!looksLikeFioLog(""));
});
