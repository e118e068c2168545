/**
 * The collection harness, end to end: --quick boots the real guest once per disk driver and per NIC
 * (one short run each, under the accelerator its probe picks), and the new outputs are checked: a
 * host-CPU file per workload, sockperf's summary and per-message log. Also the KVM fallback (probe
 * forced to fail) and the per-run timeout (an absurdly small scale must fail fast, with one sentence).
 * Needs root (tap device in a private network namespace) and QEMU; skipped with a message otherwise.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadDir } from "../../lib/ingest/mod.ts";
import { exists, ROOT, tempDir } from "../helpers.ts";

const isRoot = Deno.uid() === 0;
const haveQemu = (() => {
  try {
    return new Deno.Command("qemu-system-x86_64", { args: ["--version"], stdout: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
})();
const ignore = !isRoot || !haveQemu;
if (ignore) console.log("skipped: the harness tests need root and qemu-system-x86_64");

interface Finished {
  code: number;
  stderr: string;
}

/** Runs run-matrix.sh; a run that outlives `minutes` is killed and reported (a bound, never a hang). */
async function runMatrix(
  args: string[],
  minutes: number,
  env: Record<string, string> = {},
): Promise<Finished> {
  const cmd = new Deno.Command("bash", {
    args: [join(ROOT, "collect/run-matrix.sh"), ...args],
    env,
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(minutes * 60_000),
  });
  try {
    const { code, stderr } = await cmd.output();
    return { code, stderr: new TextDecoder().decode(stderr) };
  } catch (err) {
    throw new Error(`run-matrix.sh ${args.join(" ")} did not finish within ${minutes} min (${err})`);
  }
}

/** The sentence the harness ends with (its last line): what a failing test shows instead of the whole log. */
function lastLine(stderr: string): string {
  return stderr.trimEnd().split("\n").at(-1) ?? "";
}

function netnsList(): string {
  const { stdout } = new Deno.Command("ip", { args: ["netns", "list"], stdout: "piped" }).outputSync();
  return new TextDecoder().decode(stdout);
}

const HOSTCPU_KEYS: Record<string, string> = {
  vbench_host_cpu: "number",
  workload: "string",
  tool_output: "string",
  process: "string",
  pid: "number",
  source: "string",
  clock_ticks_per_s: "number",
  user_s: "number",
  system_s: "number",
  wall_s: "number",
  cpu_affinity: "string",
  loadavg_before: "string",
  loadavg_after: "string",
};

/** Checks one <workload>.hostcpu.json against the documented shape and for sane numbers; returns wall_s. */
function checkHostCpu(dir: string, workload: string): number {
  const path = join(dir, `${workload}.hostcpu.json`);
  const h = JSON.parse(Deno.readTextFileSync(path));
  for (const [key, type] of Object.entries(HOSTCPU_KEYS)) {
    assert.equal(typeof h[key], type, `${path}: ${key}`);
  }
  assert.equal(h.vbench_host_cpu, 1);
  assert.equal(h.workload, workload);
  assert.ok(exists(join(dir, h.tool_output)), `${path}: tool_output ${h.tool_output} is not beside it`);
  assert.equal(h.process, "qemu-system-x86_64");
  assert.equal(h.source, `/proc/${h.pid}/stat`);
  assert.ok(h.clock_ticks_per_s > 0);
  assert.ok(h.user_s >= 0 && h.system_s >= 0 && h.user_s + h.system_s > 0, `${path}: no CPU time`);
  // The tool ran at least its planned time (fio time_based, iperf -t, sockperf -t) inside the window.
  assert.ok(h.wall_s >= 0.9 * (h.ramp_s + h.runtime_s), `${path}: wall_s ${h.wall_s} < planned`);
  // Pinned to one CPU, QEMU cannot use more than one CPU-second per second (+ tick rounding).
  if (/^\d+$/.test(h.cpu_affinity)) assert.ok(h.user_s + h.system_s <= h.wall_s + 0.1, `${path}: > 1 CPU`);
  for (const k of ["loadavg_before", "loadavg_after"]) assert.match(h[k], /^\d+\.\d+ \d+\.\d+ \d+\.\d+$/);
  return h.wall_s;
}

