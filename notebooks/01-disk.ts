// Notebook 01-disk.ipynb in percent format, paired by tools/notebook_sync.ts: edit this file or the
// notebook in Jupyter, then run `./vb notebooks` (it carries the edit over and re-executes the notebook).

// %% [markdown]
// # 1 · Disk: is one configuration faster than another?
//
// This notebook grows out of an article that measured one KVM guest with a paravirtualized VirtIO disk and with
// emulated ones; the shipped data repeats that measurement. What *this* data compares, and how it was run, is said by
// the cell after the parameters, from the data itself.
//
// **The question.** For each workload: is the candidate faster than the baseline, by what ratio, and how sure are
// we? Every number below is one value per run (one repetition = one sample); we never treat the per-second samples
// inside a run as independent observations.

// %% tags=["parameters"]
import { analysisOptions, notebookParams } from "../lib/params.ts";
// Parameters: change `data` to analyse your own runs (or run `DATA=/my/runs ./vb run`); the others are
// the report's options (--by, --baseline, --candidate, --layout). Empty: taken from the data's experiment.json, else
// from the data (the one factor that varies; the first value in sorted order as baseline).
const params = notebookParams({
  data: "../data",
  out: "../out",
  by: "",
  baseline: "",
  candidate: "",
  layout: "",
});

// %%
import * as vb from "../lib/mod.ts";
const disk = await vb.guard(vb.analyse(params.data, { tool: "fio", ...analysisOptions(params) }));
await vb.showMarkdown(vb.storyOf("disk", disk));
await vb.showText(vb.describeAnalysis(disk));

// %% [markdown]
// ## The answer
//
// One sentence per candidate, built from the verdicts of the headline metric of each workload (IOPS for random I/O,
// bandwidth for sequential I/O). Everything below is the evidence for it.

// %%
await vb.showText(vb.headlineSentences(disk).join("\n"));

// %% [markdown]
// ## How to read a comparison
//
// - **Ratio** = candidate mean ÷ baseline mean, per workload and metric. Its 95 % confidence interval comes from
//   **Fieller's method** (exact for a ratio of two normal means; it becomes unbounded — and we say so — when the
//   baseline's mean is not clearly away from zero). A seeded **BCa bootstrap** interval is shown beside it as a check that
//   does not assume normality.
// - **"3.10× faster" / "1.14× slower"** reads the ratio in the metric's own sense: higher is better for bandwidth and
//   IOPS, lower is better for latency.
// - **The verdict is read from the interval drawn.** *better* / *worse* when the interval clears 1 (or, with a minimum
//   change m, the whole band 1/(1+m) … 1+m); **"~"** — *no detectable difference* — when it does not: the runs do not let
//   us tell the two sides apart, which is not proof that they are equal; **insufficient** when there are too few runs (one
//   per side is a single observation, not a result).
// - **Families.** Testing many workloads at once makes a "significant" one likely by luck alone, so each *family* of
//   comparisons that answers one question — the headline metric of every workload; latency and the other secondary
//   metrics separately — is adjusted by **Holm's** method. The adjustment widens the family's intervals to the level that
//   agrees with Holm's decisions (e.g. 99.8 % instead of 95 %): the interval you see is the one the verdict used. The
//   plain 95 % interval is in the exported CSV.
// - **p** is from the t-test that Fieller's interval inverts (Welch's statistic); the **exact Mann–Whitney U** test
//   (ties handled exactly) and a **permutation test** are in the exported table as robustness checks.
// - **Warnings** travel with every result: fewer than 5 runs, a coefficient of variation above 10 %, outliers
//   (Tukey's fences), mixed tool versions.

// %% [markdown]
// ## Random 4 KiB I/O: IOPS
//
// Small random requests are where per-request overhead shows: whatever a configuration's path costs per request, it
// pays on every 4 KiB I/O.

// %%
await vb.show(vb.driverComparisonFigure(disk, { metric: "iops", workloads: /rand/ }));

// %% [markdown]
// ## Sequential 1 MiB I/O: bandwidth
//
// With large blocks the per-request overhead is spread over a megabyte of data, so the gap usually narrows.

// %%
await vb.show(vb.driverComparisonFigure(disk, { metric: "bw", workloads: /seq/ }));

// %% [markdown]
// ## Latency
//
// Mean total latency per I/O (fio's `lat`: from submission to completion), lower is better. The axis is logarithmic:
// at queue depth 1 a request takes a fraction of a millisecond, at queue depth 32 it waits behind up to 31 others and
// takes tens of milliseconds, and both must stay readable on one axis.

// %%
await vb.show(vb.driverComparisonFigure(disk, { metric: "lat" }));

// %% [markdown]
// ## Overhead ratios, all disk workloads
//
// One row per workload (its headline metric) and candidate: the ratio with the verdict's interval, a rule at 1 (no
// difference), filled marks where the verdict is better or worse — exactly where the interval clears 1.

// %%
await vb.show(vb.forestFigure(disk));

// %% [markdown]
// ## Block size × queue depth
//
// The same speed-ups arranged by access pattern, block size and queue depth (IOPS). Where a per-request cost
// dominates — small blocks, deep queues — differences are usually strongest.

// %%
await vb.show(vb.heatmapFigure(disk));

// %% [markdown]
// ## Every comparison
//
// One row per workload, metric and candidate: n (candidate/baseline runs), the ratio with the verdict's interval and its
// level, the reading in words, the family-adjusted p, the exact Mann–Whitney p, the verdict and the number of warnings.
// The full table with every column (the plain 95 % and bootstrap intervals, Welch and permutation p, effect sizes,
// q-values) is exported as CSV below.

// %%
await vb.showTable(vb.compactTable(disk.comparisons));

// %%
await vb.showText(vb.comparisonsNote(disk.comparisons));

// %% [markdown]
// ## What the data cannot support
//
// The warnings attached to the results, grouped by kind with counts; each list folds open (in an untrusted notebook
// and in plain text, the first few items of each kind are shown). A comparison with warnings is not necessarily wrong,
// but its number deserves less weight than a clean one. Outlier runs are given in the same units as the figures.

// %%
await vb.showWarnings(disk);

// %% [markdown]
// ## Export
//
// Every figure of this notebook as SVG and PNG, and the comparison table as CSV, into the output folder.

// %%
await vb.exportNotebook(params.out, "01-disk", disk);
