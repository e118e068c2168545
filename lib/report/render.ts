/**
 * report.md and a self-contained report.html (inline CSS and SVG: no network, no external files).
 * Every piece of text from the data is escaped.
 * @module
 */
import type { Analysis } from "../analysis/analyse.ts";
import { headlineSentences } from "../analysis/headline.ts";
import { compactTable, comparisonsNote, geoMeanTable } from "../analysis/tables.ts";
import { escapeHtml, escapeMarkdown, textToMarkdown } from "../export/escape.ts";
import { toHtmlTable, toMarkdown } from "../export/table.ts";

export interface ReportDoc {
  title: string;
  analyses: Analysis[];
  figures: { title: string; svg: string; file: string }[];
  describe: (a: Analysis) => string;
  warnings: (a: Analysis) => string;
}

const METHOD =
  "Each comparison is one workload and metric, one value per run. Ratio = candidate mean / baseline mean with a " +
  "Fieller interval. The verdict is read from that interval alone: better or worse when it clears the no-change " +
  'band, "~" (no detectable difference — not proof of equality) when it does not, insufficient when there are too ' +
  "few runs to draw one. Multiplicity is adjusted within each family of comparisons that answers one question (the " +
  "headline metric of each workload; secondary metrics such as latency separately), by widening the family's " +
  "intervals to the level that agrees with the adjusted decisions. Welch, exact Mann–Whitney (ties included), " +
  "permutation p-values, the plain 95 % interval and a seeded BCa bootstrap interval are in results.csv.";

export function renderMarkdown(doc: ReportDoc): string {
  const parts = [`# ${escapeMarkdown(doc.title)}`, "", METHOD, ""];
  for (const a of doc.analyses) {
    parts.push(`## ${escapeMarkdown(a.label)}`, "");
    for (const line of headlineSentences(a)) parts.push(`- **${escapeMarkdown(line)}**`);
    parts.push("", textToMarkdown(doc.describe(a)));
    if (a.comparisons.length) {
      parts.push("### Geometric-mean speed-up", "", toMarkdown(geoMeanTable([a])));
      parts.push("### Comparisons", "", toMarkdown(compactTable(a.comparisons)));
      parts.push(escapeMarkdown(comparisonsNote(a.comparisons)), "");
    }
    parts.push("### Warnings", "", textToMarkdown(doc.warnings(a)));
  }
  if (doc.figures.length) {
    parts.push("## Figures", "");
    for (const f of doc.figures) parts.push(`![${escapeMarkdown(f.title)}](${f.file})`, "");
  }
  return parts.join("\n");
}

export function renderHtml(doc: ReportDoc): string {
  const body: string[] = [`<h1>${escapeHtml(doc.title)}</h1>`, `<p class="method">${escapeHtml(METHOD)}</p>`];
  for (const a of doc.analyses) {
    body.push(`<h2>${escapeHtml(a.label)}</h2>`);
    const answer = headlineSentences(a);
    if (answer.length) {
      body.push(`<ul class="answer">${answer.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`);
    }
    body.push(`<pre>${escapeHtml(doc.describe(a))}</pre>`);
    if (a.comparisons.length) {
      body.push("<h3>Geometric-mean speed-up</h3>", toHtmlTable(geoMeanTable([a])));
      body.push(
        "<h3>Comparisons</h3>",
        `<div class="scroll">${toHtmlTable(compactTable(a.comparisons))}</div>`,
        `<p class="method">${escapeHtml(comparisonsNote(a.comparisons))}</p>`,
      );
    }
    body.push("<h3>Warnings</h3>", `<pre>${escapeHtml(doc.warnings(a))}</pre>`);
  }
  if (doc.figures.length) {
    body.push("<h2>Figures</h2>");
    for (const f of doc.figures) {
      body.push(`<figure>${f.svg.replace(/^<\?xml[^>]*>\s*/, "")}</figure>`);
    }
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>
body { font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #1a1a1a; }
h1 { font-size: 1.6em; } .answer { font-weight: bold; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; } .method { color: #555; }
pre { background: #f6f6f6; padding: .8em; overflow-x: auto; font-size: .85em; }
.scroll { overflow-x: auto; }
table.vb-table { border-collapse: collapse; font-size: .82em; }
table.vb-table th, table.vb-table td { border-bottom: 1px solid #e3e3e3; padding: .25em .6em; text-align: left; white-space: nowrap; }
figure { margin: 1.5em 0; } figure svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
