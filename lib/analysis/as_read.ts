/**
 * The fields an analysis pairs (factors, info, job: identity.ts applyPairing) of every record as it was read, kept
 * beside the records while an analysis that owns them pairs them in place. The report appends a folder to its
 * --store after the analysis and the figures (so a report that fails adds nothing), and the store takes the records
 * as read: without this, the analysis paired copies of every record, ~60 MB more at 20× the shipped data, alive
 * through the whole report. Kept here once per stretch of records that share all three (a file's, or a job's,
 * records come one after another): ~1 MB at 20×, where a reference per record and field took 9.3 MB.
 * @module
 */
import type { Dataset, Factors, RecordBase, Rows } from "../model.ts";

/** Runs of records with the same three fields: run i starts at record `starts[i]` (records counted over every list). */
interface Stretches {
  starts: number[];
  factors: Factors[];
  info: (Factors | undefined)[];
  job: string[];
}

export class RecordsAsRead {
  readonly #lists: RecordBase[][] = [];
  #kept: Stretches;

  /**
   * Remembers the records of `datasets` as they are now: before an analysis pairs them. Records kept in columns
   * are not among them: an analysis pairs their runs in a list of its own (lib/record_list.ts `withRuns`), never
   * the columns.
   */
  constructor(datasets: Dataset<Rows>[]) {
    for (const d of datasets) {
      if (Array.isArray(d.rows)) this.#lists.push(d.rows);
      this.#lists.push(d.series, d.histograms);
    }
    this.#kept = this.#current();
  }

  /**
   * Runs `f` while every record has its fields as read, then gives them their paired fields back (also when `f`
   * fails): the analyses that own them stay as they were.
   */
  async during<T>(f: () => Promise<T>): Promise<T> {
    this.#swap();
    try {
      return await f();
    } finally {
      this.#swap();
    }
  }

  /** Gives every record the fields kept, and keeps the ones it had: twice is the identity. */
  #swap(): void {
    const had = this.#current();
    const { starts, factors, info, job } = this.#kept;
    let k = 0, run = -1;
    for (const list of this.#lists) {
      for (let i = 0; i < list.length; i++, k++) {
        if (run + 1 < starts.length && starts[run + 1] === k) run++;
        const r = list[i];
        r.factors = factors[run];
        r.info = info[run];
        r.job = job[run];
      }
    }
    this.#kept = had;
  }

  /** The records' fields as they are now, a stretch at a time. */
  #current(): Stretches {
    const s: Stretches = { starts: [], factors: [], info: [], job: [] };
    let k = 0, last: RecordBase | undefined;
    for (const list of this.#lists) {
      for (let i = 0; i < list.length; i++, k++) {
        const r = list[i];
        if (!last || r.factors !== last.factors || r.info !== last.info || r.job !== last.job) {
          s.starts.push(k);
          s.factors.push(r.factors);
          s.info.push(r.info);
          s.job.push(r.job);
        }
        last = r;
      }
    }
    return s;
  }
}
