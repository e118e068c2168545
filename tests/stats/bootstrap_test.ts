import assert from "node:assert/strict";
import * as st from "../../lib/stats/mod.ts";

function normalSampler(seed: number) {
  const u = st.seededRandom(seed);
  return (mean: number, sd: number) =>
    mean + sd * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

Deno.test("bootstrap: the same seed gives the same interval, another seed another one", () => {
  const b = [10.1, 10.4, 9.8, 10.0, 10.3, 10.2], c = [12.0, 12.5, 11.7, 12.2, 13.1, 12.4];
  const one = st.bootstrapRatio(b, c, { seed: 7 });
  assert.deepEqual(st.bootstrapRatio(b, c, { seed: 7 }), one);
  assert.notDeepEqual(st.bootstrapRatio(b, c, { seed: 8 }), one);
  assert.ok(one.lo! < 12.28 / 10.13 && one.hi! > 12.28 / 10.13);
  assert.match(one.method, /BCa \(2000 resamples, seed 7\)/);
});

Deno.test("coverage by simulation (seeded): Fieller and BCa 95 % intervals cover the true ratio about 95 % of the time", () => {
  const draw = normalSampler(2024);
  const trials = 300, n = 8, trueRatio = 1.25;
  let fieller = 0, bca = 0;
  for (let t = 0; t < trials; t++) {
    const b = Array.from({ length: n }, () => draw(100, 8));
    const c = Array.from({ length: n }, () => draw(125, 10));
    const f = st.fiellerRatio(b, c).ci;
    if (f.lo! <= trueRatio && trueRatio <= f.hi!) fieller++;
    const bs = st.bootstrapRatio(b, c, { seed: t + 1, resamples: 1000 });
    if (bs.lo! <= trueRatio && trueRatio <= bs.hi!) bca++;
  }
  assert.ok(fieller / trials >= 0.90 && fieller / trials <= 0.99, `Fieller coverage ${fieller / trials}`);
  assert.ok(bca / trials >= 0.88 && bca / trials <= 0.99, `BCa coverage ${bca / trials}`);
});

Deno.test("permutation test: Monte Carlo when enumeration is too large, reproducible by seed, close to the exact p", () => {
  const draw = normalSampler(5);
  const b = Array.from({ length: 14 }, () => draw(10, 1)),
    c = Array.from({ length: 14 }, () => draw(10.8, 1));
  const mc = st.permutationTest(b, c, 3);
  assert.match(mc.method, /Monte Carlo, 10000 resamples, seed 3/);
  assert.deepEqual(st.permutationTest(b, c, 3), mc);
  const welch = st.welchTest(b, c);
  assert.ok(Math.abs(mc.p! - welch.p!) < 0.05, `permutation ${mc.p} vs Welch ${welch.p}`);
});
