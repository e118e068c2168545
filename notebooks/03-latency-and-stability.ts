// Notebook 03-latency-and-stability.ipynb in percent format, paired by tools/notebook_sync.ts: edit this file or the
// notebook in Jupyter, then run `./vb notebooks` (it carries the edit over and re-executes the notebook).

// %% [markdown]
// # 3 · Latency distributions and stability over time
//
// A mean hides the tail. A storage path that is fast on average but occasionally stalls makes databases and VMs feel
// slow, so here we look at the whole distribution of per-I/O completion latency — percentiles and the cumulative
// distribution — and at how steady throughput is second by second.
//
// **Sources.** Percentiles are the ones fio reports (`clat` percentiles); the CDF comes from fio's json+ latency
// histogram (`bins`: exact per-bin counts of every I/O), so it is the distribution of all I/Os of a run, not a sample.
// The time series are fio's per-second bandwidth logs (`log_avg_msec=1000`) and iperf3's one-second intervals.
//
// **A caution on time series.** Successive seconds inside one run are autocorrelated (a slow second is often followed by
// another), so they are *not* independent samples; we only use them to look at stability, never to compute a p-value.

// %% tags=["parameters"]
import { analysisOptions, notebookParams } from "../lib/params.ts";
const params = notebookParams({
  data: "../data",
  out: "../out",
  by: "",
  baseline: "",
  candidate: "",
  layout: "",
  workload: "",
});

// %%
import * as vb from "../lib/mod.ts";
const disk = await vb.guard(vb.analyse(params.data, { tool: "fio", ...analysisOptions(params) }));
await vb.showText(vb.describeAnalysis(disk));

// %% [markdown]
// ## Percentile ladder
//
// Completion latency at p50, p90, p99, p99.9 and p99.99 for each driver (log scale). Each point is the mean over the
// runs of that percentile; the line shows how fast the tail grows.

// %%
await vb.show(vb.latencyLadderFigure(disk, { workload: params.workload }));

// %% [markdown]
// ## Latency distribution from the json+ histograms
//
// For each latency on the x axis, the percentile of I/Os completed within it, all runs of a driver pooled (the
// histograms are per-run exact counts). The y axis is spaced by the share of I/Os *slower* than that (1 − p, on a log
// scale), so p90, p99, p99.9 and p99.99 are equally far apart and the tail — the slowest 1 in 1,000 or 10,000 I/Os,
// which a linear CDF squeezes into its top pixel — fills the upper half. A curve further left is faster.

// %%
await vb.show(vb.latencyCdfFigure(disk, { workload: params.workload }));

// %% [markdown]
// ## Stability: bandwidth second by second
//
// Per-second bandwidth from fio's logs, one line per run. Long runs are decimated to a min/max envelope per pixel column
// (then shaded behind each line), so spikes stay visible however many points there are.

// %%
await vb.show(vb.timeseriesFigure(disk, { metric: "bw", workload: params.workload }));

// %%
const net = await vb.guard(vb.analyse(params.data, { tool: "iperf3", ...analysisOptions(params) }));
await vb.show(vb.timeseriesFigure(net, { metric: "throughput" }));

// %%
await vb.exportNotebook(params.out, "03-latency-and-stability", disk);
