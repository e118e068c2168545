/**
 * The report's figures drawn, serialised and written one after another: each figure's drawing is dropped
 * once its SVG is written, its PNG (when asked for) renders on the render pool's workers while this thread draws
 * the next (and on a spare worker too while this thread would only wait for one), and PNGs are written in order as
 * they finish. So memory holds one drawing, a bounded amount of SVG text waiting to be rendered
 * ({@link AHEAD_CHARS}) and a few images, not every figure's DOM and image at once (at 20× the shipped data: 83
 * figures, 4.4 MB of SVG).
 * @module
 */
import type { Figure } from "../present/report_figures.ts";
import { figureToSvg } from "../export/svg.ts";
import { RenderPool } from "../export/render_pool.ts";
import { PNG_BACKGROUND } from "../present/report_figures.ts";
import type { ReportFigure } from "./render.ts";
import { collectGarbage, WORTH_COLLECTING_BYTES } from "../gc.ts";
import { nextTurn } from "../turn.ts";

/**
 * SVG text (characters) drawn ahead of the PNGs still to render: the shipped data's 33 figures (1.4 MB) are all
 * drawn while the first ones render, so that from then on both cores render (this thread helps while it waits:
 * RenderPool.helpUntil); bounded, since at 20× the shipped data one figure's SVG can take several MB.
 */
const AHEAD_CHARS = 2e6;

/**
 * Heap growth between figures after which a full collection runs: 6 MB, or an eighth of what the last one left
 * live, whichever is more. A figure's drawing (its DOM, marks and SVG text) outlives a few young-generation
 * collections and is promoted, so at 20× the shipped data ~85 MB of drawings waited in the old generation for the
 * stage's end. A collection takes ~100–150 ms on the ~60–70 MB that 20× leaves live, ~400 ms on 100×'s ~230 MB
 * (where the eighth decides). At 20× (steps of ~7.5 MB) the report peaked at 271 MB against 289 with 12 MB steps
 * and took 18.7 s against 17.9 (medians of 10 interleaved pairs, 2026-12-05); 12 MB steps had given 303–317 MB
 * where 24 MB gave 311–329.
 */
const COLLECT_AFTER_BYTES = 6e6;

/** PDFKit and its fonts load only for a report asked for PDFs (a sixth of the report's start-up otherwise). */
const pdfModule = () => import("../export/pdf.ts");

/**
 * Writes figures/ID.svg for each figure as the iterable gives it (draw lazily, e.g. with eachReportFigure, for the
 * memory to stay flat), figures/ID.pdf with `pdf` and figures/ID.png with `png`; returns them for report.md/html.
 * The SVG is always written: report.html shows it inline, and report.md links it when there is no PNG. `meanwhile`
 * runs once every figure is drawn and its SVG written, while the last PNGs still render (the report writes its
 * tables and text then), and is given the figures; the PNGs are all written when this returns.
 */
export async function writeFigures(
  drawn: Iterable<{ fig: Figure; family: string }>,
  write: (name: string, data: string | Uint8Array) => Promise<void>,
  opts: {
    png?: boolean;
    pdf?: boolean;
    meanwhile?: (figures: ReportFigure[]) => Promise<void>;
    /** Where PNGs render (default: a new pool, closed on return; a test passes its own to see it closed). */
    pool?: RenderPool;
  } = {},
): Promise<ReportFigure[]> {
  const figures: ReportFigure[] = [];
  // PNGs are most of the report's time (resvg, ~30 ms a figure): no render workers when none is asked for.
  const pool = opts.png ? opts.pool ?? new RenderPool() : null;
  const rendering: { file: string; png: Promise<Uint8Array>; chars: number }[] = [];
  let ahead = 0;
  /** Writes the oldest PNGs while `more()` says so (waiting for them, and helping to render them). */
  const writeUntil = async (more: () => boolean) => {
    while (rendering.length > 0 && more()) {
      const { file, png, chars } = rendering.shift()!;
      ahead -= chars;
      await pool!.helpUntil(png);
      await write(file, await png);
    }
  };
  let collected = Deno.memoryUsage().heapUsed;
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
      if (pool) {
        const png = pool.render(svg, { background: PNG_BACKGROUND });
        png.catch(() => {}); // awaited in writeUntil; a failure must not count as unhandled meanwhile
        rendering.push({ file: figure.file, png, chars: svg.length });
        ahead += svg.length;
      }
      await write(figure.svgFile, svg);
      if (opts.pdf) {
        const pdf = await (await pdfModule()).svgToPdf(svg, { title: figure.title });
        await write(figure.svgFile.replace(/\.svg$/, ".pdf"), pdf);
      }
      await writeUntil(() => ahead > AHEAD_CHARS);
      // The workers' PNGs come back as messages, read only between tasks (the files are written synchronously):
      // without a turn here a worker waits for its next figure until the drawing ends.
      await nextTurn();
      const used = Deno.memoryUsage().heapUsed;
      if (used > WORTH_COLLECTING_BYTES && used > collected + Math.max(COLLECT_AFTER_BYTES, collected / 8)) {
        collectGarbage();
        collected = Deno.memoryUsage().heapUsed;
      }
    }
    pool?.finish(); // each worker stops once its last figure is rendered, not only when the text is written
    // The spare worker renders meanwhile too: the text is short, and the PNGs left are what the report waits for.
    if (opts.meanwhile) {
      const text = opts.meanwhile(figures);
      await pool?.helpUntil(text);
      await text;
    }
    await writeUntil(() => true);
  } finally {
    pool?.close();
  }
  return figures;
}
