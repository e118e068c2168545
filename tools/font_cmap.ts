/**
 * A TrueType font's tables read the OpenType way: the glyph of a character by the Windows Unicode BMP cmap
 * (format 4), and a glyph's advance width by hmtx. For tools/subset_fonts.ts (which characters a font has) and
 * tests/plot/text_width_test.ts (lib/plot/text_width.ts against the font).
 * @module
 */

export interface FontTables {
  unitsPerEm: number;
  /** Glyph id of a code point (0, .notdef, when the font has none). */
  glyph: (code: number) => number;
  /** Advance width of a glyph in font units. */
  advance: (glyph: number) => number;
}

export function fontTables(font: Uint8Array): FontTables {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < v.getUint16(4); i++) {
    const at = 12 + 16 * i;
    tables.set(String.fromCharCode(...font.subarray(at, at + 4)), v.getUint32(at + 8));
  }
  const table = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`the font has no ${tag} table`);
    return at;
  };
  const unitsPerEm = v.getUint16(table("head") + 18);
  const metrics = v.getUint16(table("hhea") + 34);
  const cmap = table("cmap");
  let sub = -1;
  for (let i = 0; i < v.getUint16(cmap + 2); i++) {
    const at = cmap + 4 + 8 * i;
    const offset = cmap + v.getUint32(at + 4);
    if (v.getUint16(at) === 3 && v.getUint16(at + 2) === 1 && v.getUint16(offset) === 4) sub = offset;
  }
  if (sub < 0) throw new Error("the font has no Windows Unicode BMP cmap (format 4)");
  const segments = v.getUint16(sub + 6) / 2;
  const [ends, starts, deltas, ranges] = [14, 16 + 2 * segments, 16 + 4 * segments, 16 + 6 * segments]
    .map((o) => sub + o);
  const glyph = (code: number) => {
    if (code > 0xffff) return 0;
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
  const hmtx = table("hmtx");
  return { unitsPerEm, glyph, advance: (g) => v.getUint16(hmtx + 4 * Math.min(g, metrics - 1)) };
}
