/**
 * The committed notebooks in the real classic Jupyter UI (Debian's jupyter-notebook 6.4), driven in
 * headless Chromium:
 * - opened untrusted (a fresh in-memory signature database), every figure output is drawn as a
 *   picture — an IMG or SVG element with a non-zero box — not as sanitised run-on text;
 * - Kernel → Restart & Run All, 5 times per notebook: every output lands under its own cell. The
 *   Deno kernel can send a late `execute_result` under the next cell's header; outputs are matched
 *   to cells by their text/plain (figures carry "[figure <id>: <title>]"), in the UI's own model
 *   and in the page.
 * Autosave is switched off on load and the notebooks are checked byte-identical afterwards. A full-page
 * screenshot of each untrusted notebook is kept in out/screenshots/ for a person to look at.
 * The notebooks are split between two test files (jupyter_ui_a_test.ts, jupyter_ui_b_test.ts), each with its own
 * server and browser, so `deno test --parallel` runs the two halves at once: one half is 6 minutes on 2 cores.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { checksums, exists, HAVE_DATA, ROOT } from "../helpers.ts";
import { haveChromium, launchBrowser } from "../chromium.ts";
import { cellOutputs } from "./outputs.ts";

// While working on one notebook: VB_UI_RUNS=1 VB_UI_ONLY=01 deno test -A --frozen tests/notebooks/jupyter_ui_a_test.ts
const RUNS = Number(Deno.env.get("VB_UI_RUNS") ?? 5);
const NOTEBOOKS = [...Deno.readDirSync(join(ROOT, "notebooks"))].map((e) => e.name)
  .filter((n) => n.endsWith(".ipynb") && n.startsWith(Deno.env.get("VB_UI_ONLY") ?? "")).sort();
const haveJupyter = (() => {
  try {
    return Deno.statSync("/usr/bin/jupyter-notebook").isFile;
  } catch {
    return false;
  }
})();

/** The classic notebook's page objects (Jupyter.notebook, cells, output areas) are untyped JavaScript. */
// deno-lint-ignore no-explicit-any
type Any = any;

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Starts the notebook server; it stops itself after `limit` seconds at the latest. */
async function startJupyter(port: number, token: string, limit: number) {
  const child = new Deno.Command("timeout", {
    args: [
      String(limit),
      "/usr/bin/jupyter-notebook",
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${ROOT}`,
      "--NotebookNotary.db_file=:memory:", // nothing is trusted: as on a fresh clone
      "--allow-root",
    ],
    env: { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const url = `http://127.0.0.1:${port}/api/status?token=${token}`;
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(url);
      await r.body?.cancel();
      if (r.ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error("jupyter-notebook did not start");
}

/** Per code cell, its outputs' text/plain (streams as "name: text"), as the committed notebook has them. */
function expected(nb: string): string[][] {
  return cellOutputs(join(ROOT, "notebooks", nb)).map((outs) =>
    outs.map((o) => (o.match(/^text\/plain: ([\s\S]*)$/m)?.[1] ?? o).trim())
  );
}

interface SeenCell {
  model: string[];
  pictures: { w: number; h: number; tag: string }[];
  prompt: string;
}

/** What the UI holds under each code cell: its output model's text/plain, and the pictures drawn. */
function seen(page: Page): Promise<SeenCell[]> {
  return page.evaluate(() => {
    const nb = (globalThis as unknown as { Jupyter: Any }).Jupyter.notebook;
    return nb.get_cells().filter((c: Any) => c.cell_type === "code").map((c: Any) => ({
      model: c.output_area.outputs.map((o: Any) => {
        if (o.output_type === "stream") return `${o.name}: ${o.text}`.trim();
        if (o.output_type === "error") return `error: ${o.ename}: ${o.evalue}`;
        const t = o.data?.["text/plain"];
        return (Array.isArray(t) ? t.join("") : t ?? "").trim();
      }),
      pictures: [...c.element[0].querySelectorAll(".output_area img, .output_area svg")].map(
        (el: Element) => {
          const r = el.getBoundingClientRect();
          const img = el as HTMLImageElement;
          const ok = el.tagName !== "IMG" || (img.complete && img.naturalWidth > 0);
          return { w: ok ? r.width : 0, h: ok ? r.height : 0, tag: el.getAttribute("alt") ?? el.tagName };
        },
      ),
      prompt: String(c.input_prompt_number ?? ""),
    }));
  });
}

async function openNotebook(page: Page, port: number, token: string, nb: string) {
  await page.goto(`http://127.0.0.1:${port}/notebooks/notebooks/${nb}?token=${token}`, {
    waitUntil: "domcontentloaded",
  });
  await page.waitForFunction(() => {
    const nb = (globalThis as unknown as { Jupyter: Any }).Jupyter?.notebook;
    return nb?._fully_loaded && nb.kernel?.is_connected?.();
  }, { timeout: 120_000 });
  // Never write the committed file: no autosave (the checksums below check it).
  await page.evaluate(() =>
    (globalThis as unknown as { Jupyter: Any }).Jupyter.notebook.set_autosave_interval(0)
  );
  // Pictures finish decoding.
  await page.waitForFunction(
    () => [...document.querySelectorAll(".output_area img")].every((i) => (i as HTMLImageElement).complete),
    { timeout: 30_000 },
  );
}

/** Restart & Run All, then wait until every cell ran, the kernel is idle and late messages have arrived. */
async function restartRunAll(page: Page) {
  await page.evaluate(() => {
    const nb = (globalThis as unknown as { Jupyter: Any }).Jupyter.notebook;
    nb.get_cells().forEach((c: Any) => c.cell_type === "code" && c.set_input_prompt("*"));
    nb.restart_run_all({ confirm: false });
  });
  await page.waitForFunction(() => {
    const nb = (globalThis as unknown as { Jupyter: Any }).Jupyter.notebook;
    const code = nb.get_cells().filter((c: Any) => c.cell_type === "code");
    const idle = document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_idle_icon");
    return idle && code.every((c: Any) => typeof c.input_prompt_number === "number");
  }, { timeout: 300_000, polling: 250 });
  await new Promise((r) => setTimeout(r, 3000)); // a late execute_result would arrive now
}

function misplaced(want: string[][], got: SeenCell[]): string[] {
  const problems: string[] = [];
  want.forEach((outs, i) => {
    const mine = got[i]?.model ?? [];
    if (JSON.stringify(mine) !== JSON.stringify(outs)) {
      const stray = mine.filter((o) => !outs.includes(o)).map((o) => {
        const owner = want.findIndex((w) => w.includes(o));
        return `${JSON.stringify(o.slice(0, 60))}${owner >= 0 ? ` (belongs to code cell ${owner + 1})` : ""}`;
      });
      const missing = outs.filter((o) => !mine.includes(o)).map((o) => JSON.stringify(o.slice(0, 60)));
      problems.push(
        `code cell ${i + 1}: stray ${stray.join(", ") || "none"}; missing ${missing.join(", ") || "none"}`,
      );
    }
  });
  return problems;
}

function figuresDrawn(want: string[][], got: SeenCell[]): string[] {
  const problems: string[] = [];
  want.forEach((outs, i) => {
    const figures = outs.filter((o) => o.startsWith("[figure "));
    const drawn = (got[i]?.pictures ?? []).filter((p) => p.w > 0 && p.h > 0);
    if (drawn.length < figures.length) {
      problems.push(`code cell ${i + 1}: ${figures.length} figure(s), ${drawn.length} drawn as a picture`);
    }
  });
  return problems;
}

/** The test for every other notebook (sorted), starting with the `half`-th (0 or 1). */
export function uiTest(half: 0 | 1): void {
  const mine = NOTEBOOKS.filter((_, i) => i % 2 === half);
  Deno.test({
    name: `notebooks in the real classic Jupyter UI (${
      mine.map((n) => n.slice(0, 2)).join(", ")
    }): figures are pictures while untrusted; ${RUNS}× Restart & Run All puts every output under its own cell`,
    ignore: !haveChromium || !haveJupyter || !HAVE_DATA || mine.length === 0,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      const before = await checksums(join(ROOT, "notebooks"));
      // Jupyter makes an (empty) checkpoints folder beside a notebook it opens: remove it when it was not there.
      const checkpoints = join(ROOT, "notebooks/.ipynb_checkpoints");
      const hadCheckpoints = exists(checkpoints);
      Deno.mkdirSync(join(ROOT, "out/screenshots"), { recursive: true });
      const port = freePort(), token = crypto.randomUUID().replaceAll("-", "");
      const server = await startJupyter(port, token, 60 * 60);
      const { browser, close } = await launchBrowser();
      try {
        for (const nb of mine) {
          await t.step(nb, async () => {
            const want = expected(nb);
            assert.ok(want.some((o) => o.length), `${nb} is committed with outputs`);
            const page = await browser.newPage();
            await page.setViewport({ width: 1280, height: 900 });
            await openNotebook(page, port, token, nb);
            assert.equal(
              await page.evaluate(() => (globalThis as unknown as { Jupyter: Any }).Jupyter.notebook.trusted),
              false,
              "opened untrusted",
            );
            const committed = await seen(page);
            // The page scrolls inside #site: let it grow so the screenshot holds the whole notebook.
            await page.addStyleTag({
              content: "#site { height: auto !important; overflow: visible !important; }",
            });
            await page.screenshot({
              path: join(
                ROOT,
                "out/screenshots",
                nb.replace(/\.ipynb$/, "-classic-untrusted.png"),
              ) as `${string}.png`,
              fullPage: true,
            });
            assert.deepEqual(
              figuresDrawn(want, committed),
              [],
              `${nb}, untrusted: every figure is a picture`,
            );
            const failures: string[] = [];
            for (let run = 1; run <= RUNS; run++) {
              await restartRunAll(page);
              const got = await seen(page);
              const wrong = [...misplaced(want, got), ...figuresDrawn(want, got)];
              if (wrong.length) failures.push(`run ${run}: ${wrong.join("; ")}`);
            }
            assert.deepEqual(failures, [], `${nb}: outputs under the wrong cell or not drawn`);
            await page.evaluate(() => {
              (globalThis as unknown as { Jupyter: Any }).Jupyter.notebook.session.delete();
            });
            await page.close();
          });
        }
      } finally {
        await close();
        server.kill("SIGTERM");
        await server.status;
        if (!hadCheckpoints && exists(checkpoints)) Deno.removeSync(checkpoints, { recursive: true });
      }
      assert.deepEqual(
        await checksums(join(ROOT, "notebooks")),
        before,
        "the committed notebooks were not written",
      );
    },
  });
}
