/**
 * Exported figures and the report open in headless Chromium and are not blank.
 * Screenshots are kept in out/screenshots/ for a person to look at.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { HAVE_DATA, ROOT } from "../helpers.ts";
import { haveChromium, screenshot } from "../chromium.ts";
import { decodePng, inkStats } from "../png.ts";
import { shippedFigures } from "../plot/shipped.ts";

Deno.test({
  name: "Chromium renders every exported figure of the shipped data, not blank",
  ignore: !haveChromium || !HAVE_DATA,
  sanitizeResources: false,
  fn: async () => {
    const dir = join(ROOT, "out/screenshots");
    Deno.mkdirSync(dir, { recursive: true });
    for (const fig of (await shippedFigures()).slice(0, 6)) {
      const files = await vb.exportFigure(join(dir, "figures"), fig, { png: false });
      const shot = join(dir, `${fig.id}.png`);
      await screenshot(`file://${files.svg}`, shot, fig.width, Math.min(fig.height, 2000));
      const stats = inkStats(decodePng(Deno.readFileSync(shot)));
      assert.ok(stats.colors > 20, `${fig.id}: ${stats.colors} colours`);
      assert.ok(stats.inked > 0.01, `${fig.id}: ${(stats.inked * 100).toFixed(1)} % inked`);
    }
  },
});
