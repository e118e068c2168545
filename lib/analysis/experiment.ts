/**
 * `experiment.json` files declare which factor is compared and which value is the baseline,
 * e.g. `{"by": "driver", "baseline": "ide"}`, so no driver name is hard-coded in code or notebooks, and
 * optionally the `layout` of names that are not `key=value` (`{"layout": "{config}-run{rep}.json"}`).
 * @module
 */
import { join, relative } from "node:path";
import { ParseError, unreadable } from "../ingest/errors.ts";
import { OptionError, optionName, OPTIONS, parseOption } from "./options.ts";

/** The keys experiment.json may declare: the options the table gives one, and the title. */
const EXPERIMENT_KEYS = [...OPTIONS.flatMap((o) => o.experimentKey ? [o.experimentKey] : []), "title"];

export interface Experiment {
  /** The compared factor, e.g. "driver" or "nic". */
  by?: string;
  /** The reference value of that factor. */
  baseline?: string;
  /** Where factors sit in names that are not `key=value`, e.g. `{config}-run{rep}.json` (lib/ingest/layout.ts). */
  layout?: string;
  /** The data set's name for captions, e.g. "Linux guest under QEMU TCG, 2026-11". */
  title?: string;
  /** Where the declaration was read from (relative to the loaded root). */
  source: string;
}

/** Every `experiment.json` under `root` (sorted by path); an unreadable one is a clear error. */
export async function readExperiments(root: string): Promise<Experiment[]> {
  const found: Experiment[] = [];
  for await (const path of walkFor(root, "experiment.json")) {
    const source = relative(root, path) || path;
    let doc: unknown;
    try {
      doc = JSON.parse(await Deno.readTextFile(path));
    } catch (err) {
      throw new ParseError({
        file: path,
        found: `invalid JSON (${err instanceof Error ? err.message : err})`,
        expected: 'an object such as {"by": "driver", "baseline": "ide"}',
      });
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      throw new ParseError({ file: path, found: JSON.stringify(doc), expected: "a JSON object" });
    }
    const fields = doc as Record<string, unknown>;
    const declared: Record<string, string | undefined> = {};
    for (const key of EXPERIMENT_KEYS) {
      const value = fields[key];
      if (value !== undefined && typeof value !== "string") {
        throw new ParseError({
          file: path,
          location: `$.${key}`,
          found: JSON.stringify(value),
          expected: "a string",
        });
      }
      declared[key] = value;
      // The option's own check (a layout that cannot be parsed), named by file and key like any bad input.
      const option = OPTIONS.find((o) => o.experimentKey === key);
      if (option && value !== undefined) {
        try {
          parseOption(option, value);
        } catch (err) {
          if (!(err instanceof OptionError)) throw err;
          throw new ParseError({
            file: path,
            location: `$.${key}`,
            found: JSON.stringify(value),
            expected: `what ${optionName(option)} accepts`,
            hint: err.message.replace(/^Invalid [^:]*: /, ""),
          });
        }
      }
    }
    found.push({ ...declared, source });
  }
  return found;
}

async function* walkFor(dir: string, name: string): AsyncGenerator<string> {
  let entries: Deno.DirEntry[];
  try {
    entries = [];
    for await (const e of Deno.readDir(dir)) entries.push(e);
  } catch (err) {
    if (err instanceof Deno.errors.NotADirectory) return;
    throw unreadable(err, dir);
  }
  entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory) yield* walkFor(path, name);
    else if (e.name === name) yield path;
  }
}
