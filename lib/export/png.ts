/**
 * SVG → PNG with resvg (a Rust SVG renderer via Node-API): 2× scale, the DejaVu fonts loaded
 * explicitly and system fonts ignored, so the bytes are the same on every run and machine.
 * @module
 */
import { Resvg } from "@resvg/resvg-js";

const DEJAVU = "/usr/share/fonts/truetype/dejavu";

export function svgToPng(svg: string, { scale = 2, background = "#ffffff" } = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background,
    font: {
      loadSystemFonts: false,
      fontFiles: [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSans-Bold.ttf`],
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  });
  return resvg.render().asPng();
}
