/**
 * The cut-down DejaVu copies (lib/export/fonts.ts) draw exactly what the system's files draw: the same pixels for
 * every snapshot figure and for every character they keep, in both weights; they are what tools/subset_fonts.ts
 * makes from this machine's files; and a figure with a character they do not keep goes to the system's files.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { renderSvg } from "../../lib/export/png.ts";
import {
  coveredBySubset,
  fontFilesFor,
  KEPT_RANGES,
  SUBSET_FONTS,
  subsetMatchesSystem,
  SYSTEM_FONTS,
} from "../../lib/export/fonts.ts";
import { cutSubsets } from "../../tools/subset_fonts.ts";
import { ROOT } from "../helpers.ts";

const sources = JSON.parse(Deno.readTextFileSync(join(ROOT, "lib/export/fonts/sources.json")));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const SNAPSHOTS = join(ROOT, "tests/plot/__snapshots__");

function samePixels(svg: string, what: string) {
  const copies = renderSvg(svg, {}, SUBSET_FONTS), system = renderSvg(svg, {}, SYSTEM_FONTS);
  assert.deepEqual([copies.width, copies.height], [system.width, system.height], what);
  assert.ok(Buffer.from(copies.pixels).equals(Buffer.from(system.pixels)), `${what}: the pixels differ`);
}

Deno.test("the copies are what tools/subset_fonts.ts cuts from this machine's DejaVu, as sources.json records", async () => {
  assert.ok(
    subsetMatchesSystem(),
    "the system's DejaVu is not the one the copies were cut from: run tools/subset_fonts.ts",
  );
  const { kept, cut } = await cutSubsets(sources.ranges);
  assert.deepEqual(kept, sources.kept);
  sources.fonts.forEach((f: { file: string; sha256: string; sourceSha256: string }, i: number) => {
    const shipped = Deno.readFileSync(SUBSET_FONTS[i]);
    assert.equal(sha256(shipped), f.sha256, f.file);
    assert.equal(sha256(cut[i]), f.sha256, `${f.file} cut again`);
    assert.equal(sha256(Deno.readFileSync(SYSTEM_FONTS[i])), f.sourceSha256, SYSTEM_FONTS[i]);
  });
});

Deno.test("every snapshot figure draws the same pixels with the copies as with the system's files", () => {
  const names = [...Deno.readDirSync(SNAPSHOTS)].filter((e) => e.name.endsWith(".svg")).map((e) => e.name)
    .sort();
  assert.ok(names.length >= 10);
  for (const name of names) {
    const svg = Deno.readTextFileSync(join(SNAPSHOTS, name));
    assert.ok(coveredBySubset(svg), `${name} is drawn with the copies`);
    samePixels(svg, name);
  }
});

Deno.test("every character the copies keep draws the same, regular and bold, at the figures' sizes", () => {
  // Labelled synthetic: every kept code point, 48 to a line, in each weight at 11 and 17 px.
  const chars: string[] = [];
  for (const [from, to] of KEPT_RANGES) {
    for (let c = from; c <= to; c++) chars.push(String.fromCodePoint(c));
  }
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += 48) lines.push(chars.slice(i, i + 48).join(""));
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  let y = 0;
  const texts = [];
  for (const weight of ["normal", "bold"]) {
    for (const size of [11, 17]) {
      for (const line of lines) {
        y += size + 4;
        texts.push(`<text x="4" y="${y}" font-size="${size}" font-weight="${weight}">${escape(line)}</text>`);
      }
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${y + 8}" ` +
    `font-family="'DejaVu Sans', sans-serif"><rect width="100%" height="100%" fill="#fff"/>${
      texts.join("")
    }</svg>`;
  assert.ok(coveredBySubset(svg));
  assert.equal(chars.length, 1093);
  samePixels(svg, "every kept character");
});

Deno.test("a figure with a character the copies do not keep is drawn with the system's files", () => {
  const svg = (text: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>${text}</text></svg>`;
  assert.deepEqual(fontFilesFor(svg("randread-4k · α = 0.05 → 1.2× µs")), SUBSET_FONTS);
  assert.deepEqual(fontFilesFor(svg("&#945; &#x3B1; &amp; &lt;")), SUBSET_FONTS);
  // Cyrillic, a reference to it, CJK, an emoji (a surrogate pair) and one by reference, a broken reference, and
  // U+0378, in the Greek block but in neither file.
  for (const outside of ["Жёлудь", "&#x416;", "&#1046;", "磁盘", "😀", "&#x1F600;", "&#bad;", "\u0378"]) {
    assert.deepEqual(fontFilesFor(svg(outside)), SYSTEM_FONTS, outside);
  }
  const outside = svg("Жёлудь 磁盘").replace("<text>", '<text y="9">');
  const drawn = renderSvg(outside).pixels, system = renderSvg(outside, {}, SYSTEM_FONTS).pixels;
  assert.ok(
    Buffer.from(drawn).equals(Buffer.from(system)),
    "a name outside the copies is drawn by the system's files",
  );
  for (const c of [0x378, 0x20c0]) {
    const text =
      `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><rect width="60" height="30" ` +
      `fill="#fff"/><text x="4" y="20" font-size="17">a${String.fromCodePoint(c)}b</text></svg>`;
    const copies = renderSvg(text, {}, SUBSET_FONTS).pixels,
      system = renderSvg(text, {}, SYSTEM_FONTS).pixels;
    assert.ok(
      !Buffer.from(copies).equals(Buffer.from(system)),
      `U+${c.toString(16)} is why such figures go there`,
    );
  }
});
