/**
 * E-divisive means: nonparametric multiple change points by energy distance (Matteson & James 2014, "A
 * nonparametric approach for multiple change point analysis of multivariate data", *JASA* 109:334–345), as Apache
 * Otava implements it (ex-Hunter: Fleming et al. 2023, "Hunter: using change point detection to hunt for
 * performance regressions", ICPE; github.com/apache/otava `otava/change_point_divisive/`, `otava/analysis.py`).
 *
 * For a stretch Z[start:end] split at τ and cut at κ (start < τ < κ ≤ end), X = Z[start:τ] (n values), Y = Z[τ:κ]
 * (m values):
 *   Q(τ, κ) = 2/(m+n)·Σᵢⱼ|Xᵢ−Yⱼ| − 2m/((m+n)(n−1))·Σ_{i<k}|Xᵢ−X_k| − 2n/((m+n)(m−1))·Σ_{j<k}|Yⱼ−Y_k|
 * (a within-sum term is 0 when its side has one value). The candidate is the τ of the (τ, κ) maximising Q, first in
 * (τ, κ) order on ties, like numpy's argmax over Otava's matrix (whose unused lower triangle holds zeros).
 * The detector splits the stretch holding the best candidate while a significance tester accepts it.
 * Otava's testers are both here: Student's t between the two sides (population sd, as Otava passes `np.std` to
 * scipy's `ttest_ind_from_stats`) and Matteson–James's permutation test. Otava's default analysis — the
 * "split" over sliding windows at a relaxed p, then the "merge" that drops the weakest points — is `otavaChangePoints`.
 *
 * Where this file differs from Otava, on purpose:
 * - `minSize` (ecp's `min.size`): neither side of a split, nor the cut Y, may be shorter. Otava has none (= 1);
 *   with minSize 1 the search is Otava's exactly.
 * - The permutation test draws from the project's seeded PRNG (rng.ts) unless given another draw; the tests replay
 *   Otava's numpy stream (tests/stats/numpy_pcg64.ts) and get Otava's p-values exactly.
 * - Q is summed by running column sums (O(n²) per stretch), not numpy's cumulative matrices; equal up to rounding.
 *   So the permutation test counts a permuted Q̂ within 1e-12 (relative) of the observed one as a tie (≥): in
 *   Otava's own case a permutation equal to the observed Q̂ counts only because numpy's rounding made it 1e-13 larger.
 * @module
 */
import { tCdf } from "./dists.ts";
import { seededRandom } from "./rng.ts";

/** [start, stop) of the series. */
export interface Slice {
  start: number;
  stop: number;
}

export interface Candidate {
  /** First index of the right-hand side. */
  index: number;
  qhat: number;
  /**
   * The cut κ of the best Q̂ (exclusive end of Y): before the stretch's end when Y = [τ, κ) differs from X most
   * with what follows left out, as a change later undone does (lib/stats/change_points.ts tests that episode).
   */
  kappa: number;
}

export interface TTestStats {
  pvalue: number;
  meanBefore: number;
  meanAfter: number;
  sdBefore: number;
  sdAfter: number;
}

export interface ChangePoint<S extends { pvalue: number } = TTestStats> extends Candidate {
  stats: S;
}

export interface SignificanceTester<S extends { pvalue: number }> {
  maxPvalue: number;
  changePoint(candidate: Candidate, series: number[], intervals: Slice[]): ChangePoint<S>;
}

/** The best (τ, Q̂) inside series[s.start:s.stop]; null when no split leaves minSize values on each side. */
export function candidateIn(series: number[], s: Slice, minSize = 1): Candidate | null {
  const { start, stop } = s;
  const len = stop - start;
  if (len < 2 * minSize) return null;
  // col[c][r − start] = Σ_{i ∈ [start, r)} |x_i − x_c| for c, r in the stretch (r ≤ c).
  const col: Float64Array[] = [];
  for (let c = start; c < stop; c++) {
    const sums = new Float64Array(c - start + 1);
    for (let r = start; r < c; r++) sums[r - start + 1] = sums[r - start] + Math.abs(series[r] - series[c]);
    col.push(sums);
  }
  let best: Candidate | null = null;
  // Otava's matrix keeps zeros below its diagonal, and argmax can pick one when every Q is negative.
  const zeros = minSize === 1;
  let withinX = 0;
  for (let tau = start + 1; tau < stop; tau++) {
    // Row τ of Otava's matrix starts with zeros (κ < τ + 1) before its own entries.
    if (zeros && best !== null && best.qhat < 0) best = { index: tau, qhat: 0, kappa: tau + 1 };
    withinX += col[tau - 1 - start][tau - 1 - start];
    const n = tau - start;
    let between = 0, withinY = 0;
    for (let kappa = tau + 1; kappa <= stop; kappa++) {
      const k = kappa - 1 - start; // the value added to Y
      between += col[k][n];
      withinY += col[k][k] - col[k][n];
      const m = kappa - tau;
      if (n < minSize || m < minSize || stop - tau < minSize) continue;
      const q = (2 / (m + n)) * between - (n > 1 ? (2 * m) / ((m + n) * (n - 1)) * withinX : 0) -
        (m > 1 ? (2 * n) / ((m + n) * (m - 1)) * withinY : 0);
      if (best === null || q > best.qhat) best = { index: tau, qhat: q, kappa };
    }
  }
  return best;
}

