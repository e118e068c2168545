/**
 * Benchmark worker: this project's streaming fio-log ingest on one file, printing the common summary JSON
 * (see bench/summary.ts). Run as its own process so its peak RSS is its own.
 *   deno run -A bench/fio_log_ours.ts FILE_clat.1.log
 * @module
 */
import { ingestFioLog } from "../lib/ingest/fio_log.ts";
import type { Dataset } from "../lib/model.ts";
import type { DirectionSummary, Summary } from "./summary.ts";

const [path] = Deno.args;
const ds: Dataset = await ingestFioLog(path, { source: path, factors: {}, toolVersion: "fio-3" });
const dirs: Record<string, DirectionSummary> = {};
for (const s of ds.series) {
  const stat = (name: string) => ds.rows.find((r) => r.direction === s.direction && r.stat === name)!.value;
  dirs[s.direction!] = {
    count: stat("log_count"),
    mean: stat("log_mean"),
    p50: stat("log_p50"),
    p99: stat("log_p99"),
    p999: stat("log_p99.9"),
    binMeans: s.value,
  };
}
const summary: Summary = { tool: "ours", dirs };
console.log(JSON.stringify(summary));
