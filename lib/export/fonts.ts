/**
 * The fonts resvg draws a figure's text with: the system's DejaVu Sans (regular and bold), or, when every
 * character of the figure is in one of {@link FONT_SETS}, the smallest such set of cut-down copies of the same two
 * files (lib/export/fonts/, made by tools/subset_fonts.ts with HarfBuzz's hb-subset, which keeps the outlines,
 * metrics, kerning and substitutions of the characters kept). resvg shapes every text with a face built from the
 * whole file, and reads the file again for every glyph it draws (~520 a figure): with the 760 KB DejaVu Sans that
 * was half of a figure's PNG time (0.55 of 1.0 s for the shipped data's 33 figures). The copies are cut without
 * hinting, which resvg does not use. Rendering the 33 (one thread, medians of 24 runs) took 776 ms with one set of
 * 1 093 characters (139 KB, hinted), 741 ms with it unhinted (`wide`, 110 KB) and 719 ms with `common` (Latin-1 and
 * the symbols the figures write, 45 KB), which draws them all. The pixels are the same
 * (tests/export/fonts_test.ts), and the copies are used only while the system's files are the ones they were cut
 * from (their sha256 in lib/export/fonts/sources.json): on a machine with another DejaVu, or a figure with a
 * character outside every set, the system's files draw it.
 * @module
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import sources from "./fonts/sources.json" with { type: "json" };

const DEJAVU = "/usr/share/fonts/truetype/dejavu";

/** DejaVu Sans and DejaVu Sans Bold as the system has them (PDFs embed these: pdf.ts). */
export const SYSTEM_FONTS = [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSans-Bold.ttf`];

/** Cut-down copies of {@link SYSTEM_FONTS} for some characters. */
export interface FontSet {
  name: string;
  /**
   * Code points the copies keep (inclusive ranges): of those sources.json asks for, the ones both system files
   * have a glyph for. A character neither has is drawn differently by the copies (their .notdef), so it sends the
   * figure to a larger set or the system's files like any other character outside.
   */
  kept: readonly (readonly [number, number])[];
  /** The copies, in the order of {@link SYSTEM_FONTS}. */
  files: string[];
}

/**
 * The sets, smallest first: `common` (Basic Latin, Latin-1, the Greek letters, dashes, quotes, super- and
 * subscripts, arrows and the operators the figures write, such as ·, ×, −, —, →, ↑, α, µ, ≥, and the names most
 * people give their runs), then `wide` (Latin Extended-A, all of Greek, General Punctuation, arrows, mathematical
 * operators and geometric shapes).
 */
export const FONT_SETS: readonly FontSet[] = sources.sets.map((set) => ({
  name: set.name,
  kept: set.kept as [number, number][],
  files: set.fonts.map((f) => fileURLToPath(new URL(`./fonts/${f.file}`, import.meta.url))),
}));

/** The font files for resvg to draw `svg`'s text with (see the module's comment). */
export function fontFilesFor(svg: string): string[] {
  const set = subsetMatchesSystem() ? fontSetFor(svg) : undefined;
  return set ? set.files : SYSTEM_FONTS;
}

/**
 * The smallest of {@link FONT_SETS} that keeps every character of `svg`, and every one it names by a character
 * reference (`&#945;`, `&#x3B1;`), or undefined when none does. The whole file is read, not only its text
 * elements: a character elsewhere at worst sends the figure to a larger set or the system's fonts, which draw it
 * the same.
 */
export function fontSetFor(svg: string): FontSet | undefined {
  let need = 0; // the index of the smallest set that keeps every character so far
  // The regular expression engine skips the ASCII in native code: a loop over every character here was optimised
  // anew in each render worker (~40 ms of V8's compilers a report) and took ~8 ms for the shipped data's figures.
  const beyond = new RegExp(BEYOND_ASCII);
  for (let m = beyond.exec(svg); m && need < FONT_SETS.length; m = beyond.exec(svg)) {
    // A surrogate (outside the Basic Multilingual Plane) is in no set.
    need = Math.max(need, setOf(m[0] === "&#" ? characterReference(svg, m.index) : svg.charCodeAt(m.index)));
  }
  return FONT_SETS[need];
}

/**
 * Where a figure may need more than the smallest set: a character past ASCII, or a character reference. (Controls
 * other than a tab or a line break match too, written so for the linter; {@link setOf} keeps them in the smallest.)
 */
const BEYOND_ASCII = /[^\t\n\r -~]|&#/g;

/** The index of the smallest set that keeps `c` ({@link FONT_SETS}.length when none does). */
function setOf(c: number): number {
  // Controls below U+0020 (tab, newline) are layout, not glyphs.
  if (c < 0x20) return c >= 0 ? 0 : FONT_SETS.length;
  const i = FONT_SETS.findIndex(({ kept }) => kept.some(([from, to]) => c >= from && c <= to));
  return i < 0 ? FONT_SETS.length : i;
}

/** The code point of the reference `&#…;` at `at`, or -1 (in no set) when it is not one. */
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
      matches = sources.system.every((f, i) =>
        createHash("sha256").update(Deno.readFileSync(SYSTEM_FONTS[i])).digest("hex") === f.sha256
      );
    } catch {
      matches = false;
    }
  }
  return matches;
}
