/**
 * The report's figures drawn, serialised and written one after another: each figure's drawing is dropped
 * once its SVG exists, its PNG renders on the render pool's workers while this thread draws the next (and on a
 * spare worker too while this thread would only wait for one), and only a few finished PNGs wait to be written
 * (in order: svg, png, next figure). So memory holds one drawing and a few images, not every figure's DOM and
 * image at once (at 20× the shipped data: 336 figures).
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
 * Writes figures/ID.svg, figures/ID.png (and figures/ID.pdf with `pdf`) for each figure as the iterable gives it (draw lazily, e.g. with
 * eachReportFigure, for the memory to stay flat); returns them for report.md/html.
 */
export async function writeFigures(
  drawn: Iterable<{ fig: Figure; family: string }>,
  write: (name: string, data: string | Uint8Array) => Promise<void>,
  opts: { pdf?: boolean } = {},
): Promise<ReportFigure[]> {
  const figures: ReportFigure[] = [];
  const pool = new RenderPool();
  const waiting: { figure: ReportFigure; svg: string; png: Promise<Uint8Array> }[] = [];
  const writeUntil = async (left: number) => {
    while (waiting.length > left) {
      const { figure, svg, png } = waiting.shift()!;
      await pool.helpUntil(png);
      await write(figure.svgFile, svg);
      await write(figure.file, await png);
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
        file: `figures/${fig.id}.png`,
        svgFile: `figures/${fig.id}.svg`,
        family,
      };
      figures.push(figure);
      const png = pool.render(svg, { background: PNG_BACKGROUND });
      png.catch(() => {}); // awaited in writeUntil; a failure must not count as unhandled meanwhile
      waiting.push({ figure, svg, png });
      await writeUntil(2 * pool.threads);
    }
    await writeUntil(0);
  } finally {
    pool.close();
  }
  return figures;
}
