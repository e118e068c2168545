/**
 * Escaping for text from the data (folder values, file, job and workload names) placed into HTML, SVG/XML,
 * Markdown and CSV by our own code. Names may hold `&`, `<`, quotes, newlines, backticks or start with `=`.
 * @module
 */
const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => HTML[c]);
}

/** Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF): shown as U+FFFD. */
// deno-lint-ignore no-control-regex
const NOT_XML = new RegExp(
  "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]",
  "g",
);

/** XML/SVG text content, escaped like linkedom does (`&`, `<`, `>`, no-break space) plus characters XML forbids. */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML, "\uFFFD").replace(/[&<>\xA0]/g, (c) => c === "\xA0" ? "&#160;" : HTML[c]);
}

/** An XML attribute value inside double quotes; newlines and tabs as character references so they survive. */
export function escapeXmlAttribute(text: string): string {
  return text.replace(NOT_XML, "\uFFFD").replace(
    /[&<>"\t\n\r]/g,
    (c) => HTML[c] ?? `&#${c.charCodeAt(0)};`,
  );
}

/**
 * Inline Markdown (a table cell, a list item): `&`, `<`, `>` as entities (no raw HTML), and the characters that would start code,
 * emphasis, a link or a cell border escaped with a backslash (`_` only where it could start emphasis, so
 * `ratio_lo` stays as it is); on one line.
 */
export function escapeMarkdown(text: unknown): string {
  return String(text ?? "").replace(/[&<>]/g, (c) => HTML[c])
    .replace(/[\\`*[\]|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c) => `\\${c}`)
    .replace(/\r\n?|\n/g, " ");
}

/**
 * Plain text with two-space indented lines (our describe/warnings text) as Markdown: unindented lines
 * are paragraphs, indented ones list items; every line escaped, so data is never inside a raw fence.
 */
export function textToMarkdown(text: string): string {
  return text.split(/\r\n?|\n/).map((line) => {
    const indent = line.match(/^ */)![0].length;
    // A leading "#", ">", "1." or "+ " would start a block of its own.
    const content = escapeMarkdown(line.trim().replace(/^- /, "")).replace(/^(?=[#>+=-]|\d+[.)])/, "\\");
    return indent === 0 ? `\n${content}\n` : `${"  ".repeat(Math.max(0, indent / 2 - 1))}- ${content}`;
  }).join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
}
