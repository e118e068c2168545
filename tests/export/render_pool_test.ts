/**
 * The render pool gives the same PNG bytes as rendering on the calling thread, in the order asked, with
 * workers and without; a bad SVG is refused with resvg's own message. Input: the SVG snapshots of the
 * shipped data's figures (tests/plot/__snapshots__).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { svgPixels, svgToPng } from "../../lib/export/png.ts";
import {
  HEAVY_PIXELS,
  POSTED_PER_WORKER,
  RenderPool,
  SPARE_AFTER_QUEUED,
} from "../../lib/export/render_pool.ts";
import { ROOT } from "../helpers.ts";

const SNAPSHOTS = join(ROOT, "tests/plot/__snapshots__");
/** The bytes alone (resvg gives a Node Buffer, a worker's reply arrives as a plain Uint8Array). */
const bytes = (png: Uint8Array) => new Uint8Array(png);
const svgs = [...Deno.readDirSync(SNAPSHOTS)].filter((e) => e.name.endsWith(".svg")).map((e) => e.name).sort()
  .slice(0, 8).map((name) => Deno.readTextFileSync(join(SNAPSHOTS, name)));

Deno.test("render pool: PNG bytes equal a render on this thread, for 2 workers and for none", async () => {
  assert.ok(svgs.length >= 4);
  const opts = { background: "#fcfcfc" };
  const here = svgs.map((svg) => svgToPng(svg, opts));
  for (const threads of [2, 0]) {
    const pool = new RenderPool(threads);
    assert.equal(pool.threads, 0, "no worker before the first figure");
    try {
      const got = await Promise.all(svgs.map((svg) => pool.render(svg, opts)));
      assert.equal(pool.threads, threads, "the workers started");
      got.forEach((png, i) =>
        assert.deepEqual(bytes(png), bytes(here[i]), `figure ${i}, ${threads} workers`)
      );
      // Options reach the workers: another scale gives other bytes.
      assert.deepEqual(
        bytes(await pool.render(svgs[0], { scale: 1 })),
        bytes(svgToPng(svgs[0], { scale: 1 })),
      );
      assert.notDeepEqual(bytes(await pool.render(svgs[0], { scale: 1 })), bytes(here[0]));
    } finally {
      pool.close();
    }
  }
});

Deno.test("render pool: an SVG resvg cannot read is refused with its message, and the pool goes on", async () => {
  const pool = new RenderPool(1);
  try {
    let here = "";
    try {
      svgToPng("<svg");
    } catch (e) {
      here = (e as Error).message;
    }
    assert.ok(here);
    await assert.rejects(() => pool.render("<svg"), (e: Error) => e.message === here);
    assert.deepEqual(bytes(await pool.render(svgs[0])), bytes(svgToPng(svgs[0])));
  } finally {
    pool.close();
  }
});

Deno.test("render pool: a figure too tall to render beside another (labelled synthetic, 760 × 12 000) gives the same bytes", async () => {
  assert.equal(
    svgPixels(svgs[0]) > 0 && svgPixels(svgs[0]) < HEAVY_PIXELS,
    true,
    "a shipped figure is not heavy",
  );
  const bars = Array.from(
    { length: 400 },
    (_, i) => `<rect x="10" y="${i * 30}" width="${(i * 37) % 700}" height="20" fill="#4269d0" />`,
  );
  const tall = `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="12000">${bars.join("")}</svg>`;
  assert.ok(svgPixels(tall) > HEAVY_PIXELS);
  const pool = new RenderPool(2);
  try {
    const got = await Promise.all([svgs[0], tall, svgs[1], tall].map((svg) => pool.render(svg)));
    assert.deepEqual(got.map(bytes), [svgs[0], tall, svgs[1], tall].map((svg) => bytes(svgToPng(svg))));
  } finally {
    pool.close();
  }
});

Deno.test("render pool: while the caller waits a spare worker renders queued figures, each to its own promise, same bytes", async () => {
  const pool = new RenderPool(1);
  try {
    const pending = svgs.map((svg) => pool.render(svg));
    assert.equal(pool.renderedBySpare, 0);
    await pool.helpUntil(pending.at(-1)!);
    assert.ok(pool.renderedBySpare > 0, "the spare rendered some of the queue");
    assert.ok(pool.renderedBySpare < svgs.length, "and the worker the others");
    assert.equal(pool.threads, 1, "the spare is not counted among the workers");
    const got = await Promise.all(pending);
    got.forEach((png, i) => assert.deepEqual(bytes(png), bytes(svgToPng(svgs[i])), `figure ${i}`));
  } finally {
    pool.close();
  }
});

Deno.test("render pool: the spare takes no figure once the caller is busy again", async () => {
  const pool = new RenderPool(1);
  try {
    const pending = [...svgs, ...svgs].map((svg) => pool.render(svg));
    await pool.helpUntil(pending[1]);
    const helped = pool.renderedBySpare;
    await Promise.all(pending);
    assert.ok(
      pool.renderedBySpare <= helped + 1,
      `at most the figure it had: ${helped} → ${pool.renderedBySpare}`,
    );
  } finally {
    pool.close();
  }
});

