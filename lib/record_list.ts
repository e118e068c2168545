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
import {
  type Dataset,
  type Factors,
  fullRecord,
  type Measurement,
  type Origin,
  type RecordBase,
  type Rows,
} from "./model.ts";

/** What the records of one run (a file's job and direction) share: a record without its metric, value and place. */
export type Run = Readonly<Omit<RecordBase, "location">>;

/** What {@link RecordList.withRuns} changes in a run: the fields given replace the run's own. */
export type RunChange = Partial<Pick<RecordBase, "factors" | "info" | "job">>;

/** The fields of a record that {@link RecordList.select} tests: all but its value, place and inputs. */
export type RecordFields = Readonly<Omit<Measurement, "value" | "location" | "inputs">>;

type Head = Run & {
  /** Whether the records have an `info` key (the loader's always do, undefined when a file has none). */
  hasInfo: boolean;
};

interface Columns {
  heads: Head[];
  strings: string[];
  head: Uint32Array;
  metric: Uint32Array;
  stat: Uint32Array;
  unit: Uint32Array;
  location: Uint32Array;
  value: Float64Array;
  /** `inputs` of derived records, by position in the columns. */
  inputs: Map<number, Origin[]>;
  /** The positions a list shows, in order (a list `keep` made), or null for all of them. */
  index: Uint32Array | null;
}

/** A record without a `location` key, and one whose `location` is undefined. */
const ABSENT = 0xffffffff, UNDEFINED = 0xfffffffe;

export class RecordList implements Rows {
  /** A plain property (not `#private`), so `assert.deepEqual` compares two lists by their columns. */
  private readonly c: Columns;

  private constructor(c: Columns) {
    // One shape for every list's columns, however they were put together (spread, built): reading a record stays
    // monomorphic across lists.
    this.c = {
      heads: c.heads,
      strings: c.strings,
      head: c.head,
      metric: c.metric,
      stat: c.stat,
      unit: c.unit,
      location: c.location,
      value: c.value,
      inputs: c.inputs,
      index: c.index,
    };
  }

  /** The records of `rows`, in their order. */
  static from(rows: Iterable<Measurement> | RecordList): RecordList {
    if (rows instanceof RecordList) return rows;
    // An array's size is known: columns of that size, not grown by doubling and cut to size (3× the memory).
    // By index: `for … of` allocates an iterator result per record (340 000 at 20× the shipped data).
    if (Array.isArray(rows)) {
      const built = new RecordBuilder(rows.length);
      for (let i = 0; i < rows.length; i++) built.add(rows[i]);
      return built.build();
    }
    const built = new RecordBuilder();
    for (const r of rows) built.add(r);
    return built.build();
  }

  /** @internal The columns, for {@link RecordBuilder}. */
  static fromColumns(parts: Columns): RecordList {
    return new RecordList(parts);
  }

  get length(): number {
    return this.c.index ? this.c.index.length : this.c.value.length;
  }

