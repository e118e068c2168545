/**
 * fio log ingest benchmark: for each log shape (bench/shapes.ts), this project's ingest (as shipped, all cores, one
 * thread) against DuckDB (2 threads), pandas, a naive papaparse load and `wc -l`, each a separate process
 * on the same cached log, peak RSS from GNU time. A tool that fails is a row saying why; the others go
 * on. Checks that all tools agree on count, mean, percentiles and bin means; prints per-shape ratios
 * against DuckDB and pandas with the targets; writes bench/RESULTS.md and README's performance section.
 *   deno run -A bench/fio_log_bench.ts --cache DIR --duckdb-modules DIR [--ios N] [--python PY]
 *     [--repeat N] [--load L] [--only ID,…] [--extra LINE …]
 * @module
 */
import { benchArgs, onlyIds } from "./args.ts";
import { join } from "node:path";
import { HISTOGRAM_RESOLUTION } from "../lib/ingest/log_histogram.ts";
import { best, measure, type Measured } from "./measure.ts";
import { cachedLog, type Shape, shapes } from "./shapes.ts";
import type { Summary } from "./summary.ts";
import { keepUnmeasured } from "./sections.ts";

/** Per-I/O log length when BENCH_IOS is not set: about 140 MB per log. */
const DEFAULT_IOS = 6_000_000;
const TARGET = { duckdb: 2, pandas: 3, rssMB: 150 };

const { values: args } = benchArgs("bench", {
  args: Deno.args,
  options: {
    cache: { type: "string" },
    "duckdb-modules": { type: "string" },
    ios: { type: "string", default: String(DEFAULT_IOS) },
    python: { type: "string", default: "/usr/bin/python3" },
    repeat: { type: "string", default: "3" },
    scale: { type: "string", default: "10" },
    load: { type: "string", default: "0" },
    only: { type: "string" },
    extra: { type: "string", multiple: true, default: [] },
  },
});
const bench = new URL(".", import.meta.url).pathname;
const root = join(bench, "..");
const deno = Deno.execPath();
const ios = Number(args.ios);
const repeat = Number(args.repeat);
const load = Number(args.load);
const loud: string[] = [];
const shout = (text: string) => {
  loud.push(text);
  console.error(`\n!!!!!!!! ${text} !!!!!!!!\n`);
};

interface Row extends Measured {
  /** Lines this run read (×N for the FIFO run). */
  linesRead: number;
}

/** One shape: every tool, agreement checks, the table and the target line. */
async function runShape(shape: Shape): Promise<{ text: string; checks: string[]; agree: boolean }> {
  const made = await cachedLog(shape, args.cache!, ios);
  if (!made.path) return { text: `### ${shape.title}\n\nSkipped: ${made.why}.`, checks: [], agree: true };
  const log = made.path;
  const bytes = Deno.statSync(log).size;
  const firstLine = new TextDecoder().decode(Deno.readFileSync(log).subarray(0, 200)).split("\n")[0];
  const columns = firstLine.split(",").length;
  const bin = String(shape.binMs);
  const rows: Row[] = [];
  const run = async (tool: string, cmd: string[], env?: Record<string, string>, times = repeat) => {
    console.error(`bench: ${shape.id}: ${tool} …`);
    const m = await best(tool, cmd, times, { env });
    console.error(
      `bench: ${shape.id}: ${tool} ${m.failure ?? `${m.wall.toFixed(2)} s, ${m.rssMB.toFixed(0)} MB`}`,
    );
    rows.push({ ...m, linesRead: 0 });
  };
  await run("wc -l", ["wc", "-l", log]);
  const lines = rows[0].lines ?? NaN;
  const ours = [deno, "run", "--quiet", "-A", join(bench, "fio_log_ours.ts"), log, bin];
  // As shipped (one thread below PARALLEL_MIN_BYTES, every core above), then each choice forced.
  await run("ours (Deno, as shipped)", ours);
  await run("ours (Deno, all cores)", [...ours, String(navigator.hardwareConcurrency)]);
  await run("ours (Deno, 1 thread)", [...ours, "1"]);
  await run("DuckDB 1.5.6 (node, 2 threads)", [
    "node",
    join(bench, "fio_log_duckdb.mjs"),
    log,
    bin,
    String(columns),
  ], {
    DUCKDB_MODULES: args["duckdb-modules"]!,
  });
  await run("pandas read_csv", [args.python!, join(bench, "fio_log_pandas.py"), log, bin]);
  await run(
    "papaparse (naive)",
    [deno, "run", "--quiet", "-A", join(bench, "fio_log_papaparse.ts"), log, bin],
    {},
    1,
  );
  rows.forEach((r) => (r.linesRead = lines));
  if (shape.id === "psync") rows.push(await throughFifo(log, bin, lines));

  const checks = agreement(rows, lines);
  const table = tableOf(rows, bytes, lines);
  const find = (p: string) => rows.find((r) => r.tool.startsWith(p) && !r.failure);
  const [shipped, all, one, duck, pandas] = [
    find("ours (Deno, as shipped"),
    find("ours (Deno, all"),
    find("ours (Deno, 1"),
    find("DuckDB"),
    find("pandas"),
  ];
  const perS = (r: Row) => r.linesRead / r.wall;
  const verdicts: string[] = [];
  if (shipped && duck) {
    const x = perS(shipped) / perS(duck);
    verdicts.push(
      `${x.toFixed(2)}× DuckDB (target ≥ ${TARGET.duckdb}×: ${x >= TARGET.duckdb ? "met" : "MISSED"})`,
    );
    if (x < 1) shout(`${shape.id}: ours is SLOWER than DuckDB (${x.toFixed(2)}×)`);
  }
  if (shipped && pandas) {
    const x = perS(shipped) / perS(pandas);
    verdicts.push(
      `${x.toFixed(2)}× pandas (target ≥ ${TARGET.pandas}×: ${x >= TARGET.pandas ? "met" : "MISSED"})`,
    );
  }
  for (const r of [shipped, all]) {
    if (!r) continue;
    verdicts.push(
      `${r === all ? "all cores: " : ""}peak RSS ${r.rssMB.toFixed(0)} MB (target < ${TARGET.rssMB} MB: ${
        r.rssMB < TARGET.rssMB ? "met" : "MISSED"
      })`,
    );
  }
  if (all && one) verdicts.push(`speed-up of all cores over one thread ${(one.wall / all.wall).toFixed(2)}×`);
  const size = `${(bytes / 1e6).toFixed(1)} MB, ${(lines / 1e6).toFixed(2)} M lines, ${columns} columns`;
  const text = `### ${shape.title}\n\n${shape.what}: ${size}; ${shape.binMs / 1000} s bins.\n\n${table}\n\n` +
    `Ours: ${verdicts.join("; ") || "no result"}.`;
  return { text, checks, agree: checks.every((c) => c.startsWith("ok")) };
}

