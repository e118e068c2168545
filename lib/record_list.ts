/**
 * An analysis' records kept in columns: the same records as an array of {@link Measurement} objects, in ~28 bytes
 * each instead of ~150. A record object is 13 pointer fields (no pointer compression in Deno) and a heap number for
 * most values; at 20× the shipped data an analysis holds 340 000 of them (52 MB) for as long as its figures and
 * text are made. Here what the records of one run and direction share (source, factors, info, tool, version,
 * format, job, direction) is one entry of a table of heads, and each record is an index into it, indexes into one
 * table of its strings (metric, stat, unit, place) and a float.
 *
 * Every read gives a fresh plain record (`at`, iteration, `filter`, …): a caller may keep, change or spread it.
 * The objects it shares are the records' own: one `factors` and `info` object per run, as the loader made them.
 * @module
 */
import type { Factors, Measurement, Origin, Rows } from "./model.ts";

type Head =
  & Pick<
    Measurement,
    "source" | "factors" | "info" | "tool" | "toolVersion" | "format" | "job" | "direction"
  >
  & {
    /** Whether the records have an `info` key (the loader's always do, undefined when a file has none). */
    hasInfo: boolean;
  };

/** A record without a `location` key, and one whose `location` is undefined. */
const ABSENT = 0xffffffff, UNDEFINED = 0xfffffffe;

export class RecordList implements Rows {
  private readonly heads: Head[];
  private readonly strings: string[];
  private readonly head: Uint32Array;
  private readonly metric: Uint32Array;
  private readonly stat: Uint32Array;
  private readonly unit: Uint32Array;
  private readonly location: Uint32Array;
  private readonly value: Float64Array;
  /** `inputs` of derived records, by position in the columns. */
  private readonly inputs: Map<number, Origin[]>;
  /** The positions this list shows, in order (a list {@link keep} made), or all of them. */
  private readonly index: Uint32Array | null;

  private constructor(parts: {
    heads: Head[];
    strings: string[];
    head: Uint32Array;
    metric: Uint32Array;
    stat: Uint32Array;
    unit: Uint32Array;
    location: Uint32Array;
    value: Float64Array;
    inputs: Map<number, Origin[]>;
    index: Uint32Array | null;
  }) {
    this.heads = parts.heads;
    this.strings = parts.strings;
    this.head = parts.head;
    this.metric = parts.metric;
    this.stat = parts.stat;
    this.unit = parts.unit;
    this.location = parts.location;
    this.value = parts.value;
    this.inputs = parts.inputs;
    this.index = parts.index;
  }

