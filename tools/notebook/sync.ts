/**
 * Keeps each notebook's two forms — `NAME.ts` (percent format, what fmt/lint/check read) and `NAME.ipynb` (what
 * Jupyter opens, committed with outputs) — holding the same cells, without ever dropping an edit:
 *
 * - the forms agree: nothing to do;
 * - only one form changed since the last sync (the notebook records its cells' hash at each sync): that form wins,
 *   and the other is rewritten from it (an edit saved in Jupyter reaches the .ts, formatted by `deno fmt`);
 * - both changed, or no sync is recorded: refuse with one sentence naming the notebook and the first differing cell;
 *   `take` ("ts" or "ipynb") then says which form to keep.
 * @module
 */
import { dirname, join } from "node:path";
import {
  buildNotebook,
  cellsHash,
  cellsOf,
  type Notebook,
  readNotebook,
  serialise,
  syncedHash,
  writeAtomic,
} from "./ipynb.ts";
import { type Cell, parsePercent, renderPercent } from "./percent.ts";

export type Side = "ts" | "ipynb";
export type SyncAction = "in sync" | "ipynb from ts" | "ts from ipynb" | "created ipynb" | "created ts";

export interface SyncOptions {
  /** Write nothing; a notebook whose forms differ is an error. */
  check?: boolean;
  /** Which form wins when both changed (or no sync is recorded). */
  take?: Side;
  /** Formats a .ts the sync wrote (default: `deno fmt`, so a cell saved in Jupyter lands formatted). */
  format?: (path: string) => void;
}

/** The forms differ in a way the sync must not decide alone: one sentence naming notebook, cell and the way out. */
export class SyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncError";
  }
}

/** Syncs the pair `dir/name.ts` ⇄ `dir/name.ipynb`; returns what it did. */
export function syncNotebook(dir: string, name: string, options: SyncOptions = {}): SyncAction {
  const tsPath = join(dir, `${name}.ts`), nbPath = join(dir, `${name}.ipynb`);
  const hasTs = exists(tsPath), hasNb = exists(nbPath);
  const label = join(dir, name);
  if (!hasTs && !hasNb) throw new SyncError(`${label}: neither ${name}.ts nor ${name}.ipynb exists.`);
  if (!hasNb) {
    if (options.check) throw new SyncError(`${label}.ts has no ${name}.ipynb yet; run \`./vb notebooks\`.`);
    writeAtomic(nbPath, serialise(buildNotebook(name, readTs(tsPath))));
    return "created ipynb";
  }
  const nb = readNotebook(nbPath);
  const nbCells = cellsOf(nb, nbPath);
  if (!hasTs) {
    if (options.check) throw new SyncError(`${label}.ipynb has no ${name}.ts yet; run \`./vb notebooks\`.`);
    writeTs(name, tsPath, nbCells, options);
    writeNb(name, nbPath, readTs(tsPath), nb);
    return "created ts";
  }
  const tsText = Deno.readTextFileSync(tsPath);
  const tsCells = parsePercent(tsText, tsPath);
  const recorded = syncedHash(nb);
  /** Both forms from the winning cells: the .ts in the form this tool writes (then formatted), the notebook after. */
  const settle = (cells: Cell[]) => {
    if (renderPercent(name, cells) !== tsText) writeTs(name, tsPath, cells, options);
    writeNb(name, nbPath, readTs(tsPath), nb);
  };
  const differs = firstDifference(tsCells, nbCells);
  if (differs === undefined) {
    if (!options.check && (recorded !== cellsHash(tsCells) || renderPercent(name, tsCells) !== tsText)) {
      settle(tsCells);
    }
    return "in sync";
  }
  const where = `cell ${differs + 1} (${describe(tsCells[differs] ?? nbCells[differs])})`;
  const edited: Side | undefined = recorded === cellsHash(nbCells)
    ? "ts"
    : recorded === cellsHash(tsCells)
    ? "ipynb"
    : undefined;
  if (options.check) {
    const which = edited ? `the edit saved in ${name}.${edited} is not carried over yet` : "both changed";
    throw new SyncError(
      `${label}: ${where} differs between ${name}.ts and ${name}.ipynb (${which}); run \`./vb notebooks\`.`,
    );
  }
  const winner = edited ?? options.take; // --take settles only what the hashes cannot: it never overrides a lone edit
  if (winner === undefined) {
    const why = recorded === undefined
      ? "and no earlier sync is recorded to tell which is newer"
      : "and both changed since the last sync";
    throw new SyncError(
      `${label}: ${where} differs between ${name}.ts and ${name}.ipynb ${why}; nothing was written — keep one form ` +
        `with \`./vb notebooks sync --take ts ${name}\` (or --take ipynb), or make the two equal by hand.`,
    );
  }
  settle(winner === "ts" ? tsCells : nbCells);
  return winner === "ts" ? "ipynb from ts" : "ts from ipynb";
}

