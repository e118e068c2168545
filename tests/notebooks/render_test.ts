/**
 * The committed notebooks render with their figures in nbconvert's HTML (figures carry text/html as well
 * as image/svg+xml, which nbconvert 6.5 mangles) and in a browser: a Chromium screenshot is not blank.
 * Screenshots are kept in out/screenshots/ for a person to look at.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempDir } from "../helpers.ts";
import { decodePng, inkStats } from "../png.ts";
import { haveChromium, screenshot } from "../chromium.ts";

Deno.test({
  name: "notebooks: nbconvert HTML shows every figure as inline SVG, and Chromium renders it",
  ignore: !haveChromium,
  sanitizeResources: false,
  fn: async () => {
    const dir = tempDir("vb-html-");
    const nb = join(ROOT, "notebooks/01-disk.ipynb");
    const out = await new Deno.Command("/usr/bin/jupyter", {
      args: ["nbconvert", "--to", "html", "--output-dir", dir, nb],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const html = Deno.readTextFileSync(join(dir, "01-disk.html"));
    const figures = (Deno.readTextFileSync(nb).match(/"image\/svg\+xml"/g) ?? []).length;
    assert.ok(figures >= 5);
    assert.ok(
      (html.match(/<svg[^>]*aria-label=/g) ?? []).length >= figures,
      "each figure inline in the HTML",
    );
    const shots = join(ROOT, "out/screenshots");
    Deno.mkdirSync(shots, { recursive: true });
    const png = join(shots, "01-disk-nbconvert.png");
    await screenshot(`file://${join(dir, "01-disk.html")}`, png, 1100, 2400);
    const stats = inkStats(decodePng(Deno.readFileSync(png)));
    assert.ok(stats.colors > 50 && stats.inked > 0.05, JSON.stringify(stats));
    Deno.removeSync(dir, { recursive: true });
  },
});
