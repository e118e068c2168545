/**
 * The committed notebooks render with their figures as pictures in nbconvert's HTML (the page GitHub
 * and most static hosts show is of this kind): every figure output becomes an <img> that Chromium
 * draws with a non-zero box, and no figure is left as inline SVG for nbconvert's cleaner to mangle.
 * A screenshot of each is kept in out/screenshots/ for a person to look at.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempDir } from "../helpers.ts";
import { haveChromium, launchBrowser } from "../chromium.ts";
import { cellOutputs } from "./outputs.ts";

const NOTEBOOKS = [...Deno.readDirSync(join(ROOT, "notebooks"))].map((e) => e.name)
  .filter((n) => n.endsWith(".ipynb")).sort();

Deno.test({
  name: "notebooks: nbconvert HTML draws every figure as a picture in Chromium",
  ignore: !haveChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = tempDir("vb-html-");
    const out = await new Deno.Command("/usr/bin/jupyter", {
      args: [
        "nbconvert",
        "--to",
        "html",
        "--output-dir",
        dir,
        ...NOTEBOOKS.map((n) => join(ROOT, "notebooks", n)),
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const shots = join(ROOT, "out/screenshots");
    Deno.mkdirSync(shots, { recursive: true });
    const { browser, close } = await launchBrowser();
    try {
      let total = 0;
      for (const nb of NOTEBOOKS) {
        const figures = cellOutputs(join(ROOT, "notebooks", nb)).flat()
          .filter((o) => /text\/plain: \[figure /.test(o)).length;
        total += figures;
        const html = join(dir, nb.replace(/\.ipynb$/, ".html"));
        assert.doesNotMatch(
          Deno.readTextFileSync(html),
          /<svg[^>]*aria-label=/,
          `${nb}: no figure as inline SVG`,
        );
        const page = await browser.newPage();
        await page.setViewport({ width: 1100, height: 900 });
        await page.goto(`file://${html}`, { waitUntil: "load" });
        const drawn = await page.evaluate(() =>
          [...document.querySelectorAll("img[alt^='figure ']")].filter((el) => {
            const img = el as HTMLImageElement, r = img.getBoundingClientRect();
            return img.complete && img.naturalWidth > 0 && r.width > 0 && r.height > 0;
          }).length
        );
        assert.equal(drawn, figures, `${nb}: ${figures} figures, ${drawn} drawn as pictures`);
        await page.screenshot({
          path: join(shots, nb.replace(/\.ipynb$/, "-nbconvert.png")) as `${string}.png`,
          fullPage: true,
        });
        await page.close();
      }
      assert.ok(total >= 10, `${total} figures in the notebooks`);
    } finally {
      await close();
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
