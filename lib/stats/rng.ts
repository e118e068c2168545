/**
 * A small seeded PRNG (mulberry32, T. Ettinger 2017): the bootstrap and Monte Carlo permutation test
 * must give the same numbers for the same data and seed, on every run and machine.
 * @module
 */

/** mulberry32's increment: its state advances by this (mod 2³²) before each number. */
export const MULBERRY32_STEP = 0x6d2b79f5;

/**
 * The number in [0, 1) mulberry32 gives for a state already advanced by {@link MULBERRY32_STEP}. A plain function, so
 * a loop drawing millions can keep the state in a local (V8 inlines this call; it did not inline the closure of
 * {@link seededRandom}, which made the bootstrap 3× slower).
 */
export function mulberry32(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Returns a function yielding uniform numbers in [0, 1) determined by `seed`. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => mulberry32(a = (a + MULBERRY32_STEP) >>> 0);
}
