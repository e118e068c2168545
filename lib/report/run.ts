/**
 * The report command's work: analyse one data folder (or two, before/after, like benchstat), draw the
 * figures, and write report.md, a self-contained report.html, results.csv/json and figures/.
 * @module
 */
import { join, resolve } from "node:path";
import type { Analysis } from "../analysis/analyse.ts";
import {
  type AnalysisRequest,
  eachAnalysis,
  loadRequest,
  type RequestHooks,
  type Side,
} from "../analysis/request.ts";
import { describeAnalysis } from "../present/describe.ts";
import { drawnHistograms, drawnSeries, eachReportFigure } from "../present/report_figures.ts";
import { writeAtomic, writeParts } from "../export/write.ts";
import { realFolder } from "../analysis/errors.ts";
import { checkOut, writeOutputSet } from "./output.ts";
import { csvParts, jsonParts, toCsv } from "../export/table.ts";
import { comparisonRows } from "../present/tables.ts";
import { htmlParts, markdownLines, renderLatex, type ReportFigure } from "./render.ts";
import { writeFigures } from "./figure_files.ts";
import { RenderPool } from "../export/render_pool.ts";
import { stopIdleReaders } from "../analysis/readers.ts";
import { type Gate, gate as checkGate, type Verdict } from "../analysis/gate.ts";
import {
  ANALYSIS_OPTIONS,
  type AnalysisOptionValues,
  type FigureOptionValues,
  figureValues,
  type ReportFormat,
} from "../analysis/options.ts";
import type { StoreReportOptions } from "./store.ts";
import { headlineSentences } from "../present/headline.ts";
import { requireResults } from "../analysis/sides.ts";
import { dataName } from "../present/figures.ts";
import { collectGarbage, collectStage } from "../gc.ts";
import { RecordsAsRead } from "../analysis/as_read.ts";

/** The store code loads DuckDB's native addon: only a run with --store loads it (and is granted it). */
const storeModule = () => import("./store.ts");
const changesModule = () => import("./changes.ts");

export type { ReportFormat };

/** What a report run is asked for: the option table's values (lib/analysis/options.ts) and the data folders. */
export interface ReportOptions extends AnalysisOptionValues, StoreReportOptions, Partial<FigureOptionValues> {
  data: string[];
  out: string;
  formats: ReportFormat[];
  check: boolean;
  /** Change points across the --store's batches (with no data folder). */
  changes?: boolean;
  /** Fewest batches on either side of a change point. */
  minSegment?: number;
  /** Significance level α of the change-point family (default 0.05). */
  changeAlpha?: number;
  quiet: boolean;
  /** Progress lines on stderr (only when it is a terminal). */
  progress: boolean;
}

export interface ReportResult {
  analyses: Analysis[];
  files: string[];
  /** The `--check` gate over every analysis: pass, regression or undecided, with reasons in words. */
  gate: Gate;
  summary: string;
}

/**
 * Data up to this many bytes (the folders' files, as walked) is small: the PNGs' render worker starts while it is
 * read, and a spare worker may join the renders (see runReport). The shipped data is 80 MB; 5× it 390 MB.
 */
export const SMALL_DATA_BYTES = 256e6;

