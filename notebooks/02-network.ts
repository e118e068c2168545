// Notebook 02-network.ipynb in percent format, paired by tools/notebook_sync.ts: edit this file or the
// notebook in Jupyter, then run `./vb notebooks` (it carries the edit over and re-executes the notebook).

// %% [markdown]
// # 2 · Network: paravirtualized virtio-net vs emulated e1000 and rtl8139
//
// **What is compared.** The same Linux guest with three virtual network cards: the paravirtualized **virtio-net**, and two
// emulated ones — Intel's **e1000** (gigabit, a common default) and Realtek's **rtl8139** (a 100 Mbit/s-era card).
// The guest's NIC is attached to a tap device inside a network namespace that the collection script creates, with the
// iperf servers on the host side of that tap: the traffic never leaves the namespace.
//
// **How.** iperf3 TCP from guest to host and from host to guest (`-R`), one iperf3 UDP run at a fixed offered rate, and
// iperf 2 TCP as a second, independent measuring tool. Throughput is the *delivered* rate (`end.sum_received` for iperf3,
// the receiver's view), in bytes per second. Each NIC × test ran several times, interleaved.
//
// **Why it matters.** Each emulated packet costs register traps and often a copy; virtio-net hands buffers over in shared
// rings. Throughput differences are therefore largest for small packets and high rates.

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
// "Normal" is guest → host (the guest sends), "reverse" is host → guest (`iperf3 -R`, the guest receives). The TCP
// panels share one axis; the UDP test runs at a fixed offered rate far below TCP, so its panel has its own scale (and
// the loss beside each bar). Throughput is in bits per second, as iperf reports it, in the same unit in every figure
// and table of this notebook.

// %%
await vb.show(vb.networkFigure(net));

// %% [markdown]
// ## Overhead ratios
//
// Same reading as in the disk notebook: ratio candidate ÷ baseline with the verdict's interval (Holm within each family),
// filled where it clears 1, "~" when the runs cannot tell the NICs apart. UDP loss is often exactly 0 % in every run;
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
// Two tools measuring the same path should rank the NICs the same way. Their absolute numbers can differ (different
// defaults for buffer sizes and reporting), so we compare each tool's mean per NIC side by side.

// %%
await vb.showTable(vb.toolAgreementTable(net));

// %%
await vb.showWarnings(net);

// %%
await vb.exportNotebook(params.out, "02-network", net);
