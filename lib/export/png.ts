/**
 * SVG → PNG with resvg (a Rust SVG renderer via Node-API): 2× scale, the DejaVu fonts loaded
 * explicitly and system fonts ignored, so the bytes are the same on every run and machine (lib/export/fonts.ts
 * picks the files). resvg draws the pixels; the file is encoded by {@link encodePng} (same pixels, a third fewer
 * bytes, several times faster).
 * @module
 */
import { type RenderedImage, Resvg } from "@resvg/resvg-js";
import { encodePng } from "./png_encode.ts";
import { fontFilesFor } from "./fonts.ts";

export interface PngOptions {
  scale?: number;
  background?: string;
}

export function svgToPng(svg: string, opts: PngOptions = {}): Uint8Array {
  const image = renderSvg(svg, opts);
  // `pixels` is a fresh copy of resvg's image, so encodePng may use it as scratch space.
  const pixels = image.pixels;
  const png = encodePng(pixels, image.width, image.height);
  release(pixels);
  return png;
}

/**
 * Gives a buffer's memory back now rather than at the next garbage collection (detaching it): the copy of the
 * pixels is as large as the image (6 MB a figure for the shipped data, up to 12 MB at 20×), and a render worker
 * collects only every few figures (render_worker.ts).
 */
function release(bytes: Uint8Array): void {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) {
    buffer.transfer(0);
  }
}

/**
 * resvg's rendering of an SVG with the report's fonts, before encoding (premultiplied RGBA pixels). `fontFiles`:
 * the files to draw text with (a test compares the cut-down copies with the system's).
 */
export function renderSvg(
  svg: string,
  { scale = 2, background = "#ffffff" }: PngOptions = {},
  fontFiles: string[] = fontFilesFor(svg),
): RenderedImage {
  return new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background,
    font: {
      loadSystemFonts: false,
      fontFiles,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  }).render();
}

/** Width × height of an SVG's root element at `scale`, or 0 when it does not say. */
export function svgPixels(svg: string, scale = 2): number {
  const root = svg.match(/<svg\b[^>]*>/)?.[0] ?? "";
  const size = (name: string) => Number(root.match(new RegExp(`\\s${name}="([\\d.]+)"`))?.[1] ?? 0);
  return size("width") * size("height") * scale * scale;
}
