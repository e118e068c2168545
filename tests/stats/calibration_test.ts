/**
 * Calibration of the verdict rule (issue 17): the default family's false better/worse rate stays at or below α
 * (family-wise for holm, false discovery for bh), on A/A splits of the real shipped runs and on simulated data
 * (labelled synthetic) with the real data's coefficients of variation; and the rule has the power to find a
 * 1.5× difference at 5 runs per side and CV 10 %. The measured rates are printed and quoted in README.
 */
import assert from "node:assert/strict";
import * as vb from "../../lib/mod.ts";
import { seededRandom } from "../../lib/stats/rng.ts";
import { decided } from "../../lib/stats/verdict.ts";
import { DATA, HAVE_DATA, syntheticIops } from "../helpers.ts";

const ALPHA = 0.05;

const run = syntheticIops;

/** Log-normal runs with a given CV (run-to-run noise in benchmarks is right-skewed), Box–Muller from a seeded PRNG. */
function sampler(seed: number) {
  const u = seededRandom(seed);
  return (mean: number, cv: number) => {
    const sigma = Math.sqrt(Math.log(1 + cv * cv));
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    return mean * Math.exp(sigma * z - sigma * sigma / 2);
  };
}

/** One family: one candidate over `effects.length` workloads, n runs per side, effect = true ratio per workload. */
function family(
  draw: ReturnType<typeof sampler>,
  effects: number[],
  cvs: number[],
  n: number,
  adjust: vb.AdjustMethod,
) {
  const rows = effects.flatMap((effect, w) =>
    Array.from({ length: n }, (_, i) => [
      run("a", i + 1, `w${w}`, draw(1000, cvs[w % cvs.length])),
      run("b", i + 1, `w${w}`, draw(1000 * effect, cvs[w % cvs.length])),
    ]).flat()
  );
  return vb.compare(rows, { by: "driver", baseline: "a", adjust, robustness: false }).comparisons
    .sort((x, y) => Number(x.factors.workload.slice(1)) - Number(y.factors.workload.slice(1)));
}

/** The coefficients of variation of the shipped data's headline groups (or the 19–34 % if absent). */
async function realCvs(): Promise<number[]> {
  if (!HAVE_DATA) return [0.19, 0.25, 0.34, 0.21];
  const disk = await vb.analyse(DATA, { tool: "fio" });
  return disk.comparisons.filter(vb.headline).flatMap((c) => [c.baseline.cv!, c.candidate.cv!]);
}

const upper = (rate: number, trials: number) => rate + 3 * Math.sqrt((rate * (1 - rate)) / trials);

Deno.test("calibration (labelled synthetic, real CVs): family-wise false verdicts ≤ α for holm, false discoveries ≤ α for bh", async () => {
  const cvs = await realCvs();
  const trials = 1500, m = 9;
  const draw = sampler(2026);
  const rates: Record<string, number> = {};
  for (const adjust of ["holm", "bh", "none"] as const) {
    let any = 0;
    for (let t = 0; t < trials; t++) {
      if (family(draw, Array(m).fill(1), cvs, 5, adjust).some(decided)) any++;
    }
    rates[adjust] = any / trials;
  }
  // Under the complete null, the FDR equals the family-wise rate.
  console.log(
    `A/A family-wise false-verdict rate, m = ${m}, n = 5, CVs ${Math.min(...cvs).toFixed(2)}–${
      Math.max(...cvs).toFixed(2)
    }: ${JSON.stringify(rates)}`,
  );
  assert.ok(rates.holm <= upper(ALPHA, trials), `holm ${rates.holm}`);
  assert.ok(rates.bh <= upper(ALPHA, trials), `bh ${rates.bh}`);
  // Without adjustment the family-wise rate is far above α: the check can fail.
  assert.ok(rates.none > 0.2, `none ${rates.none}`);

  // BH with real effects among nulls: the false discovery proportion averages at most α.
  let fdp = 0;
  const effects = [1.5, 1.5, 1.5, 1.5, 1, 1, 1, 1, 1];
  for (let t = 0; t < trials; t++) {
    const cs = family(draw, effects, cvs, 5, "bh");
    const found = cs.filter(decided);
    const wrong = found.filter((c) => effects[Number(c.factors.workload.slice(1))] === 1).length;
    fdp += found.length ? wrong / found.length : 0;
  }
  console.log(`BH false discovery rate with 4 of 9 real 1.5× effects: ${(fdp / trials).toFixed(4)}`);
  assert.ok(fdp / trials <= upper(ALPHA, trials), `bh FDR ${fdp / trials}`);
});

Deno.test("power (labelled synthetic): a 1.5× difference at n = 5, CV 10 % is found ≥ 80 % of the time in the default family", () => {
  const trials = 1000;
  const draw = sampler(7);
  let found = 0;
  for (let t = 0; t < trials; t++) {
    // One real 1.5× effect among 9 headline workloads, Holm (the default).
    const cs = family(draw, [1.5, 1, 1, 1, 1, 1, 1, 1, 1], [0.1], 5, "holm");
    if (cs[0].verdict === "better") found++;
  }
  console.log(`power for 1.5× at n = 5, CV 10 %, Holm over 9: ${(found / trials).toFixed(3)}`);
  assert.ok(found / trials >= 0.8, `power ${found / trials}`);
});

Deno.test({
  name: "calibration on real runs: A/A splits of each driver's 5 repetitions rarely claim a difference",
  ignore: !HAVE_DATA,
  fn: async () => {
    const disk = await vb.loadDir(`${DATA}/disk`, { onError: "collect" });
    const drivers = [...new Set(disk.rows.map((r) => r.factors.driver))];
    const splits: number[][] = [];
    for (let i = 1; i <= 5; i++) for (let j = i + 1; j <= 5; j++) splits.push([i, j]);
    let families = 0, falseFamilies = 0, comparisons = 0, falseComparisons = 0;
    for (const driver of drivers) {
      for (const split of splits) {
        // Runs of one driver, renamed "x" (2 repetitions) and "y" (the other 3): any difference is false.
        const rows = disk.rows.filter((r) => r.factors.driver === driver).map((r) => ({
          ...r,
          factors: { ...r.factors, driver: split.includes(Number(r.factors.rep)) ? "x" : "y" },
        }));
        const cs = vb.compare(rows, { by: "driver", baseline: "x", robustness: false }).comparisons
          .filter((c) => c.family.name === "headline");
        families++;
        comparisons += cs.length;
        const wrong = cs.filter(decided).length;
        falseComparisons += wrong;
        if (wrong) falseFamilies++;
      }
    }
    console.log(
      `real A/A splits: ${falseFamilies} of ${families} families, ${falseComparisons} of ${comparisons} headline comparisons claimed a difference`,
    );
    // 40 correlated splits: allow the binomial 99.9 % bound for independent families at α = 0.05.
    assert.ok(falseFamilies <= 7, `${falseFamilies} of ${families}`);
  },
});
