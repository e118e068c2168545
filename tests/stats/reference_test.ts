/** Every deterministic statistic equals the R reference (tools/reference/make_reference.R) to 1e-9 relative. */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as st from "../../lib/stats/mod.ts";
import { findNonFinite, ROOT } from "../helpers.ts";

type Num = number | null;
interface Case {
  b: number[];
  c: number[];
  welch: { t: Num; df: Num; p: Num; lo: Num; hi: Num };
  mann_whitney: { u: Num; p: Num };
  mann_whitney_method: "exact" | "normal";
  permutation: { d: Num; p: Num } | null;
  hedges_g: Num;
  cliffs_delta: Num;
  fieller: { ratio: Num; lo: Num; hi: Num; bounded: boolean };
  mean_ci_b: { lo: Num; hi: Num };
  mean_ci_c: { lo: Num; hi: Num };
}

const REF = JSON.parse(Deno.readTextFileSync(join(ROOT, "tests/stats/fixtures/reference.json")));
const CASES: [string, Case][] = Object.entries(REF).filter(([k]) =>
  !["adjust", "plan", "generated_by"].includes(k)
) as [string, Case][];

function close(actual: Num | undefined, expected: Num, what: string): void {
  if (expected === null) {
    assert.equal(actual ?? null, null, `${what}: expected null (undefined in R), got ${actual}`);
    return;
  }
  assert.ok(actual !== null && actual !== undefined, `${what}: expected ${expected}, got null`);
  const tol = Math.max(1e-9 * Math.abs(expected), 1e-12);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs R ${expected}`);
}

for (const [name, k] of CASES) {
  Deno.test(`reference ${name}: Welch, Mann–Whitney, permutation, effect sizes, Fieller, mean CIs`, () => {
    const w = st.welchTest(k.b, k.c);
    close(w.statistic, k.welch.t, "welch t");
    close(w.df ?? null, k.welch.df, "welch df");
    close(w.p, k.welch.p, "welch p");
    if (k.welch.lo !== null) {
      close(w.diffCI!.lo, k.welch.lo, "welch CI lo");
      close(w.diffCI!.hi, k.welch.hi, "welch CI hi");
    }
    const mw = st.mannWhitneyTest(k.b, k.c);
    assert.match(mw.method, k.mann_whitney_method === "exact" ? /exact/ : /normal approx/);
    close(mw.statistic, k.mann_whitney.u, "U");
    close(mw.p, k.mann_whitney.p, "Mann–Whitney p");
    if (k.permutation) {
      const p = st.permutationTest(k.b, k.c);
      assert.equal(p.method, "permutation (exact)");
      close(p.statistic, k.permutation.d, "permutation d");
      close(p.p, k.permutation.p, "permutation p");
    }
    close(st.hedgesG(k.b, k.c), k.hedges_g, "Hedges g");
    close(st.cliffsDelta(k.b, k.c), k.cliffs_delta, "Cliff's delta");
    const f = st.fiellerRatio(k.b, k.c);
    close(f.ratio, k.fieller.ratio, "ratio");
    close(f.ci.lo, k.fieller.lo, "Fieller lo");
    close(f.ci.hi, k.fieller.hi, "Fieller hi");
    if (!k.fieller.bounded) {
      assert.ok(f.ci.note && f.ci.note.length > 20, "an unbounded/undefined interval is explained in words");
    }
    for (const [x, ci] of [[k.b, k.mean_ci_b], [k.c, k.mean_ci_c]] as const) {
      const s = st.summarize(x);
      if (ci.lo === null) assert.ok(s.meanCI.lo === null || s.sd === 0, "no interval for n = 1");
      else {
        close(s.meanCI.lo, ci.lo, "mean CI lo");
        close(s.meanCI.hi, ci.hi, "mean CI hi");
      }
    }
    // Nothing anywhere is NaN or Infinity, whatever the case.
    assert.deepEqual(
      findNonFinite([w, mw, f, st.summarize(k.b), st.summarize(k.c), st.bootstrapRatio(k.b, k.c)]),
      [],
    );
  });
}

Deno.test("reference: Holm and Benjamini–Hochberg equal R's p.adjust (NA passes through)", () => {
  const { p, holm, bh } = REF.adjust as { p: Num[]; holm: Num[]; bh: Num[] };
  st.holm(p).forEach((v, i) => close(v, holm[i], `holm[${i}]`));
  st.benjaminiHochberg(p).forEach((v, i) => close(v, bh[i], `bh[${i}]`));
});

Deno.test("reference: repetitions needed equal the R computation, within one run of power.t.test", () => {
  for (const row of REF.plan as { cv: number; ratio: number; n: number; n_noncentral: number }[]) {
    const n = st.repetitionsNeeded({ cv: row.cv, ratio: row.ratio });
    assert.equal(n, row.n, `cv ${row.cv} ratio ${row.ratio}`);
    assert.ok(Math.abs(n! - row.n_noncentral) <= 1, `vs noncentral t: ${n} vs ${row.n_noncentral}`);
  }
  assert.equal(st.repetitionsNeeded({ cv: 0.05, ratio: 1 }), null);
});

Deno.test("median CI by order statistics: with 5 runs the widest interval is said to have 93.8 % confidence", () => {
  const s = st.summarize([5, 1, 4, 2, 3]);
  assert.equal(s.medianCI.lo, 1);
  assert.equal(s.medianCI.hi, 5);
  assert.match(s.medianCI.note!, /93\.8 % confidence/);
  const big = st.summarize(Array.from({ length: 20 }, (_, i) => i + 1));
  // n = 20: k = 6 (P(B ≤ 5) = 0.0207 ≤ 0.025 < P(B ≤ 6)), so [x(6), x(15)].
  assert.deepEqual([big.medianCI.lo, big.medianCI.hi], [6, 15]);
  assert.deepEqual(st.summarize([1, 2, 3, 4, 100]).outliers, [100]);
});
