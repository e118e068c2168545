/**
 * lib/plot/text_width.ts against the font itself: every advance width it holds equals the one in the installed
 * DejaVuSans.ttf (read here from its cmap and hmtx tables, the OpenType way), so a legend placed by it ends where
 * the text drawn in that font ends.
 */
import assert from "node:assert/strict";
import { textWidth } from "../../lib/plot/text_width.ts";

const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/** Advance width (font units) of a character, by the font's Unicode BMP cmap (format 4) and its hmtx table. */
function advances(font: Uint8Array): { unitsPerEm: number; advance: (ch: string) => number } {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < v.getUint16(4); i++) {
    const at = 12 + 16 * i;
    tables.set(String.fromCharCode(...font.subarray(at, at + 4)), v.getUint32(at + 8));
  }
  const unitsPerEm = v.getUint16(tables.get("head")! + 18);
  const metrics = v.getUint16(tables.get("hhea")! + 34);
  const cmap = tables.get("cmap")!;
  let sub = -1;
  for (let i = 0; i < v.getUint16(cmap + 2); i++) {
    const at = cmap + 4 + 8 * i;
    const offset = cmap + v.getUint32(at + 4);
    if (v.getUint16(at) === 3 && v.getUint16(at + 2) === 1 && v.getUint16(offset) === 4) sub = offset;
  }
  assert.ok(sub > 0, "a Windows Unicode BMP cmap");
  const segments = v.getUint16(sub + 6) / 2;
  const [ends, starts, deltas, ranges] = [14, 16 + 2 * segments, 16 + 4 * segments, 16 + 6 * segments].map((
    o,
  ) => sub + o);
  const glyph = (code: number) => {
    for (let i = 0; i < segments; i++) {
      if (code > v.getUint16(ends + 2 * i) || code < v.getUint16(starts + 2 * i)) continue;
      const range = v.getUint16(ranges + 2 * i);
      const delta = v.getInt16(deltas + 2 * i);
      if (range === 0) return (code + delta) & 0xffff;
      const g = v.getUint16(ranges + 2 * i + range + 2 * (code - v.getUint16(starts + 2 * i)));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const hmtx = tables.get("hmtx")!;
  return {
    unitsPerEm,
    advance: (ch) => v.getUint16(hmtx + 4 * Math.min(glyph(ch.codePointAt(0)!), metrics - 1)),
  };
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
