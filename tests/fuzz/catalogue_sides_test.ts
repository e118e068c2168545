/**
 * The bad-input catalogue, second round (issue 30), through the report command: the compared sides as a whole (an
 * empty folder, the same folder or files twice, nothing in common), the store (placement, batch names, read-only or
 * full, a lock left by a killed append), the output folder (a user's own file under figures/) and option ranges.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DATA, exists, HAVE_DATA, ROOT, skipNote, tempDir } from "../helpers.ts";
import {
  assertDone,
  assertRefusal,
  escapeRe,
  hostile,
  report,
  scratch,
  STACK,
  TRACEBACK,
  unchanged,
} from "./hostile.ts";

/** A usage error: exit 2, the sentence, then the pointer to --help; nothing else, no stack, no class name. */
function assertUsage(r: { code: number; stderr: string }, sentence: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.doesNotMatch(r.stderr, STACK);
  assert.doesNotMatch(r.stderr, TRACEBACK);
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 2, r.stderr);
  assert.match(lines[0], sentence);
  assert.equal(lines[1], "Run with --help for usage.");
}

hostile("an empty data folder is nothing to analyse: exit 3 naming it", async () => {
  const empty = tempDir();
  const out = join(tempDir(), "r");
  assertRefusal(
    await report([empty, "--out", out, "--format", "json"]),
    3,
    new RegExp(
      `^report: ${escapeRe(empty)}: found no benchmark results \\(an empty folder\\), expected fio, iperf3`,
    ),
  );
  assert.ok(!exists(out), "no report written");
});

