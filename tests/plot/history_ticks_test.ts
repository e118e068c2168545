/**
 * The history figure's batch names on the x axis: all of them while they fit, else every k-th, never two printed
 * over each other (batch names here are labelled synthetic: dates of a daily collection).
 */
import assert from "node:assert/strict";
import { batchTicks } from "../../lib/plot/history.ts";
import { textWidth } from "../../lib/plot/text_width.ts";

const days = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
  );

Deno.test("history x axis: every batch named while the names fit, every k-th (from the first) once they do not", () => {
  assert.deepEqual(batchTicks(days(7), 520), [0, 1, 2, 3, 4, 5, 6]);
  for (const n of [10, 30, 200]) {
    const ticks = batchTicks(days(n), 520);
    const every = ticks[1] - ticks[0];
    assert.ok(every > 1, `${n} batches: thinned`);
    assert.ok((every * 520) / n >= textWidth("2026-01-01", 11) + 8, `${n} batches: names apart`);
    assert.ok(
      ((every - 1) * 520) / n < textWidth("2026-01-01", 11) + 8,
      `${n} batches: no more thinned than needed`,
    );
    assert.deepEqual(ticks, ticks.map((_, i) => i * every), "evenly spaced from the first");
  }
});
