/**
 * Benchmark worker: the naive way in this stack — read the whole log as one string, Papa.parse it with
 * dynamic typing, then aggregate with sorted arrays. Prints the summary JSON of bench/summary.ts.
 *   deno run -A bench/fio_log_papaparse.ts FILE [BIN_MS]
 * @module
 */
import Papa from "papaparse";
import type { DirectionSummary, Summary } from "./summary.ts";

const DIRS = ["read", "write", "trim"];
const text = Deno.readTextFileSync(Deno.args[0]);
const binMs = Number(Deno.args[1] ?? 1000);
const rows = Papa.parse<number[]>(text, { dynamicTyping: true, skipEmptyLines: true }).data;
const byDir = new Map<number, { t: number[]; v: number[] }>();
for (const r of rows) {
  const d = byDir.get(r[2]) ?? { t: [], v: [] };
  d.t.push(r[0]);
  d.v.push(r[1]);
  byDir.set(r[2], d);
}
const dirs: Record<string, DirectionSummary> = {};
for (const [ddir, { t, v }] of byDir) {
  const binSum: number[] = [], binN: number[] = [];
  let sum = 0;
  v.forEach((x, i) => {
    const b = Math.floor(t[i] / binMs);
    binSum[b] = (binSum[b] ?? 0) + x;
    binN[b] = (binN[b] ?? 0) + 1;
    sum += x;
  });
  const sorted = Float64Array.from(v).sort();
  const rank = (q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
  dirs[DIRS[ddir]] = {
    count: v.length,
    mean: sum / v.length,
    p50: rank(0.5),
    p99: rank(0.99),
    p999: rank(0.999),
    binMeans: binN.flatMap((n, b) => (n ? [binSum[b] / n] : [])),
  };
}
const summary: Summary = { tool: "papaparse", dirs };
console.log(JSON.stringify(summary));