/** sockperf wrote its summary (stdout) and its per-message round trips (--full-log). */
function checkSockperf(dir: string, name: string): void {
  const summary = Deno.readTextFileSync(join(dir, `${name}.txt`));
  assert.match(summary, /Summary: Round trip is \d+\.\d+ usec/, `${dir}/${name}.txt`);
  const observations = Number(summary.match(/Total (\d+) observations/)?.[1]);
  assert.ok(observations > 0, `${dir}/${name}.txt: no observations`);
  const log = Deno.readTextFileSync(join(dir, `${name}.csv`)).split("\n");
  const header = log.indexOf("packet, txTime(sec), rxTime(sec), rtt(usec)");
  assert.ok(header >= 0, `${dir}/${name}.csv: no per-message header`);
  assert.match(log[header + 1], /^\d+, \d+\.\d+, \d+\.\d+, \d+\.\d+$/);
}

Deno.test({
  name:
    "collect --quick: every disk driver and NIC boots, runs its tools, returns valid output with host CPU time per workload and sockperf round trips",
  ignore,
  sanitizeResources: false,
  fn: async () => {
    const out = tempDir("vb-quick-");
    const { code, stderr } = await runMatrix(["--quick", "--out", out], 15);
    assert.equal(code, 0, lastLine(stderr));
    // The parsers for hostcpu and sockperf files live elsewhere; before they exist these files are skipped.
    const ds = await loadDir(out, { onError: "collect" });
    for (const w of ds.warnings) {
      // A 1 s run is shorter than log_avg_msec=1000, so fio may write empty per-second logs: warned, not failed.
      const known = /an empty fio log/.test(w.message) ||
        (/not a recognised format/.test(w.message) && /\.hostcpu\.json$|sockperf-/.test(w.source));
      assert.ok(known, w.message);
    }
    const drivers = new Set(ds.rows.filter((r) => r.tool === "fio").map((r) => r.factors.driver));
    assert.deepEqual([...drivers].sort(), ["ahci", "ide", "virtio-blk", "virtio-scsi"]);
    const nics = new Set(ds.rows.filter((r) => r.tool === "iperf3").map((r) => r.factors.nic));
    assert.deepEqual([...nics].sort(), ["e1000", "rtl8139", "virtio-net"]);
    for (const r of ds.rows.filter((r) => r.metric === "iops" || r.metric === "throughput")) {
      assert.ok(r.value > 0);
    }

    const runs = ["disk", "net"].flatMap((f) =>
      Deno.readTextFileSync(join(out, f, "runs.jsonl")).trim().split("\n").map((l) => JSON.parse(l))
    );
    assert.equal(runs.length, 7);
    for (const run of runs) {
      const dir = join(out, run.dest);
      const names = run.dest.startsWith("disk/")
        ? ["randread-4k-qd1"]
        : ["iperf3-tcp", "sockperf-udp-64", "sockperf-tcp-1400"];
      const walls = names.map((n) => checkHostCpu(dir, n));
      // Every window lies inside the guest run that produced it.
      assert.ok(walls.reduce((a, b) => a + b) < run.wall_s, `${run.dest}: windows longer than the run`);
      if (run.dest.startsWith("net/")) { for (const n of names.slice(1)) checkSockperf(dir, n); }
      assert.match(run.loadavg_before, /^\d+\.\d+ \d+\.\d+ \d+\.\d+$/);
      assert.match(run.loadavg_after, /^\d+\.\d+ \d+\.\d+ \d+\.\d+$/);
      assert.ok(run.limit_s > 0 && run.expected_s > 0);
      assert.match(run.command, /qemu-system-x86_64 -accel (kvm|tcg)/);
      assert.doesNotMatch(run.command, /-cpu host/);
    }
    const provenance = Deno.readTextFileSync(join(out, "disk/PROVENANCE.md"));
    assert.match(provenance, /accelerator: \*\*(kvm|tcg)\*\* .*; why: .*printed its marker in/);
    assert.match(
      provenance,
      /\| disk\/os=linux\/driver=ide\/rep=1 \| .* \| \d+\.\d+ \| [\d. ]+ \| [\d. ]+ \|/,
    );
    // Its network namespace is gone (other runs on this machine may have their own).
    const ns = Deno.readTextFileSync(join(out, "net/PROVENANCE.md")).match(/network namespace (vbench-\d+)/)
      ?.[1];
    assert.ok(ns, "net/PROVENANCE.md names the namespace");
    assert.ok(!netnsList().split(/\s+/).includes(ns), `namespace ${ns} is still there`);
    Deno.removeSync(out, { recursive: true });
  },
});