/** Memory scaling: the log N times through a FIFO (read as a stream, so on one thread). */
async function throughFifo(log: string, bin: string, lines: number): Promise<Row> {
  const scale = Number(args.scale);
  const dir = Deno.makeTempDirSync();
  const fifo = join(dir, `x${scale}_clat.1.log`);
  await new Deno.Command("mkfifo", { args: [fifo] }).output();
  const feeder = new Deno.Command("bash", {
    args: ["-c", `for i in $(seq ${scale}); do cat "$1"; done > "$2"`, "feed", log, fifo],
  }).spawn();
  console.error(`bench: ours ×${scale} via FIFO …`);
  const tool = `ours, log ×${scale} via FIFO (1 thread)`;
  const m = await measure(tool, [deno, "run", "--quiet", "-A", join(bench, "fio_log_ours.ts"), fifo, bin]);
  await feeder.status;
  Deno.removeSync(dir, { recursive: true });
  return { ...m, linesRead: scale * lines };
}

function agreement(rows: Row[], lines: number): string[] {
  const checks: string[] = [];
  const check = (ok: boolean, what: string) => checks.push(`${ok ? "ok  " : "FAIL"} ${what}`);
  const total = (s: Summary) => Object.values(s.dirs).reduce((a, d) => a + d.count, 0);
  const ours = rows.find((r) => r.tool.startsWith("ours (Deno, all") && r.summary);
  if (!ours) return ["FAIL ours gave no result"];
  check(total(ours.summary!) === lines, `ours counts ${total(ours.summary!)} lines = wc -l ${lines}`);
  for (const t of rows.filter((r) => r.summary && r !== ours)) {
    if (t.linesRead !== lines) {
      check(total(t.summary!) === t.linesRead, `${t.tool} counts ${total(t.summary!)} = ${t.linesRead}`);
      continue;
    }
    for (const [dir, d] of Object.entries(t.summary!.dirs)) {
      const o = ours.summary!.dirs[dir];
      check(o?.count === d.count, `${t.tool} ${dir} count ${d.count} = ours ${o?.count}`);
      if (!o) continue;
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
      const diff = Math.max(0, ...d.binMeans.map((m, i) => Math.abs(m / o.binMeans[i] - 1)));
      check(
        d.binMeans.length === o.binMeans.length && diff < 1e-9,
        `${t.tool} ${dir} ${d.binMeans.length} bin means = ours ${o.binMeans.length} (max rel diff ${
          diff.toExponential(1)
        })`,
      );
    }
  }
  return checks;
}

function tableOf(rows: Row[], bytes: number, lines: number): string {
  const perS = (r: Row) => r.linesRead / r.wall;
  const ref = (p: string) => rows.find((r) => r.tool.startsWith(p) && !r.failure);
  const [pandas, duck, wc] = [ref("pandas"), ref("DuckDB"), ref("wc -l")];
  const ratio = (r: Row, to?: Row) => (to ? `${(perS(r) / perS(to)).toFixed(2)}×` : "–");
  const line = (r: Row) =>
    r.failure
      ? `| ${r.tool} | failed: ${r.failure.replaceAll("|", "/")} | | | | | | ${
        Number.isFinite(r.rssMB) ? r.rssMB.toFixed(0) : ""
      } |`
      : `| ${r.tool} | ${r.wall.toFixed(2)} | ${(perS(r) * bytes / lines / 1e6).toFixed(0)} | ${
        (perS(r) / 1e6).toFixed(2)
      } | ${ratio(r, pandas)} | ${ratio(r, duck)} | ${wc ? `${(perS(wc) / perS(r)).toFixed(0)}×` : "–"} | ${
        r.rssMB.toFixed(0)
      } |`;
  return [
    "| tool | wall s | MB/s | M lines/s | vs pandas | vs DuckDB | wc -l is faster by | peak RSS MB |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(line),
  ].join("\n");
}

