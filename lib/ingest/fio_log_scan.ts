/**
 * The byte-level fio log scanner: one pass over a byte range of a log that starts at a line start,
 * feeding {@link DirectionStats} per direction — no per-line strings, no regexes. Every line is parsed
 * on its own (no state crosses a newline), so a log cut at line starts and scanned in parts gives the
 * same values as one pass. Line numbers in failures count from the range's start; the caller adds the
 * lines before it.
 * @module
 */
import { DirectionStats } from "./fio_log_stats.ts";
import { scratchBytes } from "./scratch.ts";

/** Longer than any benchmark run: beyond it a time stamp is damage, and binning it would need absurd memory. */
const MAX_TIME_MS = 366 * 24 * 3600 * 1000;

/** What is wrong with a line, before the file name and absolute line are known (plain data: crosses threads). */
export interface ScanFailure {
  kind: "parse" | "invalid";
  /** 1-based line within the scanned range. */
  line: number;
  /** 1-based field, when the problem is in one field. */
  field?: number;
  found: string;
  hint?: string;
  expected?: string;
}

export interface ScanResult {
  /** Indexed by fio's direction number: 0 read, 1 write, 2 trim. */
  stats: (DirectionStats | undefined)[];
  /** Newlines in the range: the next range's first line is this many lines further. */
  newlines: number;
  failure?: ScanFailure;
}

export const LINE_EXPECTED =
  "a log line of comma-separated numbers: time_ms, value, direction (0/1/2), block size" +
  "[, offset][, priority][, issue time]";

/** time, value, direction of the line {@link fastLine} read. */
const parsed = new Float64Array(3);

/**
 * Reads one whole line of the layout fio writes (`123, 4567, 0, 4096[, 0][, 0x0][, 89]`: unsigned
 * integers, hex only after the block size) that ends within `buf[i..n)`, into {@link parsed}; returns the
 * index after its newline, or -1 — and touches nothing — for any other line, which the byte-by-byte
 * parser then reads (and accepts with the same values, or refuses with a precise message).
 */
function fastLine(buf: Uint8Array, i: number, n: number): number {
  let field = 0, c = 0, time = 0, value = 0, ddir = 0;
  for (;;) {
    while (i < n && buf[i] === 32) i++;
    let num = 0, digits = 0;
    if (field >= 4 && buf[i] === 48 && buf[i + 1] === 120 /* 0x */) {
      i += 2;
      while (i < n && ((c = buf[i]) >= 48 && c <= 57 || (c | 32) >= 97 && (c | 32) <= 102)) i++, digits++;
    } else {
      while (i < n && (c = buf[i]) >= 48 && c <= 57) num = num * 10 + (c - 48), i++, digits++;
    }
    if (digits === 0 || i >= n) return -1;
    if (field === 0) time = num;
    else if (field === 1) value = num;
    else if (field === 2) ddir = num;
    field++;
    c = buf[i++];
    if (c === 10) break;
    if (c !== 44 || field === 7) return -1;
  }
  if (field < 4 || ddir > 2 || time > MAX_TIME_MS) return -1;
  parsed[0] = time, parsed[1] = value, parsed[2] = ddir;
  return i;
}

/**
 * Scans bytes [start, end) of an open log; end = Infinity reads on from where the file is (a FIFO too).
 * Synchronous reads: a thread scanning a range has nothing else to do, and async reads cost a thread-pool
 * hop per chunk.
 */
export function scanLogRange(
  file: Deno.FsFile,
  start: number,
  end: number,
  binMs: number,
  chunkSize = 1 << 20,
): ScanResult {
  const stats: (DirectionStats | undefined)[] = [];
  // A finite range is a part of a regular file; an open-ended one may be a FIFO, which cannot seek.
  if (end !== Infinity) file.seekSync(start, Deno.SeekMode.Start);
  const buf = scratchBytes(chunkSize);
  let left = end - start;
  let line = 1, field = 0, num = 0, frac = 0, inNumber = false, negative = false, hex = false;
  let time = 0, value = 0, ddir = 0;
  const fail = (found: string, hint?: string): never => {
    throw { kind: "parse", line, field: field + 1, found, hint } satisfies ScanFailure;
  };
  const endField = () => {
    if (!inNumber) fail(field === 0 ? "an empty line or a line without numbers" : "an empty field");
    const v = frac ? num / frac : num;
    if (field === 0) time = v;
    else if (field === 1) value = negative ? -v : v;
    else if (field === 2) ddir = v;
    field++;
    num = 0, frac = 0, inNumber = false, negative = false, hex = false;
  };
  const endLine = () => {
    endField();
    if (field < 4) fail(`${field} fields`);
    if (value < 0) {
      throw {
        kind: "invalid",
        line,
        found: `a negative value (${value})`,
        expected: "a value ≥ 0",
      } satisfies ScanFailure;
    }
    if (time > MAX_TIME_MS) {
      throw {
        kind: "invalid",
        line,
        field: 1,
        found: `a time of ${time} ms`,
        expected: "a time within a year of the run's start",
        hint: "The log is damaged or not a fio log",
      } satisfies ScanFailure;
    }
    if (ddir > 2 || !Number.isInteger(ddir)) {
      field = 2; // report the direction's own column
      fail(
        `direction ${ddir}`,
        "fio ≥ 3.37 with log_window_value=both writes the window maximum before the direction; " +
          "log the average or the maximum alone",
      );
    }
    (stats[ddir] ??= new DirectionStats()).add(Math.floor(time / binMs), value);
    field = 0;
  };
  try {
    while (left > 0) {
      const n = file.readSync(left < buf.length ? buf.subarray(0, left) : buf);
      if (n === null) break;
      left -= n;
      for (let i = 0; i < n; i++) {
        // At a line start, try the common layout in one go; anything unusual goes byte by byte below.
        if (field === 0 && !inNumber && !negative) {
          const after = fastLine(buf, i, n);
          if (after >= 0) {
            (stats[parsed[2]] ??= new DirectionStats()).add(Math.floor(parsed[0] / binMs), parsed[1]);
            line++;
            i = after - 1;
            continue;
          }
        }
        const c = buf[i];
        if (c >= 48 && c <= 57) {
          num = num * 10 + (c - 48);
          if (frac) frac *= 10;
          inNumber = true;
        } else if (c === 44 /* , */) endField();
        else if (c === 10 /* \n */) {
          if (field > 0 || inNumber || negative) endLine();
          line++;
        } else if (c === 32 || c === 13 || c === 9) { /* spaces, CR, tabs */ }
        else if (c === 46 /* . */ && inNumber && !frac) frac = 1;
        else if (c === 45 /* - */ && !inNumber && !negative) negative = true;
        // log_prio=1 writes the priority as 0x-hex; the columns after the block size are not used.
        else if (c === 120 /* x */ && field >= 4 && inNumber && num === 0 && !hex) hex = true;
        else if (hex && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) { /* hex digit a-f, A-F */ }
        else fail(`the character ${JSON.stringify(String.fromCharCode(c))}`);
        if (field > 6) fail("more than 7 fields");
      }
    }
    if (field > 0 || inNumber || negative) endLine();
  } catch (e) {
    if (e instanceof Error) throw e;
    return { stats, newlines: line - 1, failure: e as ScanFailure };
  }
  return { stats, newlines: line - 1 };
}
