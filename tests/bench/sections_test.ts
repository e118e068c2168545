/** bench/sections.ts: a benchmark run keeps the parts of README's performance section it did not measure. */
import assert from "node:assert/strict";
import { keepUnmeasured } from "../../bench/sections.ts";

// Labelled synthetic: the section's layout as README has it, with short stand-ins for each part.
const SUITE = "Notebook suite + report (`./vb run`): 44.2 s.\nReport command (`./vb report data`): 2.6 s.";
const SCALE = "<!-- scale:start -->\n| data | wall s |\n| 1× | 2.5 |\n<!-- scale:end -->";
const NOTES = "What changed the numbers: by hand.\n\nResults store: by hand.";
const OLD =
  `Measured yesterday.\n\n| shape | ratio |\n|---|---|\n| psync | 2.0× |\n\n${SUITE}\n${SCALE}\n\n${NOTES}\n`;

Deno.test("a run that skipped the suite keeps the old suite lines, the scale block and the notes", () => {
  const fresh = "Measured today.\n\n| shape | ratio |\n|---|---|\n| psync | 2.2× |";
  assert.equal(keepUnmeasured(OLD, fresh), `${fresh}\n\n${SUITE}\n${SCALE}\n\n${NOTES}`);
});

Deno.test("a full run replaces the suite lines and the scale block, and keeps the notes", () => {
  const fresh = "Measured today.\n\nReport command (`./vb report data`): 2.0 s.\n" +
    "<!-- scale:start -->\n| 1× | 2.0 |\n<!-- scale:end -->";
  const merged = keepUnmeasured(OLD, fresh);
  assert.equal(merged, `${fresh}\n\n${NOTES}`);
  assert.ok(!merged.includes("2.6 s") && !merged.includes("| 1× | 2.5 |"));
});

Deno.test("a section with no scale block and no notes is the fresh one", () => {
  assert.equal(keepUnmeasured("Measured yesterday.\n", "Measured today.\n"), "Measured today.");
});
