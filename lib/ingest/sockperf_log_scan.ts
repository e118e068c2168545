/**
 * A sockperf `--full-log` file read in fixed-size chunks: each message line is parsed from its bytes
 * straight into the round-trip histogram, so neither the file's text nor one string per message exists
 * (a 2 MB log used to become 2 MB of text plus 50 000 line strings). Only the few lines that are not
 * messages (the summary, headers, separators) become strings, and they go through the same regexes as
 * {@link parseSockperfLog}.
 *
 * The result equals parseSockperfLog's, bin for bin: a number is read exactly as `Number()` reads it
 * (digits → an integer below 2⁵³ divided by an exact power of ten, one correctly rounded division:
 * Clinger's fast path), and any line outside that simple layout is handed, as a string, to the same
 * per-line function. When the file would fail (sockperf's own error lines, a bad message line, no
 * messages), it returns undefined and the caller reads it whole with parseSockperfLog, which reports
 * the problem with its usual sentence.
 * @module
 */
import type { Dataset, Factors } from "../model.ts";
import { LogHistogram } from "./log_histogram.ts";
import { RowSink } from "./rows.ts";
import { CSV_HEADER, FAILURE, pushRoundTrips, roundTrip, SERVER_SECTION, stripAnsi } from "./sockperf.ts";
import { doubled, scratchBytes } from "./scratch.ts";

/** Powers of ten that are exact doubles (10²² is the last). */
const EXACT_TENS = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Up to 15 digits: the integer they spell is below 2⁵³, so it is exact. */
const MAX_DIGITS = 15;
/** Lines longer than this are not message lines; the whole-text parser reads such a file. */
const MAX_LINE = 1 << 16;

/** tx, rx, shown of the line {@link fastMessage} read. */
const fields = new Float64Array(3);

/**
 * Reads `packet, tx, rx, shown` (plain decimals, spaces around them allowed) from buf[s..e) into
 * {@link fields}; false for any other layout (the string path decides about those).
 */
function fastMessage(buf: Uint8Array, s: number, e: number): boolean {
  return readFields(buf, s, e) === e;
}

/**
 * {@link fastMessage} for a line not yet cut out: reads the fields from buf[s..) and returns the index of the
 * line's newline (after an optional CR), or -1 when the line is not a plain message or ends past `limit`. The
 * scan's common case: each message byte is looked at once, not once for the newline and again for the fields.
 */
function messageEnd(buf: Uint8Array, s: number, limit: number): number {
  const i = readFields(buf, s, limit);
  if (i < 0 || i >= limit) return -1;
  if (buf[i] === 10) return i;
  return buf[i] === 13 && i + 1 < limit && buf[i + 1] === 10 ? i + 1 : -1;
}

/** The three numbers of a message from buf[s..) into {@link fields}: the index after them (and spaces), or -1. */
function readFields(buf: Uint8Array, s: number, e: number): number {
  // The packet number is not used, but only digits keep sockperf's own words (an "ERROR:" line) off this path.
  let i = s;
  let c = 0;
  while (i < e) {
    c = buf[i];
    if ((c - 48) >>> 0 < 10 || c === 32) i++;
    else break;
  }
  if (i === s || i >= e || c !== 44) return -1;
  for (let f = 0; f < 3; f++) {
    i = readNumber(buf, i + 1, e, f); // past the comma
    if (i < 0 || (f < 2 && (i >= e || buf[i] !== 44))) return -1;
  }
  return i;
}

/**
 * A plain decimal (spaces around it allowed) from buf[s..) into fields[f]: the index after it, or -1. The digits
 * before and after the point are read as two int32s of up to 9 digits each (an integer multiply-add per digit: a
 * double's, a chain of floating-point multiply-adds, was half of the scan's time) and joined into one integer below
 * 2⁵³ (≤ 15 digits), so exact, then divided once by an exact power of ten; a longer number is read by
 * {@link readLongNumber} into the same integer.
 */
function readNumber(buf: Uint8Array, s: number, e: number, f: number): number {
  let i = s;
  while (i < e && buf[i] === 32) i++;
  const start = i;
  let whole = 0, wholeDigits = 0, part = 0, partDigits = 0;
  while (i < e) {
    const d = buf[i] - 48;
    if (d >>> 0 >= 10) break;
    whole = (whole * 10 + d) | 0;
    wholeDigits++;
    i++;
  }
  if (i < e && buf[i] === 46 /* . */ && wholeDigits > 0) {
    i++;
    while (i < e) {
      const d = buf[i] - 48;
      if (d >>> 0 >= 10) break;
      part = (part * 10 + d) | 0;
      partDigits++;
      i++;
    }
  }
  if (wholeDigits > INT_DIGITS || partDigits > INT_DIGITS) return readLongNumber(buf, start, e, f);
  while (i < e && buf[i] === 32) i++;
  if (wholeDigits === 0 || wholeDigits + partDigits > MAX_DIGITS) return -1;
  fields[f] = partDigits > 0 ? (whole * EXACT_TENS[partDigits] + part) / EXACT_TENS[partDigits] : whole;
  return i;
}

