/**
 * What the store remembers about each source file: its sha256 and an identity (file name + factors), so adding
 * the same files again adds nothing, and a different file under the same name and factors in the same batch —
 * a second collection on the same day — is refused instead of silently mixed in.
 * @module
 */
import { createHash } from "node:crypto";
import { basename, join } from "node:path";
import { factorsFromPath } from "../ingest/factors.ts";
import type { Dataset, Factors, Rows } from "../model.ts";
import type { FileEntry } from "./records.ts";
import { filesOfSources } from "../paths.ts";

/** One entry per file the dataset mentions (records, warnings), read from `root` for its hash and size. */
export function fileEntries(root: string, dataset: Dataset<Rows>, isFile: boolean): FileEntry[] {
  const factors = new Map<string, Factors>();
  // Each list in turn, by index: a spread of them all was an array of every record (1.9 million at 100× the
  // shipped data) made while the append is at its peak.
  // A run appended to a file with others (`e1000.json#2`) is an entry of its file.
  const fileOfSource = filesOfSources(dataset.files);
  const add = (x: { source: string; factors: Factors }) => {
    const file = fileOfSource(x.source);
    if (!factors.has(file)) factors.set(file, x.factors);
  };
  dataset.rows.forEach(add);
  for (const list of [dataset.series, dataset.histograms]) {
    for (let i = 0; i < list.length; i++) add(list[i]);
  }
  const described = new Map(dataset.files.map((f) => [f.source, f]));
  const tools = new Map<string, string>();
  dataset.rows.forEach((r) => tools.set(fileOfSource(r.source), r.tool));
  const sources = [
    ...new Set([
      ...dataset.files.map((f) => f.source),
      ...dataset.warnings.map((w) => w.source),
      ...factors.keys(),
    ]),
  ];
  const out: FileEntry[] = [];
  for (const source of sources) {
    const path = isFile ? root : join(root, source);
    const { sha256, bytes } = hashFile(path);
    const f = factors.get(source) ?? factorsFromPath(source);
    const d = described.get(source);
    out.push({
      source,
      sha256,
      identity: identity(source, f),
      bytes,
      format: d?.format ?? null,
      tool: tools.get(source) ?? null,
      toolVersion: d?.toolVersion ?? null,
    });
  }
  return out;
}

/** File name and factors (sorted), independent of which parent folder was added. */
export function identity(source: string, factors: Factors): string {
  return JSON.stringify([
    basename(source),
    Object.entries(factors).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
}

/** One buffer for every file hashed (a read at a time): constant memory for a 10 GB per-I/O log. */
const HASH_BUFFER = new Uint8Array(1 << 20);

/**
 * sha256 (hex) and size, a MiB at a time with synchronous reads: the append hashes every file of the folder, and
 * at 20× the shipped data (29 360 files, 1.55 GB) a stream of the file's 16 KiB promises took 11 s, reads into one
 * buffer 1.8 s (on 5×: 3.0 s against 0.38 s). Nothing else runs meanwhile (the report is written).
 */
export function hashFile(path: string): { sha256: string; bytes: number } {
  const hash = createHash("sha256");
  let bytes = 0;
  using file = Deno.openSync(path);
  for (let n = file.readSync(HASH_BUFFER); n !== null; n = file.readSync(HASH_BUFFER)) {
    hash.update(HASH_BUFFER.subarray(0, n));
    bytes += n;
  }
  return { sha256: hash.digest("hex"), bytes };
}
