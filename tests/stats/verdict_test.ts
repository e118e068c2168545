/**
 * The verdict rule (lib/stats/verdict.ts, ratio_test.ts): the interval drawn, the adjusted decision and the
 * word always agree — checked on hand cases and on random data (fast-check, labelled synthetic).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import * as st from "../../lib/stats/mod.ts";
import { familyStep, readInterval } from "../../lib/stats/verdict.ts";
import { bandTestP, noChangeBand, ratioTestP } from "../../lib/stats/ratio_test.ts";
import { fiellerRatio } from "../../lib/stats/ratio_fieller.ts";
import type { Measurement } from "../../lib/model.ts";
import { rankFloor, rankFloorWarning } from "../../lib/stats/warnings.ts";
import { syntheticIops } from "../helpers.ts";

const iv = (lo: number | null, hi: number | null) => ({ lo, hi, level: 0.95, method: "test" });

Deno.test("readInterval: better/worse only when the interval clears the band; equivalent only inside a set band", () => {
  assert.equal(readInterval(iv(1.01, 2), "higher", 0), "better");
  assert.equal(readInterval(iv(1.01, 2), "lower", 0), "worse");
  assert.equal(readInterval(iv(0.5, 0.99), "lower", 0), "better");
  assert.equal(readInterval(iv(0.9, 1.1), "higher", 0), "~");
  assert.equal(readInterval(iv(1, 1), "higher", 0), "~", "an interval touching 1 does not clear it");
  assert.equal(readInterval(iv(1.01, 2), "higher", 0.05), "~", "1.01 is inside a ±5 % band");
  assert.equal(readInterval(iv(1.06, 2), "higher", 0.05), "better");
  assert.equal(readInterval(iv(0.97, 1.03), "higher", 0.05), "equivalent");
  assert.equal(readInterval(iv(0.97, 1.03), "higher", 0), "~", "no band set: never 'equivalent'");
  assert.equal(readInterval(iv(null, 2), "higher", 0), "insufficient");
  const [lo, hi] = noChangeBand(0.05);
  assert.ok(Math.abs(lo - 1 / 1.05) < 1e-15 && hi === 1.05);
});

Deno.test("familyStep: Holm level 1 − α/r (r = not rejected), BH level 1 − Rα/m, none 1 − α; nulls do not count", () => {
  const p = [0.001, 0.045, null, 0.031, 0.2, 0.005];
  const holm = familyStep(p, "holm", 0.05);
  assert.equal(holm.size, 5);
  assert.deepEqual(holm.adjusted, st.holm(p));
  // Holm rejects 0.001 (×5) and 0.005 (×4), then stops at 0.031 (×3 = 0.093): r = 3.
  assert.ok(Math.abs(holm.level - (1 - 0.05 / 3)) < 1e-15);
  const bh = familyStep(p, "bh", 0.05);
  // BH: the largest k with p(k) < kα/5 is k = 2 (0.005 < 0.02; 0.031 ≥ 0.03, 0.045 ≥ 0.04): R = 2.
  assert.ok(Math.abs(bh.level - (1 - (2 * 0.05) / 5)) < 1e-15);
  assert.equal(familyStep(p, "none", 0.05).level, 0.95);
  assert.ok(Math.abs(familyStep([0.5, 0.9], "bh", 0.05).level - (1 - 0.05 / 2)) < 1e-15, "R = 0: α/m");
  assert.equal(familyStep([0.001, 0.002], "holm", 0.05).level, 0.95, "all rejected: r = 1");
});

Deno.test("the band test is the dual of Fieller's interval: the interval clears ρ exactly where p(ρ) < 1 − level", () => {
  const b = [100, 104, 97, 101, 99], c = [118, 121, 113, 125, 116];
  for (const level of [0.8, 0.95, 0.99, 0.999]) {
    const { ci } = fiellerRatio(b, c, level);
    for (const rho of [ci.lo!, ci.hi!]) {
      const p = ratioTestP(b, c, rho)!;
      assert.ok(Math.abs(p - (1 - level)) < 1e-9, `p at the interval's edge ${rho}: ${p} vs ${1 - level}`);
    }
  }
  assert.equal(bandTestP(b, c, 0.5), 1, "R̂ = 1.18 lies inside a ±50 % band");
  assert.ok(Math.abs(bandTestP(b, c, 0.05)! - ratioTestP(b, c, 1.05)!) < 1e-15, "the nearer edge");
  assert.equal(ratioTestP([1], [2]), null);
});

function rows(b: number[], c: number[], workload: string): Measurement[] {
  const one = (driver: string, value: number, rep: number) => syntheticIops(driver, rep, workload, value);
  return [...b.map((v, i) => one("a", v, i + 1)), ...c.map((v, i) => one("b", v, i + 1))];
}

Deno.test("property (labelled synthetic): for every method and band, decided ⇔ the drawn interval clears the band ⇔ adjusted p < α", () => {
  const sample = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 1, maxLength: 7 });
  fc.assert(
    fc.property(
      fc.array(fc.tuple(sample, sample), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(...st.ADJUST_METHODS),
      fc.constantFrom(0, 0.05, 0.2),
      (groups, adjust, minChange) => {
        const all = groups.flatMap(([b, c], i) => rows(b, c, `w${i}`));
        const { comparisons } = st.compare(all, { by: "driver", baseline: "a", adjust, minChange });
        for (const c of comparisons) {
          const [lo, hi] = noChangeBand(minChange);
          const clears = c.ratioCI.lo !== null && c.ratioCI.hi !== null &&
            (c.ratioCI.lo > hi || c.ratioCI.hi < lo);
          assert.equal(st.decided(c), clears, JSON.stringify([c.ratioCI, c.verdict]));
          if (c.verdict === "insufficient") {
            assert.match(c.ratioText, /^insufficient: /);
            continue;
          }
          // Away from the decision boundary (floating point), the adjusted p says the same.
          if (Math.abs(c.pAdjusted! - 0.05) > 1e-6) assert.equal(clears, c.pAdjusted! < 0.05);
          if (c.verdict === "~") assert.equal(c.ratioText, "no detectable difference");
        }
      },
    ),
    { numRuns: 300, seed: 17 },
  );
});

Deno.test("planning warning: the exact rank test's floor 2/C(n₁+n₂, n₁) against the family's first-step level", () => {
  assert.equal(rankFloor(5, 5), 2 / 252);
  const five = { baseline: { n: 5 }, candidate: { n: 5 }, pRatio: 0.5 };
  // 27 comparisons: α/27 = 0.00185 < 0.0079; 6 per side gives 2/924 = 0.00216 (still above), 7 gives 2/3432.
  const typed = rankFloorWarning(Array(27).fill(five), 0.05, "holm", "headline");
  assert.equal(typed?.kind, "rank-floor");
  assert.deepEqual(typed?.subject, { family: "headline" });
  const w = typed?.text;
  assert.match(
    w!,
    /^headline family: with 5 and 5 runs the exact Mann–Whitney check cannot go below p = 0\.007937/,
  );
  assert.match(w!, /7 runs per side would$/);
  assert.equal(rankFloorWarning(Array(3).fill(five), 0.05, "holm"), null, "α/3 = 0.0167 is reachable");
  assert.equal(rankFloorWarning(Array(27).fill(five), 0.05, "none"), null, "unadjusted: α itself");
});

Deno.test("values beyond floating point (1e300: the variance overflows) give 'insufficient', never '~' from NaN", () => {
  assert.equal(readInterval(iv(NaN, NaN), "higher", 0), "insufficient");
  assert.equal(readInterval(iv(0.5, NaN), "higher", 0), "insufficient");
  // Labelled synthetic: 3 runs per side, one of them 1e300 (straight into the stats, past ingest's bound).
  const rows = [
    ...[1e5, 1.1e5, 1e300].map((v, i) => syntheticIops("a", i + 1, "w", v)),
    ...[2e5, 2.1e5, 1.9e5].map((v, i) => syntheticIops("b", i + 1, "w", v)),
  ];
  const { comparisons } = st.compare(rows, { by: "driver", baseline: "a" });
  assert.equal(comparisons.length, 1);
  const [c] = comparisons;
  assert.equal(c.verdict, "insufficient");
  assert.match(c.ratioText, /^insufficient: /);
  assert.doesNotMatch(c.ratioText, /NaN/);
});
