/**
 * Largest/smallest of a data-sized collection, and appending one array to another, without spreading
 * it into call arguments: `Math.max(...values)` and `push(...values)` put every element on the stack
 * and throw "Maximum call stack size exceeded" past about 100 000 elements (a few hundred json+ runs).
 * tests/lint/spread_test.ts keeps call-argument spreads out of lib/.
 * @module
 */
import type { Numbers } from "./model.ts";

/** Like `Math.max(...values)`: -Infinity when empty, NaN when any value is NaN. */
export function maxOf(values: Iterable<number>): number {
  let m = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > m) m = v;
  }
  return m;
}

/** Like `Math.min(...values)`: Infinity when empty, NaN when any value is NaN. */
export function minOf(values: Iterable<number>): number {
  let m = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < m) m = v;
  }
  return m;
}

/** The items of several iterables, one after another (`[...a, ...b]` without the array). */
export function* chain<T>(lists: Iterable<T>[]): Generator<T> {
  for (const list of lists) yield* list;
}

/** Like `target.push(...items)`; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/**
 * The same numbers in the smallest typed array that holds every one of them exactly: unsigned integers in 8, 16 or
 * 32 bits, then 32-bit floats (a sockperf bucket's midpoint, a half-integer of ns, is exact in 32 bits below 8 ms),
 * else 64-bit floats. Reading an element gives back the number stored, bit for bit. A histogram of a run is kept for
 * the whole analysis: as two plain arrays each bin costs 16 bytes, here 2 to 12 (a sockperf bin 5 or 6; at 100× the
 * shipped data, 16 million bins).
 * @example
 * exactNumbers([1, 2, 300]); // Uint16Array [1, 2, 300]
 * exactNumbers([25087.5, 25215.5]); // Float32Array [25087.5, 25215.5]
 */
export function exactNumbers(numbers: ArrayLike<number>): Numbers {
  let max = 0, integers = true, float32 = true;
  for (let i = 0; i < numbers.length; i++) {
    const v = numbers[i];
    if (integers && !(Number.isInteger(v) && v >= 0 && !Object.is(v, -0))) integers = false;
    if (v > max) max = v;
    // NaN and -0 fail here too: fround(NaN) is not NaN under ===, and -0 is kept only by 64 bits here.
    if (float32 && (Math.fround(v) !== v || Object.is(v, -0))) float32 = false;
  }
  if (integers) {
    if (max < 2 ** 8) return Uint8Array.from(numbers);
    if (max < 2 ** 16) return Uint16Array.from(numbers);
    if (max < 2 ** 32) return Uint32Array.from(numbers);
  }
  return float32 ? Float32Array.from(numbers) : Float64Array.from(numbers);
}
