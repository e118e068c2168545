/**
 * Change points across a store's batches, each judged like a pairwise comparison (issue 31).
 *
 * Observations are batch means: runs of one batch share its conditions (3 runs of an unchanged fio job spread
 * 1–5 % inside a batch while batch means minutes apart wandered 73 k–119 k IOPS), so runs are not independent
 * across batches and a per-run test would call nearly every batch a change. One mean per batch is the
 * two-level (random batch effect) model's sufficient summary when batches hold equal numbers of runs, and with
 * unequal numbers it weighs batches equally, which is right when the batch effect dominates the run noise.
 *
 * 1. Where: E-divisive means (e_divisive.ts, Matteson & James 2014 as Apache Otava searches it) proposes the split
 *    of the stretch with the largest Q̂; the split is kept while its test below passes at α (Otava's detector), then
 *    the kept points are re-tested against their final neighbours and the weakest dropped until all pass (the role
 *    of Otava's merge step, with every neighbour recomputed). A split that fails against everything after it is
 *    tested once more against the stretch up to Q̂'s own cut κ, Bonferroni over every (τ, κ) pair: a change later
 *    undone (100 → 80 → 100) is diluted by the recovered batches otherwise; if it passes, τ and κ both are points.
 * 2. Whether: the segments on either side are two groups of batch means compared with the project's rule
 *    (verdict.ts): Fieller's interval of after/before (ratio_fieller.ts), its dual band test with `minChange`
 *    (ratio_test.ts), in the pooled-CV form: both sides are batch means of one configuration, and Welch's df is
 *    far too liberal in the tail for 2 batch means against many. The split was chosen as the most different of K admissible positions in its stretch, so the
 *    test is Bonferroni-corrected over them: p = min(1, K·p_band), interval at 1 − (1 − L)/K for the family's
 *    level L. The interval clears the band exactly when K·p_band < 1 − L, so decision and interval still agree.
 * 3. The family: every change point tested, over every configuration × metric of the family (families.ts), plus
 *    one member per series without a change point (its best split's p) — a series that was looked at counts —
 *    adjusted by familyStep (Holm or BH). A change point is reported only when its interval clears the band.
 * @module
 */
import type { Better } from "../model.ts";
import { maxOf } from "../arrays.ts";
import { type Candidate, candidateIn, type Slice } from "./e_divisive.ts";
import { fiellerInterval, pooledCvMoments } from "./ratio_fieller.ts";
import { bandTestPOf } from "./ratio_test.ts";
import { summarize } from "./summary.ts";
import type { AdjustMethod, Interval, Summary, Verdict } from "./types.ts";
import { familyStep, isDifference, readInterval } from "./verdict.ts";

/** One configuration × metric across batches (batches in order, runs of each). */
export interface ChangeSeries {
  key: string;
  /** The family the metric belongs to (families.ts): headline, secondary or cost. */
  family: string;
  better: Better;
  batches: string[];
  runs: number[][];
}

export interface ChangeOptions {
  /** Significance level α (default 0.05). */
  alpha?: number;
  adjust?: AdjustMethod;
  /** Smallest ratio change that matters (default 0). */
  minChange?: number;
  /** Fewest batches on either side of a change (default 2: a variance needs two). */
  minSegment?: number;
}

/** Batches [first, last] between change points: the batch means and their mean's interval. */
export interface Segment {
  first: number;
  last: number;
  means: number[];
  summary: Summary;
}

export interface ChangePoint {
  key: string;
  family: string;
  better: Better;
  /** Index of the first batch after the change. */
  index: number;
  batchBefore: string;
  batchAfter: string;
  before: Segment;
  after: Segment;
  /** Mean of the after segment's batch means / mean of the before segment's. */
  ratio: number | null;
  /** Fieller at the family's level, Bonferroni over `multiplicity`. */
  ratioCI: Interval;
  /** K: the split positions the search could have chosen in this stretch. */
  positions: number;
  /** The Bonferroni factor applied: K, or more when the point inherits a larger p from the points bounding it. */
  multiplicity: number;
  /** max(min(1, K·p_band), inherited p); null when insufficient. */
  p: number | null;
  pAdjusted: number | null;
  /** The family's level before the division by K. */
  level: number;
  verdict: Verdict;
}

export interface SeriesChanges {
  key: string;
  family: string;
  batches: string[];
  segments: Segment[];
  /** Reported change points (verdict better or worse), in batch order. */
  changes: ChangePoint[];
}

export interface ChangeFamily {
  name: string;
  method: AdjustMethod;
  alpha: number;
  /** Members with a p-value: change points tested and series without one. */
  size: number;
  level: number;
  minChange: number;
}

