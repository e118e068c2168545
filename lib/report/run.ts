/**
 * The report command's work: analyse one data folder (or two, before/after, like benchstat), draw the
 * figures, and write report.md, a self-contained report.html, results.csv/json and figures/.
 * @module
 */
import { basename, join, resolve } from "node:path";
import { analyse, analyseDatasets, type Analysis } from "../analysis/analyse.ts";
import { describeAnalysis } from "../analysis/describe.ts";
import { reportFigures } from "./figures.ts";
import { exportFigure, writeAtomic } from "../export/write.ts";
import { toCsv } from "../export/table.ts";
import { comparisonTable } from "../stats/table.ts";
import { figureToSvg } from "../export/svg.ts";
import { loadDir } from "../ingest/load.ts";
import { renderHtml, renderMarkdown, type ReportFigure } from "./render.ts";

export type ReportFormat = "md" | "html" | "csv" | "json";

export interface ReportOptions {
  data: string[];
  out: string;
  by?: string;
  baseline?: string;
  candidate?: string;
  formats: ReportFormat[];
  check: boolean;
  quiet: boolean;
  /** Progress lines on stderr (only when it is a terminal). */
  progress: boolean;
}

export interface ReportResult {
  analyses: Analysis[];
  files: string[];
  regressions: number;
  summary: string;
}

export async function runReport(opts: ReportOptions): Promise<ReportResult> {
  const step = (msg: string) => opts.progress && console.error(`report: ${msg}`);
  step(`reading ${opts.data.join(" and ")}`);
  const analyses = opts.data.length === 2 ? await beforeAfter(opts) : await families(opts);
  const out = resolve(opts.out);
  const files: string[] = [];
  const figures = analyses.flatMap((a) => reportFigures(a).map((fig) => ({ fig, family: a.label })));
  step(`${figures.length} figures`);
  const embedded: ReportFigure[] = [];
  if (opts.formats.includes("html") || opts.formats.includes("md")) {
    for (const { fig, family } of figures) {
      const written = await exportFigure(join(out, "figures"), fig);
      files.push(written.svg, written.png!);
      embedded.push({
        title: fig.title,
        svg: figureToSvg(fig),
        file: `figures/${fig.id}.png`,
        svgFile: `figures/${fig.id}.svg`,
        family,
      });
    }
  }
  const rows = comparisonTable(analyses.flatMap((a) => a.comparisons));
  const write = async (name: string, text: string) => {
    await writeAtomic(join(out, name), text);
    files.push(join(out, name));
  };
  if (opts.formats.includes("csv")) await write("results.csv", toCsv(rows));
  if (opts.formats.includes("json")) await write("results.json", JSON.stringify(rows, null, 1) + "\n");
  const doc = {
    title: title(opts),
    analyses,
    figures: embedded,
    describe: describeAnalysis,
    // Slot for the headline sentences (one or two per candidate) from lib/analysis: none yet.
    headline: undefined,
  };
  if (opts.formats.includes("md")) await write("report.md", renderMarkdown(doc));
  if (opts.formats.includes("html")) await write("report.html", renderHtml(doc));
  const all = analyses.flatMap((a) => a.comparisons);
  const count = (v: string) => all.filter((c) => c.verdict === v).length;
  const regressions = count("worse");
  const warnings = all.filter((c) => c.warnings.length).length +
    analyses.reduce((s, a) => s + a.warnings.length, 0);
  const main = opts.formats.includes("html") ? "report.html" : opts.formats.includes("md") ? "report.md" : "";
  const summary =
    `report: ${all.length} comparisons (${count("better")} better, ${regressions} worse, ${count("~")} ~), ` +
    `${warnings} with warnings → ${main ? join(out, main) : out}`;
  return { analyses, files, regressions, summary };
}

/** One folder: disk (fio) and network (iperf) analysed separately — each has its own compared factor. */
async function families(opts: ReportOptions): Promise<Analysis[]> {
  const common = { by: opts.by, baseline: opts.baseline, candidate: opts.candidate };
  const found: Analysis[] = [];
  for (const tool of [["fio"], ["iperf3", "iperf2"]] as const) {
    const a = await analyse(opts.data[0], { ...common, tool: [...tool] });
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
    loadDir(a, { onError: "collect", factors: { run: na } }),
    loadDir(b, { onError: "collect", factors: { run: nb } }),
  ]);
  return analyseDatasets([da, db], `${a} vs ${b}`, { by: "run", baseline: na });
}

function title(opts: ReportOptions): string {
  return opts.data.length === 2
    ? `Before/after: ${opts.data[0]} → ${opts.data[1]}`
    : `Benchmark report: ${opts.data[0]}`;
}
