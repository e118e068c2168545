import assert from "node:assert/strict";
import { join } from "node:path";
import { InvalidValueError, ParseError, parseFioJson } from "../../lib/ingest/mod.ts";
import type { Measurement } from "../../lib/model.ts";
import { CORPUS, FIXTURES, HAVE_CORPUS } from "../helpers.ts";

const pick = (rows: Measurement[], metric: string, stat: string, direction = "read") =>
  rows.find((r) => r.metric === metric && r.stat === stat && r.direction === direction)?.value;

Deno.test({
  name: "fio JSON 2.x: µs become ns, KiB/s become B/s, io_bytes KiB become bytes — exactly",
  ignore: !HAVE_CORPUS,
  fn: () => {
    const file = join(CORPUS, "fio-json/fio-2.18-randread.json");
    const text = Deno.readTextFileSync(file);
    const raw = JSON.parse(text.slice(text.indexOf("{"))).jobs[0].read;
    const rows = parseFioJson(text, "x.json").rows;
    assert.equal(pick(rows, "clat", "mean"), raw.clat.mean * 1000);
    assert.equal(pick(rows, "clat", "p99"), raw.clat.percentile["99.000000"] * 1000);
    assert.equal(pick(rows, "bw", "mean"), raw.bw * 1024);
    assert.equal(pick(rows, "bytes", "total"), raw.io_bytes * 1024);
    assert.equal(pick(rows, "iops", "mean"), raw.iops);
    assert.equal(pick(rows, "runtime", "value"), raw.runtime / 1000);
    assert.ok(
      rows.every((r) =>
        r.unit !== "ns" || r.location?.includes(".clat") || r.location?.includes(".lat") ||
        r.location?.includes(".slat")
      ),
    );
  },
});

Deno.test({
  name: "fio JSON 3.x: ns and bytes taken as they are; the same quantities line up with 2.x",
  ignore: !HAVE_CORPUS,
  fn: () => {
    const file = join(CORPUS, "fio-json/fio-3.1-randread-qd1-nj1.json");
    const text = Deno.readTextFileSync(file);
    const raw = JSON.parse(text).jobs[0].read;
    const rows = parseFioJson(text, "x.json").rows;
    assert.equal(pick(rows, "clat", "mean"), raw.clat_ns.mean);
    assert.equal(pick(rows, "bytes", "total"), raw.io_bytes);
    // bw (KiB/s) × 1024 and bytes / runtime agree within fio's rounding, whichever version wrote them.
    for (
      const f of [
        "fio-json/fio-2.18-randread.json",
        "fio-json/fio-3.1-randread-qd1-nj1.json",
        "fio-json/fio-3.34-randread-4k.json",
      ]
    ) {
      const r = parseFioJson(Deno.readTextFileSync(join(CORPUS, f)), f).rows;
      const fromBytes = pick(r, "bytes", "total")! / pick(r, "runtime", "value")!;
      assert.ok(
        Math.abs(pick(r, "bw", "mean")! / fromBytes - 1) < 0.01,
        `${f}: bw consistent with bytes/runtime`,
      );
      assert.equal(r.find((x) => x.metric === "clat")?.unit, "ns");
    }
  },
});

Deno.test("fio json+: bins become a histogram in ns whose counts add up to the I/O count", () => {
  const text = Deno.readTextFileSync(join(FIXTURES, "ingest/fio-3.33-randrw-jsonplus.json"));
  const ds = parseFioJson(text, "mixed.json");
  const raw = JSON.parse(text).jobs[0];
  for (const dir of ["read", "write"] as const) {
    const h = ds.histograms.find((x) => x.direction === dir && x.metric === "clat");
    assert.ok(h, `${dir} histogram`);
    assert.equal(Array.from(h.count).reduce((a, b) => a + b, 0), raw[dir].clat_ns.N);
    // Stored in typed arrays (lib/arrays.ts exactNumbers): the very numbers fio wrote, sorted by latency.
    const bins = Object.entries(raw[dir].clat_ns.bins as Record<string, number>)
      .map(([k, v]) => [Number(k), v]).sort((a, b) => a[0] - b[0]);
    assert.deepEqual(Array.from(h.value), bins.map((b) => b[0]));
    assert.deepEqual(Array.from(h.count), bins.map((b) => b[1]));
  }
  assert.ok(ds.rows.some((r) => r.direction === "write" && r.metric === "iops"));
});

