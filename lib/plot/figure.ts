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

/** Lower-case, dash-separated, only [a-z0-9-]: safe as a file name on every system. */
export function slug(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(
    0,
    80,
  ) ||
    "figure";
}
