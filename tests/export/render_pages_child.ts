/**
 * Child of render_pages_test.ts: renders one SVG as a render worker does (PNG, then a scavenge and a turn, which
 * free resvg's image), once to warm up and then 5 times, and prints the minor page faults of those 5 renders.
 * Run with --v8-flags=--expose-gc.
 */
import { svgToPng } from "../../lib/export/png.ts";
import { collectGarbage } from "../../lib/gc.ts";
import { nextTurn } from "../../lib/turn.ts";

/** Minor page faults of this process so far (/proc/self/stat, field 10). */
const minorFaults = () => Number(Deno.readTextFileSync("/proc/self/stat").split(") ")[1].split(" ")[7]);

const svg = Deno.readTextFileSync(Deno.args[0]);
async function render(): Promise<void> {
  svgToPng(svg);
  collectGarbage("young");
  await nextTurn();
}
await render();
const before = minorFaults();
for (let i = 0; i < 5; i++) await render();
console.log(minorFaults() - before);
