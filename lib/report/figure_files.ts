/**
 * The report's figures drawn, serialised and written one after another: each figure's drawing is dropped
 * once its SVG exists, its PNG (when asked for) renders on the render pool's workers while this thread draws the
 * next (and on a spare worker too while this thread would only wait for one), and only a few finished PNGs wait to
 * be written (in order: svg, png, next figure). So memory holds one drawing and a few images, not every figure's DOM
 * and image at once (at 20× the shipped data: 336 figures).
 * @module
 */
import type { Figure } from "../present/report_figures.ts";
import { figureToSvg } from "../export/svg.ts";
import { RenderPool } from "../export/render_pool.ts";
import { PNG_BACKGROUND } from "../present/report_figures.ts";
import type { ReportFigure } from "./render.ts";

/** PDFKit and its fonts load only for a report asked for PDFs (a sixth of the report's start-up otherwise). */
const pdfModule = () => import("../export/pdf.ts");

/**
 * Writes figures/ID.svg for each figure as the iterable gives it (draw lazily, e.g. with eachReportFigure, for the
 * memory to stay flat), figures/ID.png with `png` and figures/ID.pdf with `pdf`; returns them for report.md/html.
 * The SVG is always written: report.html shows it inline, and report.md links it when there is no PNG.
 */
export async function writeFigures(
  drawn: Iterable<{ fig: Figure; family: string }>,
  write: (name: string, data: string | Uint8Array) => Promise<void>,
  opts: { png?: boolean; pdf?: boolean } = {},
): Promise<ReportFigure[]> {
  const figures: ReportFigure[] = [];
  // PNGs are most of the report's time (resvg, ~40 ms a figure): no render workers when none is asked for.
  const pool = opts.png ? new RenderPool() : null;
  const waiting: { figure: ReportFigure; svg: string; png: Promise<Uint8Array> | null }[] = [];
  const writeUntil = async (left: number) => {
    while (waiting.length > left) {
      const { figure, svg, png } = waiting.shift()!;
      if (png) await pool!.helpUntil(png);
      await write(figure.svgFile, svg);
      if (png) await write(figure.file, await png);
      if (opts.pdf) {
        await write(
          figure.svgFile.replace(/\.svg$/, ".pdf"),
          await (await pdfModule()).svgToPdf(svg, { title: figure.title }),
        );
      }
    }
  };
  try {
    for (const { fig, family } of drawn) {
      const svg = figureToSvg(fig);
      const figure = {
        title: fig.title,
        file: `figures/${fig.id}.${pool ? "png" : "svg"}`,
        svgFile: `figures/${fig.id}.svg`,
        family,
      };
      figures.push(figure);
      const png = pool ? pool.render(svg, { background: PNG_BACKGROUND }) : null;
      png?.catch(() => {}); // awaited in writeUntil; a failure must not count as unhandled meanwhile
      waiting.push({ figure, svg, png });
      await writeUntil(2 * (pool?.threads ?? 0));
    }
    await writeUntil(0);
  } finally {
    pool?.close();
  }
  return figures;
}
