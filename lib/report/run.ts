/**
 * The report command's work: analyse one data folder (or two, before/after, like benchstat), draw the
 * figures, and write report.md, a self-contained report.html, results.csv/json and figures/.
 * @module
 */
import { basename, join, resolve } from "node:path";
import { analyse, analyseDatasets, type Analysis } from "../analysis/analyse.ts";
import { describeAnalysis } from "../present/describe.ts";
import { reportFigures } from "./figures.ts";
import { writeAtomic } from "../export/write.ts";
import { RenderPool } from "../export/render_pool.ts";
import { THEMES } from "../plot/theme.ts";
import { unreadable } from "../ingest/errors.ts";
import { checkOut, writeOutputSet } from "./output.ts";
import { toCsv } from "../export/table.ts";
import { TOOL_FAMILIES } from "../model.ts";
import { comparisonTable } from "../stats/table.ts";
import { figureToSvg } from "../export/svg.ts";
import { loadDir } from "../ingest/load.ts";
import { renderHtml, renderMarkdown, type ReportFigure } from "./render.ts";
import type { Verdict } from "../stats/types.ts";
import type { AnalysisOptionValues, ReportFormat } from "../analysis/options.ts";
import { type Gate, gate as checkGate } from "../stats/verdict.ts";
import type { StoreReportOptions } from "./store.ts";
import { headlineSentences } from "../present/headline.ts";

/** The store code loads DuckDB's native addon: only a run with --store loads it (and is granted it). */
const storeModule = () => import("./store.ts");

export type { ReportFormat };

/** What a report run is asked for: the option table's values (lib/analysis/options.ts) and the data folders. */
export interface ReportOptions extends AnalysisOptionValues, StoreReportOptions {
  data: string[];
  out: string;
  formats: ReportFormat[];
  check: boolean;
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

export async function runReport(opts: ReportOptions): Promise<ReportResult> {
  const step = (msg: string) => opts.progress && console.error(`report: ${msg}`);
  const out = resolve(opts.out);
  const dataReal: string[] = [];
  for (const d of opts.data) {
    dataReal.push(await Deno.realPath(d).catch((err) => Promise.reject(unreadable(err, d))));
  }
  await checkOut(out, dataReal);
  step(`reading ${opts.data.join(" and ")}`);
  const analyses = opts.against
    ? await (await storeModule()).againstStore(opts)
    : opts.data.length === 2
    ? await beforeAfter(opts)
    : await families(opts);
  const withFigures = opts.formats.includes("html") || opts.formats.includes("md");
  const figures = withFigures
    ? analyses.flatMap((a) => reportFigures(a).map((fig) => ({ fig, family: a.label })))
    : [];
  step(`${figures.length} figures`);
  const rows = comparisonTable(analyses.flatMap((a) => a.comparisons));
  const names: string[] = [];
  await writeOutputSet(out, async (dir) => {
    const write = async (name: string, data: string | Uint8Array) => {
      await writeAtomic(join(dir, name), data);
      names.push(name);
    };
    const embedded: ReportFigure[] = [];
    // PNGs render on worker threads while this one serialises the next SVGs; files are written in order.
    const pool = new RenderPool(figures.length ? undefined : 0);
    const pngs: Promise<Uint8Array>[] = [];
    for (const { fig, family } of figures) {
      const svg = figureToSvg(fig);
      pngs.push(pool.render(svg, { background: THEMES.light.background }));
      pngs.at(-1)!.catch(() => {}); // awaited below; an early failure must not go unhandled meanwhile
      embedded.push({
        title: fig.title,
        svg,
        file: `figures/${fig.id}.png`,
        svgFile: `figures/${fig.id}.svg`,
        family,
      });
    }
    try {
      for (const [i, f] of embedded.entries()) {
        await write(f.svgFile, f.svg);
        await write(f.file, await pngs[i]);
      }
    } finally {
      pool.close();
    }
    if (opts.formats.includes("csv")) await write("results.csv", toCsv(rows));
    if (opts.formats.includes("json")) await write("results.json", JSON.stringify(rows, null, 1) + "\n");
    const doc = {
      title: title(opts),
      analyses,
      figures: embedded,
      describe: describeAnalysis,
      headline: headlineSentences,
    };
    if (opts.formats.includes("md")) await write("report.md", renderMarkdown(doc));
    if (opts.formats.includes("html")) await write("report.html", renderHtml(doc));
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
  const gate = checkGate(all, analyses.flatMap((a) => a.missing));
  const stored = opts.store ? await (await storeModule()).appendToReportStore(opts) : [];
  return { analyses, files, gate, summary: [summary, ...stored].join("\n") };
}

/** One folder: disk (fio) and network (iperf) analysed separately — each has its own compared factor. */
async function families(opts: ReportOptions): Promise<Analysis[]> {
  const common = {
    by: opts.by,
    baseline: opts.baseline,
    candidate: opts.candidate,
    layout: opts.layout,
    adjust: opts.adjust,
    minChange: opts.minChange,
  };
  const found: Analysis[] = [];
  for (const tool of TOOL_FAMILIES) {
    const a = await analyse(opts.data[0], { ...common, tool });
    if (a.rows.length) found.push(a);
  }
  if (found.length === 0) found.push(await analyse(opts.data[0], common));
  return found;
}

/** Two folders: every row gets factor `run` = folder name; "before" is the baseline. */
async function beforeAfter(opts: ReportOptions): Promise<Analysis[]> {
  const [a, b] = opts.data;
  let [na, nb] = [basename(resolve(a)), basename(resolve(b))];
  if (na === nb) [na, nb] = ["before", "after"];
  const [da, db] = await Promise.all([
    loadDir(a, { onError: "collect", factors: { run: na }, layout: opts.layout }),
    loadDir(b, { onError: "collect", factors: { run: nb }, layout: opts.layout }),
  ]);
  return analyseDatasets([da, db], `${a} vs ${b}`, {
    by: "run",
    baseline: na,
    adjust: opts.adjust,
    minChange: opts.minChange,
  });
}

function title(opts: ReportOptions): string {
  if (opts.against) return `Against the store: ${opts.data[0]} vs ${opts.store} batch ${opts.against}`;
  return opts.data.length === 2
    ? `Before/after: ${opts.data[0]} → ${opts.data[1]}`
    : `Benchmark report: ${opts.data[0]}`;
}
