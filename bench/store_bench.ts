/**
 * Results-store scale benchmark: a store of ≥ 10 000 runs — the shipped runs (labelled replicated) under
 * 7 batches × 6 hosts, added through the real append path — answers the history query (one metric, every
 * configuration, every batch, with intervals and the verdicts between consecutive batches) in < 2 s with
 * peak RSS < 500 MB, and finds the change points of every configuration and metric (bench/changes_query.ts,
 * issue 31) in < 5 s. The query runs as its own process under /usr/bin/time -v. The store is cached outside
 * the repository (built once, about a minute per 10 replicas).
 *   deno run -A bench/store_bench.ts [--store DIR] [--batches 7] [--hosts 6]
 * @module
 */
import { benchArgs } from "./args.ts";
import { createHash } from "node:crypto";
import { isAbsolute, join } from "node:path";
import { loadDir } from "../lib/ingest/load.ts";
import { readExperiments } from "../lib/analysis/experiment.ts";
import { withFactor } from "../lib/analysis/request.ts";
import { appendToStore, listBatches } from "../lib/store/mod.ts";

const cache = `${Deno.env.get("XDG_CACHE_HOME") ?? `${Deno.env.get("HOME")}/.cache`}/virtio-bench/bench`;
const { values: args } = benchArgs("store bench", {
  args: Deno.args,
  options: {
    store: { type: "string", default: join(cache, "store-replicated") },
    batches: { type: "string", default: "7" },
    hosts: { type: "string", default: "6" },
  },
});
const root = join(new URL(".", import.meta.url).pathname, "..");
const data = join(root, "data");
const store = args.store!;
const [nb, nh] = [Number(args.batches), Number(args.hosts)];

/** One run = one tool invocation: a result file that is not a per-second/per-I/O log. */
const runsIn = (d: Awaited<ReturnType<typeof loadDir>>) =>
  d.files.filter((f) => f.format !== "fio-log").length;

const loaded = await loadDir(data, { onError: "collect" });
// A store cached by an earlier version of lib/store or of data/ is rebuilt: its columns or runs may differ.
const stamp = await fingerprint();
const stampFile = join(store, "BENCH-STAMP");
if ((await Deno.readTextFile(stampFile).catch(() => "")) !== stamp) {
  await Deno.remove(store, { recursive: true }).catch(() => {});
}
const have = await listBatches(store).catch(() => []);
const experiments = await readExperiments(data);
const perCopy = runsIn(loaded);
if (have.length < nb) {
  console.error(`store bench: building ${nb} batches × ${nh} hosts of replicated runs in ${store} …`);
  const t0 = performance.now();
  for (let b = 1; b <= nb; b++) {
    for (let h = 1; h <= nh; h++) {
      const batch = `replicated-b${String(b).padStart(2, "0")}`;
      const dataset = withFactor(loaded, "host", `replicated-h${String(h).padStart(2, "0")}`);
      await appendToStore({ store, root: data, dataset, experiments, batch });
    }
  }
  console.error(`store bench: built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  await Deno.writeTextFile(stampFile, stamp);
}
const batches = await listBatches(store);
const runs = perCopy * nh * batches.length;
const bytes = await du(store);

/** One history query as its own process under /usr/bin/time -v: its JSON line, wall with start-up, peak RSS. */
async function query(...extra: string[]) {
  return await timed("bench/store_query.ts", store, "iops", "mean", ...extra);
}

async function timed(file: string, ...scriptArgs: string[]) {
  const timeFile = await Deno.makeTempFile();
  const script = join(root, file);
  const out = await new Deno.Command("/usr/bin/time", {
    args: [
      "-v",
      "-o",
      timeFile,
      Deno.execPath(),
      "run",
      "-A",
      "--frozen",
      script,
      ...scriptArgs,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const time = Deno.readTextFileSync(timeFile);
  const rssMB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(time)?.[1]) / 1024;
  const [, m, sec] = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)$/m.exec(time) ?? [];
  return {
    ...JSON.parse(new TextDecoder().decode(out.stdout)),
    wall: Number(m ?? 0) * 60 + Number(sec),
    rssMB,
  };
}

const lines = [
  `Results store (labelled replicated: the shipped runs under ${batches.length} batches × ${nh} hosts): ` +
  `${runs} runs, ${
    (bytes / 1e6).toFixed(1)
  } MB of Parquet. History query, iops mean, each as its own process:`,
  "",
  "| query | configurations × batches | values | verdict steps | in process s | with start-up s | peak RSS MB | < 2 s, < 500 MB |",
  "|---|---:|---:|---:|---:|---:|---:|---|",
];
for (
  const [label, args] of [
    ["every configuration, intervals only", ["no-steps"]],
    ["every configuration, with verdicts between batches", ["steps"]],
    ["one host, with verdicts between batches", ["steps", "replicated-h01"]],
  ] as const
) {
  const q = await query(...args);
  const ok = q.ms < 2000 && q.rssMB < 500 ? "met" : "NOT met";
  lines.push(
    `| ${label} | ${q.lines} × ${q.batches} | ${q.values} | ${q.steps} | ${(q.ms / 1000).toFixed(2)} | ` +
      `${q.wall.toFixed(2)} | ${q.rssMB.toFixed(0)} | ${ok} |`,
  );
}
const cp = await timed("bench/changes_query.ts", store);
lines.push(
  "",
  "| change points (every configuration × metric) | series × batches | tested | change points | in process s | " +
    "with start-up s | peak RSS MB | < 5 s |",
  "|---|---:|---:|---:|---:|---:|---:|---|",
  `| E-divisive + verdict, one family step per family | ${cp.series} × ${cp.batches} | ${cp.tested} | ` +
    `${cp.changes} | ${(cp.ms / 1000).toFixed(2)} | ${cp.wall.toFixed(2)} | ${cp.rssMB.toFixed(0)} | ${
      cp.ms < 5000 ? "met" : "NOT met"
    } |`,
);
console.log(lines.join("\n"));

async function du(dir: string): Promise<number> {
  let total = 0;
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    total += e.isDirectory ? await du(p) : (await Deno.stat(p)).size;
  }
  return total;
}

/** sha256 of lib/store's code and of data/'s file names and sizes: what the cached store was built from. */
async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  const libStore = join(root, "lib/store");
  for (const e of [...Deno.readDirSync(libStore)].map((e) => e.name).sort()) {
    parts.push(e, await Deno.readTextFile(join(libStore, e)));
  }
  for (const f of loaded.files) {
    const size = await Deno.stat(isAbsolute(f.source) ? f.source : join(data, f.source)).then(
      (s) => s.size,
      () => -1,
    );
    parts.push(f.source, f.format, String(size));
  }
  return createHash("sha256").update(parts.join("\0")).digest("hex");
}
