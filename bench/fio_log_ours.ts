/**
 * Benchmark worker: this project's fio-log ingest on one file, printing the common summary JSON
 * (see bench/summary.ts). Run as its own process so its peak RSS is its own.
 *   deno run -A bench/fio_log_ours.ts FILE_clat.1.log [BIN_MS] [THREADS]
 * THREADS defaults to the ingest's own choice (every core for a large regular file).
 * @module
 */
import { ingestFioLog } from "../lib/ingest/fio_log.ts";
import type { Dataset } from "../lib/model.ts";
import type { DirectionSummary, Summary } from "./summary.ts";

const [path, binMs = "1000", threads] = Deno.args;
const ds: Dataset = await ingestFioLog(path, {
  source: path,
  factors: {},
  toolVersion: "fio-3",
  binSeconds: Number(binMs) / 1000,
  threads: threads ? Number(threads) : undefined,
});
const dirs: Record<string, DirectionSummary> = {};
for (const s of ds.series) {
  const stat = (name: string) => ds.rows.find((r) => r.direction === s.direction && r.stat === name)!.value;
  const scale = s.unit === "B/s" ? 1024 : 1; // back to the log's own unit (KiB/s), like the other tools
  dirs[s.direction!] = {
    count: stat("log_count"),
    mean: stat("log_mean") / scale,
    p50: stat("log_p50") / scale,
    p99: stat("log_p99") / scale,
    p999: stat("log_p99.9") / scale,
    binMeans: s.value.map((v) => v / scale),
  };
}
const summary: Summary = { tool: "ours", dirs };
console.log(JSON.stringify(summary));
