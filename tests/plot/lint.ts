/**
 * A figure lint measured in Chromium (the figure's SVG inline in a page): what a reader would trip
 * over. Returns problems in words; an empty list is a pass.
 * - text contrast: each text against what is drawn under it (the shapes under three points of its
 *   box, composited with their opacities) — at least 4.5:1 (WCAG 2.1 AA for text);
 * - no two text boxes overlap (more than 1 px each way);
 * - no empty facet: each facet frame holds at least one data mark.
 * - nothing drawn off the figure (a legend or label past the right edge), no dot centred on a facet frame's edge;
 * - series told apart without colour (greyscale print, colour-blind readers): two line series of similar grey
 *   differ in dash, two dot series of similar grey that share rows differ in shape;
 * - for print (`ptPerPx` given): no text smaller than 7 pt at the printed size.
 * Units per quantity across a set of figures are checked on their text by {@link unitsByQuantity}.
 */
import type { Page } from "puppeteer-core";

export interface LintResult {
  id: string;
  problems: string[];
  texts: string[];
}

export async function lintSvg(
  page: Page,
  id: string,
  svg: string,
  { ptPerPx = 0, minPt = 7 } = {},
): Promise<LintResult> {
  // The whole figure inside the viewport: elementsFromPoint sees nothing below it (a tall print figure).
  const size = svg.match(/<svg\b[^>]*?\sheight="([\d.]+)"/);
  await page.setViewport({ width: 1000, height: Math.max(800, Math.ceil(Number(size?.[1] ?? 0)) + 10) });
  await page.setContent(
    `<!doctype html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>\s*/, "")}</body>`,
  );
  const result = await page.evaluate(
    (ptPerPx: number, minPt: number) => {
      const problems: string[] = [];
      const rgba = (css: string | null): [number, number, number, number] | null => {
        const m = css?.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const [r, g, b, a] = m[1].split(",").map(Number);
        return [r, g, b, a ?? 1];
      };
      const lum = ([r, g, b]: number[]) => {
        const f = (c: number) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const contrast = (a: number[], b: number[]) => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      };
      const over = (top: number[], alpha: number, under: number[]) =>
        top.map((c, i) => c * alpha + under[i] * (1 - alpha));
      const opacity = (el: Element) => {
        let o = 1;
        for (let e: Element | null = el; e && e.tagName !== "BODY"; e = e.parentElement) {
          o *= Number(getComputedStyle(e).opacity);
        }
        return o;
      };
      /** The colour under a point: every filled shape there except text, bottom first. */
      const under = (x: number, y: number, self: Element) => {
        let colour = [255, 255, 255];
        const SHAPES = ["rect", "circle", "ellipse", "path", "polygon", "image"];
        const stack = document.elementsFromPoint(x, y).filter((e) => e !== self && SHAPES.includes(e.tagName))
          .reverse();
        for (const e of stack) {
          const cs = getComputedStyle(e);
          const fill = rgba(cs.fill);
          if (!fill || cs.fill === "none") continue;
          colour = over(fill.slice(0, 3), fill[3] * Number(cs.fillOpacity) * opacity(e), colour);
        }
        return colour;
      };
      const texts = [...document.querySelectorAll("svg text")].filter((t) =>
        (t.textContent ?? "").trim() !== ""
      );
      const boxes = texts.map((t) => ({ t, r: t.getBoundingClientRect() })).filter(({ r }) => r.width > 0);
      for (const { t, r } of boxes) {
        const cs = getComputedStyle(t);
        const fill = rgba(cs.fill);
        if (!fill) continue;
        let worst = Infinity;
        for (const fx of [0.2, 0.5, 0.8]) {
          const bg = under(r.left + r.width * fx, r.top + r.height / 2, t);
          const ink = over(fill.slice(0, 3), fill[3] * Number(cs.fillOpacity) * opacity(t), bg);
          worst = Math.min(worst, contrast(ink, bg));
        }
        if (worst < 4.5) problems.push(`text "${t.textContent}" has contrast ${worst.toFixed(2)}:1 (< 4.5)`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r, b = boxes[j].r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) {
            problems.push(`texts overlap: "${boxes[i].t.textContent}" and "${boxes[j].t.textContent}"`);
          }
        }
      }
      const MARKS = ["dot", "tick", "rule", "bar", "cell", "line", "area", "text"];
      const marks = [...document.querySelectorAll("g[aria-label]")]
        .filter((g) => MARKS.includes(g.getAttribute("aria-label") ?? ""))
        .flatMap((g) => [...g.querySelectorAll("circle, line, rect, path, text")])
        .map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 || r.height > 0);
      const frames = [...document.querySelectorAll("g[aria-label=frame] rect, rect[aria-label=frame]")];
      for (const f of frames) {
        const r = f.getBoundingClientRect();
        const inside = marks.some((m) => {
          const cx = m.left + m.width / 2, cy = m.top + m.height / 2;
          return cx >= r.left && cx <= r.right && cy >= r.top && cy <= r.bottom;
        });
        if (!inside) problems.push(`empty facet at (${Math.round(r.left)}, ${Math.round(r.top)})`);
      }
      // Print: the smallest text at the printed size.
      if (ptPerPx > 0) {
        for (const { t } of boxes) {
          const pt = parseFloat(getComputedStyle(t).fontSize) * ptPerPx;
          if (pt < minPt - 0.01) {
            problems.push(
              `text "${t.textContent}" is ${pt.toFixed(1)} pt in print (< ${minPt})`,
            );
          }
        }
      }
      // Nothing off the figure.
      const root = document.querySelector("body > svg")!.getBoundingClientRect();
      for (const e of document.querySelectorAll("svg text, svg circle, svg rect, svg path, svg line")) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (
          r.right > root.right + 1 || r.left < root.left - 1 || r.bottom > root.bottom + 1 ||
          r.top < root.top - 1
        ) {
          const what = e.tagName === "text" ? `text "${e.textContent}"` : `a ${e.tagName}`;
          problems.push(
            `${what} runs off the figure (${Math.round(r.left)}–${Math.round(r.right)} of ${root.width})`,
          );
        }
      }
      // No dot centred on a facet frame's edge (Plot's frame mark).
      const dots = [...document.querySelectorAll("g[aria-label=dot] circle, g[aria-label=dot] path")].map((
        e,
      ) => ({
        e,
        r: e.getBoundingClientRect(),
      }));
      for (const f of frames) {
        const r = f.getBoundingClientRect();
        for (const { r: d } of dots) {
          const cx = d.left + d.width / 2, cy = d.top + d.height / 2;
          const inside = cy >= r.top - 1 && cy <= r.bottom + 1 && cx >= r.left - 1 && cx <= r.right + 1;
          const onEdge = Math.min(
            Math.abs(cx - r.left),
            Math.abs(cx - r.right),
            Math.abs(cy - r.top),
            Math.abs(cy - r.bottom),
          ) < 1;
          if (inside && onEdge) {
            problems.push(
              `a dot sits on the frame edge at (${Math.round(cx)}, ${Math.round(cy)})`,
            );
          }
        }
      }
      // Told apart without colour: similar greys need a dash (lines) or a shape (dots sharing rows).
      const grey = (css: string) => {
        const c = rgba(css);
        return c ? lum(c) : null;
      };
      const similar = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) < 1.5;
      const lines = [...document.querySelectorAll("g[aria-label=line]")].flatMap((g) =>
        [...g.querySelectorAll("path")].map((p) => {
          const cs = getComputedStyle(p);
          return { colour: cs.stroke, dash: cs.strokeDasharray, l: grey(cs.stroke) };
        })
      );
      const seen = new Set<string>();
      for (const a of lines) {
        for (const b of lines) {
          const key = `${a.colour}|${b.colour}`;
          if (a.colour >= b.colour || seen.has(key) || a.l === null || b.l === null) continue;
          seen.add(key);
          if (similar(a.l, b.l) && a.dash === b.dash) {
            problems.push(
              `lines ${a.colour} and ${b.colour}: similar grey, same dash`,
            );
          }
        }
      }
      const series = new Map<string, { shapes: Set<string>; rows: Set<number> }>();
      for (const { e, r } of dots) {
        const cs = getComputedStyle(e);
        const colour = cs.fill !== "none" && !cs.fill.startsWith("rgb(255, 255, 255") ? cs.fill : cs.stroke;
        const s = series.get(colour) ??
          series.set(colour, { shapes: new Set(), rows: new Set() }).get(colour)!;
        s.shapes.add(e.tagName === "circle" ? "circle" : (e.getAttribute("d") ?? "").replace(/[\d.]+/g, "#"));
        s.rows.add(Math.round(r.top + r.height / 2));
      }
      const named = [...series];
      for (let i = 0; i < named.length; i++) {
        for (let j = i + 1; j < named.length; j++) {
          const [ca, a] = named[i], [cb, b] = named[j];
          const la = grey(ca), lb = grey(cb);
          if (la === null || lb === null || !similar(la, lb)) continue;
          const sharedRow = [...a.rows].some((y) => b.rows.has(y) || b.rows.has(y - 1) || b.rows.has(y + 1));
          const sharedShape = [...a.shapes].some((s) => b.shapes.has(s));
          if (sharedRow && sharedShape) {
            problems.push(
              `dots ${ca} and ${cb}: similar grey, same shape, same rows`,
            );
          }
        }
      }
      return { problems, texts: boxes.map(({ t }) => t.textContent ?? "") };
    },
    ptPerPx,
    minPt,
  );
  return { id, ...result };
}

const QUANTITY: [RegExp, string][] = [
  [/^(kB|MB|GB)\/s$/, "bytes/s"],
  [/^(kbit|Mbit|Gbit)\/s$/, "bits/s"],
  [/^(ns|µs|ms)$/, "time"],
  [/^k?IOPS$/, "io/s"],
];

/** Units as a reader meets them: inside brackets ("(MB/s, log scale)") or after a number ("623 Mbit/s"). */
export function unitsByQuantity(texts: string[]): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const note = (token: string) => {
    const q = QUANTITY.find(([re]) => re.test(token))?.[1];
    if (q) (found.get(q) ?? found.set(q, new Set()).get(q)!).add(token);
  };
  for (const text of texts) {
    for (const m of text.matchAll(/\(([^()]*)\)/g)) m[1].split(/,\s*|;\s*/).forEach((t) => note(t.trim()));
    for (const m of text.matchAll(/\d\s+((?:k|M|G)?(?:B|bit)\/s|ns|µs|ms|k?IOPS)\b/g)) note(m[1]);
  }
  return found;
}
