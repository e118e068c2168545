/**
 * Which question a comparison answers, so that multiplicity is adjusted over the comparisons that answer the
 * same question rather than over every row of a call (Bender & Lange 2001, "Adjusting for multiple testing —
 * when and how?", *J. Clin. Epidemiol.* 54:343–349: the family is defined by the claim it supports).
 *
 * - `headline`: "is the candidate faster on this workload?" — one metric per workload × candidate: IOPS for
 *   random I/O, bandwidth for sequential I/O, delivered throughput for network tests. For a job with a fixed
 *   block size, bandwidth = block size × IOPS, so the two are one ratio: the other one is not compared at all.
 *   For a request/response test (sockperf) the question is the round trip: its mean is the headline.
 * - `cost`: "what does the device cost the host?" — the efficiency metrics (host CPU per GiB, per I/O, per Gbit,
 *   per round trip; guest CPU per Gbit/s), one question of their own.
 * - `secondary`: everything else that is compared (latency means and percentiles, jitter, loss, round-trip
 *   percentiles, and bandwidth next to IOPS when the block size varies).
 * @module
 */

export type FamilyName = "headline" | "secondary" | "cost";

/** Efficiency metrics (lib/analysis/efficiency.ts): what a byte, I/O, gigabit or round trip cost in CPU. */
const COST = new Set([
  "host_cpu_per_gib",
  "ios_per_host_cpu_s",
  "host_cpu_per_gbit",
  "host_cpu_per_rtt",
  "guest_cpu_per_gbps",
]);

/** What the family step needs to know about a group of rows. */
export interface FamilyKey {
  tool: string;
  metric: string;
  stat: string;
  factors: Record<string, string>;
}

/** fio metrics that are one ratio when the block size is fixed. */
const RATE_PAIR = new Set(["iops", "bw"]);

/**
 * The family of a compared group, or null when it duplicates the headline ratio and is not compared.
 * `sibling`: whether the other rate of the pair (bw for iops, iops for bw) is compared for the same job; when
 * it is not, the one present is the headline.
 */
export function familyOf(k: FamilyKey, sibling = true): FamilyName | null {
  if (COST.has(k.metric)) return "cost";
  if (k.stat !== "mean") return "secondary";
  if (k.metric === "rtt") return "headline";
  if (k.metric === "throughput") return "headline";
  if (k.tool !== "fio" || !RATE_PAIR.has(k.metric)) return "secondary";
  if (k.metric === headlineRate(k.factors) || !sibling) return "headline";
  return fixedBlockSize(k.factors) ? null : "secondary";
}

/** The other rate of the bw/iops pair, or null for any other metric. */
export function rateSibling(metric: string): string | null {
  return metric === "iops" ? "bw" : metric === "bw" ? "iops" : null;
}

/** IOPS for random access, bandwidth for sequential: from fio's own `rw` option when known, else the name. */
export function headlineRate(factors: Record<string, string>): "iops" | "bw" {
  const rw = factors.rw ?? factors.readwrite;
  if (rw !== undefined) return /rand/.test(rw) ? "iops" : "bw";
  return /(^|[^a-z])rand/i.test(factors.workload ?? "") ? "iops" : "bw";
}

/** A block size range or split (fio bsrange, bssplit, `bs=4k-64k`) makes IOPS and bandwidth two questions. */
function fixedBlockSize(factors: Record<string, string>): boolean {
  if (factors.bssplit !== undefined || factors.bsrange !== undefined) return false;
  return !/[-:/]/.test(factors.bs ?? factors.blocksize ?? "");
}
