/**
 * Largest/smallest of a data-sized collection, and appending one array to another, without spreading
 * it into call arguments: `Math.max(...values)` and `push(...values)` put every element on the stack
 * and throw "Maximum call stack size exceeded" past about 100 000 elements (a few hundred json+ runs).
 * tests/lint/spread_test.ts keeps call-argument spreads out of lib/.
 * @module
 */

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

/** Like `target.push(...items)`; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
