/**
 * One copy of each repeated string in a loaded folder. A parser makes a fresh string per row for the place
 * (`$.jobs[0].read.clat_ns.percentile["99.000000"]`), the stat (`p99`), the job, the version, and a fresh factor
 * value per file (cut from its path): the same few thousand texts, hundreds of thousands of times. The loader
 * passes each file's dataset through one {@link Interner}, so a row keeps pointers to shared strings and costs
 * its object and number only. Values are unchanged (the same text); only the copies go. The same pass copies each
 * series' arrays to their exact length (a series is kept for the whole analysis).
 * @module
 */
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
   * and a series' arrays by copies without spare room.
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
      // A series of a few points was grown by push, which reserves 17 slots and more: copies hold their length.
      s.t = s.t.slice();
      s.value = s.value.slice();
      if (s.min) s.min = s.min.slice();
      if (s.max) s.max = s.max.slice();
    }
    for (const h of data.histograms) {
      this.#record(h);
      h.metric = this.string(h.metric);
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
