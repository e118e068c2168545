/**
 * Issue 27: anyone's data with no flags. Real fio, iperf3, iperf 2 and sockperf output made here on loopback and
 * saved under the user's own names (tests/fixtures/names/README.md). Every expected ratio and n is computed in the
 * test from the raw files with plain JSON/text reading, independently of lib/.
 */
import assert from "node:assert/strict";
import { RecordList } from "../../lib/record_list.ts";
import { join } from "node:path";
import { DATA, FIXTURES, HAVE_DATA, tempDir } from "../helpers.ts";
import type { Analysis } from "../../lib/analysis/analyse.ts";
import { analyse, analyseRequest } from "../../lib/analysis/request.ts";
import { compactTable, geoMeanTable, verdictTable } from "../../lib/present/tables.ts";
import { heatmap } from "../../lib/plot/heatmap.ts";
import { driverComparisonFigure, networkFigure } from "../../lib/present/figures.ts";
import { parseLabels } from "../../lib/analysis/labels.ts";
import {
  comparisonStory,
  describeAnalysis,
  isVirtioComparison,
  storyOf,
} from "../../lib/present/describe.ts";
import { headlineSentences } from "../../lib/present/headline.ts";
import { figureToSvg } from "../../lib/export/svg.ts";
import type { Comparison } from "../../lib/stats/types.ts";
import type { Tool } from "../../lib/model.ts";
import { loadDir } from "../../lib/ingest/load.ts";
import { runReport } from "../../lib/report/run.ts";

const NAMES = join(FIXTURES, "names");
const FIO = join(NAMES, "fio");

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const json = (path: string) => JSON.parse(Deno.readTextFileSync(path));
const fioIops = (path: string): number => json(path).jobs[0].read.iops;
/** The fixture's fio JSON runs of one label, in repetition order. */
const fioRuns = (label: string) => [1, 2, 3].map((n) => join(FIO, `${label}_${n}.json`));

function only(cs: Comparison[], pick: (c: Comparison) => boolean, what: string): Comparison {
  const found = cs.filter(pick);
  assert.equal(found.length, 1, `one comparison for ${what}; got ${found.length}`);
  return found[0];
}

function expectRatio(c: Comparison, base: number[], cand: number[]): void {
  assert.equal(c.baseline.n, base.length, "n baseline");
  assert.equal(c.candidate.n, cand.length, "n candidate");
  const ratio = mean(cand) / mean(base);
  assert.ok(Math.abs(c.ratio! - ratio) < 1e-9 * ratio, `ratio ${c.ratio} vs hand-computed ${ratio}`);
}

/** Namings people use for repetition N of `label`, as a path relative to the data folder. */
const NAMINGS: Record<string, (label: string, n: number) => string> = {
  "_1": (l, n) => `${l}_${n}.json`,
  "-1": (l, n) => `${l}-${n}.json`,
  ".1": (l, n) => `${l}.${n}.json`,
  "r1": (l, n) => `${l}-r${n}.json`,
  "run1": (l, n) => `${l}-run${n}.json`,
  "rep1": (l, n) => `${l}_rep${n}.json`,
  "#1": (l, n) => `${l}#${n}.json`,
  "(1)": (l, n) => `${l} (${n}).json`,
  "numbered folders": (l, n) => `${n}/${l}.json`,
  "timestamped folders": (l, n) => `2026-12-03T09-0${n}-00/${l}.json`,
  // fio --output="$name-$(date +%F_%H%M%S).json" and the like: the date is when the run was taken.
  "with the date at the end": (l, n) => `${l}_2026-12-03T09-0${n}-00.json`,
  "with the date at the start": (l, n) => `2026120${n}-09150${n}-${l}.json`,
  "by date alone, in a folder per label": (l, n) => `${l}/2026-12-0${n}.json`,
  "only a number, in a folder per label": (l, n) => `${l}/${n}.json`,
};

for (const [naming, name] of Object.entries(NAMINGS)) {
  Deno.test(`repetitions: fio runs named ${naming} are 3 repetitions per side, with no flag`, async () => {
    const dir = tempDir("vb-names-");
    for (const label of ["buffered", "direct"]) {
      fioRuns(label).forEach((f, i) => {
        const to = join(dir, name(label, i + 1));
        Deno.mkdirSync(join(to, ".."), { recursive: true });
        Deno.copyFileSync(f, to);
      });
    }
    const a = await analyse(dir, { tool: "fio" });
    Deno.removeSync(dir, { recursive: true });
    assert.equal(a.by, "direct", `compared by fio's direct option: ${a.warnings.join(" | ")}`);
    const c = only(a.comparisons, (c) => c.metric === "iops" && c.stat === "mean", "iops");
    expectRatio(c, fioRuns("buffered").map(fioIops), fioRuns("direct").map(fioIops));
  });
}

