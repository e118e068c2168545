/**
 * The fonts resvg draws a figure's text with: the system's DejaVu Sans (regular and bold), or, when every
 * character of the figure is in {@link KEPT_RANGES}, cut-down copies of the same two files (lib/export/fonts/,
 * made by tools/subset_fonts.ts with HarfBuzz's hb-subset, which keeps the outlines, metrics, kerning and
 * substitutions of the characters kept). resvg shapes every text with a face built from the whole file: with the
 * 760 KB DejaVu Sans that was half of a figure's PNG time (0.55 of 1.0 s for the shipped data's 33 figures),
 * with the copies a fifth of it. The pixels are the same (tests/export/fonts_test.ts), and the copies are used only
 * while the system's files are the ones they were cut from (their sha256 in lib/export/fonts/sources.json): on a
 * machine with another DejaVu, or a figure with a character outside the ranges, the system's files draw it.
 * @module
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import sources from "./fonts/sources.json" with { type: "json" };

const DEJAVU = "/usr/share/fonts/truetype/dejavu";

/** DejaVu Sans and DejaVu Sans Bold as the system has them (PDFs embed these: pdf.ts). */
export const SYSTEM_FONTS = [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSans-Bold.ttf`];

/**
 * Code points the copies keep (inclusive ranges): of Basic Latin, Latin-1, Latin Extended-A, Greek, General
 * Punctuation, super- and subscripts, arrows, mathematical operators and geometric shapes (sources.json `ranges`:
 * what the figures write, such as ·, ×, −, —, →, ↑, α, µ, ≥, and the names most people give their runs), those both
 * system files have a glyph for. A character neither has is drawn differently by the copies (their .notdef), so it
 * sends the figure to the system's files like any other character outside.
 */
export const KEPT_RANGES: readonly (readonly [number, number])[] = sources.kept as [number, number][];

/** The copies, in the order of {@link SYSTEM_FONTS}. */
export const SUBSET_FONTS = sources.fonts.map((f) =>
  fileURLToPath(new URL(`./fonts/${f.file}`, import.meta.url))
);

/** The font files for resvg to draw `svg`'s text with (see the module's comment). */
export function fontFilesFor(svg: string): string[] {
  return subsetMatchesSystem() && coveredBySubset(svg) ? SUBSET_FONTS : SYSTEM_FONTS;
}

/**
 * Whether every character of `svg`, and every one it names by a character reference (`&#945;`, `&#x3B1;`), is in
 * {@link KEPT_RANGES}. The whole file is read, not only its text elements: a character elsewhere at worst sends
 * the figure to the system's fonts, which draw it the same.
 */
export function coveredBySubset(svg: string): boolean {
  for (let i = 0; i < svg.length; i++) {
    const c = svg.charCodeAt(i);
    if (c < 0x7f) {
      if (c === 0x26 && svg.charCodeAt(i + 1) === 0x23 && !inSubset(characterReference(svg, i))) return false;
      continue;
    }
    if (!inSubset(c)) return false; // a surrogate (outside the Basic Multilingual Plane) is not either
  }
  return true;
}

function inSubset(c: number): boolean {
  // Controls below U+0020 (tab, newline) are layout, not glyphs.
  if (c < 0x20) return c >= 0;
  for (const [from, to] of KEPT_RANGES) if (c >= from && c <= to) return true;
  return false;
}

/** The code point of the reference `&#…;` at `at`, or -1 (never in the subset) when it is not one. */
function characterReference(svg: string, at: number): number {
  const end = svg.indexOf(";", at);
  const body = end < 0 ? "" : svg.slice(at + 2, end);
  const c = /^x[0-9a-f]+$/i.test(body)
    ? parseInt(body.slice(1), 16)
    : /^\d+$/.test(body)
    ? Number(body)
    : NaN;
  return Number.isFinite(c) ? c : -1;
}

let matches: boolean | undefined;

/**
 * Whether the system's DejaVu files are byte for byte those the copies were cut from (checked once: 3 ms). Without
 * permission to read them (the report is granted it, tools/report.sh) the system's files are used.
 */
export function subsetMatchesSystem(): boolean {
  if (matches === undefined) {
    try {
      matches = sources.fonts.every((f, i) =>
        createHash("sha256").update(Deno.readFileSync(SYSTEM_FONTS[i])).digest("hex") === f.sourceSha256
      );
    } catch {
      matches = false;
    }
  }
  return matches;
}
