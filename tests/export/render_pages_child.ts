/**
 * Child of render_pages_test.ts: renders one SVG as a render worker does (PNG, then render_memory.ts's step after
 * a figure), once to warm up and then 5 times, and prints the minor page faults of those 5 renders. With `trim` as
 * its second argument, malloc's free pages go back to the system after every figure as well (what the step did
 * before 2026-12-05). Run with --v8-flags=--expose-gc.
 */
import { svgPixels, svgToPng } from "../../lib/export/png.ts";
import { afterFigure } from "../../lib/export/render_memory.ts";
import { releaseNativeMemory } from "../../lib/gc.ts";

/** Minor page faults of this process so far (/proc/self/stat, field 10). */
const minorFaults = () => Number(Deno.readTextFileSync("/proc/self/stat").split(") ")[1].split(" ")[7]);

const svg = Deno.readTextFileSync(Deno.args[0]);
const trim = Deno.args[1] === "trim";
async function render(): Promise<void> {
  svgToPng(svg);
  await afterFigure(svgPixels(svg));
  if (trim) releaseNativeMemory();
}
await render();
const before = minorFaults();
for (let i = 0; i < 5; i++) await render();
console.log(minorFaults() - before);