Deno.test("repetitions: a trailing number that does not run consecutively is part of the name", async () => {
  const dir = tempDir("vb-names-");
  // sockperf-udp-64 / sockperf-udp-1400: message sizes, not repetitions 64 and 1400.
  for (const m of ["64", "1400"]) {
    Deno.copyFileSync(join(NAMES, "sockperf", `udp-${m}-rep1.txt`), join(dir, `sockperf-udp-${m}.txt`));
  }
  const data = await loadDir(dir);
  Deno.removeSync(dir, { recursive: true });
  assert.deepEqual(
    [...new Set(data.rows.map((r) => r.factors.workload))].sort(),
    ["sockperf-udp-1400", "sockperf-udp-64"],
  );
  assert.ok(data.rows.every((r) => r.factors.rep === undefined), "no repetition read from 64 / 1400");
});

Deno.test({
  name:
    "repetitions: numbered folders under the compared folders (ide/1/, virtio-blk/1/) pair, with no name warning",
  ignore: !HAVE_DATA,
  fn: async () => {
    const dir = tempDir("vb-names-");
    const run = (driver: string, rep: number) =>
      join(DATA, `disk/os=linux/driver=${driver}/rep=${rep}/randread-4k-qd32.json`);
    for (const driver of ["ide", "virtio-blk"]) {
      for (const rep of [1, 2, 3]) {
        Deno.mkdirSync(join(dir, driver, `${rep}`), { recursive: true });
        Deno.copyFileSync(run(driver, rep), join(dir, driver, `${rep}`, "out.json"));
      }
    }
    const a = await analyse(dir, { tool: "fio" });
    Deno.removeSync(dir, { recursive: true });
    assert.equal(a.by, "folder");
    const c = only(a.comparisons, (c) => c.metric === "iops", "iops");
    const iops = (driver: string) => [1, 2, 3].map((rep) => fioIops(run(driver, rep)));
    expectRatio(c, iops("ide"), iops("virtio-blk"));
    assert.deepEqual(a.warnings.filter((w) => /differ only in their folder name/.test(w.text)), []);
  },
});

Deno.test("repetitions: in one folder a layout naming only the repetition leaves the rest of the name as the configuration", async () => {
  // Real fio runs (tests/fixtures/layouts/flat): libaio-run1..5.json, psync-run1..5.json. The rest of the name, not
  // "libaio-run2 vs libaio-run1", is what the runs are: two configurations of 5 repetitions each.
  const data = await loadDir(join(FIXTURES, "layouts/flat"), { layout: "*-run{rep}.json" });
  const runs = new Map<string, Set<string>>();
  for (const r of data.rows) {
    const w = r.factors.workload;
    (runs.get(w) ?? runs.set(w, new Set()).get(w)!).add(r.factors.rep);
  }
  assert.deepEqual([...runs.keys()].sort(), ["libaio", "psync"]);
  assert.deepEqual([...runs.values()].map((s) => s.size), [5, 5]);
});

/** Before: the buffered runs, after: the direct runs, repetition N saved as `name(N)` in each folder; analysed. */
async function beforeAfter(name: (n: number) => string, layout?: string): Promise<Analysis> {
  const dir = tempDir("vb-names-");
  for (const [side, label] of [["before", "buffered"], ["after", "direct"]]) {
    Deno.mkdirSync(join(dir, side));
    fioRuns(label).forEach((f, i) => Deno.copyFileSync(f, join(dir, side, name(i + 1))));
  }
  const [a] = await analyseRequest({
    sides: [{ folder: join(dir, "before") }, { folder: join(dir, "after") }],
    layout,
    tool: "fio",
  });
  Deno.removeSync(dir, { recursive: true });
  return a;
}

Deno.test("repetitions: with two sides a layout naming only the repetition leaves the rest of the name as the label", async () => {
  const namings: [string, (n: number) => string][] = [
    ["*_{rep}.json", (n) => `direct_${n}.json`],
    ["{rep}-*.json", (n) => `${n}-direct.json`],
    ["* ({rep}).json", (n) => `direct (${n}).json`],
    ["*-run{rep}.json", (n) => `direct-run${n}.json`],
    // A name that is only the repetition: no label at all (it once became one workload per repetition).
    ["{rep}.json", (n) => `${n}.json`],
  ];
  for (const [layout, name] of namings) {
    const a = await beforeAfter(name, layout);
    assert.equal(a.by, "run", layout);
    const c = only(a.comparisons, (c) => c.metric === "iops" && c.stat === "mean", layout);
    expectRatio(c, fioRuns("buffered").map(fioIops), fioRuns("direct").map(fioIops));
  }
});

Deno.test("repetitions: in one folder of a folder per side, files named only by the repetition ('{driver}/{rep}.json') are 3 runs per side", async () => {
  const dir = tempDir("vb-names-");
  // ide/1.json … 3.json: the buffered runs; virtio/1.json … 3.json: the direct runs.
  for (const [driver, label] of [["ide", "buffered"], ["virtio", "direct"]]) {
    Deno.mkdirSync(join(dir, driver));
    fioRuns(label).forEach((f, i) => Deno.copyFileSync(f, join(dir, driver, `${i + 1}.json`)));
  }
  const a = await analyse(dir, { layout: "{driver}/{rep}.json", tool: "fio" });
  Deno.removeSync(dir, { recursive: true });
  assert.equal(a.by, "driver");
  assert.equal(
    new Set(a.comparisons.map((c) => c.factors.workload)).size,
    1,
    "one workload, not one per repetition",
  );
  const c = only(a.comparisons, (c) => c.metric === "iops" && c.stat === "mean", "iops");
  expectRatio(c, fioRuns("buffered").map(fioIops), fioRuns("direct").map(fioIops));
});

