/** Scale helpers shared by the figures. @module */
import * as Plot from "./plot.ts";

/** Ticks 1–2–5 per decade between lo and hi (both > 0); only powers of ten with `sparse`. */
export function logTicks(lo: number, hi: number, sparse = false): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of sparse ? [1] : [1, 2, 5]) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (t >= lo && t <= hi) out.push(t);
    }
  }
  return out;
}

/** "0.5", "20": a tick value as a reader writes it. */
export const logTickFormat = (t: number) => String(Number(t.toPrecision(6)));

/**
 * Grid and axis marks for a log scale with every 1–2–5 tick labelled. Plot formats log ticks with
 * d3's log format, which blanks all but a few labels per decade (a sub-millisecond range would get
 * no number at all); an explicit axis mark with its own `text` channel keeps them. `pixels`: the axis length.
 */
export function logAxis(
  dim: "x" | "y",
  lo: number,
  hi: number,
  options: Record<string, unknown> = {},
  pixels = Infinity,
) {
  // Three labels a decade need about 110 px of axis per decade (a print column has less): then powers of ten only.
  const sparse = pixels / Math.log10(hi / lo) < 110 && logTicks(lo, hi, true).length >= 2;
  const ticks = logTicks(lo, hi, sparse);
  return dim === "x"
    ? [Plot.gridX(ticks), Plot.axisX(ticks, { ...options, text: logTickFormat })]
    : [Plot.gridY(ticks), Plot.axisY(ticks, { ...options, text: logTickFormat })];
}