hostile(
  "the same folder on both sides, or a byte-identical copy: a warning, and --check does not pass (exit 4)",
  async () => {
    const data = scratch(["ide"]);
    const copy = tempDir("vb-copy-");
    Deno.removeSync(copy, { recursive: true });
    new Deno.Command("cp", { args: ["-r", data, copy] }).outputSync();
    for (
      const [a, b, said] of [[data, data, /are the same folder/], [
        data,
        copy,
        /hold the same files \(6 byte-identical: /,
      ]] as const
    ) {
      const out = join(tempDir(), "r");
      const r = await report([a, b, "--out", out, "--format", "md", "--check"]);
      assert.equal(r.code, 4, r.stderr);
      assert.doesNotMatch(r.stderr, STACK);
      assert.match(
        r.stderr,
        new RegExp(
          `^check: .*${said.source}.*every run would be compared with itself, which measures nothing\\.$`,
          "m",
        ),
      );
      assert.match(Deno.readTextFileSync(join(out, "report.md")).replace(/\\/g, ""), said);
    }
  },
);

hostile(
  "two folders with nothing in common: a sentence saying they share no workload; --check exit 4, never exit 3",
  async () => {
    const disk = scratch(["ide"]);
    const net = tempDir("vb-net-");
    for (const rep of [1, 2]) {
      const dst = join(net, `nic=e1000/rep=${rep}`);
      Deno.mkdirSync(dst, { recursive: true });
      Deno.copyFileSync(
        join(DATA, `net/os=linux/nic=e1000/rep=${rep}/iperf3-tcp.json`),
        join(dst, "iperf3-tcp.json"),
      );
    }
    const out = join(tempDir(), "r");
    const r = await report([disk, net, "--out", out, "--format", "md", "--check"]);
    assert.equal(r.code, 4, r.stderr);
    assert.doesNotMatch(r.stderr, TRACEBACK);
    assert.match(
      r.stderr,
      /^check: .* share no workload: .* holds fio results, .* iperf3; nothing can be compared\.$/m,
    );
    const plain = await report([disk, net, "--out", join(tempDir(), "r"), "--format", "json"]);
    assert.equal(plain.code, 0, plain.stderr);
  },
);

hostile(
  "--store equal to or inside the data folder is refused like --out (exit 2); --batch .. or '' before any work",
  async () => {
    const data = scratch();
    const out = join(tempDir(), "r");
    await unchanged(data, async () => {
      assertRefusal(
        await report([data, "--store", data, "--out", out]),
        2,
        /^report: --store .* is the data folder;/,
      );
      assertRefusal(
        await report([data, "--store", join(data, "disk/store"), "--out", out]),
        2,
        /^report: --store .*\/disk\/store is inside the data folder /,
      );
    });
    const store = join(tempDir(), "store");
    for (const batch of ["..", "a/b"]) {
      assertUsage(
        await report([data, "--store", store, "--batch", batch, "--out", out]),
        new RegExp(`^report: Invalid --batch ${escapeRe(JSON.stringify(batch))}: use letters, digits`),
      );
    }
    assertUsage(
      await report([data, "--store", store, "--batch", "", "--out", out]),
      /^report: --batch needs a value; got an empty one$/,
    );
    assert.ok(!exists(out), "refused before the report ran");
    assert.ok(!exists(store), "nor was the store touched");
  },
);

hostile(
  "a read-only or full store: exit 5 in one sentence, nothing left in .staging",
  async () => {
    const data = scratch();
    const mnt = tempDir();
    const run = (args: string[]) => new Deno.Command(args[0], { args: args.slice(1) }).outputSync().success;
    if (!run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", mnt])) return skipNote("mounting a tmpfs");
    try {
      assertRefusal(
        await report([
          data,
          "--store",
          join(mnt, "store"),
          "--out",
          join(tempDir(), "r"),
          "--format",
          "json",
        ]),
        5,
        /^report: Could not write to the store .*\/store: read-only file system\. Nothing was added/,
      );
    } finally {
      run(["umount", mnt]);
    }
    // 40 KiB: the early probe (4 KiB) fits, the Parquet parts of the append do not.
    if (!run(["mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", mnt])) return skipNote("mounting a tmpfs");
    try {
      const out = join(tempDir(), "r");
      const r = await report([data, "--store", join(mnt, "store"), "--out", out, "--format", "json"]);
      assert.equal(r.code, 5, r.stderr);
      assert.doesNotMatch(r.stderr, STACK);
      assert.doesNotMatch(r.stderr, TRACEBACK);
      assert.match(
        r.stderr,
        /^report: Could not write to the store .*\/store: no space left on device\. Nothing was added/m,
      );
      const left = [...Deno.readDirSync(join(mnt, "store"))].map((e) => e.name);
      assert.deepEqual(left.filter((n) => n === ".staging" || n === ".lock" || n.startsWith(".probe")), []);
    } finally {
      run(["umount", mnt]);
    }
  },
  !HAVE_DATA || Deno.uid() !== 0,
);

hostile(
  "a user's own file under a previous report's figures/ is refused (exit 2), never deleted",
  async () => {
    const data = scratch();
    const out = join(tempDir(), "r");
    assertDone(await report([data, "--out", out, "--format", "md"]));
    Deno.writeTextFileSync(join(out, "figures", "mine.png"), "my own picture");
    assertRefusal(
      await report([data, "--out", out, "--format", "md"]),
      2,
      /already holds files a report did not write \(figures\/mine\.png\)/,
    );
    assert.equal(Deno.readTextFileSync(join(out, "figures", "mine.png")), "my own picture");
  },
);

hostile("--min-change out of range says the allowed range (exit 2)", async () => {
  assertUsage(
    await report([scratch(), "--min-change", "1000%", "--out", join(tempDir(), "r")]),
    /^report: Invalid --min-change \(notebook parameter min_change\) "1000%": expected a percentage from 0 % up to \(not including\) 1000 %, such as 5%\.$/,
  );
});

hostile(
  "a store lock left by an append killed with -9 is taken over by the next report, with a warning",
  async () => {
    const data = scratch();
    const store = join(tempDir(), "store");
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--frozen", join(ROOT, "tests/store/lock_holder.ts"), store],
      stdout: "piped",
    }).spawn();
    const reader = child.stdout.getReader();
    assert.equal(new TextDecoder().decode((await reader.read()).value).trim(), "held");
    reader.releaseLock();
    child.kill("SIGKILL");
    await child.status;
    assert.ok(exists(join(store, ".lock")));
    const r = await report([data, "--store", store, "--out", join(tempDir(), "r"), "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        `^store: took over ${
          escapeRe(join(store, ".lock"))
        } from the append of PID ${child.pid} \\(started \\d{4}-[^)]*\\) on host .*, which is no longer running`,
        "m",
      ),
    );
    assert.match(r.stderr, /^store: .* files added/m);
    assert.ok(!exists(join(store, ".lock")));
  },
);
