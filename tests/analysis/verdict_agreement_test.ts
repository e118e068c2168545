/**
 * One rule, one interval (issue 17): on the shipped data and on the corpus, under every adjustment and band,
 * every table row, figure mark, sentence and results.csv row says what the verdict's interval says.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { oneFormat } from "../../lib/analysis/formats.ts";
import { noChangeBand } from "../../lib/stats/ratio_test.ts";
import { formatInterval } from "../../lib/stats/table.ts";
import { decided } from "../../lib/stats/verdict.ts";
import { runReport } from "../../lib/report/run.ts";
import { analyseLoaded, loadRequest } from "../../lib/analysis/request.ts";
import { CORPUS, DATA, HAVE_CORPUS, HAVE_DATA, tempDir } from "../helpers.ts";

type Setting = { adjust: vb.AdjustMethod; minChange: number };
const SETTINGS: Setting[] = vb.ADJUST_METHODS.flatMap((adjust) =>
  [0, 0.05].map((minChange) => ({ adjust, minChange }))
);

function clearsBand(lo: number | null, hi: number | null, m: number): boolean {
  const [bLo, bHi] = noChangeBand(m);
  return lo !== null && hi !== null && (lo > bHi || hi < bLo);
}

/** Every place a comparison's verdict is shown agrees with its interval. */
function assertAgreement(a: vb.Analysis, s: Setting) {
  const where = (c: vb.Comparison) =>
    `${a.label} ${s.adjust} ${s.minChange}: ${JSON.stringify(c.factors)} ${c.metric}`;
  for (const c of a.comparisons) {
    const clears = clearsBand(c.ratioCI.lo, c.ratioCI.hi, s.minChange);
    assert.equal(decided(c), clears, where(c));
    if (c.verdict === "~") assert.equal(c.ratioText, "no detectable difference", where(c));
    if (c.verdict === "insufficient") assert.match(c.ratioText, /^insufficient: /, where(c));
    if (c.verdict === "equivalent") assert.ok(s.minChange > 0, where(c));
    assert.equal(c.family.method, s.adjust);
  }
  // The table a reader sees prints the same interval and verdict.
  const table = vb.compactTable(a.comparisons);
  a.comparisons.forEach((c, i) => {
    assert.equal(table[i].interval, formatInterval(c.ratioCI));
    assert.equal(table[i].verdict, c.verdict);
    if (c.verdict === "insufficient") assert.equal(table[i]["p (adj.)"], null);
  });
  // The forest: one filled mark per decided headline comparison, hollow for the rest.
  const headline = a.comparisons.filter(vb.headline);
  if (headline.length) {
    const svg = vb.figureToSvg(vb.forestFigure(a));
    const circles = [...svg.matchAll(/<circle [^>]*>/g)].map((m) => m[0]);
    const filled = circles.filter((el) => {
      const stroke = el.match(/stroke="([^"]+)"/)?.[1], fill = el.match(/ fill="([^"]+)"/)?.[1];
      return fill !== undefined && fill === stroke;
    });
    const drawn = headline.filter((c) => c.ratio !== null && c.ratio > 0);
    assert.equal(filled.length, drawn.filter(decided).length, `${a.label} forest filled marks`);
  }
  // The answer-first sentences count the same verdicts, a workload saved in two formats once (issue 27).
  for (const [i, cand] of a.candidates.entries()) {
    const mine = oneFormat(headline.filter((c) => c.candidateName === cand));
    const line = vb.headlineSentences(a)[i];
    const better = mine.filter((c) => c.verdict === "better").length;
    const worse = mine.filter((c) => c.verdict === "worse").length;
    if (mine.every((c) => c.verdict === "insufficient")) assert.match(line, /insufficient data on all/);
    else {
      assert.match(line, new RegExp(`better on ${better ? `${better} of` : "none of"} ${mine.length}`), line);
      assert.match(line, new RegExp(`worse on ${worse || "none"}`), line);
    }
  }
}

Deno.test({
  name:
    "shipped data: figures, tables, sentences and the verdict's interval agree under holm, bh and none, with and without a band",
  ignore: !HAVE_DATA,
  fn: async () => {
    for (const s of SETTINGS) {
      for (const tool of vb.TOOL_FAMILIES) {
        assertAgreement(await vb.analyse(DATA, { tool, ...s }), s);
      }
    }
  },
});

Deno.test({
  name: "corpus: single runs everywhere read insufficient, and still agree with their (absent) intervals",
  ignore: !HAVE_CORPUS,
  fn: async () => {
    for (const kind of ["fio-json", "iperf3", "iperf2", "fio-terse"]) {
      const dir = join(CORPUS, kind);
      const loaded = await loadRequest({ sides: ["a", "b"].map((name) => ({ folder: dir, name })) });
      for (const s of SETTINGS) {
        for (const a of analyseLoaded({ ...loaded, options: { ...loaded.options, ...s } })) {
          assert.ok(a.comparisons.length > 0, kind);
          assert.ok(a.comparisons.every((c) => c.verdict === "insufficient"), kind);
          assertAgreement(a, s);
        }
      }
    }
  },
});

Deno.test({
  name:
    "results.csv/json of the report: ratio_lo/ratio_hi are the verdict's interval; the plain one is beside it",
  ignore: !HAVE_DATA,
  fn: async () => {
    const out = tempDir();
    await runReport({ data: [DATA], out, formats: ["json"], check: false, quiet: true, progress: false });
    const rows = JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
    for (const r of rows) {
      const decided = r.verdict === "better" || r.verdict === "worse";
      assert.equal(decided, clearsBand(r.ratio_lo, r.ratio_hi, r.min_change), JSON.stringify(r));
      if (r.verdict !== "insufficient") {
        assert.ok(r.ratio_level >= r.ratio_level_unadjusted);
        assert.ok(r.ratio_lo <= r.ratio_lo_unadjusted + 1e-12 && r.ratio_hi >= r.ratio_hi_unadjusted - 1e-12);
      }
    }
    Deno.removeSync(out, { recursive: true });
  },
});
