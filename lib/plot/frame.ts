/**
 * Wraps a Plot chart in a standalone SVG with what an article figure needs around it: title,
 * subtitle (n and method), a colour legend, and a source caption — all as SVG text, so the exported
 * file carries them (Plot's own title/caption would be HTML around the SVG).
 * @module
 */
import { textWidth } from "./text_width.ts";
import { plotDocument } from "./dom.ts";
import type { Figure, ThemeName } from "./figure.ts";
import { FONT_STACK, THEMES } from "./theme.ts";
import { dashOf, shapeOf, shapePath } from "./channels.ts";
import { pushAll } from "../arrays.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

export interface FrameInput {
  id: string;
  title: string;
  subtitle?: string;
  caption?: string;
  legend?: Map<string, string>;
  /** The chart from Plot.plot (an <svg> element). */
  chart: Element;
  theme?: ThemeName;
  width: number;
  /**
   * How the legend shows each name: a colour swatch (series named on an axis), or its colour with the second
   * channel the marks use (channels.ts): marker shape, dashed line, or a dashed line through the marker.
   */
  legendKind?: "swatch" | "shape" | "line" | "line+shape";
  /** Leave out title, subtitle and caption (a paper's caption says them); the legend stays. */
  noTitles?: boolean;
}

export function frame(input: FrameInput): Figure {
  const doc = plotDocument();
  const theme = THEMES[input.theme ?? "light"];
  const root = doc.createElementNS(SVG_NS, "svg");
  const pad = 16;
  let y = pad;
  const text = (content: string, x: number, yy: number, attrs: Record<string, string>) => {
    const t = doc.createElementNS(SVG_NS, "text");
    t.setAttribute("x", String(x));
    t.setAttribute("y", String(yy));
    for (const [k, v] of Object.entries(attrs)) t.setAttribute(k, v);
    t.textContent = content; // text nodes are escaped on serialisation: data cannot inject markup
    return t;
  };
  const body: Element[] = [];
  const titled = !input.noTitles;
  if (titled) {
    y += 18;
    for (const [i, line] of wrap(input.title, input.width - 2 * pad, 10.5).entries()) {
      if (i) y += 20;
      body.push(text(line, pad, y, { "font-size": "17", "font-weight": "bold", fill: theme.foreground }));
    }
    for (const line of wrap(input.subtitle ?? "", input.width - 2 * pad, 6.3)) {
      y += 17;
      body.push(text(line, pad, y, { "font-size": "12", fill: theme.muted }));
    }
  } else y -= 6;
  if (input.legend && input.legend.size) {
    y += 22;
    let x = pad;
    const kind = input.legendKind ?? "swatch";
    const key = legendKeyWidth(kind);
    for (const [name, color] of input.legend) {
      const step = Math.ceil(key + 5 + textWidth(name, 12) + 16);
      // A narrow (print) figure: the legend wraps onto more lines instead of running off the edge.
      if (x > pad && x + step - 16 > input.width - pad) {
        x = pad;
        y += 17;
      }
      pushAll(body, legendKey(doc, kind, color, x, y - 4));
      body.push(
        text(name, x + key + 5, y, {
          "font-size": "12",
          fill: theme.foreground,
        }),
      );
      x += step;
    }
  }
  y += 10;
  const chartHeight = Number(input.chart.getAttribute("height") ?? 300);
  input.chart.setAttribute("x", "0");
  input.chart.setAttribute("y", String(y));
  body.push(input.chart);
  y += chartHeight;
  for (const line of titled ? wrap(input.caption ?? "", input.width - 2 * pad, 5.6) : []) {
    y += 15;
    body.push(text(line, pad, y, { "font-size": "10.5", fill: theme.muted }));
  }
  const height = Math.ceil(y + (titled ? pad : 4));
  const bg = doc.createElementNS(SVG_NS, "rect");
  for (const [k, v] of Object.entries({ width: "100%", height: "100%", fill: theme.background })) {
    bg.setAttribute(k, v);
  }
  for (
    const [k, v] of Object.entries({
      xmlns: SVG_NS,
      width: String(input.width),
      height: String(height),
      viewBox: `0 0 ${input.width} ${height}`,
      "font-family": FONT_STACK,
      color: theme.foreground,
      role: "img",
      "aria-label": input.title,
    })
  ) root.setAttribute(k, v);
  root.appendChild(bg);
  for (const el of body) root.appendChild(el);
  return { id: input.id, title: input.title, svg: root, width: input.width, height };
}

