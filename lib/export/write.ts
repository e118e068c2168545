/**
 * Atomic file output: write to a temporary name in the same folder, then rename — an interrupted
 * run leaves either the old file or the new one, never half of one.
 * @module
 */
import { dirname, join } from "node:path";
import type { Figure } from "../plot/figure.ts";
import { THEMES } from "../plot/theme.ts";
import { svgToPng } from "./png.ts";
import { figureToSvg } from "./svg.ts";

export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${Deno.pid}`;
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}

export interface ExportedFigure {
  svg: string;
  png?: string;
}

/** Writes `<dir>/<id>.svg` and (unless `png: false`) `<dir>/<id>.png` at 2×. */
export async function exportFigure(
  dir: string,
  fig: Figure,
  { png = true, theme = "light" as keyof typeof THEMES } = {},
): Promise<ExportedFigure> {
  const svg = figureToSvg(fig);
  const out: ExportedFigure = { svg: join(dir, `${fig.id}.svg`) };
  await writeAtomic(out.svg, svg);
  if (png) {
    out.png = join(dir, `${fig.id}.png`);
    await writeAtomic(out.png, svgToPng(svg, { background: THEMES[theme].background }));
  }
  return out;
}
