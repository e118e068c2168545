/**
 * numpy's `np.random.default_rng(seed)` (SeedSequence → PCG64 XSL-RR 128/64) and `Generator.shuffle` for 1-D arrays,
 * transcribed from numpy's `bit_generator.pyx` (SeedSequence), `pcg64.h` and `_shuffle_raw`/`random_interval`
 * (numpy/random/_generator.pyx, distributions.c), so the permutation test reproduces Otava's test case with Otava's
 * own random stream. Test-only: the project's methods use lib/stats/rng.ts.
 */
const M32 = 0xffffffffn, M64 = (1n << 64n) - 1n, M128 = (1n << 128n) - 1n;
const MULT = 0x2360ed051fc65da44385df649fccf645n;

function seedSequenceState(seed: number, words: number): bigint[] {
  const [INIT_A, MULT_A, INIT_B, MULT_B] = [0x43b0d7e5, 0x931e8875, 0x8b51f9dd, 0x58f38ded];
  const mul = (a: number, b: number) => Math.imul(a, b) >>> 0;
  let hashConst = INIT_A;
  const hashmix = (v: number) => {
    v = (v ^ hashConst) >>> 0;
    hashConst = mul(hashConst, MULT_A);
    v = mul(v, hashConst);
    return (v ^ (v >>> 16)) >>> 0;
  };
  const mix = (x: number, y: number) => {
    const r = (mul(0xca01f9dd, x) - mul(0x4973f715, y)) >>> 0;
    return (r ^ (r >>> 16)) >>> 0;
  };
  const entropy = [seed >>> 0];
  const pool = [0, 1, 2, 3].map((i) => hashmix(i < entropy.length ? entropy[i] : 0));
  for (let s = 0; s < 4; s++) {
    for (let d = 0; d < 4; d++) if (s !== d) pool[d] = mix(pool[d], hashmix(pool[s]));
  }
  let h = INIT_B;
  const out: number[] = [];
  for (let i = 0; i < words * 2; i++) {
    let v = (pool[i % 4] ^ h) >>> 0;
    h = mul(h, MULT_B);
    v = mul(v, h);
    out.push((v ^ (v >>> 16)) >>> 0);
  }
  return Array.from({ length: words }, (_, i) => BigInt(out[2 * i]) | (BigInt(out[2 * i + 1]) << 32n));
}

/** `default_rng(seed)`'s integer draw in [0, max] as `random_interval` makes it (masked rejection on 32 bits). */
export function numpyInterval(seed: number): (max: number) => number {
  const [s0, s1, i0, i1] = seedSequenceState(seed, 4);
  const inc = ((((i0 << 64n) | i1) << 1n) | 1n) & M128;
  let state = 0n;
  const step = () => (state = (state * MULT + inc) & M128);
  step();
  state = (state + ((s0 << 64n) | s1)) & M128;
  step();
  const next64 = () => {
    step();
    const x = ((state >> 64n) ^ state) & M64, rot = state >> 122n;
    return ((x >> rot) | (x << ((64n - rot) & 63n))) & M64;
  };
  let spare: bigint | null = null;
  const next32 = () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const v = next64();
    spare = v >> 32n;
    return v & M32;
  };
  return (max: number) => {
    if (max === 0) return 0;
    let mask = max;
    for (const s of [1, 2, 4, 8, 16]) mask |= mask >>> s;
    for (;;) {
      const v = Number(next32() & BigInt(mask >>> 0));
      if (v <= max) return v;
    }
  };
}
