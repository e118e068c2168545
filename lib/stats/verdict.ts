/**
 * The verdict rule, in one place: every table, figure, sentence and exit code reads it from here.
 * @module
 */
import type { Comparison, Verdict } from "./types.ts";

/** A verdict that claims a difference: drawn as a filled mark, counted by `--check`. */
export function decided(c: Pick<Comparison, "verdict">): boolean {
  return isDifference(c.verdict);
}

export function isDifference(v: Verdict): boolean {
  return v === "better" || v === "worse";
}
