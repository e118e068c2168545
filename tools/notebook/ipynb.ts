/**
 * Reading and writing `.ipynb` files (nbformat 4.5) the way Python's nbformat writes them — keys sorted, one-space
 * indent, sources as lists of lines — so a file written here and the same file re-saved by the executor
 * (tools/nbexec.py) differ only where the notebook changed.
 * @module
 */
import { createHash } from "node:crypto";
import { type Cell, normalise } from "./percent.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface NotebookCell extends JsonObject {
  cell_type: string;
  source: string | string[];
  metadata: JsonObject;
}

export interface Notebook extends JsonObject {
  cells: NotebookCell[];
  metadata: JsonObject;
}

/** Machine-independent: the kernel spec named `deno` (tools/setup.sh registers it) picks each checkout's Deno. */
const KERNELSPEC = { name: "deno", display_name: "Deno", language: "typescript" };
const LANGUAGE_INFO = { name: "typescript", file_extension: ".ts", mimetype: "text/x.typescript" };
/** Notebook metadata key holding the hash of the cells at the last sync (tells which side was edited since). */
export const SYNC_KEY = "vb_sync";

/** A notebook file that cannot be read: one sentence naming it. */
export class NotebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookError";
  }
}

export function readNotebook(path: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(Deno.readTextFileSync(path));
  } catch (err) {
    throw new NotebookError(`${path}: not a readable notebook (${(err as Error).message}).`);
  }
  if (!nb || !Array.isArray(nb.cells) || typeof nb.metadata !== "object") {
    throw new NotebookError(`${path}: not a Jupyter notebook (no "cells" list).`);
  }
  return nb;
}

export const joinSource = (s: string | string[] | undefined) => Array.isArray(s) ? s.join("") : s ?? "";

/** The cells of a notebook in the paired form (kind, source, tags); raw cells have no percent form. */
export function cellsOf(nb: Notebook, path: string): Cell[] {
  return nb.cells.map((cell, i) => {
    if (cell.cell_type !== "code" && cell.cell_type !== "markdown") {
      throw new NotebookError(
        `${path}: cell ${
          i + 1
        } is a ${cell.cell_type} cell; only code and markdown cells are kept in the paired .ts.`,
      );
    }
    const tags = cell.metadata?.tags;
    return {
      kind: cell.cell_type,
      source: normalise(joinSource(cell.source)),
      tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [],
    };
  });
}

/** A short fingerprint of the cells; stored in the notebook at each sync. */
export function cellsHash(cells: Cell[]): string {
  const canonical = JSON.stringify(cells.map((c) => [c.kind, c.tags, c.source]));
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

export function syncedHash(nb: Notebook): string | undefined {
  const entry = nb.metadata[SYNC_KEY];
  const hash = entry && typeof entry === "object" && !Array.isArray(entry) ? entry.cells : undefined;
  return typeof hash === "string" ? hash : undefined;
}

/**
 * The notebook holding `cells`: stable cell ids (small diffs), the canonical kernel spec, the previous notebook's
 * other metadata, and the outputs of every code cell whose source and position are unchanged.
 */
export function buildNotebook(name: string, cells: Cell[], previous?: Notebook): Notebook {
  const old = previous?.cells ?? [];
  const notebookCells = cells.map((cell, index): NotebookCell => {
    const metadata: JsonObject = cell.tags.length ? { tags: cell.tags } : {};
    const id = `${name.slice(0, 2)}-${String(index).padStart(2, "0")}`;
    const source = lines(cell.source);
    if (cell.kind === "markdown") return { cell_type: "markdown", id, metadata, source };
    const before = old[index];
    const same = before?.cell_type === "code" && normalise(joinSource(before.source)) === cell.source;
    return {
      cell_type: "code",
      execution_count: same ? before.execution_count ?? null : null,
      id,
      metadata,
      outputs: same ? before.outputs ?? [] : [],
      source,
    };
  });
  return {
    cells: notebookCells,
    metadata: {
      ...previous?.metadata,
      kernelspec: KERNELSPEC,
      language_info: LANGUAGE_INFO,
      [SYNC_KEY]: { cells: cellsHash(cells) },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Python's str.splitlines(keepends=True) for "\n" line ends, as nbformat stores multi-line strings. */
function lines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

/** nbformat's serialisation: json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) and a final newline. */
export function serialise(nb: Notebook): string {
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

/** Writes atomically: an interrupted sync leaves no half notebook. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${Deno.pid}`;
  Deno.writeTextFileSync(tmp, text);
  Deno.renameSync(tmp, path);
}
