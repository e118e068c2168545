/** Escaping for text placed into HTML/SVG/Markdown by our own code (Plot escapes its own text). @module */
const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => HTML[c]);
}

/** Markdown table cell: escape pipes and HTML, keep it on one line. */
export function escapeMarkdown(text: unknown): string {
  return escapeHtml(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
