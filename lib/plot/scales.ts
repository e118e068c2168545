/** Scale helpers shared by the figures. @module */

/**
 * Ticks 1–2–5 per decade between lo and hi (both > 0), for log axes: Plot labels only some decades
 * on a log scale, which leaves a sub-millisecond range without a single number.
 */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (t >= lo && t <= hi) out.push(t);
    }
  }
  return out;
}

/** Tick labels for {@link logTicks}: every tick labelled ("0.5", "20"), never blanked like d3's log format. */
export const logTickFormat = (t: number) => String(Number(t.toPrecision(6)));