const sh = (cmd: string) =>
  new TextDecoder().decode(new Deno.Command("bash", { args: ["-c", cmd] }).outputSync().stdout).trim();
const machine = `${sh("lscpu | sed -n 's/^Model name: *//p' | head -1")}, ${sh("nproc")} CPUs, ${
  sh("free -g | awk '/Mem:/{print $2}'")
} GiB RAM, Linux ${sh("uname -r")}, Deno ${Deno.version.deno}, ${sh("node --version")}, pandas ${
  sh(`${args.python} -c 'import pandas; print(pandas.__version__)' 2>/dev/null`) || "?"
}, ${sh("fio --version")}`;
const cpus = navigator.hardwareConcurrency;
if (load > 0.5) {
  shout(
    `the machine is BUSY: 1-minute load average ${load} at start on ${cpus} CPUs — timings are a smoke test`,
  );
}
if (ios !== DEFAULT_IOS) shout(`BENCH_IOS=${ios}, not the standard ${DEFAULT_IOS}: a smoke run, not results`);

const wanted = onlyIds("bench", args.only, shapes(root).map((s) => s.id));
const sections: string[] = [];
const allChecks: string[] = [];
let agree = true;
for (const shape of shapes(root).filter((s) => !wanted || wanted.includes(s.id))) {
  const r = await runShape(shape);
  sections.push(r.text);
  allChecks.push(`# ${shape.id}`, ...r.checks);
  agree &&= r.agree;
  console.error(`\n${r.text}\n`);
}

const when = new Date().toISOString().slice(0, 16);
const smoke = loud.length ? loud.map((l) => `**SMOKE RUN — ${l}.**`).join("\n") + "\n\n" : "";
const extra = args.extra!.length ? `\n\n${args.extra!.join("\n")}` : "";
const summaryText = `${smoke}Measured ${when}Z on ${machine}; 1-minute load average at start ${load}.
Each tool is a separate process (wall includes its start-up; peak RSS from GNU \`time -v\`) computing per-direction
count, mean, p50/p99/p99.9 and the time-binned mean series; ratios are throughput ratios within one run.
Per-I/O logs hold ${ios.toLocaleString("en")} I/Os (fio \`io_size\`), so every machine parses the same lines.
Ours: streamed bytes, every core for logs ≥ 256 MiB (Deno Workers, merged exactly), log-linear histogram
(percentiles within ${(HISTOGRAM_RESOLUTION * 100).toFixed(3)} %, exact below 2048). Targets for ours on every
shape: ≥ ${TARGET.duckdb}× DuckDB, ≥ ${TARGET.pandas}× pandas, peak RSS < ${TARGET.rssMB} MB.

${sections.join("\n\n")}${extra}`;
const results = join(bench, "RESULTS.md");
const oldResults = (() => {
  try {
    return Deno.readTextFileSync(results).split("## Agreement checks")[0];
  } catch {
    return "";
  }
})();
Deno.writeTextFileSync(
  results,
  `# Benchmark results\n\nWritten by \`./vb bench\` (tools/bench.sh); do not edit by hand.\n\n` +
    `${keepUnmeasured(oldResults, summaryText)}\n\n` +
    `## Agreement checks\n\n\`\`\`\n${allChecks.join("\n")}\n\`\`\`\n`,
);
const readme = join(root, "README.md");
const text = Deno.readTextFileSync(readme);
const [start, end] = ["<!-- perf:start -->", "<!-- perf:end -->"];
if (text.includes(start) && text.indexOf(end) > text.indexOf(start)) {
  // What this run did not measure (the scale block when the suite was skipped, the notes by hand) stays.
  const old = text.slice(text.indexOf(start) + start.length, text.indexOf(end));
  const agreement = `All tools agree: ${agree ? "yes" : "NO (see bench/RESULTS.md)"}.`;
  const section =
    `${start}\n${keepUnmeasured(old.replace(/\n\nAll tools agree: [^\n]*\.\n?/, "\n"), summaryText)}` +
    `\n\n${agreement}\n${end}`;
  Deno.writeTextFileSync(
    readme,
    text.slice(0, text.indexOf(start)) + section + text.slice(text.indexOf(end) + end.length),
  );
}
console.log(summaryText + "\n\n" + allChecks.join("\n"));
for (const l of loud) console.error(`!!!!!!!! ${l} !!!!!!!!`);
if (!agree) Deno.exit(1);
