/**
 * lib/turn.ts nextTurn: a worker's reply, posted while this thread was busy, is handled after one turn, a render
 * worker's as the report's figure loop needs it.
 */
import assert from "node:assert/strict";
import { nextTurn } from "../lib/turn.ts";

Deno.test("nextTurn: a worker's posted reply is handled within a turn", async () => {
  const worker = new Worker(
    `data:text/javascript,self.onmessage = (e) => self.postMessage(e.data + 1)`,
    { type: "module" },
  );
  try {
    let reply = 0;
    worker.onmessage = (e) => reply = e.data;
    worker.postMessage(41);
    // Busy, as the drawing is, until the worker has surely replied; then one turn.
    const started = performance.now();
    for (let turns = 0; reply === 0 && performance.now() - started < 10_000; turns++) {
      const busy = performance.now();
      while (performance.now() - busy < 20) { /* synchronous work */ }
      await nextTurn();
    }
    assert.equal(reply, 42);
  } finally {
    worker.terminate();
  }
});

Deno.test("nextTurn: a render worker's PNG is read within a few turns while this thread draws synchronously", async () => {
  const { RenderPool } = await import("../lib/export/render_pool.ts");
  const pool = new RenderPool(1);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="60"><rect width="50" height="30"/></svg>`;
  try {
    await pool.render(svg); // the worker started and warm: a figure this small then renders in a millisecond or so
    let read = false;
    const png = pool.render(svg).then(() => read = true);
    // As the report's figure loop: synchronous work, one turn after each piece, until the PNG has been read.
    let turns = 0;
    for (; !read && turns < 500; turns++) {
      const busy = performance.now();
      while (performance.now() - busy < 20) { /* drawing */ }
      await nextTurn();
    }
    // One turn here; a message to itself on a MessageChannel (the first nextTurn) took 129, the whole drawing. The
    // bound leaves a loaded machine (CI's 2 cores, the suite in parallel) 0.8 s to schedule the worker's 1 ms.
    assert.ok(turns <= 40, `the PNG was read after ${turns} turns`);
    await png;
  } finally {
    pool.close();
  }
});
