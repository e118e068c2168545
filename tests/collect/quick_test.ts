/**
 * The collection harness in --quick mode: boots the real guest once per disk driver and per NIC
 * (one short run each) so the harness cannot rot. Needs root (tap device in a private network
 * namespace) and QEMU; skipped with a message otherwise.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadDir } from "../../lib/ingest/mod.ts";
import { ROOT, tempDir } from "../helpers.ts";

const isRoot = Deno.uid() === 0;
const haveQemu = (() => {
  try {
    return new Deno.Command("qemu-system-x86_64", { args: ["--version"], stdout: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
})();

Deno.test({
  name:
    "collect --quick: every disk driver and NIC boots, runs its tool, and returns valid output under key=value folders",
  ignore: !isRoot || !haveQemu,
  sanitizeResources: false,
  fn: async () => {
    const out = tempDir("vb-quick-");
    const { code, stderr } = await new Deno.Command("bash", {
      args: [join(ROOT, "collect/run-matrix.sh"), "--quick", "--out", out],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const log = new TextDecoder().decode(stderr);
    assert.equal(code, 0, log);
    const ds = await loadDir(out);
    // A 1 s run is shorter than log_avg_msec=1000, so fio may write empty per-second logs: warned, not failed.
    assert.ok(ds.warnings.every((w) => /an empty fio log/.test(w.message)), JSON.stringify(ds.warnings));
    const drivers = new Set(ds.rows.filter((r) => r.tool === "fio").map((r) => r.factors.driver));
    assert.deepEqual([...drivers].sort(), ["ahci", "ide", "virtio-blk", "virtio-scsi"]);
    const nics = new Set(ds.rows.filter((r) => r.tool === "iperf3").map((r) => r.factors.nic));
    assert.deepEqual([...nics].sort(), ["e1000", "rtl8139", "virtio-net"]);
    for (const r of ds.rows.filter((r) => r.metric === "iops" || r.metric === "throughput")) {
      assert.ok(r.value > 0);
    }
    const provenance = Deno.readTextFileSync(join(out, "disk/PROVENANCE.md"));
    assert.match(provenance, /accelerator: \*\*(kvm|tcg)\*\*/);
    assert.match(Deno.readTextFileSync(join(out, "disk/runs.jsonl")), /qemu-system-x86_64 -accel/);
    // The network namespace is gone afterwards.
    const ns = new TextDecoder().decode(
      (await new Deno.Command("ip", { args: ["netns", "list"], stdout: "piped" }).output()).stdout,
    );
    assert.doesNotMatch(ns, /vbench-/);
    Deno.removeSync(out, { recursive: true });
  },
});
