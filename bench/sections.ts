/**
 * README's performance section and bench/RESULTS.md are rewritten by `./vb bench`; this keeps what that run did not
 * measure. The scale block (bench/scale.ts) and the report timings come only from a run that times the suite (not
 * with BENCH_SKIP_SUITE), and the notes written by hand after the scale block (what changed the numbers, what is left)
 * come from no run: a run that dropped them lost the only record of why the numbers are what they are.
 * @module
 */

export const SCALE_START = "<!-- scale:start -->";
export const SCALE_END = "<!-- scale:end -->";
/** The suite's own timing lines (tools/bench.sh), kept from the old section when a run skipped them. */
const SUITE_LINE = /^(Notebook suite|Report command)\b.*$/m;
const SUITE_LINES = new RegExp(SUITE_LINE.source, "gm");

/**
 * The new section `fresh` (generated), with the old section's scale block and suite lines when `fresh` has none,
 * and the old section's text after its scale block (hand-written notes) always.
 */
export function keepUnmeasured(old: string, fresh: string): string {
  let out = fresh.trimEnd();
  const start = old.indexOf(SCALE_START), end = old.indexOf(SCALE_END);
  const hasScale = start >= 0 && end > start;
  if (!out.includes(SCALE_START)) {
    const suite = [...old.slice(0, hasScale ? start : old.length).matchAll(SUITE_LINES)].map((m) => m[0]);
    if (suite.length && !SUITE_LINE.test(out)) out += "\n\n" + suite.join("\n");
    if (hasScale) out += "\n" + old.slice(start, end + SCALE_END.length);
  }
  const notes = hasScale ? old.slice(end + SCALE_END.length).trim() : "";
  return notes ? `${out}\n\n${notes}` : out;
}
