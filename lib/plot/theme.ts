/**
 * Colours and type shared by every figure.
 *
 * A name (driver, NIC, run) keeps one colour everywhere: in every figure, notebook and report of a
 * data set, and in any other data set that holds some of the same names. Its colour comes from a
 * stable hash of the name, not from its rank among the names present, so a subset does not
 * shift colours. Two names of one data set that hash to the same slot are told apart over the data
 * set's whole list of names (the `universe`): the first in sorted order keeps the slot, the other
 * takes the next free one — so every figure of that data set agrees.
 *
 * The palette starts from Okabe & Ito (2008, "Color Universal Design"), darkened where needed so
 * that every colour has a contrast of at least 3:1 (WCAG 2.1, non-text graphics) on the light and
 * on the dark background; eight colours of similar lightness cannot all stay apart for every colour-vision
 * deficiency, so figures also name each series in text (legend, labels) and give it a second channel
 * (channels.ts: a marker shape and a dash pattern per colour) that survives greyscale print. No two colours are
 * shades of one hue: sky blue, darkened to pass 3:1 on white, became a second blue beside blue, so its slot is
 * olive.
 * @module
 */
import type { ThemeName } from "./figure.ts";

export const FONT_STACK = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";

/** Every colour ≥ 3:1 against both THEMES backgrounds (checked in tests/plot/figures_test.ts). */
export const PALETTE = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#997700", // ochre (Okabe–Ito orange, darkened)
  "#7F5FD0", // violet
  "#6B8E23", // olive (replaces Okabe–Ito sky blue: darkened for contrast it was a second shade of blue)
  "#7A7A7A", // grey
];

export interface Theme {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
}

export const THEMES: Record<ThemeName, Theme> = {
  light: { background: "#ffffff", foreground: "#1a1a1a", muted: "#5f5f5f", grid: "#e3e3e3" },
  dark: { background: "#16181d", foreground: "#ececec", muted: "#a5a5a5", grid: "#33363d" },
};

/**
 * Seed of the name hash. Any value gives stable colours; this one gives the seven device names of the
 * shipped data (four disk controllers, three NICs) seven different slots, and the names compared in
 * one figure colours that stay apart under simulated deuteranopia and protanopia (Machado et al. 2009).
 */
const HASH_SEED = 4544;

/** 32-bit FNV-1a of the UTF-16 code units, then MurmurHash3's finaliser so the low bits mix too. */
function nameHash(text: string): number {
  let h = (0x811c9dc5 ^ HASH_SEED) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Name → colour for `names` (sorted, de-duplicated: the legend order). `universe` is every name
 * the data set can show (see the module comment); names outside it are added to it.
 */
export function driverColors(names: Iterable<string>, universe: Iterable<string> = []): Map<string, string> {
  const shown = [...new Set(names)].sort();
  const all = [...new Set([...universe, ...shown])].sort();
  const slot = new Map<string, number>();
  const taken = new Set<number>();
  const losers: string[] = [];
  for (const name of all) {
    const preferred = nameHash(name) % PALETTE.length;
    if (taken.has(preferred)) losers.push(name);
    else {
      taken.add(preferred);
      slot.set(name, preferred);
    }
  }
  for (const name of losers) {
    let s = nameHash(name) % PALETTE.length;
    // More names than colours: reuse from the start (legends still name each one).
    if (taken.size < PALETTE.length) { while (taken.has(s)) s = (s + 1) % PALETTE.length; }
    taken.add(s);
    slot.set(name, s);
  }
  return new Map(shown.map((n) => [n, PALETTE[slot.get(n)!]]));
}

/** Plot's `color` option for a colour map: a fixed ordinal domain and range. */
export function colorScale(colors: Map<string, string>) {
  return { type: "ordinal" as const, domain: [...colors.keys()], range: [...colors.values()] };
}

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white text, whichever reads better on `fill`. */
export function textOn(fill: string): string {
  return contrast(fill, "#000000") >= contrast(fill, "#ffffff") ? "#000000" : "#ffffff";
}
