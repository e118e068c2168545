/**
 * fio per-I/O log ingest benchmark: this project's streaming parser against pandas, DuckDB, a naive
 * papaparse load and `wc -l`, each as a separate process on the same cached log (peak RSS per tool from
 * `/usr/bin/time -v`), then a 10× memory-scaling run of ours (the log streamed 10 times through a FIFO).
 * Checks that all tools agree on count, mean, percentiles and 1 s bin means; writes bench/RESULTS.md and
 * the README section between `<!-- perf:start -->` and `<!-- perf:end -->`.
 *   deno run -A bench/fio_log_bench.ts --log FILE_clat.1.log --duckdb-modules DIR [--python PY] [--repeat N]
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { HISTOGRAM_RESOLUTION } from "../lib/ingest/log_histogram.ts";
import type { Summary } from "./summary.ts";

const { values: args } = parseArgs({
  args: Deno.args,
  options: {
    log: { type: "string" },
    "duckdb-modules": { type: "string" },
    python: { type: "string", default: "/usr/bin/python3" },
    repeat: { type: "string", default: "1" },
    scale: { type: "string", default: "10" },
    extra: { type: "string", multiple: true, default: [] },
  },
});
const log = args.log!;
const bench = new URL(".", import.meta.url).pathname;
const root = join(bench, "..");
const deno = Deno.execPath();
const bytes = Deno.statSync(log).size;

interface Measured {
  tool: string;
  wall: number;
  rssMB: number;
  summary?: Summary;
  lines?: number;
}

/** Runs one command under /usr/bin/time -v; wall from our clock, peak RSS from time's report. */
async function measure(tool: string, cmd: string[], env: Record<string, string> = {}): Promise<Measured> {
  const timeFile = await Deno.makeTempFile();
  const t0 = performance.now();
  const out = await new Deno.Command("/usr/bin/time", {
    args: ["-v", "-o", timeFile, ...cmd],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const wall = (performance.now() - t0) / 1000;
  const report = Deno.readTextFileSync(timeFile);
  Deno.removeSync(timeFile);
  if (!out.success) {
    throw new Error(`${tool} failed: ${new TextDecoder().decode(out.stderr).slice(-2000)}`);
  }
  const rssKB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1]);
  const stdout = new TextDecoder().decode(out.stdout).trim();
  const m: Measured = { tool, wall, rssMB: rssKB / 1024 };
  if (stdout.startsWith("{")) m.summary = JSON.parse(stdout);
  else m.lines = Number(stdout.split(/\s+/)[0]);
  return m;
}

async function best(tool: string, cmd: string[], env: Record<string, string> = {}): Promise<Measured> {
  let result: Measured | undefined;
  for (let i = 0; i < Number(args.repeat); i++) {
    const m = await measure(tool, cmd, env);
    if (!result || m.wall < result.wall) result = m;
  }
  return result!;
}

const tools: Measured[] = [];
const run = async (tool: string, cmd: string[], env: Record<string, string> = {}) => {
  console.error(`bench: ${tool} …`);
  const m = await best(tool, cmd, env);
  console.error(`bench: ${tool} ${m.wall.toFixed(2)} s, ${m.rssMB.toFixed(0)} MB`);
  tools.push(m);
};
await run("wc -l", ["wc", "-l", log]);
await run("ours (Deno, streaming)", [deno, "run", "-A", join(bench, "fio_log_ours.ts"), log]);
await run("DuckDB (node)", ["node", join(bench, "fio_log_duckdb.mjs"), log], {
  DUCKDB_MODULES: args["duckdb-modules"]!,
});
await run("pandas read_csv", [args.python!, join(bench, "fio_log_pandas.py"), log]);
await run("papaparse (naive)", [deno, "run", "-A", join(bench, "fio_log_papaparse.ts"), log]);

// Memory scaling: the same log N times through a FIFO, so nothing bigger is written to disk.
const scale = Number(args.scale);
const fifoDir = Deno.makeTempDirSync();
const fifo = join(fifoDir, `x${scale}_clat.1.log`);
await new Deno.Command("mkfifo", { args: [fifo] }).output();
const feeder = new Deno.Command("bash", {
  args: ["-c", `for i in $(seq ${scale}); do cat "$1"; done > "$2"`, "feed", log, fifo],
}).spawn();
console.error(`bench: ours ×${scale} …`);
const scaled = await measure(`ours, log ×${scale} via FIFO`, [
  deno,
  "run",
  "-A",
  join(bench, "fio_log_ours.ts"),
  fifo,
]);
await feeder.status;
Deno.removeSync(fifoDir, { recursive: true });

