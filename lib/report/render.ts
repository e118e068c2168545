/**
 * report.md and a self-contained report.html (inline CSS and SVG: no network, no external files).
 * Every piece of text from the data is escaped.
 *
 * Order, for a reader who stops early: the headline (slot: one or two sentences per candidate from
 * `headline`), then per family the summary and the figures (forest first), then the verdict table,
 * then what was loaded and the warnings (folded, with counts). The long per-comparison detail is in
 * results.csv. At 1280 px the verdict table fits without scrolling; on a phone the figures keep
 * their size and scroll sideways inside their own box (the page does not), each linked to its
 * full-size SVG.
 *
 * Both are written as they are made (parts, lib/export/write.ts writeParts), and each inline SVG is read back
 * from the figure file when its turn comes: at 20× the shipped data report.html is 30 MB of SVG, which held as
 * one string (and its pieces) cost a quarter of the report's peak memory.
 * @module
 */
import type { Analysis } from "../analysis/analyse.ts";
import { comparisonsNote, geoMeanTable, headline, verdictTable } from "../present/tables.ts";
import { warningsHtml, warningsText } from "../present/warnings.ts";
import { figuresNotDrawn } from "../present/report_figures.ts";
import { escapeHtml, escapeMarkdown, textToMarkdown } from "../export/escape.ts";
import { htmlTableParts, markdownTableLines, toHtmlTable, toMarkdown } from "../export/table.ts";
import { toLatex } from "../export/latex.ts";

/** A figure as the report links it; its SVG is in `svgFile` (read back by ReportDoc.svg for inline HTML). */
export interface ReportFigure {
  title: string;
  /** The PNG, or the SVG when no PNG was asked for, relative to the report (Markdown shows it). */
  file: string;
  /** The full-size SVG, relative to the report (HTML links it). */
  svgFile: string;
  /** The analysis (family) the figure belongs to: its `label`. */
  family: string;
}

export interface ReportDoc {
  title: string;
  analyses: Analysis[];
  figures: ReportFigure[];
  /** A figure's SVG text (report.html inlines it): read from the written file, so none is held meanwhile. */
  svg: (f: ReportFigure) => string;
  describe: (a: Analysis) => string;
  /** Headline sentences for an analysis (one or two per candidate), shown first; none when absent. */
  headline?: (a: Analysis) => string[];
  /** `--changes`: change points across the store's batches (lib/analysis/changes.ts). */
  changes?: ChangesSection;
}

export interface ChangesSection {
  method: string;
  /** One sentence per reported change. */
  sentences: string[];
  /** What to say when there is none (lib/analysis/changes.ts noChangeSentence). */
  none: string;
  /** changes.csv's rows. */
  table: Record<string, string | number | null>[];
  figures: ReportFigure[];
}

const CHANGES_TITLE = "Change points across the store's batches";

function changesMarkdown(c: ChangesSection): string[] {
  const parts = [`## ${CHANGES_TITLE}`, "", escapeMarkdown(c.method), ""];
  if (c.sentences.length === 0) parts.push(escapeMarkdown(c.none), "");
  for (const line of c.sentences) parts.push(`- ${escapeMarkdown(line)}`);
  parts.push("");
  for (const f of c.figures) parts.push(`![${escapeMarkdown(f.title)}](${f.file})`, "");
  if (c.table.length) parts.push(toMarkdown(c.table));
  return parts;
}

function* changesHtml(c: ChangesSection, svg: ReportDoc["svg"]): Generator<string> {
  yield `<h2>${CHANGES_TITLE}</h2>`;
  yield `<p class="method">${escapeHtml(c.method)}</p>`;
  yield c.sentences.length
    ? `<ul>${c.sentences.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`
    : `<p>${escapeHtml(c.none)}</p>`;
  for (const f of c.figures) yield figureHtml(f, svg);
  yield c.table.length ? `<div class="scroll">${toHtmlTable(c.table)}</div>` : "";
}

function figureHtml(f: ReportFigure, svg: ReportDoc["svg"]): string {
  return `<figure><div class="fig">${svg(f).replace(/^<\?xml[^>]*>\s*/, "")}</div>` +
    `<figcaption><a href="${escapeHtml(f.svgFile)}">${
      escapeHtml(f.title)
    } — full size</a></figcaption></figure>`;
}

const METHOD =
  "Each comparison is one workload and metric, one value per run. Ratio = candidate mean / baseline mean with a " +
  "Fieller interval. The verdict is read from that interval alone: better or worse when it clears the no-change " +
  'band, "~" (no detectable difference — not proof of equality) when it does not, insufficient when there are too ' +
  "few runs to draw one. Multiplicity is adjusted within each family of comparisons that answers one question (the " +
  "headline metric of each workload; secondary metrics such as latency separately), by widening the family's " +
  "intervals to the level that agrees with the adjusted decisions. Welch, exact Mann–Whitney (ties included), " +
  "permutation p-values, the plain 95 % interval and a seeded BCa bootstrap interval are in results.csv.";

/** The comparisons a family's table lists first: the headline metric of each workload. */
function ordered(a: Analysis) {
  return [...a.comparisons.filter(headline), ...a.comparisons.filter((c) => !headline(c))];
}

