/** The harness's per-run host CPU record, on real records sampled from /proc/<pid>/stat (tests/fixtures/cost). */
import { runKey } from "../../lib/analysis/efficiency.ts";
import assert from "node:assert/strict";
import { join } from "node:path";
import { cpuCount, detectFormat, loadDir, loadFile, ParseError, parseHostCpu } from "../../lib/ingest/mod.ts";
import { FIXTURES, tempDir } from "../helpers.ts";

const COST = join(FIXTURES, "cost");
const RECORD = join(COST, "disk/engine=libaio/rep=1/randread-4k.hostcpu.json");
const text = Deno.readTextFileSync(RECORD);
const doc = JSON.parse(text);

Deno.test("host CPU record: user, system, their sum and wall seconds, exactly, with JSON paths", () => {
  const ds = parseHostCpu(text, "r.json", { engine: "libaio", rep: "1", workload: "r" });
  const get = (metric: string) => ds.rows.find((r) => r.metric === metric)!;
  assert.equal(get("host_cpu_user").value, doc.user_s);
  assert.equal(get("host_cpu_system").value, doc.system_s);
  assert.equal(get("host_cpu").value, Math.round((doc.user_s + doc.system_s) * 1e6) / 1e6);
  assert.equal(get("host_wall").value, doc.wall_s);
  assert.equal(get("host_cpu_user").location, "$.user_s");
  assert.equal(get("host_cpu").location, "$.user_s + $.system_s");
  for (const r of ds.rows) {
    assert.equal(r.tool, "host");
    assert.equal(r.format, "host-cpu");
    assert.equal(r.job, "fio", "job = the measured process");
    assert.equal(r.unit, "s");
    assert.deepEqual(
      r.factors,
      { engine: "libaio", rep: "1", workload: "randread-4k" },
      "workload from the field",
    );
  }
  assert.deepEqual(ds.warnings, []);
});

Deno.test("host CPU record: recognised by content under any name; its workload comes from the field", async () => {
  assert.equal(detectFormat(text), "host-cpu");
  const dir = tempDir();
  Deno.writeTextFileSync(join(dir, "whatever.txt"), text);
  const ds = await loadFile(join(dir, "whatever.txt"));
  assert.equal(ds.files[0].format, "host-cpu");
  assert.equal(ds.rows[0].factors.workload, "randread-4k");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("host CPU records join their tool output's run: same folder and workload, every repetition", async () => {
  for (const family of ["disk", "net"]) {
    const ds = await loadDir(join(COST, family));
    assert.deepEqual(ds.warnings, [], family);
    const host = new Set(ds.rows.filter((r) => r.tool === "host").map(runKey));
    const tool = new Set(ds.rows.filter((r) => r.tool !== "host").map(runKey));
    assert.equal(host.size, 6, `${family}: 2 variants × 3 repetitions`);
    assert.deepEqual([...host].sort(), [...tool].sort(), `${family}: every run has both`);
  }
});

const broken: [string, (d: Record<string, unknown>) => unknown, RegExp][] = [
  [
    "another version",
    (d) => ({ ...d, vbench_host_cpu: 2 }),
    /^b\.json, \$\.vbench_host_cpu: found 2, expected version 1\. The file was written by another version of the harness\.$/,
  ],
  [
    "no user time",
    (d) => ({ ...d, user_s: undefined }),
    /^b\.json, \$\.user_s: found no value, expected a finite number\.$/,
  ],
  [
    "negative system time",
    (d) => ({ ...d, system_s: -0.2 }),
    /^b\.json, \$\.system_s: found a negative number \(-0\.2\), expected a value ≥ 0\./,
  ],
  [
    "empty workload",
    (d) => ({ ...d, workload: "" }),
    /^b\.json, \$\.workload: found "", expected a non-empty string\.$/,
  ],
  [
    "load average not from /proc/loadavg",
    (d) => ({ ...d, loadavg_after: "high" }),
    /^b\.json, \$\.loadavg_after: found "high", expected three load averages as in \/proc\/loadavg/,
  ],
  [
    "fractional pid",
    (d) => ({ ...d, pid: 12.5 }),
    /^b\.json, \$\.pid: found 12\.5, expected a process id\.$/,
  ],
  [
    "zero clock ticks",
    (d) => ({ ...d, clock_ticks_per_s: 0 }),
    /^b\.json, \$\.clock_ticks_per_s: found 0, expected the clock ticks per second/,
  ],
];

for (const [what, edit, expected] of broken) {
  Deno.test(`host CPU record, bad input (labelled synthetic edit of a real record): ${what}`, () => {
    const bad = JSON.stringify(edit({ ...doc }));
    assert.throws(() => parseHostCpu(bad, "b.json"), (e: Error) => {
      assert.ok(e instanceof ParseError || e.name === "InvalidValueError", e.name);
      assert.match(e.message, expected);
      return true;
    });
  });
}

Deno.test("host CPU record: a truncated record names the line; more CPU than the allowed cores is a warning", () => {
  assert.throws(
    () => parseHostCpu(text.slice(0, 120), "cut.json"),
    /cut\.json, line \d+: found the end of the file/,
  );
  const pinned = JSON.stringify({ ...doc, cpu_affinity: "1", user_s: 2, system_s: 1, wall_s: 2 });
  const ds = parseHostCpu(pinned, "p.json");
  assert.match(
    ds.warnings[0].message,
    /^p\.json: fio used 3 s of CPU in 2 s on 1 allowed CPU \(cpu_affinity "1"\)/,
  );
});

Deno.test("host CPU record: the harness's extra reader fields (accelerator, ramp_s, runtime_s) are accepted", () => {
  const withExtras = JSON.stringify({ ...doc, accelerator: "tcg", ramp_s: 0, runtime_s: 4 });
  assert.deepEqual(parseHostCpu(withExtras, "x.json").rows, parseHostCpu(text, "x.json").rows);
});

Deno.test("cpuCount reads Linux CPU lists (labelled synthetic)", () => {
  assert.equal(cpuCount("1"), 1);
  assert.equal(cpuCount("0-3"), 4);
  assert.equal(cpuCount("0,2-3"), 3);
  assert.equal(cpuCount("all"), null);
});
