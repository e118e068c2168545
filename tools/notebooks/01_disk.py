CELLS = [
("md", r"""
# 1 · Disk: paravirtualized virtio-blk vs emulated IDE and AHCI

**What is compared.** One Linux guest, one raw backing file on the host, one fio job file. The only thing that
changes between runs is the *virtual disk controller* the guest sees: the paravirtualized **virtio-blk** device
(the guest knows it runs in a VM and talks to QEMU through shared-memory queues), or an emulated controller —
**IDE (PIIX)** or **AHCI SATA** — whose every register access QEMU must trap and emulate, as if it were real hardware.

**How.** fio with `ioengine=libaio`, `direct=1` (bypassing the guest's page cache, so we measure the device path),
time-based runs after a ramp, for four access patterns — sequential read and write with 1 MiB blocks, random read
and write with 4 KiB blocks — each at queue depth 1 (one I/O in flight: pure per-request latency) and 32 (many in
flight: can the device path keep a queue busy?). Each driver × workload ran several times, *interleaved* (repetition
1 of every driver, then repetition 2, …), so slow drift of the host hits all drivers alike.

**The question.** For each workload: is the candidate faster than the baseline, by what ratio, and how sure are
we? Every number below is one value per run (one repetition = one sample); we never treat the per-second samples
inside a run as independent observations.
"""),
("code", r"""
import { notebookParams } from "../lib/params.ts";
// Parameters: change `data` to analyse your own runs (or pass --param data=... to tools/nbexec.py).
// Empty baseline/candidate: taken from the data's experiment.json, else the first driver name in sorted order.
const params = notebookParams({ data: "../data", out: "../out", baseline: "", candidate: "" });
"""),
("code", r"""
import * as vb from "../lib/mod.ts";
const disk = await vb.analyse(params.data, { tool: "fio", baseline: params.baseline, candidate: params.candidate });
await vb.showText(vb.describeAnalysis(disk));
"""),
("md", r"""
## How to read a comparison

- **Ratio** = candidate mean ÷ baseline mean, per workload and metric. Its 95 % confidence interval comes from
  **Fieller's method** (exact for a ratio of two normal means; it becomes unbounded — and we say so — when the
  baseline's mean is not clearly away from zero). A seeded **BCa bootstrap** interval is shown beside it as a check that
  does not assume normality.
- **"3.1× faster" / "12 % slower"** reads the ratio in the metric's own sense: higher is better for bandwidth and
  IOPS, lower is better for latency.
- **p** is from **Welch's t-test** (unequal variances); the **exact Mann–Whitney U** test (ties handled exactly) and a
  **permutation test** are in the table too. Across all the workloads of a notebook, p-values are adjusted by
  **Holm's** method, because testing many workloads at once makes a "significant" one likely by luck alone.
- **"~"** means *no detectable difference*: the runs do not let us tell the drivers apart. It is not proof that they are
  equal — only that any difference is within the run-to-run noise.
- **Warnings** travel with every result: fewer than 5 runs, a coefficient of variation above 10 %, outliers
  (Tukey's fences), mixed tool versions.
"""),
("md", r"""
## Random 4 KiB I/O: IOPS

Small random requests are where per-request overhead shows: every I/O costs the emulated controller several trapped
register accesses, while virtio-blk batches requests in a ring and notifies QEMU once.
"""),
("code", r"""
await vb.show(vb.driverComparisonFigure(disk, { metric: "iops", workloads: /rand/ }));
"""),
("md", r"""
## Sequential 1 MiB I/O: bandwidth

With large blocks the per-request overhead is spread over a megabyte of data, so the gap usually narrows.
"""),
("code", r"""
await vb.show(vb.driverComparisonFigure(disk, { metric: "bw", workloads: /seq/ }));
"""),
("md", r"""
## Latency

Mean total latency per I/O (fio's `lat`: from submission to completion), lower is better. The axis is logarithmic:
at queue depth 1 a request takes a fraction of a millisecond, at queue depth 32 it waits behind up to 31 others and
takes tens of milliseconds, and both must stay readable on one axis.
"""),
("code", r"""
await vb.show(vb.driverComparisonFigure(disk, { metric: "lat" }));
"""),
("md", r"""
## Overhead ratios, all disk workloads

One row per workload and candidate (IOPS for random, bandwidth for sequential I/O): the speed-up with the interval
the verdict is read from, a rule at 1 (no difference), filled marks where the verdict claims a difference, hollow
where it does not.
"""),
("code", r"""
await vb.show(vb.forestFigure(disk));
"""),
("md", r"""
## Block size × queue depth

The same speed-ups arranged by access pattern, block size and queue depth (IOPS). Where the emulated controller's
per-request cost dominates — small blocks, deep queues — the colours are strongest.
"""),
("code", r"""
await vb.show(vb.heatmapFigure(disk));
"""),
("md", r"""
## Every comparison

One row per workload, metric and candidate: n (candidate/baseline runs), the ratio with its Fieller interval, the
reading in words, Holm-adjusted Welch p, the exact Mann–Whitney p, the verdict and the number of warnings. The full
table with every column (bootstrap intervals, permutation p, effect sizes, q-values) is exported as CSV below.
"""),
("code", r"""
await vb.showTable(vb.compactTable(disk.comparisons));
"""),
("md", r"""
## What the data cannot support

The warnings attached to the results, grouped by kind with counts; each list folds open (in an untrusted notebook
and in plain text, the first few items of each kind are shown). A comparison with warnings is not necessarily wrong,
but its number deserves less weight than a clean one. Outlier runs are given in the same units as the figures.
"""),
("code", r"""
await vb.showWarnings(disk);
"""),
("md", r"""
## Export

Every figure of this notebook as SVG and PNG, and the comparison table as CSV, into the output folder.
"""),
("code", r"""
await vb.exportNotebook(params.out, "01-disk", disk);
"""),
]