export interface ChangeResult {
  series: SeriesChanges[];
  families: ChangeFamily[];
  minSegment: number;
}

interface State {
  s: ChangeSeries;
  x: number[];
  points: number[];
  /** The member standing for a series without change points: its best split's test. */
  fallback: ChangePoint | null;
  /** Per point, the p it inherits: the largest p of the points whose stretch it was found in, and its own then. */
  floors: Map<number, number>;
}

export function changePoints(input: ChangeSeries[], opts: ChangeOptions = {}): ChangeResult {
  const { alpha = 0.05, adjust = "holm", minChange = 0 } = opts;
  const minSegment = Math.max(2, Math.trunc(opts.minSegment ?? 2));
  const states: State[] = input.map((s) => {
    const x = s.runs.map(avg);
    return { s, x, ...detect(s, x, minSegment, alpha, minChange) };
  });
  // Judge every family; drop the weakest point that does not clear the band, re-judge, until all clear.
  for (;;) {
    const { families, judged } = judgeFamilies(states, adjust, alpha, minSegment, minChange);
    let weakest: ChangePoint | null = null, owner: State | null = null;
    for (const [st, points] of judged) {
      for (const p of points) {
        if (!isDifference(p.verdict) && (weakest === null || worseP(p, weakest))) [weakest, owner] = [p, st];
      }
    }
    if (weakest === null || owner === null) {
      const series = states.map((st) => {
        const cuts = [0, ...st.points, st.x.length];
        return {
          key: st.s.key,
          family: st.s.family,
          batches: st.s.batches,
          segments: cuts.slice(1).map((stop, k) => segmentOf(st.x, { start: cuts[k], stop })),
          changes: judged.get(st) ?? [],
        };
      });
      return { series, families, minSegment };
    }
    const index = (weakest as ChangePoint).index;
    owner.points = owner.points.filter((i) => i !== index);
    if (owner.points.length === 0) owner.fallback = weakest;
  }
}

/** One family step per family over its members; the kept points judged at the family's level. */
function judgeFamilies(
  states: State[],
  adjust: AdjustMethod,
  alpha: number,
  minSegment: number,
  minChange: number,
): { families: ChangeFamily[]; judged: Map<State, ChangePoint[]> } {
  const families: ChangeFamily[] = [];
  const judged = new Map<State, ChangePoint[]>();
  for (const name of new Set(states.map((st) => st.s.family))) {
    const members = states.filter((st) => st.s.family === name).flatMap((st) =>
      st.points.length
        ? st.points.map((i) => ({ st, point: evaluate(st, i, minSegment, minChange), kept: true }))
        : st.fallback
        ? [{ st, point: st.fallback, kept: false }]
        : []
    );
    const step = familyStep(members.map((m) => m.point.p), adjust, alpha);
    families.push({ name, method: adjust, alpha, size: step.size, level: step.level, minChange });
    members.forEach((m, i) => {
      if (!m.kept) return; // stands for a series without a change point: counted, never reported
      judge(m.point, step.level, step.adjusted[i], minChange);
      judged.set(m.st, [...(judged.get(m.st) ?? []), m.point]);
    });
  }
  return { families, judged };
}

/** Detection within one series: Otava's detector with the verdict's own test, then drop the weakest until all pass. */
function detect(
  s: ChangeSeries,
  x: number[],
  minSegment: number,
  alpha: number,
  minChange: number,
): { points: number[]; fallback: ChangePoint | null; floors: Map<number, number> } {
  const state: State = { s, x, points: [], fallback: null, floors: new Map() };
  for (;;) {
    const cuts = [0, ...state.points, x.length];
    let best: Candidate | null = null, stretch: Slice = { start: 0, stop: 0 };
    for (let k = 0; k + 1 < cuts.length; k++) {
      const c = candidateIn(x, { start: cuts[k], stop: cuts[k + 1] }, minSegment);
      if (c !== null && (best === null || c.qhat > best.qhat)) {
        best = c;
        stretch = { start: cuts[k], stop: cuts[k + 1] };
      }
    }
    if (best === null) break;
    const plus = (added: number[]) => ({
      ...state,
      points: [...state.points, ...added].sort((a, b) => a - b),
    });
    const tested = evaluate(plus([best.index]), best.index, minSegment, minChange);
    let accepted = tested.p !== null && tested.p <= alpha ? [best.index] : [];
    let p = tested.p;
    // A change later undone (100 → 80 → 100): against everything after it the split is diluted, but Q̂'s best cut
    // κ bounds the episode. Tested against [τ, κ), Bonferroni over every (τ, κ) pair the search could pick.
    if (accepted.length === 0 && best.kappa < stretch.stop) {
      const pairs = admissiblePairs(stretch, minSegment);
      const episode = evaluate(plus([best.index, best.kappa]), best.index, minSegment, minChange, pairs);
      if (episode.p !== null && episode.p <= alpha) [accepted, p] = [[best.index, best.kappa], episode.p];
    }
    if (accepted.length === 0) {
      if (state.points.length === 0) state.fallback = tested;
      break;
    }
    // A split inside a stretch cut by earlier points exists only because they were accepted: it can be no
    // surer than they are (else one lucky first split would license a cascade of tiny p-values). The two ends of an
    // episode were found and accepted together: each inherits the pair's p.
    const bounds = [
      ...state.points.filter((i) => i < best.index).slice(-1),
      ...state.points.filter((i) => i > best.index).slice(0, 1),
    ];
    const floor = Math.max(p!, maxOf(bounds.map((i) => state.floors.get(i) ?? 0)));
    for (const i of accepted) state.floors.set(i, floor);
    state.points = plus(accepted).points;
  }
  for (;;) {
    const tested = state.points.map((i) => evaluate(state, i, minSegment, minChange));
    const weakest = tested.reduce<ChangePoint | null>(
      (w, t) => (t.p === null || t.p > alpha) && (w === null || worseP(t, w)) ? t : w,
      null,
    );
    if (weakest === null) break;
    state.points = state.points.filter((i) => i !== weakest.index);
    if (state.points.length === 0) state.fallback = weakest;
  }
  return { points: state.points, fallback: state.fallback, floors: state.floors };
}

