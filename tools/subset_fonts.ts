/**
 * Cuts the sets of lib/export/fonts/ (DejaVuSans-NAME.ttf, DejaVuSans-Bold-NAME.ttf) from the system's DejaVu Sans
 * files (lib/export/fonts.ts says why) and records what they keep and were cut from in lib/export/fonts/sources.json.
 * Run after changing a set's ranges there, or on a machine whose DejaVu changed:
 * `deno run -A --frozen tools/subset_fonts.ts`. `--out DIR` writes the files elsewhere and leaves sources.json alone
 * (tests/export/fonts_test.ts checks that the shipped files are what this makes).
 * @module
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import subsetFont from "subset-font";
import { SYSTEM_FONTS } from "../lib/export/fonts.ts";
import { fontTables } from "./font_cmap.ts";

const FONTS = fileURLToPath(new URL("../lib/export/fonts/", import.meta.url));
/** Every name record (copyright, family, version, licence …), which hb-subset would otherwise drop in part. */
const NAME_IDS = Array.from({ length: 26 }, (_, i) => i);

type Ranges = [number, number][];

export interface Sources {
  about: string;
  /** The system's files the copies are cut from, in the order of SYSTEM_FONTS. */
  system: { file: string; sha256: string }[];
  sets: {
    name: string;
    /** The code points asked for (inclusive ranges). */
    ranges: Ranges;
    /** Those of them both system files have a glyph for: what the copies draw, as ranges. */
    kept: Ranges;
    fonts: { file: string; sha256: string }[];
  }[];
}

/** The code points of `ranges` that every one of `fonts` maps to a glyph, as inclusive ranges. */
export function keptRanges(ranges: Ranges, fonts: Uint8Array[]): Ranges {
  const cmaps = fonts.map((f) => fontTables(f).glyph);
  const kept: Ranges = [];
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) {
      if (!cmaps.every((glyph) => glyph(c) !== 0)) continue;
      const last = kept.at(-1);
      if (last && last[1] === c - 1) last[1] = c;
      else kept.push([c, c]);
    }
  }
  return kept;
}

/**
 * The copies of the system's fonts for the characters both have in `ranges`, in the order of SYSTEM_FONTS. Without
 * hinting: resvg draws the outlines unhinted, so the instructions (a fifth of each file) changed no pixel, and
 * resvg reads the whole file again for every glyph it draws (its font database keeps a path, not the bytes).
 */
export async function cutSubsets(ranges: Ranges): Promise<{ kept: Ranges; cut: Uint8Array[] }> {
  const fonts = SYSTEM_FONTS.map((f) => Deno.readFileSync(f));
  const kept = keptRanges(ranges, fonts);
  let text = "";
  for (const [from, to] of kept) for (let c = from; c <= to; c++) text += String.fromCodePoint(c);
  const cut: Uint8Array[] = [];
  for (const font of fonts) {
    const options = { targetFormat: "truetype" as const, preserveNameIds: NAME_IDS, noHinting: true };
    cut.push(new Uint8Array(await subsetFont(Buffer.from(font), text, options)));
  }
  return { kept, cut };
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { out: { type: "string" } } });
  const path = join(FONTS, "sources.json");
  const sources: Sources = JSON.parse(Deno.readTextFileSync(path));
  sources.system.forEach((f, i) => f.sha256 = sha256(Deno.readFileSync(SYSTEM_FONTS[i])));
  for (const set of sources.sets) {
    const { kept, cut } = await cutSubsets(set.ranges);
    set.kept = kept;
    set.fonts.forEach((f, i) => {
      Deno.writeFileSync(join(values.out ?? FONTS, f.file), cut[i]);
      f.sha256 = sha256(cut[i]);
      console.log(`${f.file}: ${cut[i].length} bytes from ${SYSTEM_FONTS[i]}`);
    });
  }
  // A range to a line, as deno fmt keeps it.
  const json = JSON.stringify(sources, null, 2).replace(/\[\n\s+(\d+),\n\s+(\d+)\n\s+\]/g, "[$1, $2]");
  if (!values.out) Deno.writeTextFileSync(path, json + "\n");
}