Deno.test({
  name: "collect: a KVM probe whose guest prints no marker falls back to TCG and says why in the provenance",
  ignore,
  sanitizeResources: false,
  fn: async () => {
    const out = tempDir("vb-probe-");
    const { code, stderr } = await runMatrix(
      ["--quick", "--only", "disk", "--disk-drivers", "virtio-blk", "--out", out],
      10,
      { VB_PROBE: "fail", VB_PROBE_TIMEOUT: "8" },
    );
    assert.equal(code, 0, lastLine(stderr));
    const provenance = Deno.readTextFileSync(join(out, "disk/PROVENANCE.md"));
    assert.match(
      provenance,
      /accelerator: \*\*tcg\*\* .*; why: KVM guest printed no marker within 8 s \(forced by VB_PROBE=fail/,
    );
    assert.match(Deno.readTextFileSync(join(out, "disk/runs.jsonl")), /qemu-system-x86_64 -accel tcg/);
    checkHostCpu(join(out, "disk/os=linux/driver=virtio-blk/rep=1"), "randread-4k-qd1");
    Deno.removeSync(out, { recursive: true });
  },
});

Deno.test({
  name:
    "collect: a run longer than its timeout stops the collection with one sentence (device, rep, limit, console)",
  ignore,
  sanitizeResources: false,
  fn: async () => {
    const out = tempDir("vb-timeout-");
    const { code, stderr } = await runMatrix(
      ["--quick", "--only", "disk", "--disk-drivers", "virtio-blk", "--timeout-scale", "0.01", "--out", out],
      5,
    );
    assert.equal(code, 1, stderr);
    // The plan (with the expected duration) comes first, then the one sentence.
    assert.match(
      stderr,
      /run-matrix: 1 disk runs of ~\d+ s and 0 network runs of ~\d+ s: expected about \d+ min in all/,
    );
    assert.match(
      lastLine(stderr),
      /^run-matrix: disk run driver=virtio-blk rep=1 timed out after [\d.]+ s \(limit: 0\.01 × expected \d+ s\); last console lines: .+$/,
    );
    assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
    assert.ok(!exists(join(out, "disk/os=linux/driver=virtio-blk/rep=1")), "a failed run leaves no results");
    Deno.removeSync(out, { recursive: true });
  },
});

Deno.test("collect: bad options exit 2 with a sentence, before anything runs", async () => {
  for (
    const [args, why] of [
      [["--out", "/nonexistent/x", "--timeout-scale", "soon"], /--timeout-scale must be a positive number/],
      [["--out", "/nonexistent/x", "--accel", "hvf"], /--accel must be kvm or tcg/],
      [["--out", "/nonexistent/x", "--runtime", "0"], /--runtime must be whole numbers above 0/],
      [["--out", "/nonexistent/x", "--disk-drivers", "virtio-blk,nvme"], /unknown disk driver 'nvme'/],
      [
        ["--out", "/nonexistent/x", "--net-tests", "sockperf-icmp-64"],
        /unknown network test 'sockperf-icmp-64'/,
      ],
      [["--quick"], /--out DIR is required/],
    ] as const
  ) {
    const { code, stderr } = await runMatrix([...args], 1);
    assert.equal(code, 2, stderr);
    assert.match(lastLine(stderr), why);
    assert.ok(!exists("/nonexistent/x"));
  }
});
