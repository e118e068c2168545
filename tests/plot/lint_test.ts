/**
 * The figure lint (lint.ts) over every figure the notebooks and the report draw from the shipped
 * data, light and dark: readable text on marks, no overlapping text, no empty facet; and one unit
 * per quantity within each notebook and within the report (figures and tables together).
 */
import assert from "node:assert/strict";
import { relative } from "node:path";
import * as vb from "../../lib/mod.ts";
import { reportFigures } from "../../lib/present/report_figures.ts";
import { DATA, HAVE_DATA } from "../helpers.ts";
import { haveChromium, launchBrowser } from "../chromium.ts";
import { lintSvg, unitsByQuantity } from "./lint.ts";

/** Per notebook (and the report): the figures and the tables' text it shows, as its source calls them. */
async function suite(o: vb.FigureOptions = {}) {
  const root = relative(Deno.cwd(), DATA) || ".";
  const disk = await vb.analyse(root, { tool: "fio" });
  const net = await vb.analyse(root, { tool: vb.NETWORK_TOOLS });
  const net3 = await vb.analyse(root, { tool: "iperf3" });
  const md = (rows: vb.Record_[]) => vb.toMarkdown(rows);
  return {
    "01-disk": {
      figures: [
        vb.driverComparisonFigure(disk, { ...o, metric: "iops", workloads: /rand/ }),
        vb.driverComparisonFigure(disk, { ...o, metric: "bw", workloads: /seq/ }),
        vb.driverComparisonFigure(disk, { ...o, metric: "lat" }),
        vb.forestFigure(disk, o),
        vb.heatmapFigure(disk, o),
      ],
      tables: [md(vb.compactTable(disk.comparisons)), vb.warningsText(disk, 1000)],
    },
    "02-network": {
      figures: [vb.networkFigure(net, o), vb.forestFigure(net, o)],
      tables: [
        md(vb.compactTable(net.comparisons)),
        md(vb.toolAgreementTable(net)),
        vb.warningsText(net, 1000),
      ],
    },
    "03-latency-and-stability": {
      figures: [
        vb.latencyLadderFigure(disk, o),
        vb.latencyCdfFigure(disk, o),
        vb.timeseriesFigure(disk, { ...o, metric: "bw" }),
        vb.timeseriesFigure(net3, { ...o, metric: "throughput" }),
      ],
      tables: [],
    },
    "04-summary": {
      figures: [vb.forestFigure([disk, net], { ...o, title: "Overhead ratios, disk and network" })],
      tables: [md(vb.geoMeanTable([disk, net])), vb.warningsText([disk, net], 1000)],
    },
    "05-plan-your-runs": {
      figures: [],
      tables: [
        md(vb.noiseTable(disk)),
        md(vb.noiseTable(net)),
        md(vb.planTable(disk)),
        md(vb.planTable(net)),
      ],
    },
    report: {
      figures: [...reportFigures(disk, o), ...reportFigures(net, o), {
        ...vb.forestFigure(disk, { ...o, theme: "dark" }),
        id: "disk-forest-dark",
      }],
      tables: [vb.warningsText([disk, net], 1000), md(vb.geoMeanTable([disk])), md(vb.geoMeanTable([net]))],
    },
  };
}

