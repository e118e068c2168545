// Notebook 05-plan-your-runs.ipynb in percent format, paired by tools/notebook_sync.ts: edit this file or the
// notebook in Jupyter, then run `./vb notebooks` (it carries the edit over and re-executes the notebook).

// %% [markdown]
// # 5 · Plan your runs: how many repetitions do you need?
//
// A comparison can only detect a difference that is larger than the run-to-run noise allows. Before collecting new data,
// use the variation you already measured (the *pilot*) to decide how many repetitions each driver needs.
//
// **Method.** For a two-sample comparison of means on the log scale, the repetitions per group needed to detect a true
// ratio *r* with power 1 − β at significance level α follow from the coefficient of variation (CV) of the runs: roughly
// n ≈ 2 (z₁₋α/₂ + z₁₋β)² · CV² / (ln r)², then refined with the t distribution because n is small. The pilot's CV is
// itself uncertain with few runs, so treat the answer as a lower bound.

// %% tags=["parameters"]
import { analysisOptions, notebookParams } from "../lib/params.ts";
const params = notebookParams({
  data: "../data",
  out: "../out",
  by: "",
  baseline: "",
  candidate: "",
  layout: "",
  power: "0.8",
  alpha: "0.05",
});

// %%
import * as vb from "../lib/mod.ts";
const disk = await vb.guard(vb.analyse(params.data, { tool: "fio", ...analysisOptions(params) }));
const net = await vb.guard(vb.analyse(params.data, { tool: vb.NETWORK_TOOLS, ...analysisOptions(params) }));
await vb.showText([vb.describeAnalysis(disk), vb.describeAnalysis(net)].join("\n\n"));

// %% [markdown]
// ## Noise in the pilot data
//
// The coefficient of variation of each group of runs (one compared value × workload), for the headline metrics
// (IOPS for random I/O, bandwidth for sequential I/O, delivered throughput for network), with the group's mean in the
// same units as the other notebooks. Above 10 % the runs are noisy: look for a cause (thermal throttling, background
// jobs, a cache that warms up) before adding repetitions.

// %%
await vb.showTable(vb.noiseTable(disk));

// %%
await vb.showTable(vb.noiseTable(net));

// %% [markdown]
// ## Repetitions needed
//
// For each group's CV: the runs per compared value needed to detect a 5 %, 10 %, 20 % or 50 % difference with the chosen power,
// at the level the verdict will really use — α divided by the size of the headline family, because every workload and
// candidate is one more comparison in it.

// %%
const plan = { ratios: [1.05, 1.1, 1.2, 1.5], power: Number(params.power), alpha: Number(params.alpha) };
await vb.showTable(vb.planTable(disk, plan));

// %%
await vb.showTable(vb.planTable(net, plan));

// %%
await vb.showText([vb.planNote(disk, plan.alpha), vb.planNote(net, plan.alpha)].join("\n"));

// %% [markdown]
// **Practical advice.** Interleave the runs (rep 1 of every driver, then rep 2, …), as `collect/run-matrix.sh` does, so
// drift does not masquerade as a driver difference; keep at least 5 runs per group even when the table says fewer, since
// outlier detection and the exact rank tests need them.

// %%
await vb.exportNotebook(params.out, "05-plan-your-runs", disk, net);
