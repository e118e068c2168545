/** Plain-words summaries of an analysis: what was loaded, what is compared, what to distrust. @module */
import { type Factors, type Measurement, NETWORK_TOOLS, REPETITION_FACTOR } from "../model.ts";
import type { Analysis } from "../analysis/analyse.ts";
import { factorValues } from "../analysis/analyse.ts";
import { filesOfSources } from "../paths.ts";
import { maxOf } from "../arrays.ts";

/** One paragraph: files, formats, factors, what is compared with what, and n per group. */
export function describeAnalysis(a: Analysis): string {
  if (a.rows.length === 0) return `${a.label}: no results under ${a.root}.` + warningsSuffix(a);
  // One pass, no array of a value per record (1.5 million at 100× the shipped data); a job's records share
  // their factors object, so the factor names are read once per object.
  const files = new Set<string>(), formats = new Set<string>(), factorObjects = new Set<Factors>();
  const fileOfSource = filesOfSources(a.dataset.files);
  for (const r of a.rows) {
    files.add(fileOfSource(r.source));
    formats.add(r.format);
    factorObjects.add(r.factors);
  }
  // Each factor name with the number of runs' factor objects that set it.
  const names = new Map<string, number>();
  for (const f of factorObjects) for (const k in f) names.set(k, (names.get(k) ?? 0) + 1);
  const lines = [
    `${a.label}: ${a.rows.length} measurements from ${files.size} files (${
      [...formats].sort().join(", ")
    }) under ${a.root}.`,
  ];
  // A value that only some runs set (fio's options: not in terse output, nor in a host CPU file) is not said of
  // every run: that would tell a reader the other runs had it too.
  const same: string[] = [], whereSet: string[] = [];
  for (const [factor, setBy] of [...names].sort(([x], [y]) => x < y ? -1 : x > y ? 1 : 0)) {
    const values = factorValues(a.rows, factor);
    if (values.length !== 1 || factor === a.by) lines.push(`  ${factor}: ${values.join(", ")}`);
    else (setBy === factorObjects.size ? same : whereSet).push(`${factor}=${values[0]}`);
  }
  if (same.length) lines.push(`  the same in every run: ${same.join(", ")}`);
  if (whereSet.length) lines.push(`  the same in every run that sets it: ${whereSet.join(", ")}`);
  if (a.by && a.baseline) {
    const reps = repetitionsEach(a);
    lines.push(
      `Compared: ${a.by} = ${a.candidates.join(", ") || "(none)"} against the baseline ${a.baseline}` +
        (reps ? `, up to ${reps} repetitions each` : "") + `; ${a.comparisons.length} comparisons.`,
    );
    if (a.labels) lines.push(`Shown by the user's names: ${a.labels}.`);
  }
  return lines.join("\n") + warningsSuffix(a);
}

function warningsSuffix(a: Analysis): string {
  return a.warnings.length ? `\n${a.warnings.length} data-set warning(s): see the warnings below.` : "";
}

/**
 * What the data holds for the host-cost notebook, in words: host CPU records, sockperf round trips and
 * the guest's own CPU figures per family; for what is absent, that it is absent and how to collect it.
 */
export function hostCostText(analyses: Analysis[]): string {
  const lines: string[] = [];
  const count = (a: Analysis, keep: (r: Measurement) => boolean) =>
    new Set(a.rows.filter(keep).map((r) => r.source)).size;
  let host = 0, roundTrips = 0;
  for (const a of analyses.filter((x) => x.rows.length)) {
    const h = count(a, (r) => r.tool === "host");
    const s = count(a, (r) => r.tool === "sockperf");
    const g = count(a, (r) => r.metric === "usr_cpu" || r.metric === "cpu_host_total");
    host += h;
    roundTrips += s;
    lines.push(
      `${a.label}: ${h} host CPU records, ${g} tool outputs with the guest's CPU use` +
        (a.rows.some((r) => NETWORK_TOOLS.includes(r.tool)) ? `, ${s} sockperf ping-pong results.` : "."),
    );
  }
  if (lines.length === 0) return `No results under ${analyses[0]?.root ?? "the data folder"}.`;
  const root = analyses[0].root;
  if (host === 0) {
    lines.push(
      "",
      `No host CPU records (<workload>.hostcpu.json) were found under ${root}, so what each device costs the host ` +
        "cannot be shown here; the figures that need them say so. The collection harness writes one per workload " +
        "(the QEMU process's user and system CPU seconds from /proc/<pid>/stat, between marks around the tool's run; " +
        "see collect/README.md): collect with `bash collect/run-matrix.sh --out my-data` and run this notebook " +
        "with data=my-data.",
    );
  }
  if (roundTrips === 0) {
    lines.push(
      "",
      `No sockperf ping-pong results were found under ${root}, so round-trip latency cannot be shown. The harness's ` +
        "network half runs sockperf ping-pong from the guest (UDP and TCP, 64 and 1400-byte messages) and keeps its " +
        "summary (<test>.txt) and --full-log (<test>.csv) beside iperf's output.",
    );
  }
  return lines.join("\n");
}

/**
 * The most runs one compared value has in one comparison: the repetitions "each" side has. Counting the repetition
 * numbers instead says 6 for runs numbered 1…6 in one folder, 3 of each of two titles.
 */
function repetitionsEach(a: Analysis): number {
  if (a.comparisons.length === 0) return factorValues(a.rows, REPETITION_FACTOR).length;
  return maxOf(a.comparisons.map((c) => Math.max(c.baseline.n, c.candidate.n)));
}

