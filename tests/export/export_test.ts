import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { displayFigure, displayMarkdown, mimeBundle } from "../../lib/export/display.ts";
import { driverComparison } from "../../lib/plot/driver_comparison.ts";
import { forest } from "../../lib/plot/forest.ts";
import { decodePng, inkStats } from "../png.ts";
import { tempDir } from "../helpers.ts";
import { writeParts } from "../../lib/export/write.ts";
import { csvParts, jsonParts, toCsv } from "../../lib/export/table.ts";
import Papa from "papaparse";

Deno.test("exportFigure writes <id>.svg and a 2× <id>.png atomically (no temporary files left)", async () => {
  const dir = tempDir();
  const fig = driverComparison([], { metric: "iops", id: "probe" });
  const files = await vb.exportFigure(dir, fig);
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["probe.png", "probe.svg"]);
  const png = decodePng(Deno.readFileSync(files.png!));
  assert.equal(png.width, fig.width * 2);
  assert.equal(png.height, fig.height * 2);
  assert.ok(inkStats(png).inked > 0.001, "the PNG has text on it");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("writeAtomic replaces a file whole and cleans up when the write fails", async () => {
  const dir = tempDir();
  const path = join(dir, "a.txt");
  await vb.writeAtomic(path, "first");
  await vb.writeAtomic(path, "second");
  assert.equal(Deno.readTextFileSync(path), "second");
  await assert.rejects(() => vb.writeAtomic(join(dir, "a.txt", "below-a-file"), "x"));
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.txt"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("writeParts writes pieces as Array.join would join them, across its buffers, and cleans up on failure", async () => {
  const dir = tempDir();
  const path = join(dir, "report.md");
  // Labelled synthetic text: 3 000 lines of 1 000 characters (3 MB: several blocks), one with a multi-byte character.
  const lines = Array.from({ length: 3000 }, (_, i) => `${i}`.padEnd(1000, i === 1500 ? "é" : "x"));
  await writeParts(path, lines, "\n");
  assert.equal(Deno.readTextFileSync(path), lines.join("\n"));
  // One piece of 200 000 units: 3-byte characters, and surrogate pairs (4 bytes) on every possible offset around
  // the writer's 16 Ki-unit slices, which must never cut a pair in two.
  const mixed = "€".repeat(16383) + "😀".repeat(40000) + "a😀".repeat(30000) + "ü".repeat(3);
  await writeParts(path, ["x", mixed, "€😀"]);
  const bytes = Deno.readFileSync(path);
  assert.deepEqual(bytes, new TextEncoder().encode("x" + mixed + "€😀"));
  await writeParts(
    path,
    (function* () {
      yield "<p>";
      yield "";
      yield "</p>\n";
    })(),
  );
  assert.equal(Deno.readTextFileSync(path), "<p></p>\n");
  const failing = function* () {
    yield "half";
    throw new Error("the maker failed");
  };
  await assert.rejects(() => writeParts(path, failing()), /the maker failed/);
  assert.equal(Deno.readTextFileSync(path), "<p></p>\n", "the previous file is untouched");
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["report.md"], "no temporary file left");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("csvParts and jsonParts in pieces give the whole text: Papa.unparse's and JSON.stringify's", () => {
  // Labelled synthetic rows: a missing column, quoting, a formula-like cell, a newline in a cell, null.
  const rows: Record<string, string | number | null>[] = [
    { workload: "a,b", ratio: 1.5, note: null },
    { workload: "=cmd", ratio: -2 },
    { workload: 'say "hi"\nthere', ratio: 1e-300, extra: "x" },
    { workload: "plain", ratio: 0 },
    { workload: "é", ratio: 3 },
  ];
  const fields = ["workload", "ratio", "note", "extra"];
  const whole = Papa.unparse(
    { fields, data: rows.map((r) => fields.map((f) => r[f] ?? "")) },
    { newline: "\n", escapeFormulae: /^[=+\-@\t\r]/ },
  ) + "\n";
  for (const block of [1, 2, 500]) {
    assert.equal([...csvParts(rows, block)].join(""), whole, `blocks of ${block}`);
  }
  assert.equal(toCsv(rows), whole);
  assert.equal([...jsonParts(rows)].join(""), JSON.stringify(rows, null, 1) + "\n");
  assert.equal([...jsonParts([])].join(""), "[]\n");
  assert.equal([...csvParts([])].join(""), "");
});

Deno.test("a figure's display bundle is a picture everywhere: image/png and an <img> of it, no inline SVG", () => {
  const fig = forest([]);
  const shown = displayFigure(fig);
  const bundle = mimeBundle(shown);
  assert.deepEqual(Object.keys(bundle).sort(), ["image/png", "text/html", "text/plain"]);
  const png = decodePng(Uint8Array.from(atob(bundle["image/png"]), (c) => c.charCodeAt(0)));
  assert.deepEqual([png.width, png.height], [fig.width * 2, fig.height * 2], "drawn at 2×");
  assert.deepEqual(shown.metadata, { "image/png": { width: fig.width, height: fig.height } }, "shown at 1×");
  // Sanitisers drop <svg> and its text runs together; an <img> with a data: URI survives them.
  assert.doesNotMatch(bundle["text/html"], /<svg/);
  assert.match(bundle["text/html"], /^<img src="data:image\/png;base64,([A-Za-z0-9+/=]+)" width="760"/);
  assert.equal(bundle["text/html"].match(/base64,([^"]+)"/)![1], bundle["image/png"]);
  assert.match(bundle["text/html"], new RegExp(`alt="figure ${fig.id}: ${fig.title}"`));
});

Deno.test("CSV quotes what needs quoting; Markdown escapes pipes", () => {
  const rows = [{ name: 'a,"b"', value: 1.5, missing: null }, { name: "x|y", value: 2, missing: null }];
  assert.equal(vb.toCsv(rows), 'name,value,missing\n"a,""b""",1.5,\nx|y,2,\n');
  assert.match(vb.toMarkdown(rows), /x\\\|y/);
});

Deno.test("display: a story in Markdown goes out as Markdown, as escaped HTML (classic Jupyter, untrusted) and as plain words", () => {
  const md = "**What is compared.** One <guest>, the *virtual disk*, `direct=1`, 2 × 3 runs.\n\n**How.** fio";
  const bundle = mimeBundle(displayMarkdown(md));
  assert.equal(bundle["text/markdown"], md);
  assert.equal(
    bundle["text/html"],
    "<p><strong>What is compared.</strong> One &lt;guest&gt;, the <em>virtual disk</em>, <code>direct=1</code>, " +
      "2 × 3 runs.</p>\n<p><strong>How.</strong> fio</p>",
  );
  assert.equal(
    bundle["text/plain"],
    "What is compared. One <guest>, the virtual disk, `direct=1`, 2 × 3 runs.\n\nHow. fio",
  );
});