/** `hooks`: how the request reads folders (a test counts the reads). */
export async function runReport(opts: ReportOptions, hooks: RequestHooks = {}): Promise<ReportResult> {
  const step = (msg: string) => opts.progress && console.error(`report: ${msg}`);
  const out = resolve(opts.out);
  const dataReal: string[] = [];
  for (const d of opts.data) {
    dataReal.push(await realFolder(d));
  }
  await checkOut(out, dataReal);
  if (opts.store) await (await storeModule()).checkReportStore(opts, dataReal);
  const withFigures = opts.formats.includes("html") || opts.formats.includes("md");
  // SVG always (report.html shows it and links it); PNG (which report.md then shows) and PDF as asked.
  const formats = opts.figureFormats ?? figureValues({}).figureFormats;
  // For small data the PNGs' render worker starts as the reading begins: its start-up runs on the other core
  // during the reading and the analysis, so the first figure drawn renders at once (started after the reading
  // instead, it raised the peak of a report whose analysis is its largest stage, 1 000 runs a side: 204 against
  // 185 MB), and a spare worker renders the last PNGs beside it while this thread waits (1×: 0.06–0.12 s sooner,
  // ~20 MB more). Larger data takes seconds to read and to draw, the one worker keeps up with the drawing: there
  // the idle worker's ~18 MB added to the reading's peak, the spare ~20 MB to the drawing's (20×) and 30–60 MB at
  // 5×, for no time. It then starts with the first figure, alone. writeFigures closes the pool, or leaving this does.
  using pool = withFigures && formats.includes("png") ? new RenderPool() : null;
  let sized = 0;
  const reading: RequestHooks = {
    ...hooks,
    onSized: (bytes, files) => {
      hooks.onSized?.(bytes, files);
      sized += bytes;
      if (!pool) return;
      pool.spareAllowed = sized <= SMALL_DATA_BYTES;
      if (pool.spareAllowed) pool.start();
    },
  };
  if (!opts.data.length) pool?.start(); // the store's history: no folder to size
  step(opts.data.length ? `reading ${opts.data.join(" and ")}` : `reading the store ${opts.store}`);
  const { analyses, undecided, toStore } = await analyseReport(opts, reading);
  // The records as read and the analysis' working memory are garbage now (see lib/gc.ts): collected before the
  // figure plan is made on top of them (at 100× the shipped data the process peaked there, at ~1.05 GB).
  collectStage();
  // Histograms and time series only feed figures: those the figures do not draw go now (most of them, with many
  // workloads).
  for (const a of analyses) {
    a.dataset.histograms = withFigures ? drawnHistograms(a) : [];
    a.dataset.series = withFigures ? drawnSeries(a) : [];
  }
  collectStage(); // and their typed arrays' memory goes back to the system
  const withChanges = opts.changes && opts.store
    ? await (await changesModule()).changesReport(opts.store, { ...opts, withFigures })
    : null;
  const shared = { width: opts.figureWidth, noTitles: opts.noTitles };
  // Drawn one at a time as they are written (figure_files.ts), not all held at once.
  function* figures() {
    for (const a of withFigures ? analyses : []) {
      for (const fig of eachReportFigure(a, shared)) yield { fig, family: a.label };
    }
    for (const fig of withChanges?.figures ?? []) yield { fig, family: CHANGES_FAMILY };
  }
  const names: string[] = [];
  await writeOutputSet(out, async (dir) => {
    const write = async (name: string, data: string | Uint8Array) => {
      await writeAtomic(join(dir, name), data);
      names.push(name);
    };
    // The tables and the text are written while the last PNGs render.
    const text = async (embedded: ReportFigure[]) => {
      step(`${embedded.length} figures`);
      collectStage(); // the figures' drawings
      // results.csv and results.json a row at a time, never the whole table (at 20× the shipped data 4 560 rows of
      // 55 cells, ~20 MB held while both files were written).
      const table = () => comparisonRows(analyses.flatMap((a) => a.comparisons));
      const writeText = async (name: string, parts: Iterable<string>, separator?: string) => {
        await writeParts(join(dir, name), parts, separator);
        names.push(name);
      };
      if (opts.formats.includes("csv") && analyses.length) await writeText("results.csv", csvParts(table()));
      if (withChanges && opts.formats.includes("csv")) {
        const { CHANGES_COLUMNS } = await changesModule();
        await write("changes.csv", toCsv(withChanges.csv) || CHANGES_COLUMNS.join(",") + "\n");
      }
      if (opts.formats.includes("json") && analyses.length) {
        await writeText("results.json", jsonParts(table()));
      }
      collectGarbage(); // the tables' text, before the report's text builds its own
      if (opts.formats.includes("tex") && analyses.length) await write("results.tex", renderLatex(analyses));
      const doc = {
        title: title(opts, analyses),
        analyses,
        figures: embedded,
        svg: (f: { svgFile: string }) => Deno.readTextFileSync(join(dir, f.svgFile)),
        describe: once(describeAnalysis),
        headline: headlineSentences,
        changes: withChanges
          ? { ...withChanges.section, figures: embedded.filter((f) => f.family === CHANGES_FAMILY) }
          : undefined,
      };
      if (opts.formats.includes("md")) await writeText("report.md", markdownLines(doc), "\n");
      if (opts.formats.includes("html")) await writeText("report.html", htmlParts(doc));
    };
    await writeFigures(figures(), write, {
      png: pool !== null,
      pool: pool ?? undefined,
      pdf: formats.includes("pdf"),
      meanwhile: text,
    });
  });
  const files = names.map((n) => join(out, n));
  const all = analyses.flatMap((a) => a.comparisons);
  const count = (v: Verdict) => all.filter((c) => c.verdict === v).length;
  const counts = (["better", "worse", "~", "equivalent", "insufficient"] as const)
    .filter((v) => v !== "equivalent" || count(v)).map((v) => `${count(v)} ${v}`).join(", ");
  const flagged = all.filter((c) => c.warnings.length).length;
  const fileWarnings = new Set(
    analyses.flatMap((a) => a.dataset.warnings.map((w) => `${w.source}\n${w.message}`)),
  ).size;
  const main = opts.formats.includes("html") ? "report.html" : opts.formats.includes("md") ? "report.md" : "";
  const summary = `report: ${all.length} comparisons (${counts}); ${flagged} with warnings; ` +
    `${fileWarnings} file warning${fileWarnings === 1 ? "" : "s"} → ${main ? join(out, main) : out}`;
  const gate = withChanges ? withChanges.gate : checkGate(all, analyses.flatMap((a) => a.missing), undecided);
  let stored: string[] = [];
  if (opts.store && toStore) {
    collectGarbage(); // the render workers' memory, before DuckDB's adds to the peak
    const { sides, asRead } = toStore;
    stored = await asRead.during(async () => await (await storeModule()).appendToReportStore(opts, sides));
  }
  const lines = withChanges
    ? [withChanges.summary.replace(/$/, main ? ` → ${join(out, main)}` : "")]
    : [summary];
  return { analyses, files, gate, summary: [...lines, ...stored].join("\n") };
}

