/**
 * Multiple-comparison adjustments of p-values across a family of comparisons; nulls pass through
 * and do not count towards the family size.
 *
 * - Holm (1979, *Scand. J. Statist.* 6:65–70), family-wise error: sort p ascending, p̃₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1)p₍ⱼ₎).
 * - Benjamini–Hochberg (1995, *J. R. Statist. Soc. B* 57:289–300), false discovery rate:
 *   p̃₍ᵢ₎ = min_{j≥i} min(1, m p₍ⱼ₎ / j).
 * Both match R's `p.adjust`.
 * @module
 */

export function holm(p: (number | null)[]): (number | null)[] {
  const idx = present(p);
  const m = idx.length;
  const out: (number | null)[] = p.map(() => null);
  let running = 0;
  idx.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (p[i] as number)));
    out[i] = running;
  });
  return out;
}

export function benjaminiHochberg(p: (number | null)[]): (number | null)[] {
  const idx = present(p);
  const m = idx.length;
  const out: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = idx[rank];
    running = Math.min(running, Math.min(1, (m * (p[i] as number)) / (rank + 1)));
    out[i] = running;
  }
  return out;
}

/** Indices of non-null p-values, ordered by p ascending (stable). */
function present(p: (number | null)[]): number[] {
  return p.map((v, i) => [v, i] as const).filter(([v]) => v !== null)
    .sort((a, b) => (a[0] as number) - (b[0] as number) || a[1] - b[1]).map(([, i]) => i);
}
