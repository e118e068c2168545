/**
 * A figure as a standalone, deterministic SVG document: namespace declarations, XML prolog, and
 * Plot's generated class names made stable (they are already deterministic per Plot version;
 * clip-path ids are numbered per process, so they are renumbered in document order).
 * @module
 */
import type { Figure } from "../plot/figure.ts";

export function figureToSvg(fig: Figure): string {
  let svg = fig.svg.outerHTML;
  if (!svg.includes('xmlns="http://www.w3.org/2000/svg"')) {
    svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
  }
  if (svg.includes("xlink:") && !svg.includes("xmlns:xlink")) {
    svg = svg.replace("<svg", '<svg xmlns:xlink="http://www.w3.org/1999/xlink"');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renumberIds(svg)}\n`;
}

/** Plot numbers clip-path ids with a global counter ("plot-clip-7"): renumber from 1 per document. */
function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  svg.replace(/id="(plot-clip-\d+)"/g, (_m, id: string) => {
    if (!ids.has(id)) ids.set(id, `plot-clip-${ids.size + 1}`);
    return "";
  });
  return svg.replace(/plot-clip-\d+/g, (id) => ids.get(id) ?? id);
}
