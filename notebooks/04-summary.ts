// Notebook 04-summary.ipynb in percent format, paired by tools/notebook_sync.ts: edit this file or the
// notebook in Jupyter, then run `./vb notebooks` (it carries the edit over and re-executes the notebook).

// %% [markdown]
// # 4 · Summary: the headline comparisons in one place
//
// This notebook gathers the headline comparisons of notebooks 1 and 2 into one table and one forest plot — each with
// the verdict its own family gave it (a claim is only as good as the family of tests it came from) — and condenses each
// family into one **geometric-mean ratio**: the average speed-up across workloads, computed on the log scale so that a
// 2× gain and a 2× loss cancel out, as they should. What the data compares is said by the cell after the parameters.

// %% tags=["parameters"]
import { analysisOptions, notebookParams } from "../lib/params.ts";
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
const net = await vb.guard(vb.analyse(params.data, { tool: vb.NETWORK_TOOLS, ...analysisOptions(params) }));
await vb.showMarkdown(vb.storyOf("summary", [disk, net]));
await vb.showText([vb.describeAnalysis(disk), vb.describeAnalysis(net)].join("\n\n"));

// %% [markdown]
// ## The answer

// %%
await vb.showText([...vb.headlineSentences(disk), ...vb.headlineSentences(net)].join("\n"));

// %% [markdown]
// ## Geometric-mean speed-up per family
//
// One number per family (disk, network) and candidate: the geometric mean of the per-workload ratios of the
// headline metric (IOPS for random I/O, bandwidth for sequential I/O, delivered throughput for network), with a 95 %
// t-interval on the log ratios. That interval is over *workloads*, not runs: it says how much the speed-up varies from
// one workload to the next. It summarises; it does not replace the per-workload rows, which can disagree.

// %%
await vb.showTable(vb.geoMeanTable([disk, net]));

// %% [markdown]
// ## Every comparison in one forest plot

// %%
await vb.show(vb.forestFigure([disk, net], { title: "Overhead ratios, disk and network" }));

// %%
await vb.showTable(vb.compactTable([...disk.comparisons, ...net.comparisons].filter(vb.headline)));

// %% [markdown]
// ## Caveats
//
// - **Emulation on emulation.** The shipped data were collected in a guest run by QEMU's TCG (software CPU emulation),
//   because the collecting machine's nested KVM would not boot stock guests. TCG slows the guest's CPU as well as the
//   devices, so absolute numbers are far below bare metal and the ratios are not the ratios you will see under KVM. The
//   *method* carries over unchanged: collect your own data with `collect/` under KVM and re-run these notebooks.
// - **One host, one guest kernel.** The results describe this configuration; other kernels, QEMU versions or host storage
//   can move them.
// - **Run-level samples.** n counts runs, not seconds or I/Os. Confidence intervals are as wide as run-to-run variation
//   makes them, which is what a reader re-running the experiment would see.
// - **Significance is not importance.** A 2 % difference can be "significant" with enough runs; the ratio and its interval
//   tell whether it matters.

// %%
await vb.showWarnings(disk, net);

// %%
await vb.exportNotebook(params.out, "04-summary", disk, net);
