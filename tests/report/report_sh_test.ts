/**
 * tools/report.sh's command line: the V8 heap settings it chooses (a 4 MB young generation, 1 MB with --store, whose
 * append makes a JSON line per record; V8's own gc() exposed, which lib/gc.ts can ask for one round) and read access
 * to the two DejaVu files PNG and PDF export read.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../helpers.ts";

async function dryRun(...args: string[]): Promise<string[]> {
  const r = await new Deno.Command("bash", {
    args: [join(ROOT, "tools/report.sh"), join(ROOT, "tests/fixtures"), "--out", "/nonexistent/out", ...args],
    env: { VB_REPORT_DRY_RUN: "1" },
    stdout: "piped",
  }).output();
  assert.ok(r.success);
  return new TextDecoder().decode(r.stdout).split("\n");
}

Deno.test("report.sh: gc() exposed, a 4 MB young generation, 1 MB with --store; the DejaVu files readable", async () => {
  for (const [args, young] of [[[], 4], [["--store", "/nonexistent/store"], 1]] as const) {
    const line = await dryRun(...args);
    assert.ok(
      line.includes(`--v8-flags=--expose-gc,--max-semi-space-size=${young},--heap-growing-percent=30`),
      line.join(" "),
    );
    const read = line.find((a) => a.startsWith("--allow-read="))!.split("=")[1].split(",");
    for (const font of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]) {
      assert.ok(read.includes(`/usr/share/fonts/truetype/dejavu/${font}`), font);
    }
  }
});
