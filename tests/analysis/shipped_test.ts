/**
 * The shipped data gives the same comparisons as before content factors: same groups, same n, same ratios as the
 * report of main at 6418964 (tests/fixtures/layouts/shipped-main.json), except that the terse run of
 * randread-4k-qd1 is now that workload with format=terse instead of a workload of its own.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { analyse } from "../../lib/analysis/analyse.ts";
import { NETWORK_TOOLS } from "../../lib/model.ts";
import { DATA, FIXTURES, HAVE_DATA } from "../helpers.ts";

interface Before {
  workload: string;
  metric: string;
  stat: string;
  direction: string;
  baseline: string;
  candidate: string;
  n_baseline: number;
  n_candidate: number;
  ratio: number | null;
}

Deno.test({
  name: "shipped data: same groups, n and ratios as main before content factors; terse is format=terse",
  ignore: !HAVE_DATA,
  fn: async () => {
    const before: Before[] = JSON.parse(Deno.readTextFileSync(join(FIXTURES, "layouts/shipped-main.json")))
      .comparisons;
    const key = (w: string, m: string, s: string, d: string, b: string, c: string) =>
      JSON.stringify([w, m, s, d, b, c]);
    const expected = new Map(
      before.map((r) => [key(r.workload, r.metric, r.stat, r.direction, r.baseline, r.candidate), r]),
    );
    const now = [
      await analyse(DATA, { tool: ["fio"] }),
      await analyse(DATA, { tool: NETWORK_TOOLS }),
    ].flatMap((a) => a.comparisons);
    assert.ok(now.length > 0);
    const groups = (ws: string[]) => [...new Set(ws)].sort();
    const seen: string[] = [];
    for (const c of now) {
      const workload = c.factors.format === "terse" ? `${c.factors.workload}-terse` : c.factors.workload;
      const k = key(workload, c.metric, c.stat, c.direction, c.baselineName, c.candidateName);
      const old = expected.get(k);
      assert.ok(old, `a comparison main did not make: ${k}`);
      assert.equal(c.baseline.n, old.n_baseline, k);
      assert.equal(c.candidate.n, old.n_candidate, k);
      const ratio = old.ratio;
      if (ratio === null) assert.equal(c.ratio, null, k);
      else assert.ok(Math.abs((c.ratio ?? NaN) - ratio) <= 1e-12 * ratio, `${k}: ${c.ratio} vs ${ratio}`);
      seen.push(JSON.stringify([workload, c.direction, c.candidateName]));
    }
    assert.deepEqual(
      groups(seen),
      groups(before.map((r) => JSON.stringify([r.workload, r.direction, r.candidate]))),
      "every workload × direction × candidate of main is still compared",
    );
    const terse = now.filter((c) => c.factors.format === "terse");
    assert.ok(terse.length > 0 && terse.every((c) => c.factors.workload === "randread-4k-qd1"));
    assert.ok(now.every((c) => c.factors.workload !== "randread-4k-qd1-terse"), "no workload of its own");
  },
});
