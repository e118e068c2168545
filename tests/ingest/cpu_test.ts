/** CPU fields of fio (JSON 2.x and 3.x, terse v2–v5) and iperf3 (3.9 and 3.12), on real outputs. */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  InvalidValueError,
  ParseError,
  parseFioJson,
  parseFioTerse,
  parseIperf3Json,
  ToolRunError,
} from "../../lib/ingest/mod.ts";
import type { Measurement } from "../../lib/model.ts";
import { CORPUS, DATA, FIXTURES, HAVE_CORPUS, HAVE_DATA } from "../helpers.ts";

const FIO_CPU = ["usr_cpu", "sys_cpu", "ctx", "majf", "minf"];
const cpuRows = (rows: Measurement[]) => rows.filter((r) => FIO_CPU.includes(r.metric));
const fixture = (name: string) => Deno.readTextFileSync(join(FIXTURES, "ingest", name));

/** Every job's five CPU numbers, exactly as the JSON has them, with their JSON paths. */
function assertFioJsonCpu(file: string) {
  const text = Deno.readTextFileSync(file);
  const doc = JSON.parse(text.slice(text.indexOf("{")));
  const rows = cpuRows(parseFioJson(text, "x.json").rows);
  assert.equal(rows.length, 5 * doc.jobs.length, `${file}: five CPU rows per job`);
  doc.jobs.forEach((job: Record<string, number>, i: number) => {
    for (const metric of FIO_CPU) {
      const row = rows.find((r) => r.location === `$.jobs[${i}].${metric}`);
      assert.ok(row, `${file}: ${metric} of job ${i}`);
      assert.equal(row.value, job[metric]);
      assert.equal(row.direction, "mixed");
      assert.equal(row.unit, metric.endsWith("_cpu") ? "%" : "count");
      assert.equal(row.stat, metric.endsWith("_cpu") ? "mean" : "total");
    }
  });
}

Deno.test({
  name: "fio JSON 2.x and 3.x (corpus): usr_cpu, sys_cpu, ctx, majf, minf per job, exactly",
  ignore: !HAVE_CORPUS,
  fn: () => {
    for (
      const f of [
        "fio-2.18-randread.json",
        "fio-2.18-randread-b.json",
        "fio-3.1-randread-qd1-nj1.json",
        "fio-3.6-ceph-hdd-randread.json",
        "fio-3.34-randread-4k.json",
      ]
    ) assertFioJsonCpu(join(CORPUS, "fio-json", f));
  },
});

Deno.test("fio JSON 3.33 (fixtures, json+ and a fsync job): CPU rows per job", () => {
  assertFioJsonCpu(join(FIXTURES, "ingest/fio-3.33-randrw-jsonplus.json"));
  assertFioJsonCpu(join(FIXTURES, "ingest/fio-3.33-fsync.json"));
});

Deno.test({
  name: "fio JSON: a job that did no I/O gives no CPU rows either (its zeros measure nothing)",
  ignore: !HAVE_CORPUS,
  fn: () => {
    const text = Deno.readTextFileSync(join(CORPUS, "fio-json/fio-3.33-write-1m-qd64.json"));
    assert.throws(() => parseFioJson(text, "w.json"), (e: Error) => {
      assert.ok(e instanceof ToolRunError);
      assert.deepEqual(cpuRows((e.partial as { rows: Measurement[] }).rows), []);
      return true;
    });
  },
});

Deno.test("fio JSON: a CPU field that is not a number names its JSON path", () => {
  const text = fixture("fio-3.33-fsync.json").replace(/"usr_cpu" : [0-9.]+/, '"usr_cpu" : "busy"');
  assert.throws(() => parseFioJson(text, "cpu.json"), (e: Error) => {
    assert.ok(e instanceof InvalidValueError);
    assert.equal(e.message, 'cpu.json, $.jobs[0].usr_cpu: found "busy", expected a finite number.');
    return true;
  });
});

/** Terse: fields numbered from 1 as in fio's HOWTO (header, then blocks of 41 or 47 fields, then CPU). */
Deno.test("fio terse v2, v4, v5 (fio 3.33) and v3 (fio 2.0.15, corpus): CPU fields where the HOWTO puts them", () => {
  const cases: [string, string, number][] = [
    // v2 has read, write and trim blocks (trim since fio 2.0.6): 4 + 3 × 41, then CPU.
    [join(FIXTURES, "ingest/fio-3.33-terse-v2.txt"), "v2", 4 + 3 * 41],
    [join(FIXTURES, "ingest/fio-3.33-terse-v4.txt"), "v4", 5 + 3 * 41],
    [join(FIXTURES, "ingest/fio-3.33-terse-v5.txt"), "v5", 5 + 3 * 47],
  ];
  if (HAVE_CORPUS) cases.push([join(CORPUS, "fio-terse/fio-2.0.15-terse-v3-rw-16k.txt"), "v3", 5 + 2 * 41]);
  for (const [file, what, before] of cases) {
    const text = Deno.readTextFileSync(file);
    const rows = cpuRows(parseFioTerse(text, "t.txt").rows);
    const lines = text.trim().split("\n");
    assert.equal(rows.length, 5 * lines.length, `${what}: five CPU rows per line`);
    lines.forEach((line, i) => {
      const f = line.split(";");
      assert.match(f[before], /%$/, `${what}: usr is a percentage`);
      FIO_CPU.forEach((metric, k) => {
        const row = rows.find((r) =>
          r.metric === metric && r.location === `line ${i + 1}, field ${before + k + 1}`
        );
        assert.ok(row, `${what} line ${i + 1}: ${metric} at field ${before + k + 1}`);
        assert.equal(row.value, Number(f[before + k].replace(/%$/, "")));
      });
    });
  }
});

