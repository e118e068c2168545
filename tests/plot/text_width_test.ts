/**
 * lib/plot/text_width.ts against the font itself: every advance width it holds equals the one in the installed
 * DejaVuSans.ttf (read from its cmap and hmtx tables by tools/font_cmap.ts), so a legend placed by it ends where
 * the text drawn in that font ends.
 */
import assert from "node:assert/strict";
import { textWidth } from "../../lib/plot/text_width.ts";
import { fontTables } from "../../tools/font_cmap.ts";

const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/** Advance width (font units) of a character, by the font's cmap and hmtx tables. */
function advances(font: Uint8Array): { unitsPerEm: number; advance: (ch: string) => number } {
  const { unitsPerEm, glyph, advance } = fontTables(font);
  return { unitsPerEm, advance: (ch) => advance(glyph(ch.codePointAt(0)!)) };
}

Deno.test("text widths are DejaVu Sans' own advance widths (ASCII and the symbols labels use)", () => {
  const { unitsPerEm, advance } = advances(Deno.readFileSync(FONT));
  const chars = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), ..."×µ·—–…"];
  for (const ch of chars) {
    assert.equal(textWidth(ch, unitsPerEm), advance(ch), `advance of ${JSON.stringify(ch)}`);
  }
  const blk = [..."virtio-blk"].reduce((w, ch) => w + advance(ch), 0);
  assert.equal(textWidth("virtio-blk", 12), (blk * 12) / unitsPerEm);
});