/**
 * The width of a name's key. A line with a marker on it is 36 px: the marker hides its middle 8 px, and each side
 * must still show a whole dash pattern (up to 17 px: "9,3,2,3"); on a 24 px key the longer patterns read as solid.
 */
function legendKeyWidth(kind: string): number {
  return kind === "line+shape" ? 36 : kind === "line" ? 24 : 12;
}

/** A legend key centred vertically on `cy`, starting at `x`. */
function legendKey(doc: Document, kind: string, color: string, x: number, cy: number): Element[] {
  const el = (tag: string, attrs: Record<string, string | number>) => {
    const e = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };
  if (kind === "swatch") return [el("rect", { x, y: cy - 6, width: 12, height: 12, rx: 2, fill: color })];
  const keys: Element[] = [];
  if (kind.startsWith("line")) {
    const dash = dashOf(color);
    keys.push(el("line", {
      x1: x,
      x2: x + legendKeyWidth(kind),
      y1: cy,
      y2: cy,
      stroke: color,
      "stroke-width": 2,
      ...(dash ? { "stroke-dasharray": dash } : {}),
    }));
  }
  if (kind.endsWith("shape")) {
    keys.push(
      el("path", { d: shapePath(shapeOf(color), 64, x + legendKeyWidth(kind) / 2, cy), fill: color }),
    );
  }
  return keys;
}

/** Greedy word wrap by an average glyph width (px per character at the given font size). */
export function wrap(text: string, width: number, charWidth: number): string[] {
  if (!text) return [];
  const max = Math.max(10, Math.floor(width / charWidth));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Panels with their own scales, one under the other, each under its name: for facets whose values
 * differ by orders of magnitude (UDP at a fixed rate beside TCP), which one shared axis would flatten.
 */
export function stackCharts(
  panels: { name: string; chart: Element }[],
  width: number,
  theme?: ThemeName,
): Element {
  const doc = plotDocument();
  const root = doc.createElementNS(SVG_NS, "svg");
  let y = 0;
  for (const { name, chart } of panels) {
    y += 16;
    const label = doc.createElementNS(SVG_NS, "text");
    for (const [k, v] of Object.entries({ x: 16, y, "font-size": 12, "font-weight": "bold" })) {
      label.setAttribute(k, String(v));
    }
    label.setAttribute("fill", THEMES[theme ?? "light"].foreground);
    label.textContent = name;
    chart.setAttribute("x", "0");
    chart.setAttribute("y", String(y + 2));
    root.append(label, chart);
    y += 2 + Number(chart.getAttribute("height") ?? 0);
  }
  for (const [k, v] of Object.entries({ width, height: y, viewBox: `0 0 ${width} ${y}` })) {
    root.setAttribute(k, String(v));
  }
  return root;
}

/**
 * Room below a bottom x axis: tick labels end about 21 px under the axis line, so its title goes
 * at 38 px, clear of them, and the margin holds both.
 */
export const X_AXIS_BOTTOM = { marginBottom: 46, labelOffset: 38 };

/** Options every Plot chart gets: no own background, theme colours, the shared font. */
export function plotStyle(theme: ThemeName = "light") {
  const t = THEMES[theme];
  return {
    background: "transparent",
    color: t.foreground,
    fontFamily: FONT_STACK,
    fontSize: "11px",
    overflow: "visible",
  };
}
