/**
 * A chart with one row (or panel) per configuration, split into pages that each print on one page at the figure's
 * width (lib/plot/size.ts pageHeight): "Overhead ratios (1 of 3)", "(2 of 3)", … as separate figures, the rows
 * shared out evenly and each drawn once, in order. A chart that fits is drawn once, exactly as it always was.
 * @module
 */
import type { Figure } from "../plot/figure.ts";
import { maxOf } from "../arrays.ts";

/** What a page adds to the whole chart's id and title. */
export interface Page {
  /** Appended to the id: "-2-of-3". */
  suffix: string;
  /** The page's title: the chart's with "(2 of 3)". */
  title: string;
}

/**
 * Draws `units` on as few pages no taller than `limit` px as they fit on. `draw(undefined)` is the whole chart as
 * drawn without paging (used when `complete` and everything fits); `draw(subset, page)` draws those units only.
 * Pages are drawn before they are given out (their number is in every title), but they are small: a page's worth
 * of rows each.
 */
export function* pages<T>(
  units: T[],
  complete: boolean,
  limit: number,
  draw: (subset: T[] | undefined, page?: Page) => Figure,
): Generator<Figure> {
  // A small chart is drawn whole first: it usually fits, and then one drawing serves where the estimate below took
  // three (the shipped data's nine paged charts: ~100 ms of the report's drawing). A large one is not: at 20× the
  // shipped data a chart can have thousands of rows.
  let whole = units.length <= DRAWN_WHOLE_FIRST ? draw(complete ? undefined : units) : undefined;
  if (whole && (whole.height <= limit || units.length <= 1)) return yield whole;
  let size = units.length, title = "";
  if (units.length > 2) {
    // Heights grow by the same step per unit: two small drawings give the step and what every page shares.
    const one = draw(units.slice(0, 1)), two = draw(units.slice(0, 2));
    const step = Math.max(1, two.height - one.height);
    size = Math.max(1, Math.floor((limit - (one.height - step)) / step));
    title = one.title;
  }
  for (;;) {
    if (size >= units.length) {
      const fig = whole ?? draw(complete ? undefined : units);
      whole = undefined;
      if (fig.height <= limit || units.length <= 1) return yield fig;
      title = fig.title;
      size = units.length - 1;
      continue;
    }
    const n = Math.ceil(units.length / size);
    const figs = split(units, n).map((subset, k) =>
      draw(subset, { suffix: `-${k + 1}-of-${n}`, title: `${title} (${k + 1} of ${n})` })
    );
    // A page can be taller than the estimate (a unit with more rows than the first two): fewer units per page.
    const tallest = maxOf(figs.map((f) => f.height));
    if (size === 1 || tallest <= limit) return yield* figs;
    size = Math.max(1, Math.min(size - 1, Math.floor((size * limit) / tallest)));
  }
}

/** Units up to which {@link pages} draws a chart whole before it estimates a page's worth (a bound on the waste). */
const DRAWN_WHOLE_FIRST = 32;

/** `units` in `n` runs of consecutive units whose lengths differ by at most one. */
export function split<T>(units: T[], n: number): T[][] {
  return Array.from(
    { length: n },
    (_, k) => units.slice(Math.round((k * units.length) / n), Math.round(((k + 1) * units.length) / n)),
  );
}
