/**
 * lib/gc.ts: a collection once or thoroughly as asked (counted in V8's own trace), none between stages on a small
 * heap; releaseNativeMemory gives freed native memory back to the system under the report's own grants, and
 * nothing happens (no error) without them. The allocations are synthetic (tests/gc_child.ts, gc_collect_child.ts).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { exists, ROOT } from "./helpers.ts";
import { libcPaths } from "../lib/gc.ts";

const DENO = Deno.execPath();
const libc = libcPaths().find(exists);
const glibc = Deno.build.os === "linux" && libc !== undefined &&
  !new TextDecoder().decode(
    new Deno.Command("ldd", { args: ["--version"], stderr: "piped" }).outputSync().stderr,
  )
    .toLowerCase().includes("musl");

/** RSS in MB after a collection that freed ~190 MB of array buffers, and after releaseNativeMemory. */
async function rss(grants: string[]): Promise<[number, number]> {
  const r = await new Deno.Command(DENO, {
    args: ["run", "--no-prompt", ...grants, join(ROOT, "tests/gc_child.ts")],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(r.stdout);
  assert.ok(r.success, new TextDecoder().decode(r.stderr));
  const [, collected, released] = text.match(/^rss-mb (\d+) (\d+)/m)!.map(Number);
  return [collected, released];
}

Deno.test({
  name: "gc: the report's command line allows the libc that lib/gc.ts opens",
  ignore: !glibc,
  fn: async () => {
    const dry = await new Deno.Command("bash", {
      args: [join(ROOT, "tools/report.sh"), join(ROOT, "tests/fixtures"), "--out", "/nonexistent/out"],
      env: { VB_REPORT_DRY_RUN: "1" },
      stdout: "piped",
    }).output();
    const ffi = new TextDecoder().decode(dry.stdout).split("\n").find((a) => a.startsWith("--allow-ffi="));
    assert.ok(ffi?.split("=")[1].split(",").includes(libc!), String(ffi));
  },
});

Deno.test({
  name:
    "gc: releaseNativeMemory gives freed native memory back with FFI granted for libc, and is a no-op without",
  ignore: !glibc,
  fn: async () => {
    const [collected, released] = await rss([`--allow-ffi=${libc}`]);
    assert.ok(collected - released > 100, `RSS ${collected} MB → ${released} MB`);
    const [before, after] = await rss([]);
    assert.ok(Math.abs(before - after) < 20, `without the grant: RSS ${before} MB → ${after} MB`);
  },
});

/** Collections of `kind` tests/gc_collect_child.ts `how` asked V8 for, with `v8Flags`. */
async function markCompacts(how: string, v8Flags: string[], kind = "Mark-Compact"): Promise<number> {
  const r = await new Deno.Command(DENO, {
    args: [
      "run",
      `--v8-flags=${["--trace-gc", ...v8Flags].join(",")}`,
      join(ROOT, "tests/gc_collect_child.ts"),
      how,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(r.stdout);
  assert.ok(r.success && out.includes("done 0"), new TextDecoder().decode(r.stderr));
  // Asked for: "testing" (V8's gc()) or "low memory notification" (node:vm's); V8's own say why they ran.
  return out.split("\n").filter((line) =>
    line.includes(` ${kind} `) && /\) (testing|low memory notification);/.test(line)
  ).length;
}

Deno.test("gc: young is one scavenge, once one mark-compact and thorough at least two under report.sh's --expose-gc; none on a small heap between stages", async () => {
  assert.equal(await markCompacts("young", ["--expose-gc"]), 0);
  assert.equal(await markCompacts("young", ["--expose-gc"], "Scavenge"), 1);
  assert.equal(await markCompacts("once", ["--expose-gc"]), 1);
  assert.equal(await markCompacts("once", ["--expose-gc"], "Scavenge"), 0);
  assert.ok(await markCompacts("thorough", ["--expose-gc"]) >= 2);
  assert.equal(await markCompacts("stage", ["--expose-gc"]), 0);
  // Without the flag (notebooks, tests) the only collection to be had is the thorough one.
  assert.ok(await markCompacts("once", []) >= 2);
});
