/**
 * For gc_test.ts: makes ~30 MB of garbage (synthetic objects), then runs `collectGarbage(ARG)` (`young`, `once`,
 * `thorough`) or `collectStage()` (`stage`, on this small heap) once. The parent counts V8's mark-compacts and
 * scavenges in `--trace-gc`'s lines.
 */
import { collectGarbage, type Collection, collectStage } from "../lib/gc.ts";

let garbage: { n: number; s: string }[] = [];
for (let i = 0; i < 300_000; i++) garbage.push({ n: i, s: `item ${i}` });
garbage = [];
const how = Deno.args[0];
if (how === "stage") collectStage();
else collectGarbage(how as Collection);
console.log(`done ${garbage.length}`);
