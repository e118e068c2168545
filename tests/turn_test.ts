/**
 * lib/turn.ts nextTurn: a worker's reply, posted while this thread was busy, is handled after one turn (and the
 * turn leaves nothing open: the test's resource sanitizer would fail on a port left behind).
 */
import assert from "node:assert/strict";
import { nextTurn } from "../lib/turn.ts";

Deno.test("nextTurn: a worker's posted reply is handled within a turn, and no port stays open", async () => {
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