/**
 * Whether the compared factor is a virtual device model with a VirtIO side (driver or nic, one value virtio-…):
 * only then may a notebook tell the VirtIO story (rings, traps, emulated registers).
 */
export function isVirtioComparison(a: Pick<Analysis, "by" | "baseline" | "candidates">): boolean {
  const values = [a.baseline ?? "", ...a.candidates];
  return (a.by === "driver" || a.by === "nic") && values.some((v) => /virtio/i.test(v));
}

/**
 * The plain story of an analysis that is not VirtIO vs emulated: what is compared, named by the data.
 * "What is compared. Runs that differ in direct: direct against the baseline buffered, 3 repetitions each (fio)."
 */
export function comparisonStory(a: Analysis): string {
  if (!a.by || !a.baseline) {
    // Why, in the analysis' own words: no results, or nothing that varies (one configuration, one value).
    const why = a.warnings.find((w) => w.kind === "no-results" || w.kind === "nothing-to-compare")?.text;
    return `What is compared. ${a.label}: nothing.${why ? ` ${why}` : ""}`;
  }
  const reps = repetitionsEach(a);
  return `What is compared. Runs that differ in ${a.by}: ${
    a.candidates.join(", ") || "(none)"
  } against the ` +
    `baseline ${a.baseline}${reps ? `, up to ${reps} repetitions each` : ""} (${a.label}).` +
    (a.labels ? ` Shown by the user's names: ${a.labels}.` : "");
}

/** Which notebook's story: the disk, the network, the summary of both, or what each device costs the host. */
export type StoryKind = "disk" | "network" | "summary" | "cost";

/**
 * The article's VirtIO narrative, per notebook: what the shipped data (paravirtualized VirtIO against emulated
 * devices, collected by the harness) compares and why the difference is expected. Told only of such data.
 */
const VIRTIO_STORY: Record<StoryKind, string> = {
  disk: [
    "**What is compared.** One Linux guest, one raw backing file on the host, one fio job file. The only thing that " +
    "changes between runs is the *virtual disk controller* the guest sees: a paravirtualized device, **virtio-blk** " +
    "or **virtio-scsi** (the guest knows it runs in a VM and talks to QEMU through shared-memory queues), or an emulated controller — " +
    "**IDE (PIIX)** or **AHCI SATA** — whose every register access QEMU must trap and emulate, as if it were real " +
    "hardware. Small random requests are where that shows: every I/O costs the emulated controller several trapped " +
    "register accesses, while a VirtIO device batches requests in a ring and notifies QEMU once.",
    "**How.** fio with `ioengine=libaio`, `direct=1` (bypassing the guest's page cache, so we measure the device " +
    "path), time-based runs after a ramp, for four access patterns — sequential read and write with 1 MiB blocks, " +
    "random read and write with 4 KiB blocks — each at queue depth 1 (one I/O in flight: pure per-request latency) " +
    "and 32 (many in flight: can the device path keep a queue busy?). Each driver × workload ran several times, " +
    "*interleaved* (repetition 1 of every driver, then repetition 2, …), so slow drift of the host hits all drivers " +
    "alike.",
  ].join("\n\n"),
  network: [
    "**What is compared.** The same Linux guest with three virtual network cards: the paravirtualized " +
    "**virtio-net**, and two emulated ones — Intel's **e1000** (gigabit, a common default) and Realtek's " +
    "**rtl8139** (a 100 Mbit/s-era card). The guest's NIC is attached to a tap device inside a network namespace " +
    "that the collection script creates, with the iperf servers on the host side of that tap: the traffic never " +
    "leaves the namespace.",
    "**How.** iperf3 TCP from guest to host and from host to guest (`-R`), one iperf3 UDP run at a fixed offered " +
    "rate, and iperf 2 TCP as a second, independent measuring tool. Each NIC × test ran several times, interleaved.",
    "**Why it matters.** Each emulated packet costs register traps and often a copy; virtio-net hands buffers over " +
    "in shared rings. Throughput differences are therefore largest for small packets and high rates.",
  ].join("\n\n"),
  summary:
    "**The article's conclusion**, which the numbers below test on this data: paravirtualized VirtIO devices " +
    "are not a minor tuning knob. For small random I/O and for network traffic, emulated devices pay for every " +
    "request with trapped register accesses, and the paravirtualized drivers win by large factors; for large " +
    'sequential transfers the gap is smaller. Where the data cannot tell drivers apart, the table says "~" rather ' +
    "than inventing a winner.",
  cost:
    "**What is compared.** Paravirtualized VirtIO devices against emulated ones. An emulated controller or NIC " +
    "makes QEMU trap and emulate every register access the guest's driver makes, so each I/O and each packet burns " +
    "host CPU time that a VirtIO device, which hands over whole rings of requests with one notification, does not. " +
    "Two devices with the same throughput can differ several-fold in what they cost the host — and in how long a " +
    "single request takes to come back.",
};

/**
 * What a notebook says its data compares, as Markdown: the article's VirtIO narrative when every analysis that
 * compares something compares a VirtIO device with another ({@link isVirtioComparison}), else the plain story of
 * each ({@link comparisonStory}), so words about rings and traps never describe, say, buffered against direct I/O.
 */
export function storyOf(kind: StoryKind, analyses: Analysis | Analysis[]): string {
  const all = Array.isArray(analyses) ? analyses : [analyses];
  const comparing = all.filter((a) => a.rows.length && a.by && a.baseline);
  if (comparing.length && comparing.every(isVirtioComparison)) return VIRTIO_STORY[kind];
  return (comparing.length ? comparing : all).map((a) =>
    comparisonStory(a).replace(/^What is compared\./, "**What is compared.**")
  ).join("\n\n");
}