/** The best candidate over the stretches (first on ties, like Python's max), or null when none can split. */
export function nextCandidate(series: number[], intervals: Slice[], minSize = 1): Candidate | null {
  let best: Candidate | null = null;
  for (const s of intervals) {
    if (s.stop - s.start < Math.max(2, 2 * minSize)) continue;
    const c = candidateIn(series, s, minSize);
    if (c !== null && (best === null || c.qhat > best.qhat)) best = c;
  }
  return best;
}

/** The stretches between sorted change points (Otava's `get_intervals`; empty ones dropped). */
export function intervalsOf(points: { index: number }[], length: number): Slice[] {
  for (let i = 0; i + 1 < points.length; i++) {
    if (points[i].index > points[i + 1].index) throw new Error("Change points must be sorted by index");
  }
  const cuts = [0, ...points.map((p) => p.index), length];
  const out: Slice[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    if (cuts[i] !== cuts[i + 1]) out.push({ start: cuts[i], stop: cuts[i + 1] });
  }
  return out;
}

/**
 * The two sides a candidate separates (Otava's TTestSignificanceTester.change_point): an existing point (the
 * stop of a stretch) compares that stretch with the next one; a new point splits the stretch it falls in.
 */
export function sidesOf(index: number, intervals: Slice[]): [Slice, Slice] {
  for (let i = 0; i < intervals.length; i++) {
    const s = intervals[i];
    if (s.stop === index && i + 1 < intervals.length) return [s, intervals[i + 1]];
    if (s.start < index && index < s.stop) {
      return [{ start: s.start, stop: index }, { start: index, stop: s.stop }];
    }
  }
  throw new Error(`Candidate Change Point at index=${index} doesn't correspond to any interval`);
}

/**
 * Otava's t-test: two-sided Student's t with pooled variance, fed population standard deviations (`np.std`),
 * df = n₁ + n₂ − 2; p = 1 when both sides hold one value.
 */
export function otavaTTest(left: number[], right: number[]): TTestStats {
  const m1 = avg(left), m2 = avg(right);
  const s1 = left.length >= 2 ? popSd(left, m1) : 0, s2 = right.length >= 2 ? popSd(right, m2) : 0;
  let pvalue = 1;
  if (left.length + right.length > 2) {
    const df = left.length + right.length - 2;
    const pooled = ((left.length - 1) * s1 * s1 + (right.length - 1) * s2 * s2) / df;
    const t = (m1 - m2) / Math.sqrt(pooled * (1 / left.length + 1 / right.length));
    pvalue = Number.isNaN(t) ? NaN : 2 * tCdf(-Math.abs(t), df);
  }
  return { pvalue, meanBefore: m1, meanAfter: m2, sdBefore: s1, sdAfter: s2 };
}

export function tTestTester(maxPvalue: number): SignificanceTester<TTestStats> {
  return {
    maxPvalue,
    changePoint(candidate, series, intervals) {
      const [l, r] = sidesOf(candidate.index, intervals);
      return {
        ...candidate,
        stats: otavaTTest(series.slice(l.start, l.stop), series.slice(r.start, r.stop)),
      };
    },
  };
}

export interface PermutationStats {
  pvalue: number;
  permutedQhats: number[];
  extremeQhatPerm: number;
}

/**
 * Matteson–James's permutation test as Otava runs it: shuffle within every stretch, take the best Q̂ again;
 * p = #(Q̂_perm ≥ Q̂)/(permutations + 1) (Otava's count, without the usual +1 in the numerator).
 * `seed`: a seed for the project's PRNG, or any integer draw (the test passes numpy's to replay Otava's stream).
 */
export function permutationTester(
  maxPvalue: number,
  permutations: number,
  seed: number | IntegerDraw,
  minSize = 1,
): SignificanceTester<PermutationStats> {
  const u = typeof seed === "number" ? drawFrom(seededRandom(seed)) : seed;
  return {
    maxPvalue,
    changePoint(candidate, series, intervals) {
      const qhats: number[] = [];
      for (let i = 0; i < permutations; i++) {
        const shuffled = [...series];
        for (const s of intervals) shuffle(shuffled, s, u);
        qhats.push(nextCandidate(shuffled, intervals, minSize)?.qhat ?? -Infinity);
      }
      // A permutation that only reorders equal-distance values gives the same Q̂ up to rounding: count it as a tie.
      const tie = 1e-12 * Math.abs(candidate.qhat);
      const extreme = qhats.filter((q) => q >= candidate.qhat - tie).length;
      return {
        ...candidate,
        stats: { pvalue: extreme / (permutations + 1), permutedQhats: qhats, extremeQhatPerm: extreme },
      };
    },
  };
}

