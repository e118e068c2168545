/**
 * The shipped data keeps its comparisons: same groups, same n, same ratios as recorded in
 * tests/fixtures/layouts/shipped-main.json. First recorded at main 6418964, before content factors, and checked
 * equal after them; re-recorded when data/ was re-collected (`UPDATE_SNAPSHOTS=1` rewrites it: do that only when
 * data/ changes, and say why in the commit). The terse run of randread-4k-qd1 is that workload with
 * format=terse, not a workload of its own.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { analyse } from "../../lib/analysis/request.ts";
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
  name:
    "shipped data: the recorded groups, n and ratios (every metric, both families); terse is format=terse",
  ignore: !HAVE_DATA,
  fn: async () => {
    const fixture = join(FIXTURES, "layouts/shipped-main.json");
    const now = [
      await analyse(DATA, { tool: ["fio"] }),
      await analyse(DATA, { tool: NETWORK_TOOLS }),
    ].flatMap((a) => a.comparisons);
    const name = (c: (typeof now)[number]) =>
      c.factors.format === "terse" ? `${c.factors.workload}-terse` : c.factors.workload;
    if (Deno.env.get("UPDATE_SNAPSHOTS") === "1") {
      const comparisons = now.map((c) => ({
        workload: name(c),
        metric: c.metric,
        stat: c.stat,
        direction: c.direction,
        baseline: c.baselineName,
        candidate: c.candidateName,
        n_baseline: c.baseline.n,
        n_candidate: c.candidate.n,
        ratio: c.ratio,
      }));
      const source =
        "analyse(data/) of the re-collected shipped data (2026-11-25, idle, host CPU and sockperf)";
      Deno.writeTextFileSync(fixture, JSON.stringify({ source, comparisons }, null, 1) + "\n");
    }
    const before: Before[] = JSON.parse(Deno.readTextFileSync(fixture)).comparisons;
    const key = (w: string, m: string, s: string, d: string, b: string, c: string) =>
      JSON.stringify([w, m, s, d, b, c]);
    const expected = new Map(
      before.map((r) => [key(r.workload, r.metric, r.stat, r.direction, r.baseline, r.candidate), r]),
    );
    assert.ok(now.length > 0);
    const groups = (ws: string[]) => [...new Set(ws)].sort();
    const seen: string[] = [];
    for (const c of now) {
      const workload = name(c);
      const k = key(workload, c.metric, c.stat, c.direction, c.baselineName, c.candidateName);
      const old = expected.get(k);
      assert.ok(old, `a comparison not recorded: ${k}`);
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
      "every recorded workload × direction × candidate is still compared",
    );
    const terse = now.filter((c) => c.factors.format === "terse");
    assert.ok(terse.length > 0 && terse.every((c) => c.factors.workload === "randread-4k-qd1"));
    assert.ok(now.every((c) => c.factors.workload !== "randread-4k-qd1-terse"), "no workload of its own");
  },
});
