/**
 * Hedges' g: the standardized mean difference with small-sample bias correction
 * (Hedges 1981, *J. Educational Statistics* 6:107–128; Hedges & Olkin 1985).
 *
 * g = J · (x̄_c − x̄_b)/s_p, s_p = √[((n_b − 1)s_b² + (n_c − 1)s_c²)/(n_b + n_c − 2)],
 * J = 1 − 3/(4(n_b + n_c) − 9). Null when s_p is 0 or a group has fewer than 2 runs.
 * @module
 */
import { mean, variance } from "./describe.ts";

export function hedgesG(baseline: number[], candidate: number[]): number | null {
  const nb = baseline.length, nc = candidate.length;
  if (nb < 2 || nc < 2) return null;
  const sp = Math.sqrt(((nb - 1) * variance(baseline) + (nc - 1) * variance(candidate)) / (nb + nc - 2));
  if (sp === 0) return null;
  const j = 1 - 3 / (4 * (nb + nc) - 9);
  return (j * (mean(candidate) - mean(baseline))) / sp;
}
