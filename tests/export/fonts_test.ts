/**
 * The cut-down DejaVu copies (lib/export/fonts.ts) draw exactly what the system's files draw: the same pixels for
 * every snapshot figure and for every character each set keeps, in both weights; they are what
 * tools/subset_fonts.ts makes from this machine's files; and a figure goes to the smallest set that keeps all its
 * characters, or to the system's files when none does.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { renderSvg } from "../../lib/export/png.ts";
import {
  FONT_SETS,
  fontFilesFor,
  fontSetFor,
  subsetMatchesSystem,
  SYSTEM_FONTS,
} from "../../lib/export/fonts.ts";
import { cutSubsets, type Sources } from "../../tools/subset_fonts.ts";
import { ROOT } from "../helpers.ts";

const sources: Sources = JSON.parse(Deno.readTextFileSync(join(ROOT, "lib/export/fonts/sources.json")));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const SNAPSHOTS = join(ROOT, "tests/plot/__snapshots__");
const [COMMON, WIDE] = FONT_SETS;

function samePixels(svg: string, files: string[], what: string) {
  const copies = renderSvg(svg, {}, files), system = renderSvg(svg, {}, SYSTEM_FONTS);
  assert.deepEqual([copies.width, copies.height], [system.width, system.height], what);
  assert.ok(Buffer.from(copies.pixels).equals(Buffer.from(system.pixels)), `${what}: the pixels differ`);
}

Deno.test("the copies are what tools/subset_fonts.ts cuts from this machine's DejaVu, as sources.json records", async () => {
  assert.ok(
    subsetMatchesSystem(),
    "the system's DejaVu is not the one the copies were cut from: run tools/subset_fonts.ts",
  );
  sources.system.forEach((f, i) =>
    assert.equal(sha256(Deno.readFileSync(SYSTEM_FONTS[i])), f.sha256, f.file)
  );
  assert.deepEqual(FONT_SETS.map((s) => s.name), ["common", "wide"]);
  for (const [k, set] of sources.sets.entries()) {
    const { kept, cut } = await cutSubsets(set.ranges);
    assert.deepEqual(kept, set.kept, set.name);
    set.fonts.forEach((f, i) => {
      const shipped = Deno.readFileSync(FONT_SETS[k].files[i]);
      assert.equal(sha256(shipped), f.sha256, f.file);
      assert.equal(sha256(cut[i]), f.sha256, `${f.file} cut again`);
    });
  }
  // Smallest first: the common set's files are the smaller, and it keeps nothing the wide one does not.
  const size = (files: string[]) => files.reduce((sum, f) => sum + Deno.statSync(f).size, 0);
  assert.ok(size(COMMON.files) < size(WIDE.files) / 2);
  for (const [from, to] of COMMON.kept) {
    for (let c = from; c <= to; c++) assert.equal(fontSetFor(`&#${c};`), COMMON, `U+${c.toString(16)}`);
  }
});

Deno.test("every snapshot figure goes to the common set and draws the same pixels with both sets as with the system's files", () => {
  const names = [...Deno.readDirSync(SNAPSHOTS)].filter((e) => e.name.endsWith(".svg")).map((e) => e.name)
    .sort();
  assert.ok(names.length >= 10);
  for (const name of names) {
    const svg = Deno.readTextFileSync(join(SNAPSHOTS, name));
    assert.equal(fontSetFor(svg)?.name, "common", name);
    for (const set of FONT_SETS) samePixels(svg, set.files, `${name} with the ${set.name} set`);
  }
});

Deno.test("every character each set keeps draws the same, regular and bold, at the figures' sizes", () => {
  for (const set of FONT_SETS) {
    // Labelled synthetic: every kept code point, 48 to a line, in each weight at 11 and 17 px.
    const chars: string[] = [];
    for (const [from, to] of set.kept) {
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
          texts.push(
            `<text x="4" y="${y}" font-size="${size}" font-weight="${weight}">${escape(line)}</text>`,
          );
        }
      }
    }
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${y + 8}" ` +
      `font-family="'DejaVu Sans', sans-serif"><rect width="100%" height="100%" fill="#fff"/>${
        texts.join("")
      }</svg>`;
    assert.equal(fontSetFor(svg), set);
    assert.equal(chars.length, { common: 315, wide: 1093 }[set.name], set.name);
    samePixels(svg, set.files, `every character of the ${set.name} set`);
  }
});

Deno.test("a figure goes to the smallest set that keeps its characters, else to the system's files", () => {
  const svg = (text: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>${text}</text></svg>`;
  assert.deepEqual(fontFilesFor(svg("randread-4k · α = 0.05 → 1.2× µs ≥ Zürich")), COMMON.files);
  assert.deepEqual(fontFilesFor(svg("&#945; &#x3B1; &amp; &lt;")), COMMON.files);
  // Latin Extended-A, a Greek letter with a tonos, a geometric shape: in the wide set only, as text or reference.
  for (const wide of ["Łódź", "Ελληνικά ά", "▲", "&#x25B2;", "a → b ≠ ő"]) {
    assert.deepEqual(fontFilesFor(svg(wide)), WIDE.files, wide);
  }
  // Cyrillic, a reference to it, CJK, an emoji (a surrogate pair) and one by reference, a broken reference, and
  // U+0378, in the Greek block but in neither file.
  for (
    const outside of ["Жёлудь", "&#x416;", "&#1046;", "磁盘", "😀", "&#x1F600;", "&#bad;", "\u0378", "ő Ж"]
  ) {
    assert.deepEqual(fontFilesFor(svg(outside)), SYSTEM_FONTS, outside);
  }
  const outside = svg("Жёлудь 磁盘").replace("<text>", '<text y="9">');
  const drawn = renderSvg(outside).pixels, system = renderSvg(outside, {}, SYSTEM_FONTS).pixels;
  assert.ok(
    Buffer.from(drawn).equals(Buffer.from(system)),
    "a name outside the copies is drawn by the system's files",
  );
  for (const [c, files] of [[0x378, WIDE.files], [0x20c0, WIDE.files], [0x151, COMMON.files]] as const) {
    const text =
      `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><rect width="60" height="30" ` +
      `fill="#fff"/><text x="4" y="20" font-size="17">a${String.fromCodePoint(c)}b</text></svg>`;
    const copies = renderSvg(text, {}, files).pixels, system = renderSvg(text, {}, SYSTEM_FONTS).pixels;
    assert.ok(
      !Buffer.from(copies).equals(Buffer.from(system)),
      `U+${c.toString(16)} is why such figures go elsewhere`,
    );
  }
});
