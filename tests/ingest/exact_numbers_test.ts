/**
 * Histograms are kept in typed arrays (lib/arrays.ts exactNumbers): the smallest that gives back every number
 * exactly. Synthetic inputs (labelled): edge values chosen to sit on each boundary.
 */
import assert from "node:assert/strict";
import { exactNumbers } from "../../lib/arrays.ts";

const cases: [string, number[], string][] = [
  ["counts below 256", [0, 1, 255], "Uint8Array"],
  ["counts up to 65535", [1, 256, 65535], "Uint16Array"],
  ["ns below 2^32", [65536, 4294967295], "Uint32Array"],
  ["2^32 (exact as a 32-bit float)", [4294967296], "Float32Array"],
  ["sockperf bucket midpoints (half-integers)", [2047, 25087.5, 25215.5, 8388607.5], "Float32Array"],
  ["a half-integer past 2^23 (not exact in 32 bits)", [8388608.5], "Float64Array"],
  ["a negative integer", [-3], "Float32Array"],
  ["a decimal fraction", [0.1], "Float64Array"],
  ["NaN", [1, NaN], "Float64Array"],
  ["-0", [-0], "Float64Array"],
  ["2^53 + 2", [2 ** 53 + 2], "Float64Array"],
  ["empty", [], "Uint8Array"],
];

for (const [name, numbers, type] of cases) {
  Deno.test(`exactNumbers: ${name} → ${type}, every number given back bit for bit`, () => {
    const out = exactNumbers(numbers);
    assert.equal(out.constructor.name, type);
    assert.equal(out.length, numbers.length);
    for (let i = 0; i < numbers.length; i++) {
      assert.ok(Object.is(out[i], numbers[i]), `${numbers[i]} → ${out[i]}`);
    }
  });
}
