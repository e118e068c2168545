/**
 * Jupyter display for the Deno kernel: objects with a `Symbol.for("Jupyter.display")` method are
 * rendered with the MIME bundle it returns. Figures go out as BOTH `text/html` (what nbconvert 6.5
 * HTML and VS Code render reliably) and `image/svg+xml` (what GitHub and JupyterLab prefer).
 * @module
 */
import type { Figure } from "../plot/figure.ts";
import { escapeHtml } from "./escape.ts";
import { figureToSvg } from "./svg.ts";
import { type Record_, toHtmlTable, toMarkdown } from "./table.ts";

export interface Displayable {
  [key: symbol]: () => Record<string, string>;
}

const DISPLAY = Symbol.for("Jupyter.display");

function bundle(data: Record<string, string>): Displayable {
  return { [DISPLAY]: () => data };
}

export function displayFigure(fig: Figure): Displayable {
  const svg = figureToSvg(fig).replace(/^<\?xml[^>]*>\s*/, "");
  return bundle({ "text/html": svg, "image/svg+xml": svg, "text/plain": `[figure ${fig.id}: ${fig.title}]` });
}

export function displayTable(rows: Record_[]): Displayable {
  return bundle({
    "text/html": toHtmlTable(rows),
    "text/markdown": toMarkdown(rows),
    "text/plain": toMarkdown(rows),
  });
}

export function displayText(text: string): Displayable {
  return bundle({ "text/plain": text, "text/html": `<pre>${escapeHtml(text)}</pre>` });
}