  /** The records of `rows`, in their order. */
  static from(rows: ArrayLike<Measurement> | RecordList): RecordList {
    if (rows instanceof RecordList) return rows;
    const n = rows.length;
    const heads: Head[] = [];
    const strings: string[] = [];
    const known = new Map<string, number>();
    const text = (s: string) => {
      let i = known.get(s);
      if (i === undefined) known.set(s, i = strings.push(s) - 1);
      return i;
    };
    const head = new Uint32Array(n), metric = new Uint32Array(n), stat = new Uint32Array(n);
    const unit = new Uint32Array(n), location = new Uint32Array(n), value = new Float64Array(n);
    const inputs = new Map<number, Origin[]>();
    let last: Head | undefined;
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      // A run's records come one after another: a new head only where one of its fields changes.
      if (!last || !sameHead(last, r)) {
        last = {
          source: r.source,
          factors: r.factors,
          info: r.info,
          tool: r.tool,
          toolVersion: r.toolVersion,
          format: r.format,
          job: r.job,
          direction: r.direction,
          hasInfo: "info" in r,
        };
        heads.push(last);
      }
      head[i] = heads.length - 1;
      metric[i] = text(r.metric);
      stat[i] = text(r.stat);
      unit[i] = text(r.unit);
      location[i] = r.location !== undefined ? text(r.location) : "location" in r ? UNDEFINED : ABSENT;
      value[i] = r.value;
      if (r.inputs) inputs.set(i, r.inputs);
    }
    return new RecordList({ heads, strings, head, metric, stat, unit, location, value, inputs, index: null });
  }

  get length(): number {
    return this.index ? this.index.length : this.value.length;
  }

  /** The record at `i` (from the end when negative, as `Array.prototype.at`), or undefined. */
  at(i: number): Measurement | undefined {
    const n = this.length;
    if (i < 0) i += n;
    if (!(i >= 0 && i < n)) return undefined;
    return this.#record(this.index ? this.index[i] : i);
  }

  *[Symbol.iterator](): Iterator<Measurement> {
    for (let i = 0; i < this.length; i++) yield this.#record(this.#at(i));
  }

  filter(keep: (r: Measurement) => unknown): Measurement[] {
    const out: Measurement[] = [];
    for (let i = 0; i < this.length; i++) {
      const r = this.#record(this.#at(i));
      if (keep(r)) out.push(r);
    }
    return out;
  }

  /** The records `keep` accepts, as a list (the columns are shared, not copied). */
  keep(keep: (r: Measurement) => unknown): RecordList {
    const index: number[] = [];
    for (let i = 0; i < this.length; i++) {
      const at = this.#at(i);
      if (keep(this.#record(at))) index.push(at);
    }
    return new RecordList({
      heads: this.heads,
      strings: this.strings,
      head: this.head,
      metric: this.metric,
      stat: this.stat,
      unit: this.unit,
      location: this.location,
      value: this.value,
      inputs: this.inputs,
      index: Uint32Array.from(index),
    });
  }

  some(test: (r: Measurement) => unknown): boolean {
    for (let i = 0; i < this.length; i++) if (test(this.#record(this.#at(i)))) return true;
    return false;
  }

  every(test: (r: Measurement) => unknown): boolean {
    for (let i = 0; i < this.length; i++) if (!test(this.#record(this.#at(i)))) return false;
    return true;
  }

  find(test: (r: Measurement) => unknown): Measurement | undefined {
    for (let i = 0; i < this.length; i++) {
      const r = this.#record(this.#at(i));
      if (test(r)) return r;
    }
    return undefined;
  }

  map<U>(f: (r: Measurement) => U): U[] {
    const out = new Array<U>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = f(this.#record(this.#at(i)));
    return out;
  }

  /**
   * The records' factors objects, each once per run of records that share it (a run's records share one): what
   * passes over factors read, without a record object each.
   */
  factorObjects(): Factors[] {
    const out: Factors[] = [];
    let last = -1;
    for (let i = 0; i < this.length; i++) {
      const h = this.head[this.#at(i)];
      if (h === last) continue;
      last = h;
      const factors = this.heads[h].factors;
      if (out[out.length - 1] !== factors) out.push(factors);
    }
    return out;
  }

  /** How Deno (and a notebook's output) shows a list: its size, not its columns. */
  [Symbol.for("Deno.customInspect")](): string {
    return `RecordList(${this.length} records)`;
  }

  /** Every record as an array of objects. */
  toArray(): Measurement[] {
    return this.map((r) => r);
  }

  #at(i: number): number {
    return this.index ? this.index[i] : i;
  }

  #record(i: number): Measurement {
    const h = this.heads[this.head[i]];
    const loc = this.location[i];
    const location = loc >= UNDEFINED ? undefined : this.strings[loc];
    const metric = this.strings[this.metric[i]], stat = this.strings[this.stat[i]];
    const value = this.value[i], unit = this.strings[this.unit[i]] as Measurement["unit"];
    const { source, factors, info, tool, toolVersion, format, job, direction } = h;
    const inputs = this.inputs.get(i);
    // The loader's records: every key, in the loader's order (lib/ingest/rows.ts), so one read here is the same
    // object shape and prints as one read there.
    if (loc !== ABSENT && h.hasInfo && !inputs) {
      return {
        source,
        location,
        factors,
        info,
        tool,
        toolVersion,
        format,
        job,
        direction,
        metric,
        stat,
        value,
        unit,
      };
    }
    // Others (derived, or made by hand) with the keys they had.
    const r: Measurement = {
      source,
      factors,
      tool,
      toolVersion,
      format,
      job,
      direction,
      metric,
      stat,
      value,
      unit,
    };
    if (loc !== ABSENT) r.location = location;
    if (h.hasInfo) r.info = info;
    if (inputs) r.inputs = inputs;
    return r;
  }
}

function sameHead(h: Head, r: Measurement): boolean {
  return h.source === r.source && h.factors === r.factors && h.info === r.info && h.tool === r.tool &&
    h.toolVersion === r.toolVersion && h.format === r.format && h.job === r.job &&
    h.direction === r.direction && h.hasInfo === "info" in r;
}
