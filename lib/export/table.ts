/**
 * Tidy records → CSV (papaparse, RFC 4180 quoting), Markdown and HTML tables. Numbers are
 * written in full precision in CSV, rounded for people in Markdown/HTML; null is an empty cell.
 * @module
 */
import Papa from "papaparse";
import { escapeHtml, escapeMarkdown } from "./escape.ts";

export type Record_ = Record<string, string | number | null>;

export function toCsv(rows: Record_[]): string {
  return [...csvParts(rows)].join("");
}

/**
 * toCsv's text in pieces of a few hundred rows (report.ts writes results.csv with lib/export/write.ts writeParts:
 * at 100× the shipped data it is tens of MB). Rows that come one at a time (a generator, not an array) are held a
 * block at a time, and must all have the first block's columns.
 */
export function* csvParts(rows: Iterable<Record_>, block = 500): Generator<string> {
  let fields = Array.isArray(rows) ? columns(rows) : undefined;
  let first = true;
  for (const part of blocks(rows, block)) {
    fields ??= columns(part);
    // escapeFormulae: text cells starting =, +, -, @, tab or CR get a leading ' (OWASP CSV injection);
    // numbers stay numbers. Papa's default pattern misses multi-line cells, hence our own.
    yield Papa.unparse(
      { fields, data: part.map((r) => fields!.map((f) => r[f] ?? "")) },
      { newline: "\n", escapeFormulae: /^[=+\-@\t\r]/, header: first },
    ) + "\n";
    first = false;
  }
}

/** `JSON.stringify(rows, null, 1) + "\n"` a row at a time (JSON writes a newline inside a string as \n). */
export function* jsonParts(rows: Iterable<unknown>): Generator<string> {
  let first = true;
  for (const row of rows) {
    yield (first ? "[\n " : ",\n ") + JSON.stringify(row, null, 1).replaceAll("\n", "\n ");
    first = false;
  }
  yield first ? "[]\n" : "\n]\n";
}

/** `rows` in arrays of `size` (the last one shorter). */
function* blocks<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let part: T[] = [];
  for (const r of rows) {
    part.push(r);
    if (part.length === size) {
      yield part;
      part = [];
    }
  }
  if (part.length) yield part;
}

export function toMarkdown(rows: Record_[]): string {
  if (rows.length === 0) return "_(no rows)_\n";
  return [...markdownTableLines(rows)].join("\n") + "\n";
}

/**
 * toMarkdown's table a line at a time, without its last newline (the report's verdict table at 100× the shipped
 * data is 11 000 lines: made whole, it is one large string and its pieces at once).
 */
export function* markdownTableLines(rows: Record_[]): Generator<string> {
  const fields = columns(rows);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  yield line(fields.map(escapeMarkdown));
  yield line(fields.map(() => "---"));
  for (const r of rows) yield line(fields.map((f) => escapeMarkdown(human(r[f]))));
}

export function toHtmlTable(rows: Record_[]): string {
  if (rows.length === 0) return "<p><em>(no rows)</em></p>";
  return [...htmlTableParts(rows)].join("");
}

/** toHtmlTable's text in pieces: the head, then a row at a time. */
export function* htmlTableParts(rows: Record_[]): Generator<string> {
  const fields = columns(rows);
  const head = fields.map((f) => `<th>${escapeHtml(f)}</th>`).join("");
  yield `<table class="vb-table">\n<thead><tr>${head}</tr></thead>\n<tbody>\n`;
  for (const [i, r] of rows.entries()) {
    yield `${i ? "\n" : ""}<tr>${fields.map((f) => `<td>${escapeHtml(human(r[f]))}</td>`).join("")}</tr>`;
  }
  yield `\n</tbody>\n</table>`;
}

/**
 * Numbers as people read them: 4 significant digits, no exponent for ordinary magnitudes. Small numbers (p-values)
 * stay in decimal notation down to 1e-9, so "0.0000525" stands beside "0.007937" in one notation.
 */
export function human(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toLocaleString("en-US");
  const a = Math.abs(v);
  if (a !== 0 && a < 1e-3 && a >= 1e-9) {
    return Number(v.toPrecision(3)).toLocaleString("en-US", { maximumFractionDigits: 12 });
  }
  if (a !== 0 && (a < 1e-9 || a >= 1e9)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

function columns(rows: Record_[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}
