/**
 * Building tidy rows with validation in one place: every parser adds numbers through a
 * {@link RowSink}, which refuses NaN, Infinity and negative values with the exact location.
 * @module
 */
import {
  type Dataset,
  type Direction,
  type Factors,
  type Format,
  fullRecord,
  type Series,
  type Tool,
  type Unit,
} from "../model.ts";
import { InvalidValueError } from "./errors.ts";

export interface RowContext {
  source: string;
  factors: Factors;
  /** Descriptive factors (see `RecordBase.info`). */
  info?: Factors;
  tool: Tool;
  toolVersion: string;
  format: Format;
}

export function emptyDataset(): Dataset {
  return { rows: [], series: [], histograms: [], warnings: [], files: [] };
}

export class RowSink {
  readonly dataset: Dataset;
  /** `shared`: add to another sink's dataset (one job of a multi-job file) instead of starting a file. */
  constructor(readonly ctx: RowContext, shared?: Dataset) {
    this.dataset = shared ?? emptyDataset();
    if (!shared) {
      this.dataset.files.push({ source: ctx.source, format: ctx.format, toolVersion: ctx.toolVersion });
    }
  }

  /** A sink for one job of the same file, with that job's own factors (e.g. its fio job options). */
  forJob(factors: Factors, info?: Factors): RowSink {
    return new RowSink({ ...this.ctx, factors, info: info ?? this.ctx.info }, this.dataset);
  }

  /**
   * Adds one measurement after checking it is a finite, non-negative number.
   * `scale` converts to the normalised unit (e.g. 1024 for KiB/s → B/s, 1000 for µs → ns).
   */
  add(
    job: string,
    direction: Direction,
    metric: string,
    stat: string,
    raw: unknown,
    unit: Unit,
    location: string,
    scale = 1,
  ): void {
    // Check after scaling too: 1e308 µs is finite, 1e308 µs in ns is not.
    const value = checkNumber(checkNumber(raw, this.ctx.source, location) * scale, this.ctx.source, location);
    // One whole record, `info` always in it (undefined without descriptive factors): one compact object shape for
    // every row (model.ts fullRecord). A spread of an optional `info` gave each row a separate, padded property store.
    this.dataset.rows.push(fullRecord(this.ctx, job, direction, location, metric, stat, value, unit));
  }

  /** Adds a series over time of one job and direction, with the file's context (its factors, tool and format). */
  addSeries(
    s: Pick<Series, "location" | "job" | "direction" | "metric" | "unit" | "t" | "value" | "interval">,
  ): void {
    const { source, factors, info, tool, toolVersion, format } = this.ctx;
    this.dataset.series.push({
      source,
      location: s.location,
      factors,
      info, // undefined when the file has none: model.ts RecordBase.info
      tool,
      toolVersion,
      format,
      job: s.job,
      direction: s.direction,
      metric: s.metric,
      unit: s.unit,
      t: s.t,
      value: s.value,
      interval: s.interval,
    });
  }

  /** A warning that names its file (and place): read alone or folded with others, it says where. */
  warn(message: string, location?: string): void {
    const source = this.ctx.source;
    const where = location ? `${source}, ${location}` : source;
    const text = message.startsWith(`${source}`) ? message : `${where}: ${message}`;
    this.dataset.warnings.push({ source, location, message: text });
  }
}

/** A finite non-negative number, or an InvalidValueError naming file and location. */
export function checkNumber(raw: unknown, file: string, location: string): number {
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidValueError({
      file,
      location,
      found: raw === undefined
        ? "no value"
        : typeof raw === "number"
        ? `${raw} (too large or not a number once converted)`
        : JSON.stringify(raw) ?? String(raw),
      expected: "a finite number",
    });
  }
  if (value < 0) {
    throw new InvalidValueError({
      file,
      location,
      found: `a negative number (${value})`,
      expected: "a value ≥ 0",
      hint: "Rates, counts and latencies cannot be negative; the file may be damaged or hand-edited",
    });
  }
  return value;
}

/** Percentile key as fio writes it ("99.900000") → stat name ("p99.9"). */
export function percentileStat(key: string): string {
  return `p${Number(key.replace(/%$/, ""))}`;
}
