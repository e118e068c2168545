/**
 * resvg's allocator (mimalloc) keeps a freed image's pages for the next figure under the settings tools/env.sh
 * exports (the reason is given there): 5 renders of one figure in a row touch under a third of the new pages they
 * touch under mimalloc's own defaults (measured: ~800 against ~13 500). Input: an SVG snapshot of the shipped
 * data's figures, 1.5 million pixels at the renders' 2× (6 MB an image, ~1 500 pages).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../helpers.ts";

const SVG = join(ROOT, "tests/plot/__snapshots__/disk-forest.svg");

/**
 * Page faults of the child's 5 renders, under tools/env.sh's settings or mimalloc's own defaults; with `trim`,
 * malloc's free pages go back to the system after every figure too.
 */
async function faults(settings: "env.sh" | "defaults", trim = false): Promise<number> {
  const unset = settings === "defaults" ? "unset MIMALLOC_PURGE_DELAY MIMALLOC_ARENA_PURGE_MULT && " : "";
  const script = `source tools/env.sh && ${unset}exec "$DENO" run --quiet --frozen --config deno.json -A ` +
    '--v8-flags=--expose-gc tests/export/render_pages_child.ts "$@"';
  const out = await new Deno.Command("bash", {
    args: ["-c", script, "child", SVG, ...(trim ? ["trim"] : [])],
    cwd: ROOT,
    env: { MIMALLOC_PURGE_DELAY: "", MIMALLOC_ARENA_PURGE_MULT: "" }, // not the caller's own
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return Number(new TextDecoder().decode(out.stdout).trim());
}

Deno.test("render pages: tools/env.sh keeps resvg's freed pages for the next figure", async () => {
  const kept = await faults("env.sh");
  const defaults = await faults("defaults");
  assert.ok(defaults > 5 * 1000, `under mimalloc's defaults 5 renders touched only ${defaults} new pages`);
  assert.ok(kept < defaults / 3, `kept: ${kept} new pages against ${defaults} under mimalloc's defaults`);
});

Deno.test("render pages: a render worker keeps malloc's freed pages for the next figure (no trim after a scavenge)", async () => {
  const kept = await faults("env.sh");
  const trimmed = await faults("env.sh", true);
  // Measured on 2026-12-05: 365–561 new pages kept against 1 219–1 268 trimmed.
  assert.ok(
    kept < (trimmed * 2) / 3,
    `kept: ${kept} new pages against ${trimmed} with a trim after each figure`,
  );
});
