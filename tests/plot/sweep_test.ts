/** The sweep figure: a metric against a numeric factor, one line per compared value, panels by the rest. */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { sweepFactors } from "../../lib/present/figures.ts";
import { sweepable } from "../../lib/plot/sweep.ts";
import { DATA, FIXTURES, HAVE_DATA } from "../helpers.ts";

const svgOf = (f: vb.Figure) => vb.figureToSvg(f);
const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;

/** A dot: each driver's marker shape (lib/plot/channels.ts), placed by a translate. */
const MARKER = /<path fill="#[0-9A-Fa-f]{6}" d="[^"]*" transform="translate\(/g;

Deno.test("sweep: the compared factor itself (iodepth 1 vs 8, real fio json+ runs), words name it", async () => {
  const a = await vb.analyse(join(FIXTURES, "layouts/timestamped"));
  assert.equal(a.by, "iodepth");
  assert.deepEqual(sweepFactors(a), ["iodepth"]);
  const fig = vb.sweepFigure(a, { x: "iodepth" });
  assert.equal(fig.empty, undefined);
  assert.equal(fig.title, "IOPS by iodepth");
  const svg = svgOf(fig);
  assert.equal(count(svg, MARKER), 2, "one mean per iodepth");
  assert.doesNotMatch(svg, /driver/);
  const none = vb.sweepFigure(a, { x: "numjobs" });
  assert.match(none.empty ?? "", /no iops mean results with a numeric numjobs/);
});

Deno.test({
  name: "sweep: shipped data, IOPS against iodepth, one line per driver, a panel per access pattern",
  ignore: !HAVE_DATA,
  fn: async () => {
    const disk = await vb.analyse(DATA, { tool: "fio" });
    assert.deepEqual(sweepFactors(disk), ["iodepth"], "bs changes only with rw: no sweep of its own");
    // IOPS is the headline of random I/O, bandwidth of sequential I/O (one ratio per fixed-block-size job).
    const svg = svgOf(vb.sweepFigure(disk, { x: "iodepth" }));
    assert.equal(
      count(svg, MARKER),
      2 * 4 * 2,
      "2 random patterns × 4 drivers × 2 depths, terse runs left out",
    );
    for (const panel of ["rw=randread", "rw=randwrite"]) assert.ok(svg.includes(panel), panel);
    assert.match(svg, /one line per driver/);
    const bw = svgOf(vb.sweepFigure(disk, { x: "iodepth", metric: "bw" }));
    assert.equal(count(bw, MARKER), 2 * 4 * 2, "2 sequential patterns × 4 drivers × 2 depths");
    for (const panel of ["rw=read ", "rw=write "]) assert.ok(bw.includes(panel), panel);
    const net = await vb.analyse(DATA, { tool: vb.NETWORK_TOOLS });
    assert.deepEqual(sweepFactors(net), [], "reverse is a 0/1 flag, not a sweep");
    assert.equal(sweepable(net.comparisons, "reverse"), false, "0/1 is a switch, whatever else varies");
  },
});
