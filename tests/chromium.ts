/** Headless Chromium for tests: is it installed, and a screenshot of a URL. */
import assert from "node:assert/strict";
import { tempDir } from "./helpers.ts";

const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = (() => {
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

/**
 * Debian's Chromium driven by puppeteer-core (no browser download), headless, with a fresh profile
 * that is removed when the returned `close` runs.
 */
export async function launchBrowser(): Promise<
  { browser: import("puppeteer-core").Browser; close: () => Promise<void> }
> {
  const { default: puppeteer } = await import("puppeteer-core");
  const profile = tempDir("vb-chromium-");
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--hide-scrollbars",
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      Deno.removeSync(profile, { recursive: true });
    },
  };
}