// --- agreement checks ---
const ours = tools.find((t) => t.tool.startsWith("ours"))!;
const lineCount = tools.find((t) => t.tool === "wc -l")!.lines!;
const checks: string[] = [];
let failed = false;
const check = (ok: boolean, what: string) => {
  checks.push(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed = true;
};
const ref = ours.summary!.dirs;
const totalCount = (s: Summary) => Object.values(s.dirs).reduce((a, d) => a + d.count, 0);
check(
  totalCount(ours.summary!) === lineCount,
  `ours counts ${totalCount(ours.summary!)} lines = wc -l ${lineCount}`,
);
for (const t of tools.filter((t) => t.summary && t !== ours)) {
  for (const [dir, d] of Object.entries(t.summary!.dirs)) {
    const o = ref[dir];
    check(o?.count === d.count, `${t.tool} ${dir} count ${d.count} = ours ${o?.count}`);
    check(
      Math.abs(o.mean / d.mean - 1) < 1e-9,
      `${t.tool} ${dir} mean ${d.mean.toFixed(3)} ≈ ours ${o.mean.toFixed(3)}`,
    );
    for (const q of ["p50", "p99", "p999"] as const) {
      // Ours is the midpoint of a histogram bucket: exact below 2048, within HISTOGRAM_RESOLUTION above.
      const ok = Math.abs(o[q] - d[q]) <= d[q] * HISTOGRAM_RESOLUTION + 0.5;
      check(
        ok,
        `${t.tool} ${dir} ${q} ${d[q]} vs ours ${o[q]} (±${(HISTOGRAM_RESOLUTION * 100).toFixed(3)} %)`,
      );
    }
    const binDiff = Math.max(...d.binMeans.map((m, i) => Math.abs(m / o.binMeans[i] - 1)));
    check(
      d.binMeans.length === o.binMeans.length && binDiff < 1e-9,
      `${t.tool} ${dir} ${d.binMeans.length} bin means = ours ${o.binMeans.length} (max rel diff ${
        binDiff.toExponential(1)
      })`,
    );
  }
}
check(
  totalCount(scaled.summary!) === scale * lineCount,
  `×${scale} run counts ${totalCount(scaled.summary!)} = ${scale} × ${lineCount}`,
);

// --- report ---
const find = (p: string) => tools.find((t) => t.tool.startsWith(p))!;
const [pandas, duck, wc] = [find("pandas"), find("DuckDB"), find("wc")];
const sh = (cmd: string) =>
  new TextDecoder().decode(new Deno.Command("bash", { args: ["-c", cmd] }).outputSync().stdout).trim();
const machine = `${sh("lscpu | sed -n 's/^Model name: *//p' | head -1")}, ${sh("nproc")} CPUs, ${
  sh("free -g | awk '/Mem:/{print $2}'")
} GiB RAM, ${sh("uname -r")}`;
/** Throughput-based ratios, so the ×N row compares fairly with the 1× rows. */
const perSecond = (t: Measured) => (t === scaled ? scale : 1) * lineCount / t.wall;
const row = (t: Measured) =>
  `| ${t.tool} | ${t.wall.toFixed(2)} | ${(perSecond(t) * bytes / lineCount / 1e6).toFixed(0)} | ${
    (perSecond(t) / 1e6).toFixed(2)
  } | ${(perSecond(t) / perSecond(pandas)).toFixed(2)}× | ${(perSecond(t) / perSecond(duck)).toFixed(2)}× | ${
    (perSecond(wc) / perSecond(t)).toFixed(0)
  }× | ${t.rssMB.toFixed(0)} |`;
const table = [
  "| tool | wall s | MB/s | M lines/s | throughput vs pandas | vs DuckDB | wc -l is faster by | peak RSS MB |",
  "|---|---:|---:|---:|---:|---:|---:|---:|",
  ...[...tools, scaled].map(row),
].join("\n");
const extra = args.extra!.length ? `\n\n${args.extra!.join("\n")}` : "";
const summaryText = `fio per-I/O completion-latency log (randread 4k, psync, no log_avg_msec): ${
  (bytes / 1e6).toFixed(0)
} MB, ${(lineCount / 1e6).toFixed(2)} M lines, ${new Date().toISOString().slice(0, 16)}Z on ${machine}.
Each tool is a separate process (wall includes its start-up; peak RSS from \`/usr/bin/time -v\`) computing
per-direction count, mean, p50/p99/p99.9 and the 1 s time-binned mean series. Ours: streamed bytes,
log-linear histogram (percentiles within ${(HISTOGRAM_RESOLUTION * 100).toFixed(3)} %, exact below 2048 ns).

${table}${extra}`;
const results =
  `# Benchmark results\n\nWritten by \`deno task bench\` (tools/bench.sh); do not edit by hand.\n\n${summaryText}\n\n## Agreement checks\n\n\`\`\`\n${
    checks.join("\n")
  }\n\`\`\`\n`;
Deno.writeTextFileSync(join(bench, "RESULTS.md"), results);
const readme = join(root, "README.md");
const text = Deno.readTextFileSync(readme);
const [start, end] = ["<!-- perf:start -->", "<!-- perf:end -->"];
if (text.includes(start) && text.indexOf(end) > text.indexOf(start)) {
  const section = `${start}\n${summaryText}\n\nAll tools agree: ${
    failed ? "NO (see bench/RESULTS.md)" : "yes"
  }.\n${end}`;
  Deno.writeTextFileSync(
    readme,
    text.slice(0, text.indexOf(start)) + section + text.slice(text.indexOf(end) + end.length),
  );
}
console.log(summaryText + "\n\n" + checks.join("\n"));
if (failed) Deno.exit(1);
