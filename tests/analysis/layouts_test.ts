/**
 * Data saved the usual ways, made here with the real tools (tests/fixtures/layouts/README.md), through the report
 * command with no renaming and at most one --layout or --by flag. Each expected ratio and n is computed in the
 * test from the raw files with plain JSON/CSV reading, independently of lib/.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { FIXTURES, ROOT, tempDir } from "../helpers.ts";

const LAYOUTS = join(FIXTURES, "layouts");

interface Row {
  workload: string;
  metric: string;
  stat: string;
  direction: string;
  by: string;
  baseline: string;
  candidate: string;
  n_baseline: number;
  n_candidate: number;
  ratio: number;
  warnings: string;
}

/** The report command; report.md (figures, warnings) only when asked for with `md`, as it draws every figure. */
async function report(...args: string[]): Promise<{ code: number; stderr: string; rows: Row[]; md: string }> {
  const out = tempDir("vb-layout-");
  const md = args[0] === "md" ? args.shift() : undefined;
  const r = await new Deno.Command("bash", {
    args: [join(ROOT, "tools/report.sh"), ...args, "--out", out, "--format", md ? "json,md" : "json"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const read = (name: string) => {
    try {
      return Deno.readTextFileSync(join(out, name));
    } catch {
      return "";
    }
  };
  const json = read("results.json");
  const result = {
    code: r.code,
    stderr: new TextDecoder().decode(r.stderr),
    rows: json ? JSON.parse(json) as Row[] : [],
    md: read("report.md"),
  };
  Deno.removeSync(out, { recursive: true });
  return result;
}

/** Every file under `dir` whose relative path matches, sorted. */
function files(dir: string, pattern: RegExp, rel = ""): string[] {
  const out: string[] = [];
  for (const e of [...Deno.readDirSync(join(dir, rel))].sort((a, b) => a.name < b.name ? -1 : 1)) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...files(dir, pattern, path));
    else if (pattern.test(path)) out.push(join(dir, path));
  }
  return out;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const json = (path: string) => JSON.parse(Deno.readTextFileSync(path));

/** fio IOPS of the job named `job` (or the only job) in the `dir` ("read"/"write") section. */
function fioIops(path: string, dir = "read", job?: string): number {
  const jobs = json(path).jobs as { jobname: string; [k: string]: unknown }[];
  const j = job ? jobs.find((x) => x.jobname === job)! : jobs[0];
  return (j[dir] as { iops: number }).iops;
}

function expectComparison(rows: Row[], pick: Partial<Row>, base: number[], cand: number[]): Row {
  const found = rows.filter((r) => Object.entries(pick).every(([k, v]) => r[k as keyof Row] === v));
  assert.equal(found.length, 1, `one comparison for ${JSON.stringify(pick)}; got ${JSON.stringify(found)}`);
  const row = found[0];
  assert.equal(row.n_baseline, base.length, "n baseline");
  assert.equal(row.n_candidate, cand.length, "n candidate");
  const ratio = mean(cand) / mean(base);
  assert.ok(Math.abs(row.ratio - ratio) < 1e-9 * ratio, `ratio ${row.ratio} vs hand-computed ${ratio}`);
  return row;
}

Deno.test("layout: flat <config>-run<N>.json, fio JSON, ioengine read from the files (no flag)", async () => {
  const dir = join(LAYOUTS, "flat");
  const r = await report("md", dir);
  assert.equal(r.code, 0, r.stderr);
  const iops = (engine: string) => files(dir, new RegExp(`^${engine}-run\\d\\.json$`)).map((f) => fioIops(f));
  const row = expectComparison(
    r.rows,
    { metric: "iops", stat: "mean", by: "ioengine", baseline: "libaio", candidate: "psync" },
    iops("libaio"),
    iops("psync"),
  );
  assert.equal(row.workload, "randread", "the workload is fio's job name, not the file's config part");
  assert.match(r.md, /IOPS by ioengine/);
});

Deno.test("layout: <timestamp>/<config>/out.json in json+, timestamped folders are the repetitions", async () => {
  const dir = join(LAYOUTS, "timestamped");
  const iops = (qd: string) => files(dir, new RegExp(`/qd${qd}/out\\.json$`)).map((f) => fioIops(f));
  for (const flags of [["md"], ["--layout", "{date}/{config}/out.json"]]) {
    const r = await report(...flags, dir);
    assert.equal(r.code, 0, r.stderr);
    expectComparison(
      r.rows,
      { metric: "iops", stat: "mean", by: "iodepth", baseline: "1", candidate: "8" },
      iops("1"),
      iops("8"),
    );
    if (flags[0] === "md") assert.match(r.md, /IOPS by iodepth/, "the sweep figure names the swept factor");
  }
});

Deno.test("layout: one JSON with 4 stonewall jobs (names encode the configuration), 3 runs", async () => {
  const dir = join(LAYOUTS, "stonewall");
  const r = await report(dir);
  assert.equal(r.code, 0, r.stderr);
  const runs = files(dir, /^jobs-run\d\.json$/);
  assert.equal(runs.length, 3);
  for (const [rw, section] of [["randread", "read"], ["randwrite", "write"]]) {
    const side = (engine: string) => runs.map((f) => fioIops(f, section, `${engine}-${rw}`));
    const row = expectComparison(
      r.rows,
      {
        metric: "iops",
        stat: "mean",
        by: "ioengine",
        baseline: "libaio",
        candidate: "psync",
        direction: section,
      },
      side("libaio"),
      side("psync"),
    );
    assert.equal(row.workload, rw, "each job pair is its own workload, named by what tells them apart");
  }
});

Deno.test("layout: iperf3-<config>-rep<N>.json, num_streams read from test_start (no flag)", async () => {
  const dir = join(LAYOUTS, "iperf3");
  const r = await report("md", dir);
  assert.equal(r.code, 0, r.stderr);
  const bps = (p: string) =>
    files(dir, new RegExp(`^iperf3-P${p}-rep\\d\\.json$`)).map((f) =>
      json(f).end.sum_received.bits_per_second / 8
    );
  expectComparison(
    r.rows,
    { metric: "throughput", direction: "receive", by: "num_streams", baseline: "1", candidate: "4" },
    bps("1"),
    bps("4"),
  );
  assert.match(r.md, /Throughput by num_streams/);
});

Deno.test("layout: iperf 2 -y C CSVs named iperf2-<config>-rep<N>.csv, streams counted from the lines", async () => {
  const dir = join(LAYOUTS, "iperf2");
  const r = await report(dir);
  assert.equal(r.code, 0, r.stderr);
  // iperf 2.1.8 writes one whole-run line per stream and, here, no sum line: the run's rate is their sum.
  const bps = (p: string) =>
    files(dir, new RegExp(`^iperf2-P${p}-rep\\d\\.csv$`)).map((f) =>
      Deno.readTextFileSync(f).trim().split("\n").reduce((s, l) => s + Number(l.split(",")[8]), 0) / 8
    );
  expectComparison(
    r.rows,
    { metric: "throughput", by: "num_streams", baseline: "1", candidate: "4" },
    bps("1"),
    bps("4"),
  );
});

Deno.test("layout: before/after folders with natural names pair by content; --check exits 1 on the slowdown", async () => {
  const before = join(LAYOUTS, "before-after/before"), after = join(LAYOUTS, "before-after/after");
  const r = await report("md", before, after, "--check");
  const iops = (dir: string) => files(dir, /^randread-run\d\.json$/).map((f) => fioIops(f));
  const row = expectComparison(
    r.rows,
    { metric: "iops", stat: "mean", by: "run", baseline: "before", candidate: "after" },
    iops(before),
    iops(after),
  );
  assert.ok(row.ratio < 0.5, `a real slowdown (tmpfs → disk): ${row.ratio}`);
  assert.equal(r.code, 1, `--check must fail on the regression: ${r.stderr}`);
  assert.match(r.md, /"filename" differs among runs that are compared/, "the device path is a description");
});

Deno.test("layout: psync-3.json is read with no flag (consecutive bare numbers); a layout still works", async () => {
  const dir = tempDir("vb-dash-");
  for (const f of files(join(LAYOUTS, "flat"), /\.json$/)) {
    Deno.copyFileSync(f, join(dir, f.replace(/^.*\//, "").replace("-run", "-")));
  }
  // Issue 27: a bare -N whose rest repeats with consecutive numbers is the repetition (it needed --layout before).
  const plain = await report(dir);
  assert.equal(plain.code, 0, plain.stderr);
  const bad = await report(dir, "--layout", "out.json");
  assert.equal(bad.code, 2, "a template without a placeholder is a usage error");
  assert.match(
    bad.stderr,
    /^report: Invalid --layout \(notebook parameter layout\) "out\.json": The layout template "out\.json" has no placeholder; use e\.g\. '\{config\}-run\{rep\}\.json'\./,
  );
  const iops = (engine: string) => files(dir, new RegExp(`^${engine}-\\d\\.json$`)).map((f) => fioIops(f));
  expectComparison(plain.rows, { metric: "iops", by: "ioengine" }, iops("libaio"), iops("psync"));
  const r = await report(dir, "--layout", "{config}-{rep}.json");
  assert.equal(r.code, 0, r.stderr);
  expectComparison(r.rows, { metric: "iops", by: "ioengine" }, iops("libaio"), iops("psync"));
  // The same template in experiment.json: no flag at all.
  Deno.writeTextFileSync(join(dir, "experiment.json"), JSON.stringify({ layout: "{config}-{rep}.json" }));
  const declared = await report(dir);
  assert.equal(declared.code, 0, declared.stderr);
  expectComparison(declared.rows, { metric: "iops", by: "ioengine" }, iops("libaio"), iops("psync"));
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("compared factor: two factors changing together are named as confounded", async () => {
  const dir = tempDir("vb-confound-");
  const psync = files(join(LAYOUTS, "flat"), /^psync-run\d\.json$/);
  const qd8 = files(join(LAYOUTS, "timestamped"), /\/qd8\/out\.json$/);
  psync.forEach((f, i) => Deno.copyFileSync(f, join(dir, `psync-run${i + 1}.json`)));
  qd8.forEach((f, i) => Deno.copyFileSync(f, join(dir, `libaio-qd8-run${i + 1}.json`)));
  const r = await report("md", dir);
  assert.equal(r.code, 0, r.stderr);
  expectComparison(
    r.rows,
    // Issue 27: the user's names (libaio-qd8, psync) map one-to-one onto ioengine, so they are shown.
    { metric: "iops", by: "ioengine", baseline: "libaio-qd8", candidate: "psync" },
    qd8.map((f) => fioIops(f)),
    psync.map((f) => fioIops(f)),
  );
  assert.match(
    r.md,
    /ioengine and iodepth change together \(libaio: 8; psync: 1\): the comparison by ioengine is confounded/,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("compared factor: ambiguous data gets one sentence with the candidates and the exact flag", async () => {
  const dir = tempDir("vb-ambiguous-");
  for (const host of ["a", "b"]) {
    Deno.mkdirSync(join(dir, `host=${host}`));
    for (const f of files(join(LAYOUTS, "flat"), /\.json$/)) {
      Deno.copyFileSync(f, join(dir, `host=${host}`, f.replace(/^.*\//, "")));
    }
  }
  const r = await report(dir);
  assert.equal(r.code, 3);
  assert.equal(
    r.stderr.trim(),
    "report: Cannot tell which factor to compare: host (a, b) and ioengine (libaio, psync) each " +
      "vary between otherwise identical runs; name it with --by host or --by ioengine (notebook parameter by=host, or " +
      '{"by": "host"} in experiment.json).',
  );
  const chosen = await report(dir, "--by", "ioengine");
  assert.equal(chosen.code, 0, chosen.stderr);
  assert.ok(chosen.rows.some((row) => row.by === "ioengine" && row.n_baseline === 5));
  Deno.removeSync(dir, { recursive: true });
});
