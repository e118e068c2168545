/**
 * Atomic file output: write to a temporary name in the same folder, then rename — an interrupted
 * run leaves either the old file or the new one, never half of one.
 *
 * writeAtomic calls the file system synchronously behind its asynchronous signature: a report writes ~70 small
 * files, and each asynchronous call is a round trip through Deno's thread pool that costs more than the write
 * itself (as in the loader's reads: lib/ingest/load.ts). writeParts, which may write hundreds of MB (the store's
 * staged JSON), awaits each write: without those turns of the event loop V8's collections fell behind and the
 * report with --store at 20× the shipped data peaked at ~480 MB instead of ~425.
 * @module
 */
import { dirname, join } from "node:path";
import type { Figure } from "../plot/figure.ts";
import { THEMES } from "../plot/theme.ts";
import { svgToPng } from "./png.ts";
import { figureToSvg } from "./svg.ts";

// deno-lint-ignore require-await
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  Deno.mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${Deno.pid}`;
  try {
    if (typeof data === "string") Deno.writeTextFileSync(tmp, data);
    else Deno.writeFileSync(tmp, data);
    Deno.renameSync(tmp, path);
  } catch (err) {
    removeQuietly(tmp);
    throw err;
  }
}

function removeQuietly(path: string): void {
  try {
    Deno.removeSync(path);
  } catch { /* never made, or gone */ }
}

/**
 * Like writeAtomic for text made in pieces (report.html at 20× the shipped data is 30 MB): each piece is
 * encoded into one reused 64 KiB buffer, written whenever it fills, so the whole text is never held. Neither a
 * joined block nor a fresh byte array is made per write: strings and buffers past ~128 KB live in V8's
 * large-object space, which only a full collection frees, and at 100× the shipped data 1 MB blocks piled up
 * ~200 MB there before one came. `separator` goes between pieces (report.md's lines), as `Array.join` would put it.
 */
export async function writeParts(path: string, parts: Iterable<string>, separator = ""): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${Deno.pid}`;
  const file = await Deno.open(tmp, { write: true, createNew: true });
  try {
    const out = new TextOut(file);
    let first = true;
    for (const part of parts) {
      if (!first && separator) await out.add(separator);
      first = false;
      await out.add(part);
    }
    await out.flush();
    file.close();
    await Deno.rename(tmp, path);
  } catch (err) {
    try {
      file.close();
    } catch { /* closed already */ }
    removeQuietly(tmp);
    throw err;
  }
}

const PIECE = 1 << 14;
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** UTF-8 text into a file through one fixed buffer. */
class TextOut {
  readonly #encoder = new TextEncoder();
  readonly #buffer = new Uint8Array(1 << 16);
  #used = 0;
  constructor(readonly file: Deno.FsFile) {}

  async add(text: string): Promise<void> {
    for (let at = 0; at < text.length;) {
      // At most 16 Ki UTF-16 units (≤ 48 KiB of UTF-8) at a time, never ending between a surrogate pair's halves.
      let end = Math.min(text.length, at + PIECE);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      if (this.#buffer.length - this.#used < 3 * (end - at)) await this.flush();
      this.#used += this.#encoder.encodeInto(text.slice(at, end), this.#buffer.subarray(this.#used)).written;
      at = end;
    }
  }

  async flush(): Promise<void> {
    const bytes = this.#buffer.subarray(0, this.#used);
    for (let at = 0; at < bytes.length;) at += await this.file.write(bytes.subarray(at));
    this.#used = 0;
  }
}

/** The figure files that can be written: SVG (screen, editing), PNG at 2× (slides, Markdown), PDF (LaTeX). */
export const FIGURE_FORMATS = ["svg", "png", "pdf"] as const;
export type FigureFormat = typeof FIGURE_FORMATS[number];

export type ExportedFigure = Partial<Record<FigureFormat, string>>;

/** A figure's files in `formats`, by file name (`<id>.svg`, …): what exportFigure writes (the report writes the same
 * files, its PNGs rendered on a worker pool: lib/report/figure_files.ts). */
export async function figureFiles(
  fig: Figure,
  { formats = ["svg", "png"] as readonly FigureFormat[], theme = "light" as keyof typeof THEMES } = {},
): Promise<Map<FigureFormat, { name: string; data: string | Uint8Array }>> {
  const svg = figureToSvg(fig);
  const files = new Map<FigureFormat, { name: string; data: string | Uint8Array }>();
  for (const format of FIGURE_FORMATS.filter((f) => formats.includes(f))) {
    const data = format === "svg"
      ? svg
      : format === "png"
      ? svgToPng(svg, { background: THEMES[theme].background })
      : await (await import("./pdf.ts")).svgToPdf(svg, { title: fig.title }); // PDFKit loads only when asked
    files.set(format, { name: `${fig.id}.${format}`, data });
  }
  return files;
}

/**
 * Writes `<dir>/<id>.svg`, `.png` (2×) and `.pdf` as `formats` asks (default SVG and PNG; `png: false` is the
 * older spelling of SVG only).
 */
export async function exportFigure(
  dir: string,
  fig: Figure,
  {
    png = true,
    theme = "light" as keyof typeof THEMES,
    formats = undefined as readonly FigureFormat[] | undefined,
  } = {},
): Promise<ExportedFigure> {
  const out: ExportedFigure = {};
  const asked = formats ?? (png ? ["svg", "png"] : ["svg"]);
  for (const [format, { name, data }] of await figureFiles(fig, { formats: asked, theme })) {
    out[format] = join(dir, name);
    await writeAtomic(out[format]!, data);
  }
  return out;
}
