/**
 * The history figure's batch names on the x axis: all of them while they fit, else every k-th, never two printed
 * over each other (batch names here are labelled synthetic: dates of a daily collection).
 */
import assert from "node:assert/strict";
import { batchTicks, history } from "../../lib/plot/history.ts";
import { textWidth } from "../../lib/plot/text_width.ts";

const days = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
  );

Deno.test("history x axis: every batch named while the names fit, every k-th (from the first) once they do not", () => {
  assert.deepEqual(batchTicks(days(7), 520), [0, 1, 2, 3, 4, 5, 6]);
  // A print column's plot area (184 px): two batches, both named (they sit 115 px apart, not 92).
  assert.deepEqual(batchTicks(["2026-11-25", "2026-11-25-idle"], 184), [0, 1]);
  for (const n of [10, 30, 200]) {
    const ticks = batchTicks(days(n), 520);
    const every = ticks[1] - ticks[0];
    assert.ok(every > 1, `${n} batches: thinned`);
    assert.ok((every * 520) / (n - 0.4) >= textWidth("2026-01-01", 11) + 8, `${n} batches: names apart`);
    assert.ok(
      ((every - 1) * 520) / (n - 0.4) < textWidth("2026-01-01", 11) + 8,
      `${n} batches: no more thinned than needed`,
    );
    assert.deepEqual(ticks, ticks.map((_, i) => i * every), "evenly spaced from the first");
  }
});

Deno.test("history y axis on a log scale: a tick at each power of ten only, every tick labelled (labelled synthetic)", () => {
  const summary = (mean: number) => ({
    n: 3,
    mean,
    median: mean,
    sd: 0,
    cv: 0,
    min: mean,
    max: mean,
    meanCI: { lo: mean, hi: mean, level: 0.95, method: "t" },
  });
  const line = (workload: string, mean: number) => ({
    key: workload,
    label: `${workload} receive`,
    factors: { workload, nic: "virtio-net" },
    unit: "B/s" as const,
    better: "higher" as const,
    points: ["a", "b"].map((batch) => ({ batch, summary: summary(mean) as never })),
    steps: [],
  });
  // 20 Mbit/s (a rate-limited UDP test) beside 4 Gbit/s: 200× apart, so a log axis.
  const fig = history([line("udp", 2.5e6), line("tcp", 5e8)], ["a", "b"], { metric: "throughput" });
  const svg = fig.svg.outerHTML;
  const group = (label: string) => svg.match(new RegExp(`aria-label="${label}"[^>]*>(.*?)</g>`))?.[1] ?? "";
  const labels = [...group("y-axis tick label").matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]);
  const ticks = group("y-axis tick").match(/<path /g)?.length ?? 0;
  assert.ok(labels.length >= 2, svg.slice(0, 200));
  assert.ok(labels.every((t) => /^(10|100|1k|10k)$/.test(t)), labels.join(" "));
  assert.equal(ticks, labels.length, "no tick without its number");
});
