/**
 * Every deterministic statistic in lib/stats equals the R reference (tools/reference/make_reference.R →
 * tests/stats/fixtures/reference.json) to 1e-9 relative (1e-12 absolute near 0). Where R says a value is
 * undefined (null), ours must be null too and carry a note in words — never NaN or Infinity.
 */
import assert from "node:assert/strict";
import * as st from "../../lib/stats/mod.ts";
import { familyStep } from "../../lib/stats/verdict.ts";
import type { Comparison } from "../../lib/stats/mod.ts";
import { nonFinitePaths } from "./scan.ts";

type Num = number | null;
interface SummaryRef {
  n: number;
  mean: number;
  median: number;
  sd: Num;
  cv: Num;
  mean_lo: Num;
  mean_hi: Num;
  median_lo: Num;
  median_hi: Num;
  median_level: Num;
  outliers: number[];
}
interface Case {
  b: number[];
  c: number[];
  level: number;
  welch: { t: Num; df: Num; p: Num; lo: Num; hi: Num };
  mann_whitney: { method: "exact" | "normal"; u: number; p: number; ties: boolean; p_normal: Num };
  permutation: { d: number; p: number; splits: number } | null;
  hedges_g: Num;
  cliffs_delta: Num;
  fieller: { ratio: Num; lo: Num; hi: Num; df: Num; bounded: boolean };
  fieller_adjusted: { level: number; lo: Num; hi: Num }[];
  ratio_test: { rho0: number; p: Num }[];
  summary_b: SummaryRef;
  summary_c: SummaryRef;
}
interface Reference {
  generated_by: string;
  cases: Record<string, Case>;
  adjust: { p: Num[]; holm: Num[]; bh: Num[] }[];
  families: { p: Num[]; alpha: number; holm: number; bh: number }[];
  plan: { cv: number; ratio: number; power: number; alpha: number; n: number; n_noncentral: number }[];
  geomean: { ratio: number[]; better: ("higher" | "lower")[]; g: number; lo: number; hi: number };
}

const REF: Reference = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/reference.json", import.meta.url)),
);

