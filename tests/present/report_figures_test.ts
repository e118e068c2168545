/**
 * The report's figures at scale: which detail figures are drawn when there are too many (decided first, largest
 * change first, then in order), the sentence that says what was left out, charts paged to a printed page with every
 * row drawn once, and the shipped data's figures as before.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import * as vb from "../../lib/mod.ts";
import { figuresNotDrawn, MAX_DETAIL, reportFigures } from "../../lib/present/report_figures.ts";
import { pageHeight } from "../../lib/plot/size.ts";
import { DATA, HAVE_DATA, ROOT } from "../helpers.ts";
import { htmlParts, markdownLines } from "../../lib/report/render.ts";
import { PLANTED, syntheticManyWorkloads, WORKLOADS } from "./synthetic_many.ts";

const synthetic = syntheticManyWorkloads();
const names = (fig: vb.Figure) => [...vb.figureToSvg(fig).matchAll(/>(w\d\d)</g)].map((m) => m[1]);

Deno.test("(synthetic, 40 workloads) the cost scatters drawn: the 3 decided ones, then the first 9 others in order", () => {
  assert.deepEqual(Object.keys(PLANTED).sort(), ["w05", "w17", "w35"]);
  assert.ok(
    synthetic.comparisons.filter((c) => c.metric === "host_cpu_per_gib" && c.verdict === "better")
      .map((c) => c.factors.workload).sort().join() === "w05,w17,w35",
    "the planted workloads, and only they, are decided",
  );
  const scatters = reportFigures(synthetic).map((f) => f.id).filter((id) =>
    id.startsWith("disk-cost-scatter-")
  )
    .map((id) => id.replace("disk-cost-scatter-host-cpu-per-gib-", ""));
  assert.equal(scatters.length, MAX_DETAIL);
  // w35 is far past the first twelve: drawn because its verdict is decided. Listed in the report's order.
  assert.deepEqual(scatters, [
    "w00",
    "w01",
    "w02",
    "w03",
    "w04",
    "w05",
    "w06",
    "w07",
    "w08",
    "w09",
    "w17",
    "w35",
  ]);
});

Deno.test("(synthetic) one sentence per kind left out: how many, which were drawn, where the rest are", () => {
  const notes = figuresNotDrawn(synthetic);
  // bw and lat charts, the cost scatters and two cost bar charts; the forest's 40 rows are all drawn.
  assert.equal(notes.length, 5, notes.join("\n"));
  const scatter = notes.find((n) => n.includes("cost scatters"))!;
  assert.match(scatter, /^28 of 40 cost scatters \(host_cpu_per_gib, one per workload\) are not drawn \(/);
  assert.match(
    scatter,
    /\(the report draws 12: decided verdicts, better or worse, first, largest change first, then the others in order\)/,
  );
  assert.match(scatter, /rows? of results\.csv and results\.json/);
  assert.match(
    scatter,
    /notebooks\/07-host-cost\.ipynb draws any of them with vb\.costScatterFigure\(disk, \{ metric: "host_cpu_per_gib", workload: "…" \}\)\.$/,
  );
  assert.ok(notes.every((n) => !/\n/.test(n) && n.split(/\. /).length === 1), "each is one sentence");
  assert.match(
    notes.find((n) => n.includes("lat chart"))!,
    /^8 of 40 workloads of the lat chart are not drawn/,
  );
  assert.deepEqual(figuresNotDrawn(synthetic), notes, "the same sentences on every call");
});

Deno.test("(synthetic) report.md and report.html carry the sentences after the family's figures", () => {
  const doc = { title: "t", analyses: [synthetic], figures: [], svg: () => "", describe: () => "" };
  const md = [...markdownLines(doc)].join("\n"), html = [...htmlParts(doc)].join("");
  for (const note of figuresNotDrawn(synthetic)) {
    const start = note.slice(0, 40);
    assert.ok(md.includes(start) && md.indexOf(start) < md.indexOf("### Verdicts"), start);
    assert.ok(html.includes(`<p class="method">${start}`), start);
  }
});

Deno.test("(synthetic) cost bars on pages: 32 of 40 workloads, each on one page, pages even, none taller than a page", () => {
  for (const width of [undefined, 336, 672]) {
    const pages = reportFigures(synthetic, { width }).filter((f) =>
      f.id.startsWith("disk-cost-host-cpu-per-gib-all")
    );
    const n = pages.length;
    assert.ok(n >= 2, `${width}: ${n} pages`);
    pages.forEach((p, k) => {
      assert.equal(p.id, `disk-cost-host-cpu-per-gib-all-${k + 1}-of-${n}`);
      assert.match(p.title, new RegExp(` \\(${k + 1} of ${n}\\)$`));
      assert.ok(p.height <= pageHeight(p.width), `${width} ${p.id}: ${p.height} px`);
    });
    const drawn = pages.map(names);
    const counts = drawn.map((d) => d.length);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `rows per page ${counts}`);
    // Every chosen workload once, in order; the 8 left out are the last undecided ones.
    const expected = [...WORKLOADS.slice(0, 31), "w35"];
    assert.deepEqual(drawn.flat(), expected);
  }
});

Deno.test("(synthetic) the forest at column width: two pages of 20 rows, every row once", () => {
  const pages = reportFigures(synthetic, { width: 336 }).filter((f) => f.id.startsWith("disk-forest"));
  assert.deepEqual(pages.map((p) => p.id), ["disk-forest-1-of-2", "disk-forest-2-of-2"]);
  assert.deepEqual(pages.map(names), [WORKLOADS.slice(0, 20), WORKLOADS.slice(20)]);
  assert.ok(pages.every((p) => p.height <= pageHeight(336)));
});

Deno.test({
  name: "the shipped data: the same report figures as before, all drawn, the unpaged ones byte for byte",
  ignore: !HAVE_DATA,
  fn: async () => {
    const root = relative(Deno.cwd(), DATA) || ".";
    const disk = await vb.analyse(root, { tool: "fio" });
    const net = await vb.analyse(root, { tool: vb.NETWORK_TOOLS });
    const figures = [...reportFigures(disk), ...reportFigures(net)];
    assert.deepEqual(figures.map((f) => f.id), SHIPPED_IDS);
    assert.deepEqual([...figuresNotDrawn(disk), ...figuresNotDrawn(net)], []);
    let compared = 0;
    for (const fig of figures) {
      const file = join(ROOT, "tests/plot/__snapshots__", `${fig.id}.svg`);
      let want: string;
      try {
        want = Deno.readTextFileSync(file);
      } catch {
        continue;
      }
      assert.ok(vb.figureToSvg(fig) === want, `${fig.id} differs from its snapshot`);
      compared++;
    }
    assert.ok(compared >= 8, `${compared} compared`);
    // The one chart taller than a printed page: its eight workloads on two pages of four.
    const costs = figures.filter((f) => f.id.startsWith("disk-cost-host-cpu-per-gib-all"));
    assert.ok(costs.every((f) => f.height <= pageHeight(f.width)));
  },
});

/** The report's figures of the shipped data (before paging: the same, with one chart of cost bars in one piece). */
const SHIPPED_IDS = [
  "disk-forest",
  "disk-iops-mean-all",
  "disk-bw-mean-all",
  "disk-lat-mean-all",
  "disk-ladder-randread-4k-qd1",
  "disk-cdf-randread-4k-qd1",
  "disk-timeseries-bw-first",
  "disk-heatmap-iops",
  "disk-sweep-iops-iodepth",
  ...["randread-4k-qd1", "randread-4k-qd32", "randwrite-4k-qd1", "randwrite-4k-qd32"]
    .map((w) => `disk-cost-scatter-host-cpu-per-gib-${w}`),
  ...["seqread-1m-qd1", "seqread-1m-qd32", "seqwrite-1m-qd1", "seqwrite-1m-qd32"]
    .map((w) => `disk-cost-scatter-host-cpu-per-gib-${w}`),
  "disk-cost-host-cpu-per-gib-all-1-of-2",
  "disk-cost-host-cpu-per-gib-all-2-of-2",
  "disk-cost-ios-per-host-cpu-s-all",
  "net-forest",
  "net-throughput",
  "net-timeseries-throughput-first",
  ...["iperf2-tcp", "iperf3-tcp", "iperf3-tcp-reverse", "iperf3-udp"]
    .map((w) => `net-cost-scatter-host-cpu-per-gbit-${w}`),
  "net-cost-host-cpu-per-gbit-all",
  "net-cost-host-cpu-per-rtt-all",
  ...["tcp-1400", "tcp-64", "udp-1400", "udp-64"].map((w) => `net-rtt-cdf-sockperf-${w}`),
];
