/**
 * Jupyter display for the Deno kernel.
 *
 * Figures go out as a picture every front end shows, trusted or not: `image/png` (2×, with its
 * display size in the metadata) and `text/html` holding an `<img>` of the same PNG as a data: URI.
 * Inline SVG in `text/html` is stripped to run-on text by the sanitiser of an untrusted classic
 * notebook (and by GitHub's), nbconvert 6.5 mangles `image/svg+xml` with its HTML cleaner, and an
 * untrusted notebook ignores `image/svg+xml`; an `<img>` with a data: URI passes all of them. The
 * SVG itself is what the export cell writes to disk.
 *
 * {@link display} sends a bundle with `Deno.jupyter.broadcast` while the cell runs, and keeps the cell
 * running a moment longer so the kernel sends it under this cell's header. A value left as the
 * cell's last expression would instead go out as `execute_result`, which the Deno kernel can send
 * after it reports the cell idle, under the next cell's header — Restart & Run All then shows it
 * under the wrong cell.
 * @module
 */
import { Buffer } from "node:buffer";
import type { Figure } from "../plot/figure.ts";
import { escapeHtml } from "./escape.ts";
import { svgToPng } from "./png.ts";
import { figureToSvg } from "./svg.ts";
import { type Record_, toHtmlTable, toMarkdown } from "./table.ts";

export type MimeBundle = Record<string, string>;

export interface Displayable {
  [key: symbol]: () => MimeBundle;
  /** Per-MIME display metadata (e.g. the PNG's size in CSS pixels). */
  metadata?: Record<string, Record<string, number>>;
}

const DISPLAY = Symbol.for("Jupyter.display");

function bundle(data: MimeBundle, metadata?: Displayable["metadata"]): Displayable {
  return { [DISPLAY]: () => data, ...(metadata ? { metadata } : {}) };
}

/** The bundle a displayable carries. */
export function mimeBundle(d: Displayable): MimeBundle {
  return d[DISPLAY]();
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

export function displayFigure(fig: Figure): Displayable {
  const png = base64(svgToPng(figureToSvg(fig)));
  const alt = `figure ${fig.id}: ${fig.title}`;
  return bundle({
    "text/html": `<img src="data:image/png;base64,${png}" width="${fig.width}" height="${fig.height}" ` +
      `alt="${escapeHtml(alt)}" title="${escapeHtml(fig.title)}" style="max-width:100%;height:auto">`,
    "image/png": png,
    "text/plain": `[${alt}]`,
  }, { "image/png": { width: fig.width, height: fig.height } });
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

/**
 * Prose written in Markdown (paragraphs, `**strong**`, `*emphasis*`, `` `code` ``): `text/markdown` for front ends that
 * render it, the same as HTML for the classic notebook (untrusted, it shows sanitised HTML but not Markdown), and
 * `text/plain` without the marks for consoles.
 */
export function displayMarkdown(markdown: string): Displayable {
  return bundle({
    "text/html": markdownHtml(markdown),
    "text/markdown": markdown,
    "text/plain": markdown.replace(/\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])/g, ""),
  });
}

/** The few inline marks the notebooks' prose uses, as HTML; everything else escaped. */
export function markdownHtml(markdown: string): string {
  return markdown.split(/\n\s*\n/).map((para) =>
    "<p>" + escapeHtml(para.trim()).replace(/\n/g, " ")
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, "<strong>$1</strong>")
      .replace(/(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])/g, "<em>$1</em>") +
    "</p>"
  ).join("\n");
}

/** Plain text, and HTML in which the long parts can be folded (`<details>`). */
export function displayFolded(text: string, html: string): Displayable {
  return bundle({ "text/plain": text, "text/html": html });
}

interface Jupyter {
  broadcast(type: string, content: Record<string, unknown>): Promise<void>;
}

/**
 * Sends `d` as a display_data message of the running cell (a no-op outside a Deno Jupyter kernel,
 * e.g. in tests). Await it: the message must leave before the cell finishes.
 */
export async function display(d: Displayable): Promise<void> {
  const jupyter = (Deno as unknown as { jupyter?: Jupyter }).jupyter;
  if (!jupyter) return;
  await jupyter.broadcast("display_data", { data: mimeBundle(d), metadata: d.metadata ?? {}, transient: {} });
  // The kernel labels the message with its parent cell when it sends it, after broadcast() has
  // returned: if the cell ends first and the next one starts, the output goes under the next cell.
  // Measured on a kernel fed 40 cells at once under CPU stress: 18 of 240 displays misplaced without
  // this pause, 0 of 240 with 30 ms; 50 ms leaves a margin and costs well under a second per notebook.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

const SETTLE_MS = 50;
