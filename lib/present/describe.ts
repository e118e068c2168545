/** Plain-words summaries of an analysis: what was loaded, what is compared, what to distrust. @module */
import { NETWORK_TOOLS, REPETITION_FACTOR } from "../model.ts";
import type { Analysis } from "../analysis/analyse.ts";
import { factorValues } from "../analysis/analyse.ts";

/** One paragraph: files, formats, factors, what is compared with what, and n per group. */
export function describeAnalysis(a: Analysis): string {
  const files = new Set(a.rows.map((r) => r.source)).size;
  const formats = [...new Set(a.rows.map((r) => r.format))].sort().join(", ");
  if (a.rows.length === 0) return `${a.label}: no results under ${a.root}.` + warningsSuffix(a);
  const lines = [
    `${a.label}: ${a.rows.length} measurements from ${files} files (${formats}) under ${a.root}.`,
  ];
  const same: string[] = [];
  for (const factor of factorNames(a)) {
    const values = factorValues(a.rows, factor);
    if (values.length === 1 && factor !== a.by) same.push(`${factor}=${values[0]}`);
    else lines.push(`  ${factor}: ${values.join(", ")}`);
  }
  if (same.length) lines.push(`  the same in every run: ${same.join(", ")}`);
  if (a.by && a.baseline) {
    const reps = factorValues(a.rows, REPETITION_FACTOR).length;
    lines.push(
      `Compared: ${a.by} = ${a.candidates.join(", ") || "(none)"} against the baseline ${a.baseline}` +
        (reps ? `, up to ${reps} repetitions each` : "") + `; ${a.comparisons.length} comparisons.`,
    );
    if (a.labels) lines.push(`Shown by the user's names: ${a.labels}.`);
  }
  return lines.join("\n") + warningsSuffix(a);
}

function factorNames(a: Analysis): string[] {
  return [...new Set(a.rows.flatMap((r) => Object.keys(r.factors)))].sort();
}

function warningsSuffix(a: Analysis): string {
  return a.warnings.length ? `\n${a.warnings.length} data-set warning(s): see the warnings cell.` : "";
}

/**
 * What the data holds for the host-cost notebook, in words: host CPU records, sockperf round trips and
 * the guest's own CPU figures per family; for what is absent, that it is absent and how to collect it.
 */
export function hostCostText(analyses: Analysis[]): string {
  const lines: string[] = [];
  const count = (a: Analysis, keep: (r: Analysis["rows"][number]) => boolean) =>
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
    return `What is compared. ${a.label}: nothing (${a.warnings[0] ?? "no compared factor"}).`;
  }
  const reps = factorValues(a.rows, REPETITION_FACTOR).length;
  return `What is compared. Runs that differ in ${a.by}: ${
    a.candidates.join(", ") || "(none)"
  } against the ` +
    `baseline ${a.baseline}${reps ? `, up to ${reps} repetitions each` : ""} (${a.label}).` +
    (a.labels ? ` Shown by the user's names: ${a.labels}.` : "");
}
