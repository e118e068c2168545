// Notebook 07-host-cost.ipynb in percent format, paired by tools/notebook_sync.ts: edit this file or the
// notebook in Jupyter, then run `./vb notebooks` (it carries the edit over and re-executes the notebook).

// %% [markdown]
// # 7 · What each configuration costs the host
//
// Notebooks 1 and 2 ask how much faster one configuration is than another. This one asks what each *costs*: host CPU
// time per unit of work, the guest's own CPU use, and how long a single request takes to come back. What this data
// compares is said by the cell after the parameters.
//
// **Three kinds of measurement.**
//
// - **Host CPU** — the harness records, for every workload, the user and system CPU seconds of the QEMU process over a
//   window around the tool's run, and the window's wall time (`<workload>.hostcpu.json`). Their ratio is the host's CPU
//   rate in CPU-seconds per second, which we relate to the rate the tool measured: **host CPU-seconds per GiB** moved
//   and **I/Os per host CPU-second** for disks, **host CPU-seconds per Gbit** delivered and **host CPU time per round
//   trip** for networks. Lower cost is better (for I/Os per CPU-second, higher is better).
// - **Guest CPU** — what the benchmark saw inside the guest: fio's `usr_cpu + sys_cpu`, iperf3's client CPU
//   (`cpu_utilization_percent.host_total`: in iperf3's words the "host" is the client, which runs in the guest),
//   divided by the throughput in Gbit/s: **guest CPU % per Gbit/s**.
// - **Round trips** — `sockperf ping-pong` from the guest to the host side of the tap device, UDP and TCP, 64 and 1400-byte
//   messages, one message in flight: the round-trip time of every message (`--full-log`).
//
// Every efficiency is one number per run, compared between devices with the same verdict rule as every other metric.
//
// **Read the ratios, not the absolute numbers.** The shipped data were collected under QEMU's software emulation (TCG):
// the guest's CPU is emulated by the same QEMU process as its devices, so every instruction the guest runs costs host CPU
// too and the absolute costs are far above what KVM would show. The ratio between two devices measured the same way is
// the meaningful number.

// %% tags=["parameters"]
import { analysisOptions, notebookParams } from "../lib/params.ts";
// Parameters: change `data` to analyse your own runs (or pass --param data=... to tools/nbexec.py).
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
// Every metric is compared, as in the report, so each comparison has the same family and interval there and here.
const disk = await vb.guard(vb.analyse(params.data, { tool: "fio", ...analysisOptions(params) }));
const net = await vb.guard(vb.analyse(params.data, { tool: vb.NETWORK_TOOLS, ...analysisOptions(params) }));
await vb.showMarkdown(vb.storyOf("cost", [disk, net]));
await vb.showText([vb.describeAnalysis(disk), vb.describeAnalysis(net)].join("\n\n"));

// %% [markdown]
// ## What this data holds
//
// Which of the three measurements are present. Where one is missing, the figures that need it say so instead of
// drawing nothing.

// %%
await vb.showText(vb.hostCostText([disk, net]));

// %% [markdown]
// ## Disk: throughput against host CPU cost
//
// Each run is a point: how many bytes per second it moved (up) against how many host CPU-seconds each GiB cost
// (left is cheaper). Per compared value, the cross is the mean with 95 % intervals on both axes. Up and to the left is
// faster *and* cheaper.

// %%
await vb.show(vb.costScatterFigure(disk));

// %% [markdown]
// ## Disk: host CPU per I/O and per GiB
//
// The same host CPU time per unit of work, for every workload: per I/O (the reciprocal of I/Os per host CPU-second —
// what virtualization vendors rank controllers by) and per GiB moved. A filled dot marks a difference from the baseline
// that the verdict rule accepts.

// %%
await vb.show(vb.costBarsFigure(disk, { metric: "ios_per_host_cpu_s" }));

// %%
await vb.show(vb.costBarsFigure(disk, { metric: "host_cpu_per_gib" }));

// %% [markdown]
// ## Network: host CPU per Gbit and per round trip
//
// For the network: host CPU-seconds per gigabit delivered (iperf) and host CPU time per sockperf round trip.

// %%
await vb.show(vb.costScatterFigure(net));

// %%
await vb.show(vb.costBarsFigure(net, { metric: "host_cpu_per_gbit" }));

// %%
await vb.show(vb.costBarsFigure(net, { metric: "host_cpu_per_rtt" }));

// %% [markdown]
// ## Guest CPU per Gbit/s
//
// The guest's own CPU use per unit of throughput, as fio and iperf3 report it. An emulated device keeps the guest's driver
// busy too (more interrupts, register accesses through the emulated bus), so this cost can differ between devices even
// where the host side is not measured. Under TCG the guest's CPU time is itself inflated by emulation.

// %%
await vb.show(vb.costBarsFigure(disk, { metric: "guest_cpu_per_gbps" }));

// %%
await vb.show(vb.costBarsFigure(net, { metric: "guest_cpu_per_gbps" }));

// %% [markdown]
// ## Round trips
//
// Throughput hides the latency of a single exchange, where emulated NICs differ most for small messages: every packet
// crosses the emulated device twice. The CDF pools every message of every run per compared value (further left is
// faster); the ladder below it compares the 99th percentile per run.

// %%
await vb.show(vb.roundTripCdfFigure(net));

// %%
await vb.show(
  vb.driverComparisonFigure(net, { metric: "rtt", stat: "p99" }),
);

// %% [markdown]
// ## Every cost and round-trip comparison
//
// One row per workload, metric and candidate, with the ratio's interval and the verdict. For a cost, a ratio below 1
// means the candidate is cheaper; the words say "better" or "worse" in the metric's own sense.

// %%
await vb.showTable(
  vb.compactTable([...disk.comparisons, ...net.comparisons], {
    metrics: [...vb.COST_METRICS, ...vb.ROUND_TRIP_METRICS],
  }),
);

// %% [markdown]
// ## Caveats
//
// - **TCG inflates absolute costs.** Under software emulation the guest's CPU is emulated by the QEMU process whose CPU
//   time we measure, so every guest instruction is host CPU time too: the absolute costs are far above KVM's, and part of
//   the difference between devices is the guest driver's own work, emulated. Compare ratios between devices.
// - **The window is longer than the measurement.** The host's CPU time covers a window around the tool's run (fio's ramp,
//   iperf's connection set-up, sockperf's warm-up), so it is related to the tool's rates, never to its totals.
// - **Other work on the host** shows up as host CPU time only if it runs in the QEMU process; the load averages before
//   and after each workload are kept in each record for that reason.

// %%
await vb.showText(vb.warningsText(disk) + "\n\n" + vb.warningsText(net));

// %%
await vb.exportNotebook(params.out, "07-host-cost", disk, net);