Deno.test("repetitions: two folders (before/after) of files named only by the repetition pair 3 runs per side, with no flag", async () => {
  // run1.json … run3.json and 1.json … 3.json at the top of each side: once a workload per repetition (the name was
  // the label when no folder named the runs), so this door said "insufficient" where one folder of both said better.
  for (const name of [(n: number) => `run${n}.json`, (n: number) => `${n}.json`]) {
    const a = await beforeAfter(name);
    const c = only(a.comparisons, (c) => c.metric === "iops" && c.stat === "mean", name(1));
    expectRatio(c, fioRuns("buffered").map(fioIops), fioRuns("direct").map(fioIops));
  }
});

/** Every table the report and notebooks print for analyses, as one text. */
function tablesText(as: Analysis[]): string {
  return JSON.stringify([
    geoMeanTable(as),
    ...as.flatMap((a) => [verdictTable(a.comparisons), compactTable(a.comparisons)]),
  ]);
}

Deno.test("aggregates: the geometric mean claims nothing from single runs or from one workload", async () => {
  const dir = tempDir("vb-names-");
  for (const label of ["buffered", "direct"]) {
    Deno.copyFileSync(fioRuns(label)[0], join(dir, `${label}.json`));
  }
  const single = await analyse(dir, { tool: "fio", by: "direct" });
  Deno.removeSync(dir, { recursive: true });
  const [row] = geoMeanTable([single]);
  assert.match(String(row.reading), /^insufficient: single runs on a side/);
  const iops = only(single.comparisons, (c) => c.metric === "iops", "iops");
  expectRatio(iops, [fioIops(fioRuns("buffered")[0])], [fioIops(fioRuns("direct")[0])]);
  assert.equal(iops.verdict, "insufficient");
  const three = await analyse(FIO, { tool: "fio" });
  assert.match(String(geoMeanTable([three])[0].reading), /^insufficient: one workload, no interval/);
});

Deno.test("aggregates: all-zero UDP loss is insufficient, with no 'undefined' or 'NaN' in any table", async () => {
  const dir = join(NAMES, "iperf3-udp");
  const a = await analyse(dir);
  const loss = only(a.comparisons, (c) => c.metric === "loss", "loss");
  const lost = (len: number) =>
    [1, 2, 3].map((n) => json(join(dir, `len${len}.${n}.json`)).end.sum.lost_percent as number);
  assert.deepEqual([...lost(512), ...lost(1400)], [0, 0, 0, 0, 0, 0], "the fixture lost nothing");
  assert.equal(loss.ratio, null);
  assert.equal(loss.verdict, "insufficient");
  assert.equal(loss.baseline.n, 3);
  const text = tablesText([a]);
  assert.doesNotMatch(text, /undefined|NaN/);
  assert.match(JSON.stringify(verdictTable([loss])), /"ratio \[interval\]":"no ratio"/);
});

Deno.test("aggregates: heatmap cells are coloured only where the verdict decided", async () => {
  const a = await analyse(FIO, { tool: "fio" });
  const cs = a.comparisons.filter((c) => c.metric === "iops" && c.stat === "mean");
  assert.ok(cs.length > 0 && cs.every((c) => c.verdict !== "better" && c.verdict !== "worse"));
  const svg = figureToSvg(heatmap(cs));
  // Plot writes a constant fill on the mark's group, a scaled fill on each cell.
  const cellFills = (svg: string) => {
    const marks = svg.slice(svg.indexOf('aria-label="cell"'), svg.indexOf('aria-label="text"'));
    return [...marks.matchAll(/fill="([^"]+)"/g)].map((m) => m[1]);
  };
  assert.deepEqual(cellFills(svg), ["#e6e6e6"], "undecided cells are grey, none from the speed-up scale");
  const decidedSvg = figureToSvg(heatmap(cs.map((c) => ({ ...c, verdict: "better" as const }))));
  const fills = cellFills(decidedSvg);
  assert.ok(
    fills.length > 0 && !fills.includes("#e6e6e6"),
    `a decided cell takes its speed-up's colour: ${fills}`,
  );
});

Deno.test({
  name: "aggregates: shipped data — the geometric mean claims a direction only when its interval clears 1",
  ignore: !HAVE_DATA,
  fn: async () => {
    const disk = await analyse(join(DATA, "disk"), { tool: "fio" });
    for (const row of geoMeanTable([disk])) {
      const [lo, hi] = String(row["95 % interval across workloads"]).match(/[\d.]+/g)!.map(Number);
      const claims = !/^(~|insufficient)/.test(String(row.reading));
      assert.equal(claims, lo > 1 || hi < 1, `${row.compared}: ${row.reading} [${lo}, ${hi}]`);
    }
  },
});

