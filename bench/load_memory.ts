/**
 * What a loaded folder costs (issue 29): loadDir's wall time and the live heap it leaves, split into rows,
 * series and histograms (heap after a full collection, before and after dropping each part), with bytes per
 * row and per histogram. Run on data/ or on a replica made with bench/link_tree.ts, e.g.
 *   deno run -A --v8-flags=--expose-gc bench/load_memory.ts /tmp/scale/hosts-20 [--threads 1]
 * @module
 */
import { benchArgs } from "./args.ts";
import { loadDir } from "../lib/ingest/mod.ts";
import type { Dataset } from "../lib/model.ts";

const { values, positionals } = benchArgs("load-memory", {
  args: Deno.args,
  options: { threads: { type: "string" } },
  allowPositionals: true,
});
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || positionals.length !== 1) {
  console.error(
    "load-memory: usage: deno run -A --v8-flags=--expose-gc bench/load_memory.ts DIR [--threads N]",
  );
  Deno.exit(2);
}
const live = () => {
  gc();
  gc();
  return Deno.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Counted in a function of its own: its temporaries (the arrays it walks) are gone when it returns. */
function sizes(data: Dataset) {
  return {
    rows: data.rows.length,
    series: data.series.length,
    histograms: data.histograms.length,
    points: data.series.reduce((n, s) => n + s.t.length, 0),
    bins: data.histograms.reduce((n, h) => n + h.value.length, 0),
  };
}

// Inside a function: a top-level binding of the dataset would keep it alive past the drops below.
async function measure(dir: string): Promise<string[]> {
  const before = live();
  const start = performance.now();
  const data = await loadDir(dir, {
    onError: "collect",
    threads: values.threads ? Number(values.threads) : undefined,
  });
  const seconds = (performance.now() - start) / 1000;
  const whole = live();
  const counts = sizes(data);
  data.histograms = [];
  const noHistograms = live();
  data.series = [];
  const noSeries = live();
  data.rows = [];
  const noRows = live();
  const rows = noSeries - noRows, histograms = whole - noHistograms;
  return [
    `load ${seconds.toFixed(2)} s, ${data.files.length} files; live heap ${mb(whole - before)}`,
    `rows ${mb(rows)} for ${counts.rows} (${(rows / counts.rows).toFixed(0)} B per row)`,
    `histograms ${mb(histograms)} for ${counts.histograms}, ${counts.bins} bins ` +
    `(${(histograms / counts.histograms / 1000).toFixed(1)} kB each)`,
    `series ${mb(noHistograms - noSeries)} for ${counts.series}, ${counts.points} points`,
    `peak RSS so far ${mb(Deno.memoryUsage().rss)}`,
  ];
}

console.log((await measure(positionals[0])).join("\n"));