/** report.md, a line (or a table) at a time; joined with "\n". */
export function* markdownLines(doc: ReportDoc): Generator<string> {
  yield `# ${escapeMarkdown(doc.title)}`;
  yield "";
  for (const a of doc.analyses) {
    for (const line of doc.headline?.(a) ?? []) yield `- ${escapeMarkdown(line)}`;
  }
  if (doc.analyses.length) yield* ["", METHOD, ""];
  for (const a of doc.analyses) {
    yield* [`## ${escapeMarkdown(a.label)}`, ""];
    if (a.comparisons.length) yield* ["### Geometric-mean speed-up", "", toMarkdown(geoMeanTable([a]))];
    for (const f of doc.figures.filter((f) => f.family === a.label)) {
      yield* [`![${escapeMarkdown(f.title)}](${f.file})`, ""];
    }
    for (const note of figuresNotDrawn(a)) yield* [escapeMarkdown(note), ""];
    if (a.comparisons.length) {
      // A line at a time, then the blank line toMarkdown's last newline would give: the same text.
      yield* ["### Verdicts", ""];
      yield* markdownTableLines(verdictTable(ordered(a)));
      yield "";
      yield* [escapeMarkdown(comparisonsNote(a.comparisons)), ""];
    }
    // Data text as escaped Markdown, never inside a code fence a name could close.
    yield* ["### Data", "", textToMarkdown(doc.describe(a))];
    yield* ["### Warnings", "", textToMarkdown(warningsText(a, 10))];
  }
  if (doc.changes) yield* changesMarkdown(doc.changes);
}

const HTML_HEAD = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE%</title>
<style>
body { font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #1a1a1a; line-height: 1.4; }
h1 { font-size: 1.6em; overflow-wrap: anywhere; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; } .method { color: #555; }
.headline p { font-size: 1.1em; margin: .3em 0; }
pre { background: #f6f6f6; padding: .8em; overflow-x: auto; font-size: .85em; white-space: pre-wrap; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table.vb-table { border-collapse: collapse; font-size: .82em; }
table.vb-table th, table.vb-table td { border-bottom: 1px solid #e3e3e3; padding: .25em .5em; text-align: left; vertical-align: top; }
figure { margin: 1.5em 0; } .fig { overflow-x: auto; } .fig svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .85em; }
details.vb-warnings { margin: .3em 0; } details.vb-warnings summary { cursor: pointer; }
details.vb-warnings ul { font-size: .85em; }
/* A phone: figures keep a readable size and scroll inside their box; the page stays the screen's width. */
@media (max-width: 700px) {
  body { margin: 1em auto; }
  .fig svg { max-width: none; width: 700px; }
  /* Tables too: laid out at a desktop width and scrolled, not squeezed into a column a word wide. */
  table.vb-table { min-width: 700px; }
}
</style>
</head>
<body>
`;

/** report.html, a piece at a time; concatenated as given. */
export function* htmlParts(doc: ReportDoc): Generator<string> {
  yield HTML_HEAD.replace("%TITLE%", () => escapeHtml(doc.title));
  yield `<h1>${escapeHtml(doc.title)}</h1>\n`;
  const lines = doc.analyses.flatMap((a) => doc.headline?.(a) ?? []);
  // The headline slot: one or two sentences per candidate, before anything else.
  yield `<section class="headline">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}</section>\n`;
  yield (doc.analyses.length ? `<p class="method">${escapeHtml(METHOD)}</p>` : "") + "\n";
  for (const a of doc.analyses) {
    yield `<h2>${escapeHtml(a.label)}</h2>\n`;
    if (a.comparisons.length) yield `<div class="scroll">${toHtmlTable(geoMeanTable([a]))}</div>\n`;
    for (const f of doc.figures.filter((f) => f.family === a.label)) yield figureHtml(f, doc.svg) + "\n";
    for (const note of figuresNotDrawn(a)) yield `<p class="method">${escapeHtml(note)}</p>\n`;
    if (a.comparisons.length) {
      yield `<h3>Verdicts</h3>\n`;
      yield `<div class="scroll verdicts">`;
      yield* htmlTableParts(verdictTable(ordered(a)));
      yield `</div>\n`;
      yield `<p class="method">${escapeHtml(comparisonsNote(a.comparisons))}</p>\n`;
    }
    yield `<h3>Data</h3>\n<pre>${escapeHtml(doc.describe(a))}</pre>\n`;
    yield `<h3>Warnings</h3>\n${warningsHtml(a)}\n`;
  }
  if (doc.changes) {
    for (const part of changesHtml(doc.changes, doc.svg)) yield part + "\n";
  }
  yield "</body>\n</html>\n";
}

/**
 * results.tex: per family, a booktabs table of the verdicts (headline comparisons first) to `\input` in a paper:
 * workload, metric, the compared pair, ratio = candidate / baseline with the verdict's interval, the change in
 * words ("2.55× slower") and the verdict. Needs `\usepackage{booktabs}`.
 */
export function renderLatex(analyses: Analysis[]): string {
  const tables = analyses.filter((a) => a.comparisons.length).map((a) =>
    toLatex(verdictTable(ordered(a)).map(({ warnings: _w, ...row }) => row), {
      caption:
        `${a.label}: verdicts (ratio = candidate mean / baseline mean, with the verdict's interval). ` +
        comparisonsNote(a.comparisons),
      label: `tab:verdicts-${a.label}`,
    })
  );
  return tables.length ? tables.join("\n") : "% No comparisons: nothing to tabulate.\n";
}