Deno.test("words: the report heading and <title> use experiment.json's title, else the folder, never an absolute path", async () => {
  const dir = tempDir("vb-names-");
  const data = join(dir, "my runs");
  Deno.mkdirSync(data);
  for (const f of Deno.readDirSync(FIO)) Deno.copyFileSync(join(FIO, f.name), join(data, f.name));
  const heading = async () => {
    const out = join(dir, `out-${crypto.randomUUID()}`);
    await runReport({
      data: [data],
      out,
      formats: ["md", "html"],
      check: false,
      quiet: true,
      progress: false,
    });
    const md = Deno.readTextFileSync(join(out, "report.md")).split("\n")[0];
    const html = Deno.readTextFileSync(join(out, "report.html"));
    return { md, title: html.match(/<title>([^<]*)<\/title>/)![1], h1: html.match(/<h1>([^<]*)<\/h1>/)![1] };
  };
  const plain = await heading();
  // The folder as named from where the command ran (dataName: one level up at most, else its name alone),
  // never its absolute path; the temporary folder may sit beside the clone, one level up.
  assert.match(plain.md, /^# Benchmark report: (\.\.\/vb-names-[^/]+\/)?my runs$/, "not an absolute path");
  assert.equal(plain.title, plain.md.slice(2));
  assert.equal(plain.h1, plain.title);
  Deno.writeTextFileSync(
    join(data, "experiment.json"),
    JSON.stringify({ title: "Buffered or direct reads" }),
  );
  const titled = await heading();
  assert.equal(titled.md, "# Benchmark report: Buffered or direct reads");
  assert.equal(titled.title, "Benchmark report: Buffered or direct reads");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("words: network panels and subtitles say only what the data says (no NIC, no guest → host on loopback)", async () => {
  const a = await analyse(join(NAMES, "iperf3"), { by: "num_streams" });
  const svg = figureToSvg(networkFigure(a));
  assert.match(svg, /iperf3 TCP, client → server/);
  assert.match(svg, /runs per num_streams and test/);
  assert.doesNotMatch(svg, /NIC|guest|host →/);
});

Deno.test("formats: a repetition saved again as terse beside its JSON is one run (n = 3, not 4)", async () => {
  const a = await analyse(FIO, { tool: "fio" });
  assert.ok(a.rows.every((r) => r.source !== "direct_1.txt"), "the terse copy's rows are left out");
  assert.ok(a.comparisons.every((c) => c.factors.format === undefined), "no format=terse workload");
  assert.ok(
    a.warnings.some((w) =>
      /^direct_1\.txt holds the same name and repetition as direct_1\.json/.test(w.text)
    ),
  );
  const iops = only(a.comparisons, (c) => c.metric === "iops" && c.stat === "mean", "iops");
  expectRatio(iops, fioRuns("buffered").map(fioIops), fioRuns("direct").map(fioIops));
  assert.match(headlineSentences(a)[0], /of 1 workload|on 1,/);
});

Deno.test({
  name: "formats: shipped data — the terse re-run of randread-4k-qd1 counts once in headlines and the mean",
  ignore: !HAVE_DATA,
  fn: async () => {
    const disk = await analyse(join(DATA, "disk"), { tool: "fio" });
    const head = disk.comparisons.filter((c) =>
      c.family.name === "headline" && c.candidateName === "virtio-blk"
    );
    const json = head.filter((c) => c.factors.format !== "terse");
    assert.equal(head.length - json.length, 1, "the terse re-run is still compared, in the tables");
    const workloads = new Set(json.map((c) => c.factors.workload)).size;
    assert.equal(json.length, workloads, "one headline comparison per workload in the main format");
    const sentence = headlineSentences(disk).find((s) => s.startsWith("virtio-blk vs ide"))!;
    const counted = Number(sentence.match(/ of (\d+) workloads/)![1]);
    assert.equal(counted, json.length, sentence);
    const row = geoMeanTable([disk]).find((r) => r.compared === "virtio-blk vs ide")!;
    assert.equal(row.workloads, json.length);
    const logs = json.map((c) => Math.log(c.better === "higher" ? c.ratio! : 1 / c.ratio!));
    const g = Math.exp(logs.reduce((s, x) => s + x, 0) / logs.length);
    assert.ok(
      Math.abs(Number(row["geometric-mean speed-up"]) - g) < 1e-9 * g,
      `${row["geometric-mean speed-up"]} vs ${g}`,
    );
  },
});

/** sockperf's mean round trip in µs, read from the summary line `avg-rtt=…`. */
const avgRtt = (path: string) => Number(Deno.readTextFileSync(path).match(/avg-rtt=([\d.]+)/)![1]);
const sockperfRuns = (label: string) => [1, 2, 3].map((n) => join(NAMES, "sockperf", `${label}-rep${n}.txt`));

Deno.test("pairing: a workload without the baseline compares the values it has, said in words", async () => {
  const a = await analyse(join(NAMES, "sockperf"));
  assert.equal(a.by, "config");
  assert.equal(a.baseline, "tcp-1400", "the first value in sorted order");
  const mean = (c: Comparison) => c.metric === "rtt" && c.stat === "mean";
  const tcp = only(a.comparisons, (c) => mean(c) && c.candidateName === "tcp-64", "tcp-64");
  assert.equal(tcp.baselineName, "tcp-1400");
  expectRatio(tcp, sockperfRuns("tcp-1400").map(avgRtt), sockperfRuns("tcp-64").map(avgRtt));
  const udp = only(a.comparisons, (c) => mean(c) && c.candidateName === "udp-64", "udp-64");
  assert.equal(udp.baselineName, "udp-1400", "the UDP workload's own baseline");
  expectRatio(udp, sockperfRuns("udp-1400").map(avgRtt), sockperfRuns("udp-64").map(avgRtt));
  const sentences = headlineSentences(a);
  assert.ok(sentences.every((s) => !/nothing to compare/.test(s)), sentences.join("\n"));
  assert.ok(sentences.some((s) => s.startsWith("udp-64 vs udp-1400: ")));
  assert.ok(sentences.includes(
    "The baseline config=tcp-1400 has no runs of sockperf udp: there udp-64 is compared with udp-1400 (the first " +
      "value present; --baseline udp-64 makes it the baseline instead).",
  ));
  assert.ok(
    !a.warnings.some((w) => /has no runs of .*which udp/.test(w.text)),
    "no 'not compared' warning for UDP",
  );
  assert.deepEqual(geoMeanTable([a]).map((r) => r.compared), ["tcp-64 vs tcp-1400", "udp-64 vs udp-1400"]);
});

Deno.test("pairing: two choices of compared factor get one sentence with the exact flag for each", async () => {
  await assert.rejects(
    () => analyse(join(NAMES, "iperf3")),
    (err: Error) => {
      assert.match(err.message, /num_streams \(1, 4\) and reverse \(0, 1\) each vary/);
      assert.match(err.message, /name it with --by num_streams or --by reverse /);
      return true;
    },
  );
  const a = await analyse(join(NAMES, "iperf3"), { by: "num_streams" });
  const c = only(
    a.comparisons,
    (c) => c.metric === "throughput" && c.direction === "receive" && c.stat === "mean",
    "throughput",
  );
  // Delivered throughput: iperf3's receiver sum; the P1-R runs (reverse=1) have no 4-stream counterpart.
  const received = (label: string) =>
    [1, 2, 3].map((n) => json(join(NAMES, "iperf3", `${label}-${n}.json`)))
      .filter((d) => !d.error).map((d) => d.end.sum_received.bits_per_second / 8);
  expectRatio(c, received("P1"), received("P4"));
});

Deno.test("labels: buffered/direct file names map onto fio's direct=0/1: compared by direct, shown by name", async () => {
  const a = await analyse(FIO, { tool: "fio" });
  assert.equal(a.by, "direct");
  assert.equal(a.baseline, "buffered", "the label of direct=0, the first value");
  assert.deepEqual(a.candidates, ["direct"]);
  assert.equal(a.labels, "direct: 0 = buffered, 1 = direct (labels from the file names)");
  const iops = only(a.comparisons, (c) => c.metric === "iops" && c.stat === "mean", "iops");
  assert.equal(iops.baselineName, "buffered");
  assert.equal(iops.candidateName, "direct");
  expectRatio(iops, fioRuns("buffered").map(fioIops), fioRuns("direct").map(fioIops));
  assert.match(headlineSentences(a)[0], /^direct vs buffered: /);
  assert.equal(geoMeanTable([a])[0].compared, "direct vs buffered");
  const svg = figureToSvg(driverComparisonFigure(a, { metric: "iops" }));
  assert.match(svg, />buffered</, "legends show the user's names");
  assert.match(svg, />direct</);
  assert.ok(
    a.names.includes("buffered") && a.names.includes("direct"),
    "colours are given to the names shown",
  );
  // The user's names win over fio's values, and --label renames either.
  const renamed = await analyse(FIO, { tool: "fio", labels: { "direct=1": "direct-io" } });
  assert.equal(renamed.baseline, "buffered");
  assert.deepEqual(renamed.candidates, ["direct-io"]);
  const byValue = await analyse(FIO, { tool: "fio", baseline: "0" });
  assert.equal(byValue.baseline, "buffered", "--baseline accepts the factor's own value too");
});

Deno.test("labels: results.csv carries the user's names as the compared values", async () => {
  const out = tempDir("vb-names-");
  await runReport({
    data: [FIO],
    out,
    formats: ["csv"],
    check: false,
    quiet: true,
    progress: false,
    labels: parseLabels("direct=0:page-cache")!,
  });
  const [header, ...lines] = Deno.readTextFileSync(join(out, "results.csv")).trim().split("\n");
  Deno.removeSync(out, { recursive: true });
  const col = header.split(",");
  const cell = (line: string, name: string) => line.split(",")[col.indexOf(name)];
  assert.ok(lines.length > 0);
  for (const l of lines) {
    assert.equal(cell(l, "by"), "direct");
    assert.equal(cell(l, "baseline"), "page-cache");
    assert.equal(cell(l, "candidate"), "direct");
  }
});

Deno.test("labels: a quantity keeps its numbers (iperf 2 'P1 (N).csv' vs 'P2 (N).csv' compare num_streams 1 and 2)", async () => {
  const a = await analyse(join(NAMES, "iperf2"));
  assert.equal(a.by, "num_streams");
  assert.equal(a.labels, undefined);
  const c = only(a.comparisons, (c) => c.metric === "throughput" && c.stat === "mean", "throughput");
  assert.equal(`${c.candidateName} vs ${c.baselineName}`, "2 vs 1");
  // iperf 2.1.8 -y C: one whole-run line per stream, bits/s in field 9; the run's rate is their sum.
  const bps = (p: number) =>
    [1, 2, 3].map((n) =>
      Deno.readTextFileSync(join(NAMES, "iperf2", `P${p} (${n}).csv`)).trim().split("\n")
        .reduce((s, l) => s + Number(l.split(",")[8]), 0) / 8
    );
  expectRatio(c, bps(1), bps(2));
});

Deno.test("words: the VirtIO story only for a VirtIO comparison; otherwise plain prose naming the factor", async () => {
  const a = await analyse(FIO, { tool: "fio" });
  assert.equal(isVirtioComparison(a), false);
  assert.equal(
    comparisonStory(a),
    "What is compared. Runs that differ in direct: direct against the baseline buffered, up to 3 repetitions " +
      "each (fio). Shown by the user's names: direct: 0 = buffered, 1 = direct (labels from the file names).",
  );
  assert.equal(isVirtioComparison({ by: "driver", baseline: "ide", candidates: ["virtio-blk"] }), true);
  assert.equal(isVirtioComparison({ by: "nic", baseline: "e1000", candidates: ["rtl8139"] }), false);
  // A notebook's story: the plain one for buffered vs direct, the article's only for a VirtIO device.
  for (const kind of ["disk", "network", "summary", "cost"] as const) {
    const story = storyOf(kind, a);
    assert.doesNotMatch(story, /virtio|emulat|NIC|\bring/i, kind);
    assert.match(
      story,
      /^\*\*What is compared\.\*\* Runs that differ in direct: direct against the baseline buffered/,
    );
  }
  const virtio = { ...a, by: "driver", baseline: "ide", candidates: ["virtio-blk"] };
  assert.match(storyOf("disk", virtio), /a VirtIO device batches requests in a ring/);
  assert.match(
    storyOf("network", { ...virtio, by: "nic", baseline: "e1000", candidates: ["virtio-net"] }),
    /rings/,
  );
  // The summary tells the VirtIO story only when every side compared is VirtIO vs emulated.
  assert.match(storyOf("summary", [virtio, virtio]), /paravirtualized VirtIO devices/);
  assert.doesNotMatch(storyOf("summary", [virtio, a]), /VirtIO/);
  // A family without data does not decide the story (the summary of disk-only VirtIO runs).
  assert.match(
    storyOf("summary", [virtio, { ...a, rows: RecordList.from([]), by: null, baseline: null }]),
    /VirtIO/,
  );
});

Deno.test({
  name: "the same workloads on two hosts keep their names, told apart by the host (not every factor)",
  ignore: !HAVE_DATA,
  fn: async () => {
    // Replicated real runs (labelled so): the shipped fio JSON outputs of two drivers under host=h1 and host=h2.
    const dir = tempDir("vb-hosts-");
    for (const host of ["h1", "h2"]) {
      for (const driver of ["ide", "virtio-blk"]) {
        for (const rep of [1, 2, 3]) {
          const from = join(DATA, `disk/os=linux/driver=${driver}/rep=${rep}`);
          const to = join(dir, `host=${host}/driver=${driver}/rep=${rep}`);
          Deno.mkdirSync(to, { recursive: true });
          for (const name of ["randread-4k-qd1.json", "seqread-1m-qd32.json"]) {
            Deno.copyFileSync(join(from, name), join(to, name));
          }
        }
      }
    }
    const a = await analyse(dir, { tool: "fio" });
    const names = [...new Set(a.comparisons.map((c) => c.factors.workload))].sort();
    assert.deepEqual(names, [
      "randread-4k-qd1 host=h1",
      "randread-4k-qd1 host=h2",
      "seqread-1m-qd32 host=h1",
      "seqread-1m-qd32 host=h2",
    ]);
    const one = only(
      a.comparisons,
      (c) => c.factors.workload === "randread-4k-qd1 host=h2" && c.metric === "iops",
      "randread-4k-qd1 on h2",
    );
    const iops = (driver: string) =>
      [1, 2, 3].map((rep) => fioIops(join(dir, `host=h2/driver=${driver}/rep=${rep}/randread-4k-qd1.json`)));
    expectRatio(one, iops("ide"), iops("virtio-blk"));
    Deno.removeSync(dir, { recursive: true });
  },
});

/**
 * Real shipped runs of `family` (disk, net), for each value of `factor` and repetitions 1–3, saved twice: in a
 * folder per value with the repetition in the name (`ide/randread-4k-qd1-2.json`), and as the shipped
 * `factor=value/rep=N/` folders. Both analysed (with `tools`), and their verdicts as rows to compare.
 */
async function folderPerValue(
  family: string,
  factor: string,
  values: string[],
  files: string[],
  tools: Tool[],
) {
  const named = tempDir("vb-names-"), keyed = tempDir("vb-names-");
  for (const value of values) {
    Deno.mkdirSync(join(named, value));
    for (const rep of [1, 2, 3]) {
      const from = join(DATA, `${family}/os=linux/${factor}=${value}/rep=${rep}`);
      const to = join(keyed, `${factor}=${value}/rep=${rep}`);
      Deno.mkdirSync(to, { recursive: true });
      for (const file of files) {
        const dot = file.indexOf(".");
        Deno.copyFileSync(
          join(from, file),
          join(named, value, `${file.slice(0, dot)}-${rep}${file.slice(dot)}`),
        );
        Deno.copyFileSync(join(from, file), join(to, file));
      }
    }
  }
  const [a, b] = await Promise.all([analyse(named, { tool: tools }), analyse(keyed, { tool: tools })]);
  Deno.removeSync(named, { recursive: true });
  Deno.removeSync(keyed, { recursive: true });
  const verdicts = (x: Analysis) =>
    x.comparisons.map((c) => [c.factors.workload, c.metric, c.stat, c.ratio, c.ratioCI, c.verdict]).sort();
  return { a, named: verdicts(a), keyed: verdicts(b) };
}

Deno.test({
  name:
    "what is compared: a folder per driver of the same fio jobs (real shipped runs, named <job>-N.json) is compared by the folder, with no flag, as key=value folders are",
  ignore: !HAVE_DATA,
  fn: async () => {
    // bs, iodepth and rw vary with the job, the folder with the driver: the folder is the system, not a load.
    const jobs = ["randread-4k-qd1.json", "seqwrite-1m-qd32.json"];
    const { a, named, keyed } = await folderPerValue("disk", "driver", ["ide", "virtio-blk"], jobs, ["fio"]);
    assert.equal(a.by, "folder");
    assert.equal(a.baseline, "ide");
    assert.deepEqual(a.candidates, ["virtio-blk"]);
    assert.equal(named.length, 8);
    assert.deepEqual(named, keyed);
  },
});

Deno.test({
  name:
    "what is compared: a folder per NIC of iperf3 runs and sockperf runs (real shipped files, <test>-N.*) is compared by the folder, with no flag, as nic= folders are",
  ignore: !HAVE_DATA,
  fn: async () => {
    // sockperf's file names are its only description, so they vary beside the folders: the folders, which every
    // run has, are what is compared (this once asked for --by folder among four choices).
    const files = ["iperf3-tcp.json", "sockperf-udp-64.txt", "sockperf-udp-64.csv", "sockperf-tcp-1400.txt"];
    const { a, named, keyed } = await folderPerValue("net", "nic", ["e1000", "virtio-net"], files, [
      "iperf3",
      "sockperf",
    ]);
    assert.equal(a.by, "folder");
    assert.equal(a.baseline, "e1000");
    assert.ok(a.comparisons.some((c) => c.metric === "rtt"), "sockperf's round trips are compared");
    assert.deepEqual(named, keyed);
  },
});

/**
 * Real shipped runs of `file` appended to one file per NIC (`<nic>.<ext>`; a file per driver for fio), and the same
 * runs in nic=/rep= (driver=/rep=) folders: both analysed as `tool`.
 */
async function appendedPerSide(file: string, ext: string, tool: Tool) {
  const appended = tempDir("vb-names-"), keyed = tempDir("vb-names-");
  const [family, factor, values] = tool === "fio"
    ? ["disk", "driver", ["ide", "virtio-blk"]]
    : ["net", "nic", ["e1000", "virtio-net"]];
  for (const value of values) {
    let log = "";
    for (const rep of [1, 2, 3, 4, 5]) {
      const run = join(DATA, `${family}/os=linux/${factor}=${value}/rep=${rep}/${file}`);
      log += Deno.readTextFileSync(run);
      Deno.mkdirSync(join(keyed, `${factor}=${value}/rep=${rep}`), { recursive: true });
      Deno.copyFileSync(run, join(keyed, `${factor}=${value}/rep=${rep}/${file}`));
    }
    Deno.writeTextFileSync(join(appended, `${value}.${ext}`), log);
  }
  const [a, b] = await Promise.all([analyse(appended, { tool }), analyse(keyed, { tool })]);
  Deno.removeSync(keyed, { recursive: true });
  const verdicts = (x: Analysis) =>
    x.comparisons.map((c) => [c.metric, c.stat, c.baseline.n, c.candidate.n, c.ratio, c.ratioCI, c.verdict]);
  return { dir: appended, a, appended: verdicts(a), keyed: verdicts(b) };
}

Deno.test({
  name:
    "repetitions: iperf3 runs appended to one file per NIC (iperf3 -J --logfile appends; real shipped runs) are 5 runs a side, with the verdicts and intervals of nic=/rep= folders",
  ignore: !HAVE_DATA,
  fn: async () => {
    const { dir, a, appended, keyed } = await appendedPerSide("iperf3-tcp.json", "json", "iperf3");
    assert.equal(a.baseline, "e1000");
    assert.deepEqual(appended, keyed);
    assert.deepEqual(appended.map((v) => [v[0], v[2], v[3], v[6]]), [
      ["guest_cpu_per_gbps", 5, 5, "better"],
      ["throughput", 5, 5, "better"],
    ]);
    assert.match(describeAnalysis(a), /from 2 files/);
    // A run cut short at the end of the log is named with its line, not dropped unsaid.
    const log = Deno.readTextFileSync(join(dir, "e1000.json"));
    Deno.writeTextFileSync(join(dir, "e1000.json"), log + '{\n "start": {');
    const cut = await analyse(dir, { tool: "iperf3" });
    Deno.removeSync(dir, { recursive: true });
    assert.ok(
      cut.dataset.warnings.some((w) =>
        w.source === "e1000.json" &&
        w.message === `e1000.json#5, line ${log.split("\n").length}: another JSON document starts here and ` +
            "never ends (a run appended to this file and cut short?); it was not read"
      ),
      JSON.stringify(cut.dataset.warnings),
    );
  },
});

Deno.test({
  name:
    "repetitions: iperf 2 CSV runs appended to one file per NIC (iperf -y C >> file; real shipped runs) are 5 runs a side, not one run of 5× the throughput",
  ignore: !HAVE_DATA,
  fn: async () => {
    const { dir, a, appended, keyed } = await appendedPerSide("iperf2-tcp.csv", "csv", "iperf2");
    Deno.removeSync(dir, { recursive: true });
    assert.deepEqual(appended, keyed);
    assert.deepEqual(appended.map((v) => [v[0], v[2], v[3], v[6]]), [["throughput", 5, 5, "better"]]);
    // Each run's own whole-run line: e1000's mean is that of its 5 runs, not their sum.
    const e1000 = [1, 2, 3, 4, 5].map((rep) => {
      const csv = Deno.readTextFileSync(join(DATA, `net/os=linux/nic=e1000/rep=${rep}/iperf2-tcp.csv`));
      const whole = csv.trim().split("\n").map((l) => l.split(",")).find((f) => f[6] === "0.0-6.0")!;
      return Number(whole[8]) / 8;
    });
    assert.ok(Math.abs(a.comparisons[0].baseline.mean - mean(e1000)) < 1e-6 * mean(e1000));
  },
});

Deno.test({
  name:
    "repetitions: sockperf client outputs appended to one file per NIC (sockperf ping-pong >> file; real shipped runs) are 5 runs a side, with the verdicts and intervals of nic=/rep= folders",
  ignore: !HAVE_DATA,
  fn: async () => {
    const { dir, appended, keyed } = await appendedPerSide("sockperf-udp-64.txt", "txt", "sockperf");
    Deno.removeSync(dir, { recursive: true });
    assert.deepEqual(appended, keyed);
    const rtt = appended.filter((v) => v[0] === "rtt");
    assert.deepEqual(rtt.map((v) => [v[1], v[2], v[3]]), [["mean", 5, 5], ["p50", 5, 5], ["p99", 5, 5], [
      "p99.9",
      5,
      5,
    ]]);
  },
});

Deno.test({
  name:
    "repetitions: fio terse results appended to one file per driver (fio --output-format=terse >> file; real shipped runs) are 5 runs a side, said so, with the verdicts and intervals of driver=/rep= folders",
  ignore: !HAVE_DATA,
  fn: async () => {
    const { dir, a, appended, keyed } = await appendedPerSide("randread-4k-qd1-terse.txt", "txt", "fio");
    Deno.removeSync(dir, { recursive: true });
    assert.deepEqual(appended, keyed);
    assert.ok(
      appended.length >= 4 && appended.every((v) => v[2] === 5 && v[3] === 5),
      JSON.stringify(appended),
    );
    assert.ok(
      a.dataset.warnings.some((w) =>
        w.source === "ide.txt" &&
        w.message.startsWith("ide.txt: holds its jobs' results 5 times: read as 5 runs")
      ),
    );
  },
});

Deno.test("labels in the content: iperf3 runs tagged --extra-data driver=… in one folder, names that say nothing, are compared by driver, 3 runs a side (real iperf 3.12 runs)", async () => {
  const a = await analyse(join(FIXTURES, "iperf3-extra/flat"), { tool: "iperf3" });
  assert.equal(a.by, "driver");
  assert.equal(a.baseline, "e1000");
  const c = only(a.comparisons, (c) => c.metric === "throughput", "throughput");
  const tagged = (driver: string) =>
    [...Deno.readDirSync(join(FIXTURES, "iperf3-extra/flat"))].map((e) =>
      json(join(FIXTURES, "iperf3-extra/flat", e.name))
    )
      .filter((d) => d.extra_data === `driver=${driver}`).map((d) => d.end.sum_received.bits_per_second / 8);
  expectRatio(c, tagged("e1000"), tagged("virtio-net"));
});