Deno.test("fio json+: a bin that is not a number is named by its key, or by its count's place", () => {
  const text = Deno.readTextFileSync(join(FIXTURES, "ingest/fio-3.33-randrw-jsonplus.json"));
  const doc = JSON.parse(text);
  const bins = doc.jobs[0].read.clat_ns.bins as Record<string, unknown>;
  const first = Object.keys(bins)[0];
  bins[first] = "lots";
  assert.throws(
    () => parseFioJson(JSON.stringify(doc), "count.json"),
    new RegExp(`count\\.json, \\$\\.jobs\\[0\\]\\.read\\.clat_ns\\.bins\\["${first}"\\]: found "lots"`),
  );
  bins[first] = 1;
  bins["soon"] = 2;
  assert.throws(
    () => parseFioJson(JSON.stringify(doc), "key.json"),
    /key\.json, \$\.jobs\[0\]\.read\.clat_ns\.bins \(key "soon"\): found "soon"/,
  );
});

Deno.test("fio JSON: a sync section (fsync) yields sync latency rows, not bandwidth", () => {
  const ds = parseFioJson(Deno.readTextFileSync(join(FIXTURES, "ingest/fio-3.33-fsync.json")), "fsync.json");
  const sync = ds.rows.filter((r) => r.direction === "sync");
  assert.ok(sync.some((r) => r.metric === "lat" && r.stat === "mean" && r.value > 0));
  assert.ok(!sync.some((r) => r.metric === "bw"));
});

Deno.test("fio JSON: text before and after the document is reported, not parsed (labelled synthetic wrapper)", () => {
  const body = Deno.readTextFileSync(join(FIXTURES, "ingest/fio-3.33-fsync.json"));
  const ds = parseFioJson(
    `note: both iodepth >= 1 and synchronous I/O engine are selected\n${body}\nfio: some trailer\n`,
    "n.json",
  );
  assert.equal(ds.warnings.length, 2);
  assert.match(ds.warnings[0].message, /before the fio JSON: "note: both iodepth/);
  assert.match(ds.warnings[1].message, /after the fio JSON: "fio: some trailer"/);
});

Deno.test("fio JSON: client/server output (client_stats) is read, hosts named in the job (labelled synthetic)", () => {
  const job = JSON.parse(Deno.readTextFileSync(join(FIXTURES, "ingest/fio-3.33-fsync.json"))).jobs[0];
  const doc = {
    "fio version": "fio-3.33",
    client_stats: [{ ...job, hostname: "hostA" }, { ...job, hostname: "hostB" }, {
      ...job,
      jobname: "All clients",
    }],
  };
  const ds = parseFioJson(JSON.stringify(doc), "cs.json");
  assert.deepEqual([...new Set(ds.rows.map((r) => r.job))], [
    "hostA:trimsync",
    "hostB:trimsync",
    "All clients",
  ]);
});

Deno.test("fio JSON: errors name the file and the JSON path", () => {
  const text = Deno.readTextFileSync(join(FIXTURES, "ingest/fio-3.33-fsync.json"));
  const doc = JSON.parse(text);
  doc.jobs[0].write.iops = -5;
  assert.throws(() => parseFioJson(JSON.stringify(doc), "neg.json"), (e: Error) => {
    assert.ok(e instanceof InvalidValueError);
    assert.equal(e.message.split(":")[0], "neg.json, $.jobs[0].write.iops");
    assert.match(e.message, /found a negative number \(-5\), expected a value ≥ 0/);
    return true;
  });
  doc.jobs[0].write.iops = "fast";
  assert.throws(
    () => parseFioJson(JSON.stringify(doc), "str.json"),
    /\$\.jobs\[0\]\.write\.iops: found "fast", expected a finite number/,
  );
  assert.throws(() => parseFioJson(text.slice(0, 3000), "cut.json"), (e: Error) => {
    assert.ok(e instanceof ParseError);
    assert.match(
      e.message,
      /^cut\.json, line \d+: found the end of the file inside the JSON object opened at line 1/,
    );
    return true;
  });
  assert.throws(
    () => parseFioJson("", "empty.json"),
    /empty\.json: found an empty file, expected fio JSON output/,
  );
  assert.throws(
    () => parseFioJson('{"x": 1}', "nojobs.json"),
    /nojobs\.json, \$\.jobs: found no "jobs" or "client_stats" array/,
  );
});
