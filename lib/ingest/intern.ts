/**
 * One copy of each repeated string in a loaded folder. A parser makes a fresh string per row for the place
 * (`$.jobs[0].read.clat_ns.percentile["99.000000"]`), the stat (`p99`), the job, the version, and a fresh factor
 * value per file (cut from its path): the same few thousand texts, hundreds of thousands of times. The loader
 * passes each file's dataset through one {@link Interner}, so a row keeps pointers to shared strings and costs
 * its object and number only. Values are unchanged (the same text); only the copies go. The same pass stores each
 * series' numbers compactly (see {@link packed}), and each histogram's in typed arrays (lib/arrays.ts
 * `exactNumbers`): they are kept for the whole analysis.
 * @module
 */
import { exactNumbers } from "../arrays.ts";
import type { Dataset, Factors, RecordBase } from "../model.ts";

export class Interner {
  readonly #strings = new Map<string, string>();
  readonly #factorObjects = new WeakSet<Factors>();

  /** The shared copy of `s`. */
  string<T extends string>(s: T): T {
    const known = this.#strings.get(s);
    if (known !== undefined) return known as T;
    this.#strings.set(s, s);
    return s;
  }

  /**
   * Replaces, in place, every string of the dataset's records (rows, series, histograms) by its shared copy,
   * and the arrays of series and histograms by compact copies.
   */
  dataset(data: Dataset): Dataset {
    for (const r of data.rows) {
      this.#record(r);
      r.metric = this.string(r.metric);
      r.stat = this.string(r.stat);
      r.unit = this.string(r.unit);
    }
    for (const s of data.series) {
      this.#record(s);
      s.metric = this.string(s.metric);
      s.unit = this.string(s.unit);
      s.t = packed(s.t);
      s.value = packed(s.value);
      if (s.min) s.min = packed(s.min);
      if (s.max) s.max = packed(s.max);
    }
    for (const h of data.histograms) {
      this.#record(h);
      h.metric = this.string(h.metric);
      // Parsers give exact typed arrays (lib/arrays.ts); a histogram made elsewhere is stored the same way.
      if (Array.isArray(h.value)) h.value = exactNumbers(h.value);
      if (Array.isArray(h.count)) h.count = exactNumbers(h.count);
    }
    for (const f of data.files) {
      f.source = this.string(f.source);
      f.toolVersion = this.string(f.toolVersion);
    }
    return data;
  }

  #record(r: RecordBase): void {
    r.source = this.string(r.source);
    if (r.location !== undefined) r.location = this.string(r.location);
    this.#factors(r.factors);
    if (r.info) this.#factors(r.info);
    r.tool = this.string(r.tool);
    r.toolVersion = this.string(r.toolVersion);
    r.format = this.string(r.format);
    r.job = this.string(r.job);
    r.direction = this.string(r.direction);
  }

  /** A factors object is shared by the rows of one job: its values are replaced once. */
  #factors(f: Factors): void {
    if (this.#factorObjects.has(f)) return;
    this.#factorObjects.add(f);
    for (const key in f) f[key] = this.string(f[key]);
  }
}

/**
 * The same numbers in an array of their exact length holding plain doubles. A series of a few points was grown
 * by push, which reserves 17 slots and more; an array that came from a worker (structured clone) holds each
 * fraction as a pointer to a boxed number, 24 bytes instead of 8. Element by element, V8 stores them unboxed.
 */
function packed(numbers: number[]): number[] {
  const out = new Array<number>(numbers.length);
  for (let i = 0; i < numbers.length; i++) out[i] = numbers[i];
  return out;
}