/** How many (τ, κ) pairs the search of a stretch chooses from: minSegment batches in X and in Y, κ up to its end. */
function admissiblePairs(s: Slice, minSegment: number): number {
  let n = 0;
  for (let tau = s.start + minSegment; tau + minSegment <= s.stop; tau++) {
    n += s.stop - (tau + minSegment) + 1;
  }
  return n;
}

/**
 * The test of the point at `index` against its neighbours in `st.points` (which must include it), Bonferroni over
 * the positions the split could have taken between them (or over `searched` when the search chose among more).
 */
function evaluate(
  st: State,
  index: number,
  minSegment: number,
  minChange: number,
  searched?: number,
): ChangePoint {
  const at = st.points.indexOf(index);
  const start = at > 0 ? st.points[at - 1] : 0;
  const stop = at + 1 < st.points.length ? st.points[at + 1] : st.x.length;
  const before = segmentOf(st.x, { start, stop: index }), after = segmentOf(st.x, { start: index, stop });
  const positions = searched ?? Math.max(1, stop - start - 2 * minSegment + 1);
  const moments = pooledCvMoments(before.means, after.means);
  const pBand = typeof moments === "string" ? null : bandTestPOf(moments, minChange);
  const floor = st.floors.get(index) ?? 0;
  const bonferroni = pBand === null ? null : Math.min(1, positions * pBand);
  // Inheriting a larger p means a larger Bonferroni factor, so the interval still clears the band iff p < 1 − L.
  const multiplicity = bonferroni !== null && floor > bonferroni && pBand! > 0 ? floor / pBand! : positions;
  return {
    key: st.s.key,
    family: st.s.family,
    better: st.s.better,
    index,
    batchBefore: st.s.batches[index - 1],
    batchAfter: st.s.batches[index],
    before,
    after,
    ratio: null,
    ratioCI: { lo: null, hi: null, level: 0, method: "Fieller" },
    positions,
    multiplicity,
    p: bonferroni === null ? null : Math.max(bonferroni, floor),
    pAdjusted: null,
    level: 0,
    verdict: "insufficient",
  };
}

/** The interval at the family's level, Bonferroni over the positions, and the verdict read from it. */
function judge(point: ChangePoint, level: number, pAdjusted: number | null, minChange: number): ChangePoint {
  const moments = pooledCvMoments(point.before.means, point.after.means);
  const at = 1 - (1 - level) / point.multiplicity;
  point.ratio = point.before.summary.mean === 0 ? null : point.after.summary.mean / point.before.summary.mean;
  point.ratioCI = typeof moments === "string"
    ? { lo: null, hi: null, level: at, method: "Fieller", note: moments }
    : fiellerInterval(moments, at);
  point.level = level;
  point.pAdjusted = pAdjusted;
  point.verdict = readInterval(point.ratioCI, point.better, minChange);
  return point;
}

function segmentOf(x: number[], s: Slice): Segment {
  const means = x.slice(s.start, s.stop);
  return { first: s.start, last: s.stop - 1, means, summary: summarize(means) };
}

/** Larger p is weaker; an insufficient test (null) is weakest of all. */
function worseP(a: ChangePoint, b: ChangePoint): boolean {
  return (a.p ?? Infinity) > (b.p ?? Infinity);
}

function avg(x: number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}
