/** No spread of a data-sized array into call arguments anywhere in lib/ (issue 19, item 4). */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { ROOT } from "../helpers.ts";
import { callSpreads } from "./spread.ts";
import { maxOf, minOf, pushAll } from "../../lib/arrays.ts";

function* sources(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* sources(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

Deno.test("lint: no call-argument spread in lib/ (use maxOf/minOf/pushAll from lib/arrays.ts)", () => {
  const found: string[] = [];
  for (const file of sources(join(ROOT, "lib"))) {
    for (const s of callSpreads(Deno.readTextFileSync(file))) {
      found.push(`${relative(ROOT, file)}:${s.line}: ${s.text}`);
    }
  }
  assert.deepEqual(found, []);
});

Deno.test("lint: the spread finder finds call spreads and ignores literals and rest parameters (labelled synthetic)", () => {
  const src = [
    "const m = Math.max(...xs);", // 1: found
    "out.push(a, ...b.map((x) => x));", // 2: found
    "const s = `${Math.min(...ns)}–${y}`;", // 3: found (code inside a template)
    "const all = [...a, ...b]; const o = { ...f };", // 4: literals
    "function merge(...parts: Dataset[]) {}", // 5: rest parameter
    "const f = (...args) => args;", // 6: rest parameter
    "const re = /a(...)b/; const t = 'f(...x)'; // g(...y)", // 7: regex, string, comment
    "new Set(...sets);", // 8: found
    "const g = async (...args: P) => (await m()).g(...args);", // 9: its own rest parameter passed on
    "h(...rows);", // 10: found (rows is no rest parameter here)
  ].join("\n");
  assert.deepEqual(callSpreads(src).map((s) => s.line), [1, 2, 3, 8, 10]);
});

Deno.test("maxOf/minOf/pushAll: same answers as Math.max/min and push, also past the argument limit (labelled synthetic)", () => {
  for (const xs of [[], [3], [1, -2, 7.5, 0], [1, NaN, 2], [-Infinity, 4]]) {
    assert.ok(Object.is(maxOf(xs), Math.max(...xs)), `max ${xs}`);
    assert.ok(Object.is(minOf(xs), Math.min(...xs)), `min ${xs}`);
  }
  const big = Float64Array.from({ length: 2_000_000 }, (_, i) => (i * 7919) % 1_000_003);
  assert.throws(() => Math.max(...big), RangeError, "the engine limit this guards against");
  assert.equal(maxOf(big), 1_000_002);
  assert.equal(minOf(big), 0);
  assert.equal(pushAll([1], big).length, 2_000_001);
});
