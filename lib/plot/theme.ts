/**
 * Colours and type shared by every figure. Drivers get colours from the Okabe–Ito palette
 * (Okabe & Ito 2008, "Color Universal Design"), safe for the common colour-vision deficiencies,
 * assigned by the sorted list of names so a driver keeps its colour in every figure of a data set.
 * @module
 */
import type { ThemeName } from "./figure.ts";

export const FONT_STACK = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";

export const OKABE_ITO = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#D55E00",
  "#CC79A7",
  "#56B4E9",
  "#F0E442",
  "#999999",
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

/** Name → colour for the sorted, de-duplicated names; the same names always get the same colours. */
export function driverColors(names: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(names)].sort();
  return new Map(sorted.map((n, i) => [n, OKABE_ITO[i % OKABE_ITO.length]]));
}

/** Plot's `color` option for a colour map: a fixed ordinal domain and range. */
export function colorScale(colors: Map<string, string>) {
  return { type: "ordinal" as const, domain: [...colors.keys()], range: [...colors.values()] };
}