/** The notebooks of a folder: every name with a .ts or an .ipynb, sorted. */
export function notebookNames(dir: string): string[] {
  const names = new Set<string>();
  for (const entry of Deno.readDirSync(dir)) {
    const match = /^(.+)\.(ts|ipynb)$/.exec(entry.name);
    if (entry.isFile && match) names.add(match[1]);
  }
  return [...names].sort();
}

/** Index of the first cell that differs (kind, tags or source), or undefined when the lists are equal. */
export function firstDifference(a: Cell[], b: Cell[]): number | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i], y = b[i];
    if (!x || !y || x.kind !== y.kind || x.source !== y.source || x.tags.join("\0") !== y.tags.join("\0")) {
      return i;
    }
  }
  return undefined;
}

function describe(cell: Cell | undefined): string {
  if (!cell) return "missing";
  const first = cell.source.split("\n")[0];
  return `${cell.kind}: "${first.length > 50 ? first.slice(0, 50) + "…" : first}"`;
}

function readTs(path: string): Cell[] {
  return parsePercent(Deno.readTextFileSync(path), path);
}

function writeTs(name: string, path: string, cells: Cell[], options: SyncOptions): void {
  const text = renderPercent(name, cells);
  const back = parsePercent(text, path);
  const lost = firstDifference(back, cells);
  if (lost !== undefined) {
    throw new SyncError(
      `${path}: cell ${lost + 1} of ${name}.ipynb holds a line that reads as a cell marker ("// %%"); ` +
        `change that line in Jupyter, then run \`./vb notebooks\` again.`,
    );
  }
  writeAtomic(path, text);
  (options.format ?? denoFmt)(path);
}

function writeNb(name: string, path: string, cells: Cell[], previous: Notebook): void {
  const text = serialise(buildNotebook(name, cells, previous));
  if (text !== Deno.readTextFileSync(path)) writeAtomic(path, text);
}

/** `deno fmt` with the project's settings; a cell that does not parse stays as saved (`./vb check` names it). */
function denoFmt(path: string): void {
  const run = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", path],
    cwd: dirname(path), // the project's fmt settings are found from the file's folder up
    env: { NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  })
    .outputSync();
  if (!run.success) {
    // deno fmt says "Error formatting: FILE", then the reason, then where ("at file:///…:LINE:COL").
    const lines = new TextDecoder().decode(run.stderr).split("\n").map((l) => l.trim());
    const reason = lines.find((l) => /Error:/.test(l) && !l.startsWith("Error formatting")) ??
      "does not parse";
    const at = lines.find((l) =>
      l.startsWith("at file://")
    )?.replace(/^.*:(\d+):(\d+)$/, " (line $1, column $2)") ?? "";
    console.error(
      `notebook_sync: ${path} kept unformatted: ${reason}${at}; fix the cell, then run ./vb notebooks.`,
    );
  }
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}
