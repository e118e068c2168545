/**
 * Cliff's delta: how often a candidate run exceeds a baseline run, minus the reverse
 * (Cliff 1993, *Psychological Bulletin* 114:494–509).
 *
 * δ = [#(c > b) − #(c < b)] / (n_b · n_c) over all pairs; −1 … 1, 0 = complete overlap.
 * @module
 */
export function cliffsDelta(baseline: number[], candidate: number[]): number | null {
  if (baseline.length === 0 || candidate.length === 0) return null;
  let more = 0, less = 0;
  for (const c of candidate) {
    for (const b of baseline) {
      if (c > b) more++;
      else if (c < b) less++;
    }
  }
  return (more - less) / (baseline.length * candidate.length);
}
