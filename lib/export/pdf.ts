/**
 * SVG → vector PDF for LaTeX (pdflatex) and journals: PDFKit draws the figure's paths and text, with the
 * same two DejaVu files the PNG uses embedded as subsets, so the PDF needs no font on the reader's machine.
 *
 * Chosen over librsvg's `rsvg-convert` (measured on the shipped figures, README "Figures for a paper"):
 * it runs inside the report's Deno sandbox (no subprocess to grant), its version is pinned by the lock
 * (the same bytes on every machine), its fonts are exactly the files we name (rsvg asks fontconfig),
 * and rendered back to pixels it is nearer our PNG.
 * @module
 */
import { Buffer } from "node:buffer";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { SYSTEM_FONTS } from "./fonts.ts";

/** CSS px (1/96 in, the SVG's user unit) → PDF points (1/72 in). */
export const PT_PER_PX = 0.75;

/** A fixed date: the same figure gives the same bytes (the PDF's ID is derived from its info). */
const EPOCH = new Date(Date.UTC(2000, 0, 1));

/** The SVG's size in px from its root `width`/`height` attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = svg.match(/<svg\b[^>]*>/)?.[0] ?? "";
  const attr = (name: string) => Number(root.match(new RegExp(`\\s${name}="([\\d.]+)(px)?"`))?.[1]);
  const width = attr("width"), height = attr("height");
  if (!(width > 0 && height > 0)) throw new Error("the SVG has no width and height in px on its root");
  return { width, height };
}

export async function svgToPdf(svg: string, { title = "" } = {}): Promise<Uint8Array> {
  const { width, height } = svgSize(svg);
  const size = [width * PT_PER_PX, height * PT_PER_PX];
  const doc = new PDFDocument({
    size,
    margin: 0,
    compress: true,
    info: { Title: title, Producer: "virtio-bench", Creator: "virtio-bench", CreationDate: EPOCH },
  });
  // The system's two files, embedded (the report must be allowed to read them: tools/report.sh).
  doc.registerFont("DejaVu Sans", SYSTEM_FONTS[0]);
  doc.registerFont("DejaVu Sans Bold", SYSTEM_FONTS[1]);
  const chunks: Uint8Array[] = [];
  doc.on("data", (c: Uint8Array) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });
  SVGtoPDF(doc, svg, 0, 0, {
    width: size[0],
    height: size[1],
    // Every text is DejaVu, as in the PNG: the font stack's other names are for viewers without it.
    fontCallback: (_family: string, bold: boolean) => bold ? "DejaVu Sans Bold" : "DejaVu Sans",
  });
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
