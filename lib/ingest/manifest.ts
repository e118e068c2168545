/**
 * Optional manifests that attach factors to files a folder's names cannot express:
 * `manifest.json` `{"files": {"rel/path.json": {"driver": "ide"}}}` or `manifest.csv` with a
 * `file` column and one column per factor. Paths are relative to the manifest's folder.
 * Manifest factors override path factors (a manifest is the more deliberate statement).
 * @module
 */
import Papa from "papaparse";
import { join } from "node:path";
import type { Factors } from "../model.ts";
import { ParseError } from "./errors.ts";

/**
 * Absolute file path → factors, for one folder's manifest (empty when there is none). `entries`: the folder's, when
 * the caller has read them (a folder walk): then only a manifest that is a link is asked about (two questions per
 * folder otherwise, each a trip through Deno's thread pool and permission check).
 */
export async function readManifest(dir: string, entries?: Deno.DirEntry[]): Promise<Map<string, Factors>> {
  const out = new Map<string, Factors>();
  const json = join(dir, "manifest.json");
  const csv = join(dir, "manifest.csv");
  const isFile = async (path: string, name: string) => {
    const entry = entries?.find((e) => e.name === name);
    if (entries && !entry) return false;
    return entry && !entry.isSymlink ? entry.isFile : await exists(path);
  };
  if (await isFile(json, "manifest.json")) {
    let doc: unknown;
    try {
      doc = JSON.parse(await Deno.readTextFile(json));
    } catch (err) {
      throw new ParseError({
        file: json,
        found: `invalid JSON (${(err as Error).message})`,
        expected: '{"files": {...}}',
      });
    }
    const files = (doc as { files?: unknown })?.files;
    if (typeof files !== "object" || files === null || Array.isArray(files)) {
      throw new ParseError({
        file: json,
        location: "$.files",
        found: JSON.stringify(files),
        expected: "an object of file → factors",
      });
    }
    for (const [file, factors] of Object.entries(files)) {
      if (typeof factors !== "object" || factors === null) {
        throw new ParseError({
          file: json,
          location: `$.files["${file}"]`,
          found: JSON.stringify(factors),
          expected: "an object of factor → value",
        });
      }
      out.set(join(dir, file), Object.fromEntries(Object.entries(factors).map(([k, v]) => [k, String(v)])));
    }
  } else if (await isFile(csv, "manifest.csv")) {
    const parsed = Papa.parse<Record<string, string>>(await Deno.readTextFile(csv), {
      header: true,
      skipEmptyLines: true,
    });
    if (!parsed.meta.fields?.includes("file")) {
      throw new ParseError({
        file: csv,
        location: "line 1",
        found: JSON.stringify(parsed.meta.fields ?? []),
        expected: 'a header with a "file" column',
      });
    }
    parsed.data.forEach((row) => {
      const { file, ...factors } = row;
      out.set(join(dir, file), factors);
    });
  }
  return out;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}
