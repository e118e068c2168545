/**
 * The fields an analysis pairs (factors, info, job: identity.ts applyPairing) of every record as it was read, kept
 * beside the records while an analysis that owns them pairs them in place. The report appends a folder to its
 * --store after the analysis and the figures (so a report that fails adds nothing), and the store takes the records
 * as read: without this, the analysis paired copies of every record, ~60 MB more at 20× the shipped data, alive
 * through the whole report. Kept here: three references per record.
 * @module
 */
import type { Dataset, Factors, RecordBase } from "../model.ts";

export class RecordsAsRead {
  readonly #lists: RecordBase[][] = [];
  readonly #factors: Factors[] = [];
  readonly #info: (Factors | undefined)[] = [];
  readonly #job: string[] = [];

  /** Remembers the records of `datasets` as they are now: before an analysis pairs them. */
  constructor(datasets: Dataset[]) {
    for (const d of datasets) {
      for (const list of [d.rows, d.series, d.histograms] as RecordBase[][]) {
        this.#lists.push(list);
        for (let i = 0; i < list.length; i++) {
          this.#factors.push(list[i].factors);
          this.#info.push(list[i].info);
          this.#job.push(list[i].job);
        }
      }
    }
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

  /** Exchanges each record's fields with the ones kept: twice is the identity. */
  #swap(): void {
    let k = 0;
    for (const list of this.#lists) {
      for (let i = 0; i < list.length; i++, k++) {
        const r = list[i];
        const { factors, info, job } = r;
        r.factors = this.#factors[k];
        r.info = this.#info[k];
        r.job = this.#job[k];
        this.#factors[k] = factors;
        this.#info[k] = info;
        this.#job[k] = job;
      }
    }
  }
}
