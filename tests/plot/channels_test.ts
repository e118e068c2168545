/**
 * Print-safe colours: no two palette colours are shades of one hue, and every colour has its own marker shape and
 * dash pattern (the second channel that survives greyscale and colour-vision deficiencies).
 */
import assert from "node:assert/strict";
import * as vb from "../../lib/mod.ts";
import { PALETTE } from "../../lib/plot/theme.ts";
import { DATA, HAVE_DATA } from "../helpers.ts";
import { DASHES, dashOf, shapeOf, shapePath, SHAPES } from "../../lib/plot/channels.ts";

/** Hue in degrees and saturation (HSL) of a #rrggbb colour. */
function hue(hex: string): { h: number; s: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
  if (d === 0) return { h: 0, s: 0 };
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  const l = (max + min) / 2;
  return { h: (h * 60 + 360) % 360, s: d / (1 - Math.abs(2 * l - 1)) };
}

Deno.test("palette: no two colours are shades of one hue (hues ≥ 20° apart among the saturated ones)", () => {
  const chromatic = PALETTE.filter((c) => hue(c).s > 0.15);
  assert.equal(chromatic.length, PALETTE.length - 1, "one grey, the rest coloured");
  for (let i = 0; i < chromatic.length; i++) {
    for (let j = i + 1; j < chromatic.length; j++) {
      const a = hue(chromatic[i]).h, b = hue(chromatic[j]).h;
      const gap = Math.min(Math.abs(a - b), 360 - Math.abs(a - b));
      assert.ok(gap >= 20, `${chromatic[i]} and ${chromatic[j]} are ${gap.toFixed(0)}° apart`);
    }
  }
});

Deno.test("second channel: each palette colour has its own marker shape and dash pattern", () => {
  const shapes = PALETTE.map((c) => shapePath(shapeOf(c), 64));
  assert.equal(new Set(shapes).size, PALETTE.length, "eight shapes");
  assert.equal(new Set(PALETTE.map(dashOf)).size, PALETTE.length, "eight dash patterns");
  assert.equal(SHAPES.length, DASHES.length);
  // The shapes keep a similar ink: each one's bounding box is between 6 and 13 px for a 64 px² symbol.
  for (const d of shapes) {
    const xs = [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => Number(m[1]));
    const span = d.includes("A") ? 2 * Number(d.match(/A([\d.]+)/)![1]) : Math.max(...xs) - Math.min(...xs);
    assert.ok(span >= 6 && span <= 13, `${d}: ${span}`);
  }
});

Deno.test({
  name:
    "second channel: the latency ladder of the shipped data draws one dash and one shape per driver, legend too",
  ignore: !HAVE_DATA,
  fn: async () => {
    const disk = await vb.analyse(DATA, { tool: "fio" });
    const svg = vb.figureToSvg(vb.latencyLadderFigure(disk));
    const lines = [...svg.matchAll(/<g [^>]*aria-label="line"[^>]*>/g)].map((m) => m[0]);
    assert.equal(lines.length, 4, "one line mark per driver");
    assert.equal(new Set(lines.map((g) => g.match(/stroke-dasharray="([^"]*)"/)?.[1] ?? "solid")).size, 4);
    const dots = svg.slice(svg.indexOf('aria-label="dot"'));
    const symbols = new Set(
      [...dots.matchAll(/<path [^>]*d="([^"]+)"/g)].map((m) => m[1].split(/[ML]/).length),
    );
    assert.ok(symbols.size >= 3, "markers of different shapes");
    assert.equal(svg.match(/<line [^>]*stroke-width="2"/g)?.length, 4, "the legend shows each dash");
  },
});
