/**
 * The `--check` gate over an analysis' comparisons: the verdict rule's own (lib/stats/verdict.ts), offered
 * here so the report reads analysis, not statistics.
 * @module
 */
export { type Gate, gate } from "../stats/verdict.ts";
export type { Verdict } from "../stats/types.ts";
