/**
 * For gc_test.ts: frees ~190 MB of native memory in the middle of malloc's arenas (32 KiB array buffers, every
 * eighth kept so no free run reaches an arena's top, which malloc would give back by itself), collects, then calls
 * releaseNativeMemory. Prints `rss-mb <after the collection> <after the release>`. Synthetic allocations.
 */
import v8 from "node:v8";
import vm from "node:vm";
import { releaseNativeMemory } from "../lib/gc.ts";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
let buffers: (Uint8Array | null)[] = [];
for (let i = 0; i < 7000; i++) buffers.push(new Uint8Array(32 * 1024).fill(1));
const kept = buffers.filter((_, i) => i % 8 === 0);
buffers = [];
gc();
await new Promise((resolve) => setTimeout(resolve, 0));
const collected = Deno.memoryUsage().rss;
releaseNativeMemory();
const released = Deno.memoryUsage().rss;
console.log(
  `rss-mb ${(collected / 2 ** 20).toFixed(0)} ${(released / 2 ** 20).toFixed(0)} kept ${kept.length}`,
);
