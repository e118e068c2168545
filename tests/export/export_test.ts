import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { decodePng, inkStats } from "../png.ts";
import { tempDir } from "../helpers.ts";

Deno.test("exportFigure writes <id>.svg and a 2× <id>.png atomically (no temporary files left)", async () => {
  const dir = tempDir();
  const fig = vb.driverComparison([], { metric: "iops", id: "probe" });
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

Deno.test("notebook display bundles carry both text/html and image/svg+xml", () => {
  const shown = vb.displayFigure(vb.forest([])) as unknown as Record<symbol, () => Record<string, string>>;
  const bundle = shown[Symbol.for("Jupyter.display")]();
  assert.ok(bundle["text/html"].startsWith("<svg"));
  assert.equal(bundle["text/html"], bundle["image/svg+xml"]);
});

Deno.test("CSV quotes what needs quoting; Markdown escapes pipes", () => {
  const rows = [{ name: 'a,"b"', value: 1.5, missing: null }, { name: "x|y", value: 2, missing: null }];
  assert.equal(vb.toCsv(rows), 'name,value,missing\n"a,""b""",1.5,\nx|y,2,\n');
  assert.match(vb.toMarkdown(rows), /x\\\|y/);
});
