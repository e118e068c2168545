/**
 * A notebook as TypeScript in percent format (as jupytext writes it for TypeScript): `// %%` opens a code cell,
 * `// %% [markdown]` a markdown cell whose lines are `//` comments, `tags=[…]` after the marker carries the cell's
 * tags (the `parameters` tag). A file in this form is ordinary TypeScript, so `deno fmt`, `deno lint` and
 * `deno check` cover the notebook's code; the cells of one notebook share one module scope, as in the kernel.
 * @module
 */
import { basename } from "node:path";

export type CellKind = "code" | "markdown";

/** One cell as both forms hold it: kind, source without leading or trailing blank lines, and its tags. */
export interface Cell {
  kind: CellKind;
  source: string;
  tags: string[];
}

/** A file that is not in percent format: one sentence naming the file and the line. */
export class PercentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PercentError";
  }
}

const MARKER = /^\/\/ %%(?: \[(markdown|md)\])?(?: (.*))?$/;

/** The first lines of every paired file, before its first cell. */
export function header(name: string): string {
  return `// Notebook ${name}.ipynb in percent format, paired by tools/notebook_sync.ts: edit this file or the\n` +
    `// notebook in Jupyter, then run \`./vb notebooks\` (it carries the edit over and re-executes the notebook).`;
}

/** Trims the blank lines around a cell's source and normalises line ends (both forms store it so). */
export function normalise(source: string): string {
  return source.replaceAll("\r\n", "\n").replace(/^(?:[ \t]*\n)+/, "").replace(/(?:\n[ \t]*)+$/, "")
    .replace(/^[ \t]+$/, "");
}

/** Reads the cells of a percent-format file; `file` names it in errors. */
export function parsePercent(text: string, file: string): Cell[] {
  const preamble = header(basename(file).replace(/\.ts$/, "")).split("\n");
  const lines = text.replaceAll("\r\n", "\n").split("\n");
  const cells: Cell[] = [];
  let current: { kind: CellKind; tags: string[]; lines: string[]; line: number } | undefined;
  const close = () => {
    if (current) cells.push({ kind: current.kind, tags: current.tags, source: cellSource(current, file) });
  };
  lines.forEach((line, i) => {
    const marker = MARKER.exec(line);
    if (marker) {
      close();
      const kind: CellKind = marker[1] ? "markdown" : "code";
      current = { kind, tags: parseOptions(marker[2] ?? "", file, i + 1), lines: [], line: i + 1 };
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim() !== "" && !preamble.includes(line)) {
      const where = `${file}:${i + 1}`;
      throw new PercentError(
        `${where}: text before the first cell marker would not reach the notebook; put it in a cell ` +
          `(start one with "// %%" or "// %% [markdown]").`,
      );
    }
  });
  close();
  if (cells.length === 0) throw new PercentError(`${file}: no cells; start each cell with "// %%".`);
  return cells;
}

function cellSource(cell: { kind: CellKind; lines: string[]; line: number }, file: string): string {
  if (cell.kind === "code") return normalise(cell.lines.join("\n"));
  const body = cell.lines.map((line, i) => {
    if (line.trim() === "") return "";
    const comment = /^\/\/ ?(.*)$/.exec(line);
    if (!comment) {
      throw new PercentError(
        `${file}:${cell.line + i + 1}: a markdown cell holds only "//" comment lines; ` +
          `start a code cell with "// %%" above this line.`,
      );
    }
    return comment[1];
  });
  return normalise(body.join("\n"));
}

function parseOptions(text: string, file: string, line: number): string[] {
  if (text.trim() === "") return [];
  const tags = /^tags=(\[.*\])$/.exec(text.trim());
  const parsed = tags ? tryJson(tags[1]) : undefined;
  if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === "string")) {
    throw new PercentError(
      `${file}:${line}: after "// %%" only tags=["name", …] is understood (got "${text.trim()}").`,
    );
  }
  return parsed;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Writes cells in percent format, the header first; parsePercent(renderPercent(c)) equals c. */
export function renderPercent(name: string, cells: Cell[]): string {
  const blocks = cells.map((cell) => {
    const options = cell.tags.length ? ` tags=${JSON.stringify(cell.tags)}` : "";
    const marker = cell.kind === "markdown" ? `// %% [markdown]${options}` : `// %%${options}`;
    if (cell.source === "") return marker;
    const body = cell.kind === "markdown"
      ? cell.source.split("\n").map((line) => line === "" ? "//" : `// ${line}`).join("\n")
      : cell.source;
    return `${marker}\n${body}`;
  });
  return [header(name), ...blocks].join("\n\n") + "\n";
}
