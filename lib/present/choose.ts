/**
 * Which of many configurations a report draws when it cannot draw them all: those whose verdict claims a difference
 * (better or worse) first, the largest change first, then the rest in the order the report lists them. What is
 * drawn keeps that listing order, so a report under the cap draws exactly what it drew before.
 * @module
 */
import type { Comparison } from "../stats/types.ts";
import { decided } from "../stats/verdict.ts";

export interface Chosen<T> {
  /** The items drawn, in their original order. */
  shown: T[];
  /** How many were left out. */
  hidden: number;
}

/** How much a configuration matters: whether any of its comparisons is decided, and its largest change. */
export function importance(comparisons: Comparison[]): { decided: boolean; effect: number } {
  let effect = 0, any = false;
  for (const c of comparisons) {
    if (!decided(c)) continue;
    any = true;
    // |ln ratio|: 2× faster and 2× slower weigh the same.
    if (c.ratio !== null && c.ratio > 0) effect = Math.max(effect, Math.abs(Math.log(c.ratio)));
  }
  return { decided: any, effect };
}

/** At most `max` of `items`, the decided ones first (largest change first), then the others in their order. */
export function choose<T>(items: T[], max: number, comparisonsOf: (item: T) => Comparison[]): Chosen<T> {
  if (items.length <= max) return { shown: items, hidden: 0 };
  const ranked = items.map((item, index) => ({ index, ...importance(comparisonsOf(item)) }));
  ranked.sort((a, b) =>
    Number(b.decided) - Number(a.decided) || (a.decided ? b.effect - a.effect : 0) || a.index - b.index
  );
  const kept = new Set(ranked.slice(0, max).map((r) => r.index));
  return { shown: items.filter((_, i) => kept.has(i)), hidden: items.length - max };
}
