/**
 * Exported figures and the report open in headless Chromium and are not blank.
 * Screenshots are kept in out/screenshots/ for a person to look at.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { HAVE_DATA, ROOT, tempDir } from "../helpers.ts";
import { decodePng, inkStats } from "../png.ts";
import { shippedFigures } from "../plot/snapshot_test.ts";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

export async function screenshot(url: string, png: string, width: number, height: number): Promise<void> {
  const profile = tempDir("vb-chromium-");
  const { code, stderr } = await new Deno.Command(CHROMIUM, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--hide-scrollbars",
      `--user-data-dir=${profile}`,
      `--screenshot=${png}`,
      `--window-size=${width},${height}`,
      url,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  Deno.removeSync(profile, { recursive: true });
  assert.equal(code, 0, new TextDecoder().decode(stderr));
}

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