/** |actual − expected| ≤ max(1e-9·|expected|, 1e-12); a null expectation demands null. */
function close(actual: Num | undefined, expected: Num, what: string): void {
  if (expected === null) {
    assert.equal(actual ?? null, null, `${what}: expected null (undefined in R), got ${actual}`);
    return;
  }
  assert.ok(typeof actual === "number", `${what}: expected ${expected}, got ${actual}`);
  const tol = Math.max(1e-9 * Math.abs(expected), 1e-12);
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: got ${actual}, R says ${expected}`);
}

/** A null result must be explained: a note of real words. */
function explained(note: string | undefined, what: string): void {
  assert.ok(
    typeof note === "string" && /[a-z]{3,}.*\s.*[a-z]{3,}/i.test(note),
    `${what}: null without a note`,
  );
}

Deno.test("reference: the fixture covers the battery the brief asks for", () => {
  const names = Object.keys(REF.cases);
  for (
    const n of [
      "integer_ties",
      "n30_iops_ties",
      "zero_var_one",
      "zero_var_both",
      "n1",
      "all_zero",
      "large_approx",
    ]
  ) {
    assert.ok(names.includes(n), n);
  }
  const methods = Object.values(REF.cases).map((k) => k.mann_whitney.method);
  assert.ok(methods.includes("exact") && methods.includes("normal"));
  assert.ok(Object.values(REF.cases).some((k) => k.mann_whitney.ties && k.b.length + k.c.length <= 16));
  assert.match(REF.generated_by, /^R version/);
});

for (const [name, k] of Object.entries(REF.cases)) {
  const where = (s: string) => `${name}: ${s}`;

  Deno.test(`reference ${name}: Welch t-test`, () => {
    const w = st.welchTest(k.b, k.c, k.level);
    close(w.statistic, k.welch.t, where("welch t"));
    close(w.df ?? null, k.welch.df, where("welch df"));
    close(w.p, k.welch.p, where("welch p"));
    if (k.welch.p === null) {
      explained(w.note, where("welch"));
      const both = k.b.length >= 2 && k.c.length >= 2;
      if (both) { // zero variance in both groups: the difference is exact, not a NaN interval
        const d = st.summarize(k.c).mean - st.summarize(k.b).mean;
        assert.deepEqual([w.diffCI?.lo, w.diffCI?.hi], [d, d], where("constant difference"));
      }
    } else {
      close(w.diffCI!.lo, k.welch.lo, where("welch CI lo"));
      close(w.diffCI!.hi, k.welch.hi, where("welch CI hi"));
      assert.equal(w.diffCI!.level, k.level);
    }
    assert.deepEqual(nonFinitePaths(w), [], where("no NaN/Infinity"));
  });

  Deno.test(`reference ${name}: Mann–Whitney U (${k.mann_whitney.method}${k.mann_whitney.ties ? ", ties" : ""})`, () => {
    const mw = st.mannWhitneyTest(k.b, k.c);
    assert.match(
      mw.method,
      k.mann_whitney.method === "exact" ? /\(exact\)/ : /normal approx/,
      where("method"),
    );
    close(mw.statistic, k.mann_whitney.u, where("U"));
    close(mw.p, k.mann_whitney.p, where("Mann–Whitney p"));
    if (
      k.mann_whitney.method === "exact" && k.mann_whitney.p_normal !== null && k.b.length + k.c.length >= 40
    ) {
      // Large samples: the exact p and R's corrected normal approximation tell the same story.
      const ratio = mw.p! / k.mann_whitney.p_normal;
      assert.ok(ratio > 0.5 && ratio < 2, where(`exact ${mw.p} vs normal ${k.mann_whitney.p_normal}`));
    }
    assert.deepEqual(nonFinitePaths(mw), [], where("no NaN/Infinity"));
  });

  Deno.test(`reference ${name}: permutation, Hedges' g, Cliff's delta`, () => {
    const perm = st.permutationTest(k.b, k.c);
    if (k.permutation) {
      assert.equal(perm.method, "permutation (exact)", where("exact enumeration"));
      close(perm.statistic, k.permutation.d, where("permutation d"));
      close(perm.p, k.permutation.p, where("permutation p"));
      // p is a count over the C(N, n_c) splits.
      const hits = perm.p! * k.permutation.splits;
      assert.ok(Math.abs(hits - Math.round(hits)) < 1e-6, where("p × splits is a whole number"));
    } else {
      assert.match(perm.method, /Monte Carlo/);
      assert.ok(perm.p! > 0 && perm.p! <= 1);
    }
    close(st.hedgesG(k.b, k.c), k.hedges_g, where("Hedges g"));
    close(st.cliffsDelta(k.b, k.c), k.cliffs_delta, where("Cliff's delta"));
    assert.deepEqual(nonFinitePaths(perm), [], where("no NaN/Infinity"));
  });

  Deno.test(`reference ${name}: Fieller ratio interval`, () => {
    const f = st.fiellerRatio(k.b, k.c, k.level);
    close(f.ratio, k.fieller.ratio, where("ratio"));
    close(f.ci.lo, k.fieller.lo, where("Fieller lo"));
    close(f.ci.hi, k.fieller.hi, where("Fieller hi"));
    assert.equal(f.ci.level, k.level);
    if (!k.fieller.bounded || (k.fieller.lo !== null && k.fieller.lo === k.fieller.hi)) {
      explained(f.ci.note, where("Fieller"));
    } else {
      assert.equal(f.ci.note, undefined, where("a bounded interval needs no note"));
    }
    assert.deepEqual(nonFinitePaths(f), [], where("no NaN/Infinity"));
  });

  Deno.test(`reference ${name}: summaries (mean, median, sd, CV, Student CI, order-statistics median CI, outliers)`, () => {
    for (const [x, r, side] of [[k.b, k.summary_b, "b"], [k.c, k.summary_c, "c"]] as const) {
      const s = st.summarize(x, k.level);
      const w = (what: string) => where(`${side} ${what}`);
      assert.equal(s.n, r.n);
      close(s.mean, r.mean, w("mean"));
      close(s.median, r.median, w("median"));
      close(s.sd, r.sd, w("sd"));
      close(s.cv, r.cv, w("cv"));
      if (r.mean_lo !== null) {
        close(s.meanCI.lo, r.mean_lo, w("mean CI lo"));
        close(s.meanCI.hi, r.mean_hi, w("mean CI hi"));
      } else if (s.n === 1) {
        assert.equal(s.meanCI.lo, null, w("no mean CI from one run"));
        assert.equal(s.meanCI.hi, null);
        explained(s.meanCI.note, w("mean CI"));
      } else {
        // R's t.test stops on constant data; ours gives the degenerate interval [x̄, x̄].
        assert.equal(s.sd, 0);
        assert.deepEqual([s.meanCI.lo, s.meanCI.hi], [s.mean, s.mean], w("zero-width mean CI"));
      }
      close(s.medianCI.lo, r.median_lo, w("median CI lo"));
      close(s.medianCI.hi, r.median_hi, w("median CI hi"));
      if (r.median_level !== null) close(s.medianCI.level, r.median_level, w("median CI level"));
      if (s.medianCI.lo === null || r.median_level !== k.level) explained(s.medianCI.note, w("median CI"));
      assert.deepEqual(s.outliers, r.outliers, w("Tukey outliers"));
      assert.deepEqual(nonFinitePaths(s), [], w("no NaN/Infinity"));
    }
  });

  Deno.test(`reference ${name}: the bootstrap interval is finite or null with a note`, () => {
    const boot = st.bootstrapRatio(k.b, k.c, { level: k.level, resamples: 500 });
    assert.deepEqual(nonFinitePaths(boot), []);
    if (boot.lo === null || boot.hi === null || boot.lo === boot.hi) explained(boot.note, where("bootstrap"));
    else assert.ok(boot.lo < boot.hi);
  });
}

Deno.test("reference: the verdict's intervals at family levels and the ratio test Fieller inverts equal R", () => {
  for (const [name, k] of Object.entries(REF.cases)) {
    for (const { level, lo, hi } of k.fieller_adjusted) {
      const f = st.fiellerRatio(k.b, k.c, level);
      close(f.ci.lo, lo, `${name} Fieller lo at ${level}`);
      close(f.ci.hi, hi, `${name} Fieller hi at ${level}`);
    }
    for (const { rho0, p } of k.ratio_test) {
      close(st.ratioTestP(k.b, k.c, rho0), p, `${name} p(ρ₀ = ${rho0})`);
    }
  }
});

Deno.test("reference: family levels (Holm 1 − α/r, BH 1 − Rα/m) equal R's step-down and step-up decisions", () => {
  assert.ok(REF.families.length >= 8);
  for (const f of REF.families) {
    close(familyStep(f.p, "holm", f.alpha).level, f.holm, `holm ${f.p} α ${f.alpha}`);
    close(familyStep(f.p, "bh", f.alpha).level, f.bh, `bh ${f.p} α ${f.alpha}`);
  }
});

Deno.test("reference: Holm and Benjamini–Hochberg equal R's p.adjust (NA passes through, not counted)", () => {
  for (const [i, { p, holm, bh }] of REF.adjust.entries()) {
    const h = st.holm(p), q = st.benjaminiHochberg(p);
    assert.equal(h.length, p.length);
    assert.equal(q.length, p.length);
    h.forEach((v, j) => close(v, holm[j], `vector ${i} holm[${j}]`));
    q.forEach((v, j) => close(v, bh[j], `vector ${i} bh[${j}]`));
  }
  assert.deepEqual(st.holm([]), []);
  assert.deepEqual(st.holm([null, null]), [null, null]);
});

Deno.test("reference: repetitions needed equal R's shifted-t computation and are within one run of power.t.test", () => {
  assert.ok(REF.plan.length >= 32);
  for (const row of REF.plan) {
    const n = st.repetitionsNeeded({ cv: row.cv, ratio: row.ratio, power: row.power, alpha: row.alpha });
    const what = `cv ${row.cv} ratio ${row.ratio} power ${row.power} alpha ${row.alpha}`;
    assert.equal(n, row.n, what);
    assert.ok(Math.abs(n! - row.n_noncentral) <= 1, `${what}: ${n} vs noncentral t ${row.n_noncentral}`);
  }
  // Conventions (not in R): nothing to detect → null; no noise → the minimum of 2 runs.
  assert.equal(st.repetitionsNeeded({ cv: 0.05, ratio: 1 }), null);
  assert.equal(st.repetitionsNeeded({ cv: 0, ratio: 1.1 }), 2);
  assert.equal(st.repetitionsNeeded({ cv: -1, ratio: 1.1 }), null);
  assert.equal(st.repetitionsNeeded({ cv: 0.05, ratio: 0 }), null);
});

Deno.test("reference: geometric-mean speed-up and its t-interval on the logs equal R", () => {
  const g = REF.geomean;
  const comparisons = g.ratio.map((ratio, i) => ({ ratio, better: g.better[i] }) as unknown as Comparison);
  const out = st.geoMeanSpeedup(comparisons);
  close(out.ratio, g.g, "geomean");
  close(out.ci.lo, g.lo, "geomean lo");
  close(out.ci.hi, g.hi, "geomean hi");
  assert.equal(out.k, g.ratio.length);
  const one = st.geoMeanSpeedup(comparisons.slice(0, 1));
  assert.equal(one.ci.lo, null);
  explained(one.ci.note, "one workload");
  const none = st.geoMeanSpeedup([{ ratio: null, better: "higher" } as unknown as Comparison]);
  assert.equal(none.ratio, null);
  assert.deepEqual(nonFinitePaths([out, one, none]), []);
});