/** Otava's ChangePointDetector: split the best candidate's stretch while the tester accepts it (p ≤ max). */
export function detect<S extends { pvalue: number }>(
  series: number[],
  tester: SignificanceTester<S>,
  minSize = 1,
): ChangePoint<S>[] {
  const points: ChangePoint<S>[] = [];
  for (;;) {
    const intervals = intervalsOf(points, series.length);
    const candidate = nextCandidate(series, intervals, minSize);
    if (candidate === null) break;
    const point = tester.changePoint(candidate, series, intervals);
    if (!(point.stats.pvalue <= tester.maxPvalue)) break;
    points.push(point);
    points.sort((a, b) => a.index - b.index);
  }
  return points;
}

/** Otava's `compute_change_points_orig`: Matteson–James with 100 permutations. */
export function originalChangePoints(
  series: number[],
  maxPvalue = 0.001,
  seed = 1,
): ChangePoint<PermutationStats>[] {
  return detect(series, permutationTester(maxPvalue, 100, seed));
}

/** Otava's relative change, larger of forward and backward (0 where a mean is 0). */
export function changeMagnitude(s: TTestStats): number {
  const forward = s.meanBefore === 0 ? 0 : s.meanAfter / s.meanBefore - 1;
  const backward = s.meanAfter === 0 ? 0 : s.meanBefore / s.meanAfter - 1;
  return Math.max(Math.abs(forward), Math.abs(backward));
}

export interface OtavaOptions {
  windowLen?: number;
  maxPvalue?: number;
  minMagnitude?: number;
}

/**
 * Otava's `compute_change_points` (Fleming et al. 2023): the split step over windows of `windowLen` at a relaxed
 * p (10× below 0.05, 2× below 0.5), then the merge step. Defaults are Otava's (window 50, p 0.001, magnitude 0).
 */
export function otavaChangePoints(series: number[], opts: OtavaOptions = {}): ChangePoint[] {
  const { windowLen = 50, maxPvalue = 0.001, minMagnitude = 0 } = opts;
  const firstPass = maxPvalue < 0.05 ? maxPvalue * 10 : maxPvalue < 0.5 ? maxPvalue * 2 : maxPvalue;
  return otavaMerge(otavaSplit(series, windowLen, firstPass), series, maxPvalue, minMagnitude);
}

/** Otava's split step: the detector on sliding windows, union of the points, stats recomputed on the whole series. */
export function otavaSplit(series: number[], windowLen: number, maxPvalue: number): ChangePoint[] {
  if (windowLen < 2) throw new Error("Window length must be at least 2");
  const step = Math.trunc(windowLen / 2);
  const tester = tTestTester(maxPvalue);
  const points: ChangePoint[] = [];
  for (let start = 0; start < series.length;) {
    const end = Math.min(start + windowLen, series.length);
    const found = detect(series.slice(start, end), tester).map((p) => ({ ...p, index: p.index + start }));
    const last = found.length ? found[found.length - 1].index : 0;
    start = Math.max(last, start + step);
    for (const p of found) if (!points.some((q) => q.index === p.index)) points.push(p);
  }
  points.sort((a, b) => a.index - b.index);
  const intervals = intervalsOf(points, series.length);
  return points.map((p) => tester.changePoint(p, series, intervals));
}

/**
 * Otava's merge step: drop the point with the largest p while it is ≥ maxPvalue, then the one with the smallest
 * magnitude while that is ≤ minMagnitude, recomputing neighbours. Reproduced as Otava has it, including which
 * neighbours it recomputes (the right one and the one after it, not the left one).
 */
export function otavaMerge(
  input: ChangePoint[],
  series: number[],
  maxPvalue: number,
  minMagnitude: number,
): ChangePoint[] {
  const points = [...input];
  const tester = tTestTester(maxPvalue);
  while (points.length) {
    let weakest = pyMax(points, (p) => p.stats.pvalue);
    if (weakest.stats.pvalue < maxPvalue) {
      weakest = pyMax(points, (p) => -changeMagnitude(p.stats));
      if (changeMagnitude(weakest.stats) > minMagnitude) return points;
    }
    const at = points.indexOf(weakest);
    points.splice(at, 1);
    const intervals = intervalsOf(points, series.length);
    for (const i of [at, at + 1]) {
      if (i < points.length) points[i] = tester.changePoint(points[i], series, intervals);
    }
  }
  return points;
}

/** Python's max(key=…): the first element whose key no later one exceeds (NaN never replaces, never is replaced). */
function pyMax<T>(xs: T[], key: (x: T) => number): T {
  let best = xs[0];
  for (const x of xs.slice(1)) if (key(x) > key(best)) best = x;
  return best;
}

/** A uniform integer in [0, max]. */
export type IntegerDraw = (max: number) => number;

function drawFrom(u: () => number): IntegerDraw {
  return (max) => Math.floor(u() * (max + 1));
}

/** Fisher–Yates from the end, in numpy's order (`_shuffle_raw`), so numpy's stream gives numpy's shuffle. */
function shuffle(xs: number[], s: Slice, draw: IntegerDraw): void {
  for (let i = s.stop - 1; i > s.start; i--) {
    const j = s.start + draw(i - s.start);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
}

function avg(x: number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

function popSd(x: number[], m: number): number {
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return Math.sqrt(s / x.length);
}
