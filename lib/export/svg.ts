/**
 * A figure as a standalone, deterministic, well-formed SVG document: namespace declarations, XML prolog,
 * and Plot's generated class names made stable (they are already deterministic per Plot version;
 * clip-path ids are numbered per process, so they are renumbered in document order).
 *
 * Serialised here, not with linkedom's `outerHTML`: in an HTML document linkedom writes attribute values
 * unescaped (only `"` becomes `&quot;`), so a workload named `R&W` in the `aria-label` made the file
 * ill-formed XML that resvg (PNG export) refused. Everything else matches linkedom's output byte for byte.
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
  const visit = (n: Node) => {
    if (n.nodeType === 3) out.push(escapeXmlText(n.nodeValue ?? ""));
    else if (n.nodeType === 8) out.push(`<!--${(n.nodeValue ?? "").replace(/--/g, "- -")}-->`);
    else if (n.nodeType === 1) {
      const el = n as Element;
      out.push(`<${el.localName}`);
      for (const a of el.attributes) {
        // linkedom drops empty id/class/style; keep its layout.
        if (a.value === "" && (a.name === "id" || a.name === "class" || a.name === "style")) continue;
        out.push(` ${a.name}="${escapeXmlAttribute(a.value)}"`);
      }
      if (!el.firstChild) return void out.push(" />");
      out.push(">");
      for (let c: ChildNode | null = el.firstChild; c; c = c.nextSibling) visit(c);
      out.push(`</${el.localName}>`);
    }
  };
  visit(node);
  return out.join("");
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
