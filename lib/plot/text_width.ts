/**
 * The width of a line of text in DejaVu Sans (the figures' font: every SVG names it first and every PNG and PDF is
 * drawn with it), from the font's own advance widths, so a legend places each name after the previous one's real
 * end: an average width per character put narrow names ("virtio-blk", 53 px at 12 px) 17 px too far apart.
 * @module
 */

/** Advance widths of DejaVu Sans for U+0020 … U+007E, in font units (2048 per em), read from its hmtx table. */
const ASCII = [
  ...[651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690], // U+0020
  ...[1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087], // U+0030
  ...[2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612], // U+0040
  ...[1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024], // U+0050
  ...[1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253], // U+0060
  ...[1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716], // U+0070
];
/** Characters beyond ASCII that labels use; any other counts as a digit's width. */
const OTHER: Record<string, number> = { "×": 1716, "µ": 1303, "·": 651, "—": 2048, "–": 1024, "…": 2048 };
const UNITS_PER_EM = 2048;

/**
 * Width in px of `text` at `fontSize` px (no kerning: DejaVu's kerning moves a label by a pixel or two).
 * @example
 * textWidth("virtio-blk", 12); // 52.98…
 */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? ASCII[code - 32] : OTHER[ch] ?? 1303;
  }
  return (units / UNITS_PER_EM) * fontSize;
}
