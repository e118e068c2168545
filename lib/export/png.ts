/**
 * SVG → PNG with resvg (a Rust SVG renderer via Node-API): 2× scale, the DejaVu fonts loaded
 * explicitly and system fonts ignored, so the bytes are the same on every run and machine. resvg draws the
 * pixels; the file is encoded by {@link encodePng} (same pixels, a third fewer bytes, several times faster).
 * @module
 */
import { type RenderedImage, Resvg } from "@resvg/resvg-js";
import { encodePng } from "./png_encode.ts";

const DEJAVU = "/usr/share/fonts/truetype/dejavu";

export interface PngOptions {
  scale?: number;
  background?: string;
}

export function svgToPng(svg: string, opts: PngOptions = {}): Uint8Array {
  const image = renderSvg(svg, opts);
  // `pixels` is a fresh copy of resvg's image, so encodePng may use it as scratch space.
  return encodePng(image.pixels, image.width, image.height);
}

/** resvg's rendering of an SVG with the report's fonts, before encoding (premultiplied RGBA pixels). */
export function renderSvg(
  svg: string,
  { scale = 2, background = "#ffffff" }: PngOptions = {},
): RenderedImage {
  return new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background,
    font: {
      loadSystemFonts: false,
      fontFiles: [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSans-Bold.ttf`],
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  }).render();
}
