/**
 * A small seeded PRNG (mulberry32, T. Ettinger 2017): the bootstrap and Monte Carlo permutation test
 * must give the same numbers for the same data and seed, on every run and machine.
 * @module
 */

/** Returns a function yielding uniform numbers in [0, 1) determined by `seed`. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