Deno.test("render pool: nothing renders beside a heavy figure (labelled synthetic, 760 × 12 000), the spare included", async () => {
  const tall =
    `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="12000"><rect width="700" height="11000" /></svg>`;
  assert.ok(svgPixels(tall) > HEAVY_PIXELS);
  for (const order of [[tall, svgs[0], svgs[1]], [svgs[0], tall, svgs[1]]]) {
    const pool = new RenderPool(1);
    try {
      const pending = order.map((svg) => pool.render(svg));
      const heavy = pending[order.indexOf(tall)];
      await pool.helpUntil(heavy);
      assert.equal(pool.renderedBySpare, 0, "the heavy figure rendered alone, on the worker");
      await pool.helpUntil(pending[2]);
      const got = await Promise.all(pending);
      got.forEach((png, i) => assert.deepEqual(bytes(png), bytes(svgToPng(order[i]))));
    } finally {
      pool.close();
    }
  }
});

Deno.test("render pool: start() starts the workers before any figure; leaving a `using` scope closes them", async () => {
  let kept: RenderPool;
  {
    using pool = new RenderPool(1);
    kept = pool;
    assert.equal(pool.threads, 0, "no worker before start()");
    pool.start();
    assert.equal(pool.threads, 1, "started before any figure");
    assert.deepEqual(bytes(await pool.render(svgs[0])), bytes(svgToPng(svgs[0])));
    assert.equal(pool.threads, 1, "the render used the worker started, not another");
  }
  assert.equal(kept.threads, 0, "closed when the scope was left");
  kept.close(); // again: harmless
  assert.deepEqual(
    bytes(await kept.render(svgs[1])),
    bytes(svgToPng(svgs[1])),
    "closed: renders on this thread",
  );
});

Deno.test("render pool: a worker is sent the next figures before it answers, and answers each with its own PNG", async () => {
  using pool = new RenderPool(1);
  pool.start();
  // Figures of different sizes (a reply taken for another would differ); too few to start the spare.
  const order = svgs.slice(0, POSTED_PER_WORKER + SPARE_AFTER_QUEUED - 1).reverse();
  const pending = order.map((svg) => pool.render(svg));
  assert.deepEqual(
    pool.posted,
    [POSTED_PER_WORKER],
    `${POSTED_PER_WORKER} posted at once, the rest wait here`,
  );
  const got = await Promise.all(pending);
  got.forEach((png, i) => assert.deepEqual(bytes(png), bytes(svgToPng(order[i])), `figure ${i}`));
  assert.deepEqual(pool.posted, [0]);
});

Deno.test("render pool: the spare starts once figures wait beyond those posted, and renders only while the caller waits", async () => {
  using pool = new RenderPool(1);
  pool.start();
  const first = svgs.slice(0, POSTED_PER_WORKER + SPARE_AFTER_QUEUED - 1).map((svg) => pool.render(svg));
  assert.equal(pool.posted.length, 1, `${SPARE_AFTER_QUEUED - 1} waiting: no spare yet`);
  const next = pool.render(svgs[first.length]);
  assert.deepEqual(
    pool.posted,
    [POSTED_PER_WORKER, 0],
    "the spare started, and is sent nothing while the caller works",
  );
  const pending = [...first, next];
  await pool.helpUntil(pending.at(-1)!);
  const got = await Promise.all(pending);
  got.forEach((png, i) => assert.deepEqual(bytes(png), bytes(svgToPng(svgs[i])), `figure ${i}`));
  assert.ok(pool.renderedBySpare > 0, "the spare rendered while the caller waited");
});

Deno.test("render pool: after finish() a worker stops once nothing is left for it; every figure given still renders", async () => {
  using pool = new RenderPool(2);
  pool.start();
  const first = pool.render(svgs[0]); // to the first worker; the second has nothing
  pool.finish();
  assert.deepEqual(pool.posted, [1], "the idle worker stopped at once, the busy one goes on");
  assert.deepEqual(bytes(await first), bytes(svgToPng(svgs[0])));
  assert.deepEqual(pool.posted, [], "the last worker stopped once it answered its figure");
  assert.equal(pool.threads, 0);
  assert.deepEqual(
    bytes(await pool.render(svgs[1])),
    bytes(svgToPng(svgs[1])),
    "a figure given after finish() renders on this thread",
  );
});

Deno.test("render pool: finish() stops no idle worker while a figure still waits (held off by a heavy one, labelled synthetic)", async () => {
  const tall =
    `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="12000"><rect width="700" height="11000" /></svg>`;
  using pool = new RenderPool(2);
  pool.start();
  const order = [tall, svgs[0]];
  const pending = order.map((svg) => pool.render(svg));
  pool.finish();
  assert.deepEqual(
    pool.posted,
    [1, 0],
    "the second worker is idle, but a figure waits for the heavy one to end",
  );
  const got = await Promise.all(pending);
  got.forEach((png, i) => assert.deepEqual(bytes(png), bytes(svgToPng(order[i])), `figure ${i}`));
  assert.deepEqual(pool.posted, [], "both stopped once the queue was empty and each had answered");
});

Deno.test("render pool: with spareAllowed false no spare starts, however many figures wait; one worker renders them all", async () => {
  using pool = new RenderPool(1);
  pool.spareAllowed = false;
  const pending = svgs.map((svg) => pool.render(svg));
  assert.ok(
    svgs.length >= POSTED_PER_WORKER + SPARE_AFTER_QUEUED,
    "enough figures to start a spare otherwise",
  );
  assert.deepEqual(pool.posted, [POSTED_PER_WORKER], "one worker, no spare");
  await pool.helpUntil(pending.at(-1)!);
  const got = await Promise.all(pending);
  got.forEach((png, i) => assert.deepEqual(bytes(png), bytes(svgToPng(svgs[i])), `figure ${i}`));
  assert.equal(pool.renderedBySpare, 0);
  assert.deepEqual(pool.posted, [0]);
});
