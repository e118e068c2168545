/**
 * A finished figure: a standalone SVG element (title, subtitle, legend, plot, caption) plus the id
 * that names its exported files. Produced by every function in lib/plot, consumed by lib/export.
 * @module
 */
import type { UnitPlan } from "./units.ts";

export interface Figure {
  /** File-name-safe id, e.g. "disk-iops-rand". */
  id: string;
  title: string;
  /** The root <svg> element (a linkedom element: serialise with outerHTML). */
  svg: Element;
  width: number;
  height: number;
  /** Set when there was nothing to draw: why, in words (notebooks show the sentence instead of a panel). */
  empty?: string;
}

export type ThemeName = "light" | "dark";

export interface FigureOptions {
  /**
   * Every name the data set can show in colour (all values of the compared factors): colours are
   * assigned over it, so a name has the same colour in every figure of the data set (theme.ts).
   */
  universe?: string[];
  /** Display unit per quantity, chosen once for a notebook or report (units.ts `planUnits`). */
  units?: UnitPlan;
  theme?: ThemeName;
  /** Total width in px (default 760, the screen's; print widths: lib/plot/size.ts). */
  width?: number;
  /** No title, subtitle or data line: a paper's caption says them. */
  noTitles?: boolean;
  /** Overrides the default title. */
  title?: string;
  /** Overrides the default id. */
  id?: string;
}

/**
 * Lower-case, dash-separated, only [a-z0-9-]: safe as a file name on every system. At most 80 characters: a longer
 * one keeps its first 71 and a hash of the whole, so two long names that differ only past the cut (a configuration
 * per host: "…-host-replica-001-iodepth-32-…") still name two files.
 */
export function slug(text: string): string {
  const s = text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (s.length <= 80) return s || "figure";
  return `${s.slice(0, 71).replace(/-+$/, "")}-${fnv1a(s)}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable tag for a long name. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}