/** Digits an int32 holds whatever they are. */
const INT_DIGITS = 9;

/** {@link readNumber} for one with more than {@link INT_DIGITS} digits on a side: gathered in one double. */
function readLongNumber(buf: Uint8Array, s: number, e: number, f: number): number {
  let i = s, mantissa = 0, digits = 0, fraction = 0;
  while (i < e) {
    const d = buf[i] - 48;
    if (d >>> 0 >= 10) break;
    mantissa = mantissa * 10 + d;
    digits++;
    i++;
  }
  if (i < e && buf[i] === 46 /* . */ && digits > 0) {
    i++;
    while (i < e) {
      const d = buf[i] - 48;
      if (d >>> 0 >= 10) break;
      mantissa = mantissa * 10 + d;
      digits++;
      fraction++;
      i++;
    }
  }
  while (i < e && buf[i] === 32) i++;
  if (digits === 0 || digits > MAX_DIGITS) return -1;
  fields[f] = fraction > 0 ? mantissa / EXACT_TENS[fraction] : mantissa;
  return i;
}

/** Thrown inside the scan when the file needs the whole-text parser; never leaves this module. */
const UNUSUAL = Symbol("unusual");

/** The histograms parseSockperfLog would give for the file at `path`, or undefined (see the module note). */
export function scanSockperfLog(
  path: string,
  source: string,
  factors: Factors = {},
  chunkSize = 1 << 20,
): Dataset | undefined {
  const sink = new RowSink({ source, factors, tool: "sockperf", toolVersion: "", format: "sockperf-log" });
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let no = 0;
  let server = 0, servers = 0;
  // The message section being read: its header's line, half (one-way "latency" columns) and counts.
  let section: { header: number; denominator: number; counts: LogHistogram } | null = null;
  const close = (last: number) => {
    const s = section!;
    section = null;
    pushRoundTrips(sink, {
      source,
      factors,
      location: `lines ${s.header + 1}–${last}`,
      server,
      servers,
      counts: s.counts,
    });
  };
  const asText = (buf: Uint8Array, s: number, e: number): string => {
    const text = stripAnsi(decoder.decode(buf.subarray(s, e)));
    if (FAILURE.test(text)) throw UNUSUAL;
    return text;
  };
  /** Adds the message in {@link fields} to the section, if its round trip agrees with the one sockperf shows. */
  const addFields = (): boolean => {
    const rtt = Math.round((fields[1] - fields[0]) * 1e9);
    const d = section!.denominator;
    if (rtt >= 0 && Number.isFinite(rtt) && Math.abs(fields[2] * 1000 * d - rtt) <= 2 * d) {
      section!.counts.add(rtt);
      return true;
    }
    return false;
  };
  /** One line without its newline (and without the CR before it, like split(/\r?\n/)). */
  const line = (buf: Uint8Array, s: number, e: number) => {
    no++;
    if (section) {
      if (e > s && buf[s] !== 45 /* - */ && fastMessage(buf, s, e) && addFields()) return;
      const text = asText(buf, s, e);
      if (text === "" || /^-+$/.test(text)) return close(no - 1);
      try {
        section.counts.add(roundTrip(text, no, section.denominator, source));
      } catch {
        throw UNUSUAL;
      }
      return;
    }
    const text = asText(buf, s, e);
    const m = text.match(SERVER_SECTION);
    if (m) server = Number(m[1]);
    const header = text.match(CSV_HEADER);
    if (header) {
      servers++;
      section = { header: no, denominator: header[1] === "latency" ? 2 : 1, counts: new LogHistogram() };
    }
  };
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch {
    return undefined; // the whole-text path reports it
  }
  try {
    let buf = scratchBytes(chunkSize);
    let filled = 0, first = true;
    for (;;) {
      if (filled === buf.length) {
        if (buf.length >= MAX_LINE) throw UNUSUAL;
        buf = doubled(buf);
      }
      const n = file.readSync(buf.subarray(filled));
      if (n === null) break;
      filled += n;
      let start = 0;
      // The file's own byte-order mark is not text (readTextFileSync drops it too).
      if (first && filled >= 3) {
        first = false;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
      }
      for (;;) {
        let nl = section ? messageEnd(buf, start, filled) : -1;
        if (nl >= 0 && addFields()) no++;
        else {
          nl = buf.indexOf(10, start);
          if (nl < 0 || nl >= filled) break;
          line(buf, start, nl > start && buf[nl - 1] === 13 ? nl - 1 : nl);
        }
        start = nl + 1;
      }
      buf.copyWithin(0, start, filled);
      filled -= start;
    }
    // The text after the last newline is one more line, "" when the file ends with one.
    if (filled > 0 || section) line(buf, 0, filled);
    if (section) close(no);
  } catch (e) {
    if (e === UNUSUAL) return undefined;
    throw e;
  } finally {
    file.close();
  }
  return sink.dataset.histograms.length ? sink.dataset : undefined;
}
