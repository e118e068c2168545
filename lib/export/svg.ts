/**
 * A figure as a standalone, deterministic, well-formed SVG document: namespace declarations, XML prolog,
 * and Plot's generated class names made stable (they are already deterministic per Plot version;
 * clip-path ids are numbered per process, so they are renumbered in document order).
 *
 * Serialised here, not with linkedom's `outerHTML`: in an HTML document linkedom writes attribute values
 * unescaped (only `"` becomes `&quot;`), so a workload named `R&W` in the `aria-label` made the file
 * ill-formed XML that resvg (PNG export) refused.
 *
 * Self-contained for any converter (a journal's, Inkscape, PDF export): Plot's inline `style` (font, size, colour)
 * becomes presentation attributes, and `currentColor` is written as the colour it stands for — a converter that
 * ignores CSS draws the same figure in the same font stack, not 10 px system-ui in black.
 * @module
 */
import type { Figure } from "../plot/figure.ts";
import { escapeXmlAttribute, escapeXmlText } from "./escape.ts";

export function figureToSvg(fig: Figure): string {
  let svg = toXml(fig.svg);
  if (!svg.includes('xmlns="http://www.w3.org/2000/svg"')) {
    svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
  }
  if (svg.includes("xlink:") && !svg.includes("xmlns:xlink")) {
    svg = svg.replace("<svg", '<svg xmlns:xlink="http://www.w3.org/1999/xlink"');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renumberIds(svg)}\n`;
}

/** XML for an element and its subtree, in linkedom's layout (`<rect ... />` for empty elements). */
export function toXml(node: Node): string {
  const out: string[] = [];
  const visit = (n: Node, color: string) => {
    if (n.nodeType === 3) out.push(escapeXmlText(n.nodeValue ?? ""));
    else if (n.nodeType === 8) out.push(`<!--${(n.nodeValue ?? "").replace(/--/g, "- -")}-->`);
    else if (n.nodeType === 1) {
      const el = n as Element;
      const attrs = presentationAttributes(el);
      color = attrs.get("color") ?? color;
      out.push(`<${el.localName}`);
      for (const [name, value] of attrs) {
        // linkedom drops empty id/class/style; keep its layout.
        if (value === "" && (name === "id" || name === "class" || name === "style")) continue;
        const resolved = value === "currentColor" && color ? color : value;
        out.push(` ${name}="${escapeXmlAttribute(resolved)}"`);
      }
      if (!el.firstChild) return void out.push(" />");
      out.push(">");
      for (let c: ChildNode | null = el.firstChild; c; c = c.nextSibling) visit(c, color);
      out.push(`</${el.localName}>`);
    }
  };
  visit(node, "");
  return out.join("");
}

/** Inline style properties an SVG converter also reads as attributes (Plot's `style` option sets these). */
const PRESENTATION = new Set([
  "color",
  "font-family",
  "font-size",
  "font-weight",
  "overflow",
  "fill",
  "stroke",
]);

/**
 * An element's attributes with its inline `style` declarations that SVG has as presentation attributes moved
 * into them (the style wins, as in CSS); other declarations (background) stay in `style`.
 */
function presentationAttributes(el: Element): Map<string, string> {
  const attrs = new Map([...el.attributes].map((a) => [a.name, a.value]));
  const style = attrs.get("style");
  if (!style) return attrs;
  const kept: string[] = [];
  const moved = new Map<string, string>();
  for (const decl of style.split(";")) {
    const at = decl.indexOf(":");
    if (at < 0) continue;
    const name = decl.slice(0, at).trim(), value = decl.slice(at + 1).trim();
    if (PRESENTATION.has(name)) moved.set(name, value.replace(/^(\d+(?:\.\d+)?)px$/, "$1"));
    else if (name !== "background" || value !== "transparent") kept.push(`${name}:${value}`);
  }
  const result = new Map<string, string>();
  for (const [name, value] of attrs) {
    if (name === "style") {
      if (kept.length) result.set(name, kept.join(";"));
    } else result.set(name, moved.get(name) ?? value);
  }
  for (const [name, value] of moved) if (!result.has(name)) result.set(name, value);
  return result;
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