/**
 * The request read and analysed. Only the analyses are kept, and with --store the sides as read with their
 * records' fields as read (the analysis pairs series and histograms in place; the append, once the report is
 * written, stores them as read: lib/analysis/as_read.ts).
 */
async function analyseReport(opts: ReportOptions, hooks: RequestHooks) {
  // --changes alone reads only the store: no folder, no request.
  if (!opts.data.length) return { analyses: [], undecided: [], toStore: null };
  const loaded = await loadRequest(reportRequest(opts), hooks);
  stopIdleReaders(); // started by tools/report.ts and not taken by the reading (a small folder, a stored batch)
  // The reading's garbage (file texts, the workers' messages) goes before the analysis builds on the records: at
  // 20× the shipped data reading and analysis then peaked at 308–325 MB instead of 326–365 (`--format csv`).
  collectStage();
  // A folder with no results is nothing to analyse (exit 3).
  for (const { side, dataset } of loaded.sides) if ("folder" in side) requireResults(side.folder, dataset);
  const toStore = opts.store
    ? {
      sides: loaded.sides,
      asRead: new RecordsAsRead(loaded.sides.filter((s) => "folder" in s.side).map((s) => s.dataset)),
    }
    : null;
  const analyses: Analysis[] = [];
  for (const a of eachAnalysis(loaded, "owned")) {
    analyses.push(a);
    // The family's working memory (its records copied, those compared as objects): the next starts without it.
    collectStage();
  }
  return { analyses, undecided: loaded.check.undecided, toStore };
}

/** The report's sides: one folder, two (before, after), or a stored batch (baseline) and the folder. */
export function reportRequest(opts: ReportOptions): AnalysisRequest {
  const sides: Side[] = opts.against
    ? [{ store: opts.store!, batch: opts.against }, { folder: opts.data[0] }]
    : opts.data.map((folder) => ({ folder }));
  // Every analysis option of the table, as parsed: adding one to lib/analysis/options.ts needs no line here.
  const analysis = Object.fromEntries(
    ANALYSIS_OPTIONS.map((o) => [o.key, opts[o.key as keyof AnalysisOptionValues]]),
  ) as AnalysisOptionValues;
  return { sides, ...analysis };
}

/** `f` remembering its answer per analysis (report.md and report.html both describe each). */
function once<T>(f: (a: Analysis) => T): (a: Analysis) => T {
  const made = new Map<Analysis, T>();
  return (a) => made.has(a) ? made.get(a)! : made.set(a, f(a)).get(a)!;
}

/** The figures of the --changes section (not of an analysis). */
const CHANGES_FAMILY = "\nchanges";

/**
 * The heading and `<title>`: experiment.json's `title` when the data declares one, else each folder as the
 * captions name it (relative to where the command ran, never a machine's absolute path).
 */
function title(opts: ReportOptions, analyses: Analysis[]): string {
  const declared = analyses.find((a) => a.title)?.title;
  const name = (path: string) => dataName({ root: path });
  if (opts.data.length === 0) return `Change points: ${name(opts.store!)}`;
  if (opts.against) {
    return `Against the store: ${name(opts.data[0])} vs ${name(opts.store!)} batch ${opts.against}`;
  }
  if (opts.data.length === 2) {
    return `Before/after: ${declared ?? `${name(opts.data[0])} → ${name(opts.data[1])}`}`;
  }
  return `Benchmark report: ${declared ?? name(opts.data[0])}`;
}
