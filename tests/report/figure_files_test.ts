/**
 * writeFigures writes every figure's SVG before the report's text is written (`meanwhile`, which report.html needs:
 * it inlines them), and every PNG, the same bytes as one rendered on this thread, before it returns; a failure
 * of the text still stops the render workers and reaches the caller.
 */
import assert from "node:assert/strict";
import { parseHTML } from "linkedom/worker";
import { writeFigures } from "../../lib/report/figure_files.ts";
import { RenderPool } from "../../lib/export/render_pool.ts";
import { svgToPng } from "../../lib/export/png.ts";
import { figureToSvg } from "../../lib/export/svg.ts";
import { PNG_BACKGROUND } from "../../lib/present/report_figures.ts";
import type { Figure } from "../../lib/plot/figure.ts";

const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");

/** Labelled synthetic: a small figure with a bar and a label of its own. */
function figure(i: number): Figure {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  for (const [k, v] of [["width", "120"], ["height", "40"], ["viewBox", "0 0 120 40"]]) {
    svg.setAttribute(k, v);
  }
  svg.innerHTML = `<rect x="4" y="4" width="${10 + 9 * i}" height="12" fill="#4269d0"/>` +
    `<text x="4" y="34" font-size="12">figure ${i} · α</text>`;
  return { id: `f${i}`, title: `Figure ${i}`, svg: svg as unknown as Element, width: 120, height: 40 };
}

function files() {
  const written = new Map<string, string | Uint8Array>();
  const write = (name: string, data: string | Uint8Array) => {
    written.set(name, data);
    return Promise.resolve();
  };
  return { written, write };
}

Deno.test("the SVGs are written before the text, the PNGs (as one thread renders them) before writeFigures returns", async () => {
  const { written, write } = files();
  const drawn = [0, 1, 2, 3, 4].map((i) => ({ fig: figure(i), family: "disk" }));
  let atText: string[] = [];
  const figures = await writeFigures(drawn, write, {
    png: true,
    meanwhile: (figures) => {
      atText = [...written.keys()].filter((n) => n.endsWith(".svg"));
      assert.equal(figures.length, 5);
      return Promise.resolve();
    },
  });
  assert.deepEqual(atText, ["f0", "f1", "f2", "f3", "f4"].map((id) => `figures/${id}.svg`));
  assert.deepEqual(
    figures.map((f) => f.file),
    ["f0", "f1", "f2", "f3", "f4"].map((id) => `figures/${id}.png`),
  );
  for (const { fig } of drawn) {
    const png = written.get(`figures/${fig.id}.png`) as Uint8Array;
    assert.deepEqual(png, svgToPng(figureToSvg(fig), { background: PNG_BACKGROUND }), fig.id);
  }
});

Deno.test("a failure while the text is written reaches the caller, and the render workers stop", async () => {
  const { write } = files();
  const drawn = [0, 1, 2].map((i) => ({ fig: figure(i), family: "net" }));
  const pool = new RenderPool(1);
  const meanwhile = () => {
    assert.equal(pool.threads, 1, "a worker renders while the text is written");
    return Promise.reject(new Error("the disk is full"));
  };
  await assert.rejects(writeFigures(drawn, write, { png: true, meanwhile, pool }), /the disk is full/);
  assert.equal(pool.threads, 0, "the pool is closed");
});
