/**
 * The report's layout in Chromium, as a reader meets it: headline slot and figures before the long
 * tables; at 1280 px the verdict table fits without horizontal scrolling; at 390 px (a phone) the
 * page is no wider than the screen, figure text stays legible and each figure links to its
 * full-size SVG; warnings folded with counts. Screenshots go to out/screenshots/ for a person.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { runReport } from "../../lib/report/run.ts";
import { DATA, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";
import { haveChromium, launchBrowser } from "../chromium.ts";

Deno.test({
  name:
    "report layout: headline and figures first, verdicts visible at 1280 px, legible and no wider than a 390 px phone",
  ignore: !haveChromium || !HAVE_DATA,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const out = tempDir("vb-layout-");
    await runReport({
      data: [relative(Deno.cwd(), DATA)],
      out,
      formats: ["html"],
      check: false,
      quiet: true,
      progress: false,
    });
    const html = Deno.readTextFileSync(join(out, "report.html"));
    assert.doesNotMatch(html, /Data: \//, "captions carry no absolute path");
    const { browser, close } = await launchBrowser();
    try {
      for (const width of [1280, 390]) {
        const page = await browser.newPage();
        await page.setViewport({ width, height: 900 });
        await page.goto(`file://${join(out, "report.html")}`, { waitUntil: "load" });
        const m = await page.evaluate(() => {
          const top = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().top;
          const tables = [...document.querySelectorAll(".verdicts")].map((box) => {
            const th = [...box.querySelectorAll("th")].find((h) => h.textContent === "verdict")!;
            return { right: th.getBoundingClientRect().right, box: box.getBoundingClientRect().right };
          });
          const ticks = [...document.querySelectorAll("figure svg [aria-label='y-axis tick label'] text")]
            .map((t) => t.getBoundingClientRect().height);
          return {
            pageWidth: document.documentElement.scrollWidth,
            headline: top(".headline"),
            figure: top("figure"),
            verdicts: top(".verdicts"),
            tables,
            smallestTick: Math.min(...ticks),
            links: [...document.querySelectorAll("figcaption a")].map((a) => a.getAttribute("href")!),
            folded: [...document.querySelectorAll("details.vb-warnings summary")].map((s) => s.textContent!),
          };
        });
        assert.ok(m.pageWidth <= width, `${width} px: the page is ${m.pageWidth} px wide`);
        assert.ok(
          m.headline < m.figure && m.figure < m.verdicts,
          `${width} px: headline, figures, then tables`,
        );
        assert.ok(m.smallestTick >= 10, `${width} px: figure text ${m.smallestTick.toFixed(1)} px high`);
        assert.ok(m.links.length >= 8 && m.links.every((l) => /^figures\/[a-z0-9-]+\.svg$/.test(l)));
        for (const l of m.links) Deno.statSync(join(out, l));
        assert.ok(m.folded.length >= 2 && m.folded.every((s) => /: \d+ \w+$/.test(s)), m.folded.join(" | "));
        if (width === 1280) {
          for (const t of m.tables) assert.ok(t.right <= t.box && t.right <= width, "verdict column visible");
        }
        Deno.mkdirSync(join(ROOT, "out/screenshots"), { recursive: true }); // a fresh clone has no out/
        await page.screenshot({ path: join(ROOT, `out/screenshots/report-${width}.png`) as `${string}.png` });
        await page.close();
      }
    } finally {
      await close();
      Deno.removeSync(out, { recursive: true });
    }
  },
});
