/**
 * A ratio in words, in the metric's own sense of "better".
 *
 * speed-up s = R for higher-is-better metrics (bandwidth, IOPS, throughput) and s = 1/R for
 * lower-is-better ones (latency, jitter, loss), so s > 1 always means the candidate is better.
 * Wording: always a factor, so every table, figure and sentence reads ratios one way: s ≥ 1 → "1.32× faster",
 * s < 1 mirrors it ("2.10× slower", 1/s). (A percentage for small changes stood beside "1.70× better" in one
 * table and read as another kind of number.) Latency, bandwidth, IOPS and throughput
 * say faster/slower; other metrics (loss, jitter, retransmits) say better/worse. A comparison the
 * data cannot decide reads "no detectable difference".
 * @module
 */
import type { Better } from "../model.ts";
import type { Comparison, Verdict } from "./types.ts";

const SPEED_METRICS = new Set(["bw", "iops", "throughput", "lat", "clat", "slat"]);

/** s > 1 ⇔ the candidate is better. Null when the ratio is undefined or 0. */
export function speedup(ratio: number | null, better: Better): number | null {
  if (ratio === null || !Number.isFinite(ratio) || ratio <= 0) return null;
  return better === "higher" ? ratio : 1 / ratio;
}

export function ratioText(ratio: number | null, better: Better, metric: string, verdict: Verdict): string {
  if (verdict === "~") return "no detectable difference";
  if (verdict === "insufficient") return "insufficient data";
  if (verdict === "equivalent") return "equivalent within the margin";
  const s = speedup(ratio, better);
  if (s === null) return ratio === 0 ? "candidate is 0" : "ratio undefined";
  const [up, down] = SPEED_METRICS.has(metric) ? ["faster", "slower"] : ["better", "worse"];
  return s >= 1 ? `${s.toFixed(2)}× ${up}` : `${(1 / s).toFixed(2)}× ${down}`;
}

/** Why a comparison cannot be decided, with its one observation when that is all there is. */
export function insufficientText(
  c: Pick<Comparison, "baseline" | "candidate" | "baselineName" | "candidateName" | "ratio" | "verdictNote">,
): string {
  const nb = c.baseline.n, nc = c.candidate.n;
  const r = c.ratio === null ? "" : `${c.ratio.toPrecision(2)}×`;
  if (nb < 2 || nc < 2) {
    const runs = nb === nc
      ? `${nb} run per side`
      : `${nb} run${nb === 1 ? "" : "s"} of ${c.baselineName}, ${nc} of ${c.candidateName}`;
    const single = nb === 1 && nc === 1 ? "a single observation" : "not enough runs for an interval";
    return `insufficient: ${runs}${r ? ` — ${r} is ${single}` : ""}`;
  }
  return `insufficient: ${c.verdictNote || "no usable interval"}`;
}
