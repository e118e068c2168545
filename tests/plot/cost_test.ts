/**
 * The host-cost and round-trip figures on real runs: the miniature host-CPU experiment (tests/fixtures/cost)
 * and two real sockperf UDP 64 B runs placed as two NICs (tests/fixtures/sockperf).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { planUnits } from "../../lib/plot/units.ts";
import { hostCostMetric } from "../../lib/present/figures.ts";
import { reportFigures } from "../../lib/present/report_figures.ts";
import { decided } from "../../lib/stats/verdict.ts";
import { DATA, FIXTURES, HAVE_DATA, tempDir } from "../helpers.ts";

const COST = join(FIXTURES, "cost");
const circles = (svg: string) => [...svg.matchAll(/<circle [^>]*>/g)].map((m) => m[0]);
/** The markers of each dot mark (each driver's shape, lib/plot/channels.ts), one list per mark. */
const dotMarks = (svg: string) =>
  [...svg.matchAll(/<g [^>]*aria-label="dot"[^>]*>(.*?)<\/g>/g)].map((g) =>
    [...g[1].matchAll(/<path [^>]*>/g)].map((m) => m[0])
  );

Deno.test("cost scatter: every run a point, one mean per driver, filled exactly where the cost verdict is decided", async () => {
  const disk = await vb.analyse(join(COST, "disk"), { tool: "fio", metrics: vb.COST_METRICS });
  const svg = vb.figureToSvg(vb.costScatterFigure(disk));
  const [runs, means] = dotMarks(svg);
  assert.equal(runs.length, 6, "2 engines × 3 runs");
  assert.equal(means.length, 2);
  const decidedHere = disk.comparisons.filter((c) => c.metric === "host_cpu_per_gib" && decided(c)).length;
  assert.equal(means.filter((c) => !/fill="none"/.test(c)).length, decidedHere);
  assert.match(svg, /Host CPU time per GiB moved \(s\/GiB\) — lower is cheaper/);
  assert.match(svg, /Throughput \(MB\/s\) — higher is better/);
});

Deno.test("cost scatter without compared cost metrics says there are no verdicts, and fills nothing", async () => {
  // Only the throughput metrics compared: the cost metric is computed per run but has no verdict.
  const net = await vb.analyse(join(COST, "net"), { tool: "iperf3", metrics: vb.PRIMARY_METRICS });
  const svg = vb.figureToSvg(vb.costScatterFigure(net));
  assert.equal(hostCostMetric(net), "host_cpu_per_gbit");
  assert.ok(
    svg.includes(`Throughput (${planUnits(net.rows)["bits/s"].label})`),
    "network rate in bits/s, as planned",
  );
  assert.match(
    svg.replace(/<\/text><text[^>]*>/g, " "),
    /no verdicts \(host_cpu_per_gbit was not compared\)/,
  );
  assert.ok(dotMarks(svg)[1].every((c) => /fill="none"/.test(c)));
});

Deno.test("cost bars: I/Os per host CPU-second drawn as host CPU time per I/O in the plan's time unit, every run a circle", async () => {
  const disk = await vb.analyse(join(COST, "disk"), { tool: "fio", metrics: vb.COST_METRICS });
  const svg = vb.figureToSvg(vb.costBarsFigure(disk, { metric: "ios_per_host_cpu_s" }));
  assert.match(svg, /Host CPU time per I\/O by engine/);
  // One unit per quantity: the same time unit as the latencies of this analysis (here ms).
  const time = planUnits(disk.rows).time.label;
  assert.equal(time, "ms");
  assert.ok(svg.includes(`Host CPU time per I/O (${time}) — lower is cheaper`));
  assert.equal(circles(svg).filter((c) => /r="2.5"/.test(c)).length, 6);
  const decidedHere = disk.comparisons.filter((c) => c.metric === "ios_per_host_cpu_s" && decided(c)).length;
  assert.equal(circles(svg).filter((c) => /r="4.5"/.test(c)).length, decidedHere);
  const none = vb.figureToSvg(vb.costBarsFigure(disk, { metric: "host_cpu_per_gbit" }));
  assert.match(none, /no host_cpu_per_gbit results to show/);
});

Deno.test("round-trip CDF per NIC from sockperf full logs: every message of every run", async () => {
  const dir = tempDir();
  const sp = join(FIXTURES, "sockperf");
  // Two real UDP 64 B runs, placed as two NICs of one experiment.
  for (const [nic, run] of [["lo-a", "sockperf-udp-64"], ["lo-b", "sockperf-udp-64-halfrtt"]]) {
    Deno.mkdirSync(join(dir, `nic=${nic}`, "rep=1"), { recursive: true });
    Deno.copyFileSync(
      join(sp, `${run}.fulllog.csv`),
      join(dir, `nic=${nic}`, "rep=1", "sockperf-udp-64.fulllog.csv"),
    );
    Deno.copyFileSync(join(sp, `${run}.txt`), join(dir, `nic=${nic}`, "rep=1", "sockperf-udp-64.txt"));
  }
  const net = await vb.analyse(dir, {
    tool: ["iperf3", "iperf2", "sockperf"],
    metrics: vb.ROUND_TRIP_METRICS,
  });
  const svg = vb.figureToSvg(vb.roundTripCdfFigure(net));
  assert.match(svg, /Round-trip distribution · sockperf-udp-64/);
  const words = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(" ");
  assert.match(words, /Every message from sockperf --full-log, runs pooled per nic · 2,549 messages/);
  assert.match(words, /Round-trip time \((µs|ms), log scale\)/);
  const lines = [...svg.matchAll(/<g [^>]*aria-label="line"[^>]*>(.*?)<\/g>/g)].map((m) => m[0]);
  assert.equal(lines.length, 2, "one curve per NIC (a line mark each: its own dash)");
  assert.equal(lines.map((g) => [...g.matchAll(/<path /g)].length).join(), "1,1");
  assert.equal(net.comparisons.length, vb.ROUND_TRIP_METRICS.length, "mean, p50, p99, p99.9 compared");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("the report adds the cost figures when host CPU records are present", async () => {
  const disk = await vb.analyse(join(COST, "disk"), { tool: "fio" });
  const ids = reportFigures(disk).map((f) => f.id);
  for (
    const id of [
      "disk-cost-scatter-host-cpu-per-gib-randread-4k",
      "disk-cost-host-cpu-per-gib-all",
      "disk-cost-ios-per-host-cpu-s-all",
    ]
  ) {
    assert.ok(ids.includes(id), `${id} in ${ids}`);
  }
});

Deno.test({
  name:
    "the shipped data (host CPU per workload, sockperf round trips) gets cost and round-trip figures in the report",
  ignore: !HAVE_DATA,
  fn: async () => {
    const disk = await vb.analyse(join(DATA, "disk"), { tool: "fio" });
    const diskIds = reportFigures(disk).map((f) => f.id);
    assert.ok(diskIds.some((id) => /^disk-cost-scatter-/.test(id)), `a disk cost scatter in ${diskIds}`);
    // Eight workloads of cost bars are taller than a printed page: two pages (lib/plot/paging.ts).
    assert.ok(diskIds.includes("disk-cost-host-cpu-per-gib-all-1-of-2"), `${diskIds}`);
    const net = await vb.analyse(join(DATA, "net"), { tool: ["iperf3", "iperf2", "sockperf"] });
    const netIds = reportFigures(net).map((f) => f.id);
    assert.ok(netIds.some((id) => /cost/.test(id)), `a network cost figure in ${netIds}`);
    assert.ok(netIds.some((id) => /rtt/.test(id)), `a round-trip figure in ${netIds}`);
  },
});
