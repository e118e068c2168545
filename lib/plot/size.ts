/**
 * Figure sizes. On screen a figure is 760 px wide. For print it is laid out at the width it will be printed
 * (a journal column is 3.5 in, a full page 7 in): axes, legends and labels are placed for that width rather
 * than shrunk into it, so every text keeps the size it was drawn at. The SVG's unit is the CSS px (1/96 in),
 * so a figure for a 252 pt column is 336 px wide and 11 px text prints at 8.25 pt.
 * @module
 */

/** The screen figure's width in px. */
export const SCREEN_WIDTH = 760;

/** Named print widths in points (1/72 in). */
export const PRINT_WIDTHS: Record<string, number> = { column: 252, page: 504 };

/** CSS px per point. */
export const PX_PER_PT = 96 / 72;

/**
 * A printed page's text block in points: 7 × 9 in, which US letter and A4 both hold with 1 in margins above and
 * below. Its width is the "page" print width.
 */
export const PRINT_PAGE_PT = { width: PRINT_WIDTHS.page, height: 648 };

/**
 * The tallest figure, in px, that prints on one page at its width: a figure up to the page's width prints at its own
 * size (9 in = 864 px); a wider one (the screen's 760 px) is scaled down to the page's width, so it may be as much
 * taller (977 px).
 */
export function pageHeight(width: number): number {
  const pageWidth = PRINT_PAGE_PT.width * PX_PER_PT;
  return Math.floor(PRINT_PAGE_PT.height * PX_PER_PT * Math.max(1, width / pageWidth));
}

/** No text of a printed figure is smaller than this (most journals ask for 6–8 pt; we hold 7). */
export const MIN_PRINT_PT = 7;

/** The narrowest and widest print widths accepted, in points (1 in to 11 in). */
const RANGE_PT = [72, 792];

/**
 * "column", "page", "300pt", "3.5in" → the figure's width in px; "" → undefined (the screen's);
 * null when the text is none of those.
 */
export function parseFigureWidth(text: string): number | undefined | null {
  const t = text.trim().toLowerCase();
  if (t === "" || t === "screen") return undefined;
  let pt = PRINT_WIDTHS[t];
  const m = t.match(/^(\d+(?:\.\d+)?)\s*(pt|in)$/);
  if (m) pt = Number(m[1]) * (m[2] === "in" ? 72 : 1);
  if (!(pt >= RANGE_PT[0] && pt <= RANGE_PT[1])) return null;
  return Math.round(pt * PX_PER_PT);
}

/** True when a figure is narrower than the screen's: figures then use their compact layout. */
export function isNarrow(width: number): boolean {
  return width < 600;
}

/**
 * A label broken onto lines of at most `max` characters at its separators ("randread-4k-qd32" →
 * "randread-4k-\nqd32"; Plot draws each line of a tick label). A part longer than `max` stays whole.
 */
export function breakLabel(text: string, max: number): string {
  const parts = text.match(/[^-_\s·/]+[-_\s·/]*|[-_\s·/]+/g) ?? [text];
  const lines: string[] = [];
  let line = "";
  for (const part of parts) {
    if (line && (line + part).trimEnd().length > max) {
      lines.push(line.trimEnd());
      line = part.trimStart();
    } else line += part;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.join("\n");
}

/**
 * How facet names beside the panels are drawn in a margin of `pixels`: as they are when every one fits (11 px DejaVu
 * Sans, about 6.6 px per character), else broken onto lines at their separators. Per-host configurations at scale
 * ("bs=4k direct=1 host=replica-001 iodepth=32 …") would otherwise run off the figure's edge.
 */
export function facetLabels(names: string[], pixels: number): ((name: string) => string) | undefined {
  const max = Math.floor(pixels / 6.6);
  return names.some((n) => n.length > max) ? (name: string) => breakLabel(name, max) : undefined;
}

/**
 * An axis label with its reading hint ("— lower is cheaper") when both fit in `pixels` at 11 px DejaVu Sans (about
 * 6.2 px per character), else the label alone: a print column has no room for the hint.
 */
export function fitLabel(label: string, hint: string, pixels: number): string {
  const full = `${label}${hint}`;
  return full.length * 6.2 <= pixels ? full : label;
}
