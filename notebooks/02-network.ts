// Notebook 02-network.ipynb in percent format, paired by tools/notebook_sync.ts: edit this file or the
// notebook in Jupyter, then run `./vb notebooks` (it carries the edit over and re-executes the notebook).

// %% [markdown]
// # 2 · Network: is one configuration faster than another?
//
// This notebook grows out of an article that measured one KVM guest with a paravirtualized VirtIO network card and
// with emulated ones; the shipped data repeats that measurement. What *this* data compares is said by the cell after
// the parameters, from the data itself. Throughput is the *delivered* rate (`end.sum_received` for iperf3, the
// receiver's view), in bytes per second.

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
const net = await vb.guard(vb.analyse(params.data, { tool: vb.NETWORK_TOOLS, ...analysisOptions(params) }));
await vb.showMarkdown(vb.storyOf("network", net));
await vb.showText(vb.describeAnalysis(net));

// %% [markdown]
// ## The answer
//
// One sentence per candidate from the verdicts on delivered throughput, each test its own workload.

// %%
await vb.showText(vb.headlineSentences(net).join("\n"));

// %% [markdown]
// ## TCP throughput, both directions
//
// "Normal" is client → server (the client sends), "reverse" is server → client (`iperf3 -R`, the client receives);
// when the compared factor is the guest's NIC, the client is the guest and its host the server, and the panels say
// guest → host and host → guest. The TCP
// panels share one axis; the UDP test runs at a fixed offered rate far below TCP, so its panel has its own scale (and
// the loss beside each bar). Throughput is in bits per second, as iperf reports it, in the same unit in every figure
// and table of this notebook.

// %%
await vb.show(vb.networkFigure(net));

// %% [markdown]
// ## Overhead ratios
//
// Same reading as in the disk notebook: ratio candidate ÷ baseline with the verdict's interval (Holm within each family),
// filled where it clears 1, "~" when the runs cannot tell the two sides apart. UDP loss is often exactly 0 % in every run;
// then no ratio to it exists and the table says *insufficient* in words instead of printing a meaningless p-value.

// %%
await vb.show(vb.forestFigure(net));

// %%
await vb.showTable(vb.compactTable(net.comparisons));

// %%
await vb.showText(vb.comparisonsNote(net.comparisons));

// %% [markdown]
// ## Do iperf3 and iperf 2 agree?
//
// Two tools measuring the same path should rank the compared values the same way. Their absolute numbers can differ
// (different defaults for buffer sizes and reporting), so we compare each tool's mean per compared value side by side.

// %%
await vb.showTable(vb.toolAgreementTable(net));

// %%
await vb.showWarnings(net);

// %%
await vb.exportNotebook(params.out, "02-network", net);
