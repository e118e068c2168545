/**
 * Calibration of the change-point verdict (lib/stats/change_points.ts, issue 31): on simulated A/A histories
 * (labelled synthetic: batches of one unchanged configuration, log-normal runs) with the real data's within-batch
 * CVs and between-batch spread, the family-wise rate of false changes stays at or below α (Holm) and the false
 * discovery rate at or below α (BH); the power to find a 1.3× step with 3 runs per batch at CV 10 % is measured
 * and printed (README quotes it).
 *
 * The real spread: `tests/fixtures/changes/` (this machine, fio, before the contention) and the issue's own
 * measurement (3 runs of an unchanged fio job within 1–5 % inside a batch; batch means between 73 k and 119 k IOPS).
 */
import assert from "node:assert/strict";
import { changePoints, type ChangeSeries } from "../../lib/stats/change_points.ts";
import { seededRandom } from "../../lib/stats/rng.ts";
import type { AdjustMethod } from "../../lib/stats/types.ts";

const ALPHA = 0.05;

/** Within-batch CVs of runs (issue: 1–5 %; fixture batches b01–b04: see fixture README). */
const WITHIN_CVS = [0.01, 0.03, 0.05];
/**
 * Between-batch CV of the batch effect: the batch means 73 k–119 k IOPS. For ~8 batches the expected
 * range is ≈ 2.85 σ, so σ ≈ (119 − 73)/2.85 ≈ 16 k on a mean ≈ 96 k: CV ≈ 17 %.
 */
const BETWEEN_CV = 0.17;

function lognormal(u: () => number) {
  return (mean: number, cv: number) => {
    if (cv === 0) return mean;
    const sigma = Math.sqrt(Math.log(1 + cv * cv));
    const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    return mean * Math.exp(sigma * z - sigma * sigma / 2);
  };
}

/** One history: `batches` batches of `runs` runs; from batch `stepAt` on the level is multiplied by `step`. */
function history(
  draw: ReturnType<typeof lognormal>,
  key: string,
  o: { batches: number; runs: number; within: number; between: number; step?: number; stepAt?: number },
): ChangeSeries {
  const names = Array.from({ length: o.batches }, (_, i) => `b${String(i + 1).padStart(2, "0")}`);
  const runs = names.map((_, b) => {
    const level = draw(1000 * (o.step && b >= (o.stepAt ?? 0) ? o.step : 1), o.between);
    return Array.from({ length: o.runs }, () => draw(level, o.within));
  });
  return { key, family: "headline", better: "higher", batches: names, runs };
}

const upper = (rate: number, trials: number) => rate + 3 * Math.sqrt((rate * (1 - rate)) / trials);

function falseRate(adjust: AdjustMethod, m: number, batches: number, trials: number, seed: number): number {
  const draw = lognormal(seededRandom(seed));
  let any = 0;
  for (let t = 0; t < trials; t++) {
    const family = Array.from(
      { length: m },
      (_, i) =>
        history(draw, `w${i}`, {
          batches,
          runs: 3,
          within: WITHIN_CVS[i % WITHIN_CVS.length],
          between: BETWEEN_CV,
        }),
    );
    if (
      changePoints(family, { alpha: ALPHA, adjust }).series
        .some((s) => s.changes.length > 0)
    ) any++;
  }
  return any / trials;
}

Deno.test("change calibration (labelled synthetic, real spreads): false changes per family ≤ α", () => {
  const rows: string[] = [];
  for (
    const [adjust, m, batches] of [["holm", 8, 8], ["holm", 8, 20], ["holm", 1, 8], ["bh", 8, 8]] as const
  ) {
    const trials = 1200;
    const rate = falseRate(adjust, m, batches, trials, 31 + batches + m);
    rows.push(`${adjust} m=${m} batches=${batches}: ${(rate * 100).toFixed(1)} % of ${trials} A/A families`);
    // Under A/A every discovery is false, so BH's false discovery rate equals this family-wise rate too. The bound
    // allows 3 standard errors of a rate of exactly α, as tests/stats/calibration_test.ts does.
    assert.ok(rate <= upper(ALPHA, trials), `${adjust}, ${m} series × ${batches} batches: ${rate} > α`);
  }
  console.log(`false-change rate per family, α ${ALPHA}:\n  ${rows.join("\n  ")}`);
});

/** Power for one 1.3× step in the middle, 3 runs per batch at CV 10 %, one series (a family of one). */
function power(batches: number, between: number, trials: number, seed: number): number {
  const draw = lognormal(seededRandom(seed));
  let found = 0;
  for (let t = 0; t < trials; t++) {
    const stepAt = Math.floor(batches / 2);
    const s = history(draw, "w", { batches, runs: 3, within: 0.1, between, step: 1.3, stepAt });
    const c = changePoints([s], { alpha: ALPHA }).series[0].changes;
    if (c.some((p) => p.index === stepAt && p.verdict === "better")) found++;
  }
  return found / trials;
}

Deno.test("change power (labelled synthetic): a 1.3× step, 3 runs per batch at CV 10 %", () => {
  const rows: string[] = [];
  const measured: Record<string, number> = {};
  for (const between of [0, 0.05, BETWEEN_CV]) {
    for (const batches of [8, 12, 20]) {
      const p = power(batches, between, 300, 7 + batches);
      measured[`${between}/${batches}`] = p;
      rows.push(
        `between-batch CV ${(between * 100).toFixed(0)} %, ${batches} batches: ${(p * 100).toFixed(0)} %`,
      );
    }
  }
  console.log(
    `power to find a 1.3× step (at the right batch, verdict better), α ${ALPHA}:\n  ${rows.join("\n  ")}`,
  );
  // Without a batch effect 8 batches of 3 runs at CV 10 % find it nearly always; more batches only help.
  assert.ok(measured["0/8"] > 0.8, `power ${measured["0/8"]}`);
  assert.ok(measured[`${BETWEEN_CV}/20`] > measured[`${BETWEEN_CV}/8`]);
});