Deno.test({
  name:
    "figure lint: every notebook and report figure, on screen and at column and page width in light and dark: readable text, no overlaps, no empty facet, nothing off the figure, told apart without colour, ≥ 7 pt in print; one unit per quantity",
  ignore: !haveChromium || !HAVE_DATA,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    // The screen figures, then every figure laid out for print (column, page) in light and dark.
    const variants: { o: vb.FigureOptions; ptPerPx: number }[] = [
      { o: {}, ptPerPx: 0 },
      ...[336, 672].flatMap((width) =>
        (["light", "dark"] as const).map((theme) => ({ o: { width, theme }, ptPerPx: 0.75 }))
      ),
    ];
    const { browser, close } = await launchBrowser();
    const problems: string[] = [];
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1000, height: 800 });
      const linted = new Map<string, string[]>();
      for (const { o, ptPerPx } of variants) {
        const sets = await suite(o);
        const variant = o.width ? `${o.width} px ${o.theme}` : "screen";
        for (const [name, set] of Object.entries(sets)) {
          const texts = [...set.tables];
          for (const fig of set.figures) {
            const svg = vb.figureToSvg(fig);
            if (!linted.has(svg)) {
              const r = await lintSvg(page, fig.id, svg, { ptPerPx });
              problems.push(...r.problems.map((p) => `${variant} ${fig.id}: ${p}`));
              linted.set(svg, r.texts);
            }
            texts.push(...linted.get(svg)!);
          }
          for (const [quantity, units] of unitsByQuantity(texts)) {
            if (units.size > 1) {
              problems.push(`${variant} ${name}: ${quantity} in ${[...units].join(" and ")}`);
            }
          }
        }
      }
      assert.ok(linted.size >= 14 * variants.length, `${linted.size} figures linted`);
    } finally {
      await close();
    }
    assert.deepEqual(problems, []);
  },
});

Deno.test({
  name:
    "figure lint catches what it is for (labelled synthetic SVG): low contrast, overlap, empty facet, mixed units, small print, off the figure, dot on the frame edge, lines alike in grey",
  ignore: !haveChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const { browser, close } = await launchBrowser();
    try {
      const page = await browser.newPage();
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" font-size="12">
        <rect width="100%" height="100%" fill="#ffffff"/>
        <g aria-label="cell"><rect x="10" y="10" width="80" height="30" fill="#2d004b"/></g>
        <text x="20" y="30" fill="black">1.86×</text>
        <text x="120" y="30" fill="#1a1a1a">Latency (ms)</text><text x="125" y="33" fill="#1a1a1a">p99</text>
        <g aria-label="frame"><rect x="10" y="100" width="80" height="60" fill="none" stroke="#ccc"/></g>
      </svg>`;
      const r = await lintSvg(page, "synthetic", svg);
      assert.equal(r.problems.length, 3, r.problems.join("\n"));
      assert.match(r.problems[0], /contrast 1\.\d+:1/);
      assert.match(r.problems[1], /overlap: "Latency \(ms\)" and "p99"/);
      assert.match(r.problems[2], /empty facet/);
      // Print: off the figure, a dot on the frame edge, two lines of similar grey and one dash, small text.
      const print = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" font-size="8">
        <text x="250" y="20">legend runs on</text>
        <g aria-label="frame"><rect x="10" y="40" width="200" height="100" fill="none" stroke="#ccc"/></g>
        <g aria-label="dot"><circle cx="210" cy="90" r="3" fill="#0072B2"/></g>
        <g aria-label="line"><path d="M10,60L200,70" stroke="#D55E00" fill="none"/></g>
        <g aria-label="line"><path d="M10,80L200,90" stroke="#009E73" fill="none"/></g>
      </svg>`;
      const p = await lintSvg(page, "synthetic print", print, { ptPerPx: 0.75 });
      assert.equal(p.problems.length, 4, p.problems.join("\n"));
      assert.match(p.problems[0], /"legend runs on" is 6\.0 pt in print/);
      assert.match(p.problems[1], /"legend runs on" runs off the figure/);
      assert.match(p.problems[2], /dot sits on the frame edge/);
      assert.match(p.problems[3], /lines rgb\(0, 158, 115\) and rgb\(213, 94, 0\): similar grey, same dash/);
    } finally {
      await close();
    }
    const units = unitsByQuantity(["Throughput (Gbit/s)", "| 623 Mbit/s |", "Latency (ms, log scale)"]);
    assert.deepEqual([...units.get("bits/s")!], ["Gbit/s", "Mbit/s"]);
    assert.deepEqual([...units.get("time")!], ["ms"]);
  },
});
