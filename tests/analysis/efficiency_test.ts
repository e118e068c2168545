/**
 * Efficiency metrics on real runs (tests/fixtures/cost: fio and iperf3 with host CPU records sampled from
 * /proc/<pid>/stat): every derived number recomputed here from the raw files, traced to its inputs, and
 * compared with the same rule as every metric.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { analyse } from "../../lib/analysis/request.ts";
import { COST_METRICS, efficiencyRows } from "../../lib/analysis/efficiency.ts";
import { loadDir } from "../../lib/ingest/mod.ts";
import { betterDirection, type Measurement } from "../../lib/model.ts";
import { DATA, FIXTURES, HAVE_DATA, tempDir } from "../helpers.ts";

const COST = join(FIXTURES, "cost");
const json = (path: string) => JSON.parse(Deno.readTextFileSync(path));
const derived = (rows: Measurement[], metric: string, rep: string) =>
  rows.find((r) => r.metric === metric && r.factors.rep === rep && r.format === "derived");
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b);

Deno.test("disk: host CPU-s per GiB, I/Os per host CPU-s and guest CPU % per Gbit/s, recomputed from the raw files", async () => {
  const { rows } = await analyse(join(COST, "disk"), { tool: "fio" });
  for (const engine of ["libaio", "psync"]) {
    for (const rep of ["1", "2", "3"]) {
      const dir = join(COST, "disk", `engine=${engine}`, `rep=${rep}`);
      const host = json(join(dir, "randread-4k.hostcpu.json"));
      const job = json(join(dir, "randread-4k.json")).jobs[0];
      // The host's CPU rate over its window, related to fio's rates (the window is longer than fio's runtime).
      const rate = (host.user_s + host.system_s) / host.wall_s;
      const mine = rows.filter((r) => r.factors.engine === engine);
      assert.ok(close(derived(mine, "host_cpu_per_gib", rep)!.value, rate / (job.read.bw_bytes / 2 ** 30)));
      assert.ok(close(derived(mine, "ios_per_host_cpu_s", rep)!.value, job.read.iops / rate));
      assert.ok(
        close(
          derived(mine, "guest_cpu_per_gbps", rep)!.value,
          (job.usr_cpu + job.sys_cpu) / (job.read.bw_bytes * 8 / 1e9),
        ),
      );
    }
  }
});

Deno.test("network: host CPU-s per Gbit delivered and iperf3 client CPU % per Gbit/s, recomputed from the raw files", async () => {
  const { rows } = await analyse(join(COST, "net"), { tool: "iperf3" });
  for (const rep of ["1", "2", "3"]) {
    const dir = join(COST, "net", "streams=2", `rep=${rep}`);
    const host = json(join(dir, "iperf3-tcp.hostcpu.json"));
    const end = json(join(dir, "iperf3-tcp.json")).end;
    const mine = rows.filter((r) => r.factors.streams === "2");
    const rate = Math.round((host.user_s + host.system_s) * 1e6) / 1e6 / host.wall_s;
    const gbps = end.sum_received.bits_per_second / 1e9;
    assert.ok(close(derived(mine, "host_cpu_per_gbit", rep)!.value, rate / gbps));
    assert.ok(
      close(derived(mine, "guest_cpu_per_gbps", rep)!.value, end.cpu_utilization_percent.host_total / gbps),
    );
  }
});

Deno.test("round trips: host CPU ns per sockperf round trip (a real sockperf run with a host record sampled from its server)", async () => {
  const dir = tempDir();
  const run = join(dir, "nic=lo", "rep=1");
  Deno.mkdirSync(run, { recursive: true });
  Deno.copyFileSync(join(FIXTURES, "sockperf/sockperf-udp-64.txt"), join(run, "sockperf-udp-64.txt"));
  // The record's numbers are the real iperf3 server's; only its workload is this sockperf run's (labelled synthetic pairing).
  const host = json(join(COST, "net/streams=1/rep=1/iperf3-tcp.hostcpu.json"));
  Deno.writeTextFileSync(
    join(run, "sockperf-udp-64.hostcpu.json"),
    JSON.stringify({ ...host, workload: "sockperf-udp-64", tool_output: "sockperf-udp-64.txt" }),
  );
  const { rows, warnings } = efficiencyRows((await loadDir(dir)).rows);
  assert.deepEqual(warnings, []);
  const rate = (host.user_s + host.system_s) / host.wall_s;
  // sockperf: "[Valid Duration] RunTime=2.548 sec; …; ReceivedMessages=1277"
  assert.ok(close(rows[0].value, rate / (1277 / 2.548) * 1e9));
  assert.equal(rows[0].metric, "host_cpu_per_rtt");
  assert.equal(rows[0].unit, "ns");
  assert.equal(rows[0].job, "udp");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("every derived row keeps its inputs: the host record and the tool output, to the JSON path", async () => {
  const ds = await loadDir(join(COST, "disk"));
  const { rows, warnings } = efficiencyRows(ds.rows);
  assert.deepEqual(warnings, []);
  assert.equal(rows.length, 2 * 3 * 3, "2 engines × 3 repetitions × 3 metrics");
  const r = rows.find((x) =>
    x.metric === "host_cpu_per_gib" && x.factors.engine === "psync" && x.factors.rep === "2"
  )!;
  assert.equal(r.source, "engine=psync/rep=2/randread-4k.json");
  assert.equal(r.format, "derived");
  assert.equal(r.unit, "s/GiB");
  assert.equal(r.location, "(host CPU s ÷ wall s) ÷ (bandwidth GiB/s)");
  assert.deepEqual(r.inputs, [
    { source: "engine=psync/rep=2/randread-4k.hostcpu.json", location: "$.user_s + $.system_s" },
    { source: "engine=psync/rep=2/randread-4k.hostcpu.json", location: "$.wall_s" },
    { source: "engine=psync/rep=2/randread-4k.json", location: "$.jobs[0].read.bw_bytes" },
  ]);
});

Deno.test("lower cost is better, more I/Os per CPU-second is better: the comparison reads them that way", async () => {
  assert.equal(betterDirection("host_cpu_per_gib"), "lower");
  assert.equal(betterDirection("host_cpu_per_gbit"), "lower");
  assert.equal(betterDirection("guest_cpu_per_gbps"), "lower");
  assert.equal(betterDirection("ios_per_host_cpu_s"), "higher");
  const a = await analyse(join(COST, "disk"), { tool: "fio", metrics: COST_METRICS });
  assert.deepEqual(a.comparisons.map((c) => c.metric).sort(), [
    "guest_cpu_per_gbps",
    "host_cpu_per_gib",
    "ios_per_host_cpu_s",
  ]);
  for (const c of a.comparisons) {
    assert.equal(c.baseline.n, 3);
    assert.equal(c.better, betterDirection(c.metric));
  }
  // psync (queue depth 1) paid more host CPU per byte than libaio in these runs: the ratio says so.
  const gib = a.comparisons.find((c) => c.metric === "host_cpu_per_gib")!;
  assert.equal(gib.candidateName, "psync");
  assert.ok(gib.ratio! > 1);
});

Deno.test("a family's analysis keeps its own runs' host records and no other family's", async () => {
  const a = await analyse(COST, { tool: "fio" });
  assert.ok(a.rows.some((r) => r.tool === "host"));
  assert.ok(a.rows.filter((r) => r.tool === "host").every((r) => r.factors.workload === "randread-4k"));
  assert.ok(!a.rows.some((r) => r.metric === "host_cpu_per_gbit"));
});

Deno.test("a host record with no tool output of its run, and a run with zero bandwidth, are warnings (labelled synthetic edits)", async () => {
  const dir = tempDir();
  const run = join(dir, "engine=psync", "rep=1");
  Deno.mkdirSync(run, { recursive: true });
  const src = join(COST, "disk/engine=psync/rep=1");
  const host = json(join(src, "randread-4k.hostcpu.json"));
  Deno.writeTextFileSync(join(run, "other.hostcpu.json"), JSON.stringify({ ...host, workload: "other" }));
  Deno.writeTextFileSync(
    join(run, "randread-4k.json"),
    Deno.readTextFileSync(join(src, "randread-4k.json")).replace(/"bw_bytes" : \d+/, '"bw_bytes" : 0'),
  );
  const a = await analyse(dir, { tool: "fio", by: "engine" });
  assert.deepEqual(a.warnings.slice(0, 2).map((w) => [w.kind, w.text]), [
    ["efficiency", "engine=psync/rep=1/randread-4k.json: its bw is 0; no guest_cpu_per_gbps for this run"],
    [
      "efficiency",
      "engine=psync/rep=1/other.hostcpu.json: no fio, iperf or sockperf output of the same run " +
      "(engine=psync rep=1 workload=other) to relate its host CPU time to",
    ],
  ]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({
  name:
    "shipped data: every host record joins its run (300: 180 fio, 60 iperf, 60 sockperf), guest CPU per Gbit/s for every fio and iperf3 run, no warnings",
  ignore: !HAVE_DATA,
  fn: async () => {
    const ds = await loadDir(DATA);
    const { rows, warnings } = efficiencyRows(ds.rows);
    assert.deepEqual(warnings, []);
    const count = (metric: string) => rows.filter((r) => r.metric === metric).length;
    assert.deepEqual(
      ["host_cpu_per_gib", "ios_per_host_cpu_s", "host_cpu_per_gbit", "host_cpu_per_rtt"].map(count),
      [180, 180, 60, 60],
      "one host cost per fio run (4 drivers × 9 jobs × 5), per iperf run (3 NICs × 4 × 5), per sockperf run",
    );
    assert.equal(ds.files.filter((f) => f.format === "host-cpu").length, 300);
    const runs = new Set(
      ds.rows.filter((r) => r.metric === "usr_cpu" || r.metric === "cpu_host_total").map((r) => r.source),
    );
    assert.equal(count("guest_cpu_per_gbps"), runs.size, "one per fio or iperf3 output");
  },
});

Deno.test("two host records for one run are not added up: a warning, and no host cost (labelled synthetic copy)", async () => {
  const dir = tempDir();
  const run = join(dir, "engine=libaio", "rep=1");
  Deno.mkdirSync(run, { recursive: true });
  const src = join(COST, "disk/engine=libaio/rep=1");
  for (const f of ["randread-4k.json", "randread-4k.hostcpu.json"]) {
    Deno.copyFileSync(join(src, f), join(run, f));
  }
  Deno.copyFileSync(join(src, "randread-4k.hostcpu.json"), join(run, "again.hostcpu.json"));
  const { rows, warnings } = efficiencyRows((await loadDir(dir)).rows);
  assert.deepEqual(rows.map((r) => r.metric), ["guest_cpu_per_gbps"]);
  assert.match(
    warnings[0].message,
    /^engine=libaio\/rep=1\/randread-4k\.json: 2 host CPU records for one run/,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("a multi-job fio file: guest CPU per job with that job's options; one host record for all its jobs is not split", async () => {
  // The real 4-job stonewall file (tests/fixtures/layouts), and (labelled synthetic) a real host record renamed to it.
  const dir = tempDir();
  Deno.copyFileSync(join(FIXTURES, "layouts/stonewall/jobs-run1.json"), join(dir, "jobs-run1.json"));
  const record = json(join(COST, "disk/engine=libaio/rep=1/randread-4k.hostcpu.json"));
  Deno.writeTextFileSync(
    join(dir, "jobs-run1.hostcpu.json"),
    JSON.stringify({ ...record, workload: "jobs-run1", tool_output: "jobs-run1.json" }),
  );
  const ds = await loadDir(dir);
  const { rows, warnings } = efficiencyRows(ds.rows);
  const jobs = (json(join(dir, "jobs-run1.json")).jobs as { jobname: string }[]).map((j) => j.jobname);
  assert.deepEqual(rows.map((r) => [r.metric, r.job]), jobs.map((j) => ["guest_cpu_per_gbps", j]));
  for (const r of rows) {
    const same = ds.rows.find((x) => x.job === r.job && x.metric === "usr_cpu")!;
    assert.deepEqual(r.factors, same.factors, `${r.job}: the job's own options`);
  }
  assert.equal(warnings.length, 1);
  assert.match(
    warnings[0].message,
    /one host CPU record for the 4 jobs of .*jobs-run1\.json; it cannot be split/,
  );
  Deno.removeSync(dir, { recursive: true });
});