  /** The record at `i` (from the end when negative, as `Array.prototype.at`), or undefined. */
  at(i: number): Measurement | undefined {
    const n = this.length;
    if (i < 0) i += n;
    if (!(i >= 0 && i < n)) return undefined;
    return this.#record(this.#at(i));
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

  /**
   * The records whose run `keep` accepts, as a list (the columns are shared): `keep` is asked once per run, and no
   * record is made to ask it.
   */
  keepRuns(keep: (run: Run) => unknown): RecordList {
    const c = this.c, verdict = new Int8Array(c.heads.length);
    const index: number[] = [];
    for (let i = 0; i < this.length; i++) {
      const at = this.#at(i), h = c.head[at];
      if (verdict[h] === 0) verdict[h] = keep(c.heads[h]) ? 1 : -1;
      if (verdict[h] === 1) index.push(at);
    }
    return new RecordList({ ...c, index: Uint32Array.from(index) });
  }

  /**
   * The runs of the records in their order: one entry for each stretch of records that share a run (a run whose
   * records are not all together is listed once per stretch). What passes that read a run's fields only go over.
   */
  runs(): Run[] {
    const out: Run[] = [];
    let last = -1;
    for (let i = 0; i < this.length; i++) {
      const h = this.c.head[this.#at(i)];
      if (h !== last) out.push(this.c.heads[last = h]);
    }
    return out;
  }

  /**
   * The same records with runs changed (an analysis' pairing factors, a label): `change` is asked once per run, and
   * what it returns replaces those fields of each of the run's records. The columns are shared, not copied.
   */
  withRuns(change: (run: Run) => RunChange | undefined): RecordList {
    const heads = this.c.heads.map((h) => {
      const changed = change(h);
      return changed ? newHead({ ...h, ...changed }, h.hasInfo || "info" in changed) : h;
    });
    return new RecordList({ ...this.c, heads });
  }

  /**
   * The records `test` accepts, as objects, tested on their fields without making a record each: one object,
   * changed for every record, is what `test` is given (it must not keep it). At 20× the shipped data the fio analysis
   * compares 14 400 of its 284 000 fio records.
   */
  select(test: (fields: RecordFields) => unknown): Measurement[] {
    const c = this.c, out: Measurement[] = [];
    const probe = {} as { -readonly [K in keyof RecordFields]: RecordFields[K] };
    for (let i = 0; i < this.length; i++) {
      const at = this.#at(i), h = c.heads[c.head[at]];
      probe.source = h.source;
      probe.factors = h.factors;
      probe.info = h.info;
      probe.tool = h.tool;
      probe.toolVersion = h.toolVersion;
      probe.format = h.format;
      probe.job = h.job;
      probe.direction = h.direction;
      probe.metric = c.strings[c.metric[at]];
      probe.stat = c.strings[c.stat[at]];
      probe.unit = c.strings[c.unit[at]] as Measurement["unit"];
      if (test(probe)) out.push(this.#record(at));
    }
    return out;
  }

  /** The records of `lists`, one after another, in columns of their own (copied: the lists may share none). */
  static concat(lists: RecordList[]): RecordList {
    const n = lists.reduce((sum, l) => sum + l.length, 0);
    const heads: Head[] = [], strings: string[] = [], known = new Map<string, number>();
    const head = new Uint32Array(n), metric = new Uint32Array(n), stat = new Uint32Array(n);
    const unit = new Uint32Array(n), location = new Uint32Array(n), value = new Float64Array(n);
    const inputs = new Map<number, Origin[]>();
    let at = 0;
    for (const l of lists) {
      const c = l.c,
        headAt = new Int32Array(c.heads.length).fill(-1),
        textAt = new Int32Array(c.strings.length).fill(-1);
      const text = (i: number) => {
        if (textAt[i] < 0) {
          const s = c.strings[i];
          let j = known.get(s);
          if (j === undefined) known.set(s, j = strings.push(s) - 1);
          textAt[i] = j;
        }
        return textAt[i];
      };
      for (let i = 0; i < l.length; i++, at++) {
        const from = l.#at(i), h = c.head[from];
        if (headAt[h] < 0) headAt[h] = heads.push(c.heads[h]) - 1;
        head[at] = headAt[h];
        metric[at] = text(c.metric[from]);
        stat[at] = text(c.stat[from]);
        unit[at] = text(c.unit[from]);
        const loc = c.location[from];
        location[at] = loc >= UNDEFINED ? loc : text(loc);
        value[at] = c.value[from];
        const x = c.inputs.get(from);
        if (x) inputs.set(at, x);
      }
    }
    return new RecordList({ heads, strings, head, metric, stat, unit, location, value, inputs, index: null });
  }

  /** The records `keep` accepts, as a list (the columns are shared, not copied). */
  keep(keep: (r: Measurement) => unknown): RecordList {
    const index: number[] = [];
    for (let i = 0; i < this.length; i++) {
      const at = this.#at(i);
      if (keep(this.#record(at))) index.push(at);
    }
    return new RecordList({ ...this.c, index: Uint32Array.from(index) });
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
    for (const { factors } of this.runs()) if (out[out.length - 1] !== factors) out.push(factors);
    return out;
  }

  /** How Deno (and a notebook's output) shows a list: its size, not its columns. */
  [Symbol.for("Deno.customInspect")](): string {
    return `RecordList(${this.length} records)`;
  }

  forEach(f: (r: Measurement) => void): void {
    for (let i = 0; i < this.length; i++) f(this.#record(this.#at(i)));
  }

  /** Every record as an array of objects. */
  toArray(): Measurement[] {
    return this.map((r) => r);
  }

  #at(i: number): number {
    return this.c.index ? this.c.index[i] : i;
  }

  #record(i: number): Measurement {
    const c = this.c, h = c.heads[c.head[i]], loc = c.location[i];
    const location = loc >= UNDEFINED ? undefined : c.strings[loc];
    const metric = c.strings[c.metric[i]], stat = c.strings[c.stat[i]], value = c.value[i];
    const unit = c.strings[c.unit[i]] as Measurement["unit"];
    const inputs = c.inputs.get(i);
    // The loader's records: every key, in the loader's order, so one read here is the same object shape and prints
    // as one read there.
    if (loc !== ABSENT && h.hasInfo && !inputs) {
      return fullRecord(h, h.job, h.direction, location, metric, stat, value, unit);
    }
    // Others (derived, or made by hand) with the keys they had.
    const { source, factors, tool, toolVersion, format, job, direction } = h;
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
    if (h.hasInfo) r.info = h.info;
    if (inputs) r.inputs = inputs;
    return r;
  }
}

/** The dataset with its records in columns (itself when they are). */
export function inColumns(d: Dataset<Measurement[] | RecordList>): Dataset<RecordList> {
  return d.rows instanceof RecordList ? d as Dataset<RecordList> : { ...d, rows: RecordList.from(d.rows) };
}

/**
 * A head, always made here: heads of one shape keep reading a record monomorphic (a list whose changed runs were
 * spread copies read its records at 25 ms per 300 000 instead of 14).
 */
function newHead(r: Run, hasInfo: boolean): Head {
  return {
    source: r.source,
    factors: r.factors,
    info: r.info,
    tool: r.tool,
    toolVersion: r.toolVersion,
    format: r.format,
    job: r.job,
    direction: r.direction,
    hasInfo,
  };
}

function sameHead(h: Head, r: Measurement): boolean {
  return h.source === r.source && h.factors === r.factors && h.info === r.info && h.tool === r.tool &&
    h.toolVersion === r.toolVersion && h.format === r.format && h.job === r.job &&
    h.direction === r.direction && h.hasInfo === "info" in r;
}

/**
 * Records added one at a time (a folder's files as they arrive) into growing columns; {@link build} gives the list,
 * in the order added or in the order of spans of it. The records given are not kept: only their fields.
 */
export class RecordBuilder {
  readonly #heads: Head[] = [];
  readonly #strings: string[] = [];
  readonly #known = new Map<string, number>();
  #head: Uint32Array;
  #metric: Uint32Array;
  #stat: Uint32Array;
  #unit: Uint32Array;
  #location: Uint32Array;
  #value: Float64Array;
  readonly #inputs = new Map<number, Origin[]>();
  #n = 0;
  #last: Head | undefined;

  /** `size`: how many records will be added, when known (the columns start that long). */
  constructor(size = 1024) {
    const n = Math.max(1, size);
    this.#head = new Uint32Array(n);
    this.#metric = new Uint32Array(n);
    this.#stat = new Uint32Array(n);
    this.#unit = new Uint32Array(n);
    this.#location = new Uint32Array(n);
    this.#value = new Float64Array(n);
  }

  /** Records added so far: where the next one goes. */
  get length(): number {
    return this.#n;
  }

  add(r: Measurement): void {
    if (this.#n === this.#value.length) this.#grow();
    const i = this.#n++;
    // A run's records come one after another: a new head only where one of its fields changes.
    if (!this.#last || !sameHead(this.#last, r)) {
      this.#last = newHead(r, "info" in r);
      this.#heads.push(this.#last);
    }
    this.#head[i] = this.#heads.length - 1;
    this.#metric[i] = this.#text(r.metric);
    this.#stat[i] = this.#text(r.stat);
    this.#unit[i] = this.#text(r.unit);
    this.#location[i] = r.location !== undefined
      ? this.#text(r.location)
      : "location" in r
      ? UNDEFINED
      : ABSENT;
    this.#value[i] = r.value;
    if (r.inputs) this.#inputs.set(i, r.inputs);
  }

  /** The records added, in the order added, or in the order of `spans` (each `[start, end)` of the order added). */
  build(spans?: [number, number][]): RecordList {
    const n = spans ? spans.reduce((sum, [a, b]) => sum + b - a, 0) : this.#n;
    const cut = <T extends Uint32Array | Float64Array>(column: T, make: (n: number) => T): T => {
      if (!spans) return n === column.length ? column : column.slice(0, n) as T;
      const out = make(n);
      let at = 0;
      for (const [a, b] of spans) {
        out.set(column.subarray(a, b), at);
        at += b - a;
      }
      return out;
    };
    const u32 = (n: number) => new Uint32Array(n);
    let inputs = this.#inputs;
    if (spans && inputs.size) {
      inputs = new Map();
      let at = 0;
      for (const [a, b] of spans) {
        for (let i = a; i < b; i++, at++) {
          const x = this.#inputs.get(i);
          if (x) inputs.set(at, x);
        }
      }
    }
    return RecordList.fromColumns({
      heads: this.#heads,
      strings: this.#strings,
      head: cut(this.#head, u32),
      metric: cut(this.#metric, u32),
      stat: cut(this.#stat, u32),
      unit: cut(this.#unit, u32),
      location: cut(this.#location, u32),
      value: cut(this.#value, (n) => new Float64Array(n)),
      inputs,
      index: null,
    });
  }

  #text(s: string): number {
    let i = this.#known.get(s);
    if (i === undefined) this.#known.set(s, i = this.#strings.push(s) - 1);
    return i;
  }

  #grow(): void {
    const grown = <T extends Uint32Array | Float64Array>(column: T): T => {
      const out = new (column.constructor as new (n: number) => T)(column.length * 2);
      out.set(column);
      return out;
    };
    this.#head = grown(this.#head);
    this.#metric = grown(this.#metric);
    this.#stat = grown(this.#stat);
    this.#unit = grown(this.#unit);
    this.#location = grown(this.#location);
    this.#value = grown(this.#value);
  }
}