Deno.test("fio terse v2 as fio 2.0.5 wrote it, without the trim block (labelled synthetic): CPU still found", () => {
  const f = fixture("fio-3.33-terse-v2.txt").trim().split(";");
  const old = [...f.slice(0, 4 + 2 * 41), ...f.slice(4 + 3 * 41)].join(";");
  const rows = cpuRows(parseFioTerse(old, "old.txt").rows);
  assert.deepEqual(rows.map((r) => r.value), [0.9, 32.4, 6152, 0, 10]);
  assert.equal(rows[0].location, "line 1, field 87");
});

Deno.test("fio terse: a line whose CPU fields cannot be found is one clear sentence", () => {
  const f = fixture("fio-3.33-terse-v4.txt").trim().split(";");
  f[5 + 3 * 41] = "2.8"; // usr without its "%": no block boundary is followed by CPU fields
  assert.throws(() => parseFioTerse(f.join(";"), "nocpu.txt"), (e: Error) => {
    assert.ok(e instanceof ParseError);
    assert.match(
      e.message,
      /^nocpu\.txt, line 1: found no CPU usage fields \(usr%;sys%\) after 1 to 4 blocks, expected terse version 4 blocks of 41 fields\./,
    );
    return true;
  });
});

const IPERF3_CPU = ["host_total", "host_user", "host_system", "remote_total", "remote_user", "remote_system"];

function assertIperf3Cpu(file: string, job: string) {
  const text = Deno.readTextFileSync(file);
  const raw = JSON.parse(text).end.cpu_utilization_percent;
  const ds = parseIperf3Json(text, "i.json");
  for (const key of IPERF3_CPU) {
    const row = ds.rows.find((r) => r.metric === `cpu_${key}`);
    assert.ok(row, `${file}: cpu_${key}`);
    assert.equal(row.value, raw[key]);
    assert.equal(row.unit, "%");
    assert.equal(row.job, job);
    assert.equal(row.direction, "mixed");
    assert.equal(row.location, `$.end.cpu_utilization_percent.${key}`);
  }
}

Deno.test({
  name: "iperf3 3.9 (corpus) and 3.6: end.cpu_utilization_percent, all six, exactly",
  ignore: !HAVE_CORPUS,
  fn: () => {
    assertIperf3Cpu(join(CORPUS, "iperf3/iperf-3.9-tcp-omit3.json"), "tcp");
    assertIperf3Cpu(join(CORPUS, "iperf3/iperf-3.6-tcp-bytes.json"), "tcp");
  },
});

Deno.test({
  name: "iperf3 3.12 (shipped data): TCP, TCP reverse and UDP runs carry their CPU rows",
  ignore: !HAVE_DATA,
  fn: () => {
    const dir = join(DATA, "net/os=linux/nic=e1000/rep=1");
    assertIperf3Cpu(join(dir, "iperf3-tcp.json"), "tcp");
    assertIperf3Cpu(join(dir, "iperf3-tcp-reverse.json"), "tcp-reverse");
    assertIperf3Cpu(join(dir, "iperf3-udp.json"), "udp");
  },
});

Deno.test("iperf3: damaged CPU numbers name their JSON path", () => {
  const text = fixture("iperf3-tcp-p2.json");
  const negative = text.replace(/"host_total":\s*[0-9.e+-]+/, '"host_total": -3');
  assert.throws(() => parseIperf3Json(negative, "neg.json"), (e: Error) => {
    assert.ok(e instanceof InvalidValueError);
    assert.match(
      e.message,
      /^neg\.json, \$\.end\.cpu_utilization_percent\.host_total: found a negative number \(-3\)/,
    );
    return true;
  });
  const notObject = text.replace(
    /"cpu_utilization_percent":\s*\{[^}]*\}/,
    '"cpu_utilization_percent": "n/a"',
  );
  assert.throws(() => parseIperf3Json(notObject, "str.json"), (e: Error) => {
    assert.ok(e instanceof ParseError);
    assert.equal(
      e.message,
      'str.json, $.end.cpu_utilization_percent: found string "n/a", expected a JSON object.',
    );
    return true;
  });
});
