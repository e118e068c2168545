/**
 * iperf 2 `-y C` (CSV) output → tidy rows.
 *
 * Fields (iperf 2.0/2.1): 1 timestamp, 2 local IP, 3 local port, 4 remote IP, 5 remote port,
 * 6 transfer id (-1 = sum of `-P` streams), 7 interval "start-end" (s), 8 bytes, 9 bits/s;
 * a UDP server report adds 10 jitter (ms), 11 lost datagrams, 12 total datagrams, 13 loss (%),
 * 14 out-of-order datagrams. Enhanced (`-e`) lines carry more fields after these, which are ignored.
 * Lines covering the whole run (interval starting at 0 and reaching the last end) are the run's result;
 * shorter intervals form a per-interval Series. Lines that are not data (headers people add) are skipped
 * with a warning.
 * Factors from content: `protocol` (TCP or UDP, as iperf3 spells it) and `num_streams` (distinct transfer ids).
 * @module
 */
import type { Dataset, Factors } from "../model.ts";
import { mergeContent } from "./content.ts";
import { ParseError, ToolRunError } from "./errors.ts";
import { checkNumber, RowSink } from "./rows.ts";
import { maxOf } from "../arrays.ts";
import { runEndsByLine } from "./text.ts";

/** One line of an iperf 2 run, CSV or text: a transfer's interval, or its UDP server report (`udp`). */
export interface Line {
  no: number;
  id: number;
  from: number;
  to: number;
  bytes: number;
  bps: number;
  udp?: { jitterMs: number; lost: number; total: number; lossPct: number };
  /** A UDP line whose server report is missing (total datagrams -1). */
  noReport?: boolean;
}

const DATA_LINE = /^\d{8,}(\.\d+)?,/;

export function parseIperf2Csv(
  text: string,
  source: string,
  factors: Factors = {},
  info: Factors = {},
): Dataset {
  const file = new RowSink({ source, factors, info, tool: "iperf2", toolVersion: "", format: "iperf2-csv" });
  const lines: Line[] = [];
  const empty: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    if (!DATA_LINE.test(raw)) {
      file.warn(
        `skipped a line that is not iperf 2 CSV data: ${JSON.stringify(raw.slice(0, 60))}`,
        `line ${i + 1}`,
      );
      return;
    }
    const line = parseLine(raw, i + 1, source);
    // "0.0-0.0": iperf 2 writes it for a transfer that never ran (no connection, killed at once); it measured
    // nothing, so it is named, never taken as a rate of 0 or dropped unsaid.
    if (line.to <= line.from) empty.push(line);
    else lines.push(line);
  });
  if (lines.length === 0) {
    throw new ToolRunError({
      file: source,
      location: empty.length ? `line ${empty[0].no}` : undefined,
      found: empty.length
        ? `only ${empty.length === 1 ? "a line" : `${empty.length} lines`} of interval ${
          JSON.stringify(`${empty[0].from.toFixed(1)}-${empty[0].to.toFixed(1)}`)
        } (a transfer that did not run)`
        : "no iperf 2 CSV data line",
      expected: empty.length ? "a transfer of some length" : "lines written by iperf -y C",
    });
  }
  for (const l of empty) {
    file.warn(
      `skipped a line of interval ${l.from.toFixed(1)}-${l.to.toFixed(1)} s (a transfer that did not run)`,
      `line ${l.no}`,
    );
  }
  return iperf2Rows(file, lines, factors, "total datagrams -1");
}

/**
 * The rows of an iperf 2 run from its lines (CSV or text; `file` is the file's sink): the client's lines are what
 * was sent, the UDP server reports what was received. `noReport` says how the format shows a missing report.
 */
export function iperf2Rows(file: RowSink, lines: Line[], factors: Factors, noReport: string): Dataset {
  const source = file.ctx.source;
  const reports = lines.filter((l) => l.udp);
  const clients = lines.filter((l) => !l.udp);
  const missing = lines.filter((l) => l.noReport);
  const proto = reports.length || missing.length ? "udp" : "tcp";
  const streams = new Set(clients.filter((l) => l.id !== -1).map((l) => l.id)).size ||
    new Set(reports.filter((l) => l.id !== -1).map((l) => l.id)).size;
  const content = { protocol: proto.toUpperCase(), ...(streams ? { num_streams: String(streams) } : {}) };
  const sink = file.forJob(mergeContent(factors, content, source, (m) => file.warn(m)));
  if (missing.length) {
    sink.warn(
      `the UDP server report is missing (${noReport}): loss and jitter are unknown, only the sender's rate is kept`,
      `line ${missing[0].no}`,
    );
  }
  addSide(sink, proto, clients, "send");
  addSide(sink, proto, reports, "receive");
  return sink.dataset;
}

/**
 * Where each run of an iperf 2 CSV ends (the offset of the next run's first line, then the text's length), when
 * several were appended to one file (`iperf -c … -y C >> runs.csv`). A run starts again at a transfer's line from
 * 0 s that both
 * - ends no later than a line of the same transfer id from 0 s before it (an interval that restarts, `0.0-1.0` after
 *   the whole run's `0.0-10.0`, or a second whole-run line; the client's lines and the server's UDP reports apart),
 * - and began, by its time stamp, when every line before it had been written (to the stamp's second): transfers
 *   that overlap in time are streams of one run (concurrent iperf processes, each on its own port).
 * A `0.0-0.0` line (a transfer that never ran) starts nothing.
 */
export function iperf2RunEnds(text: string): number[] {
  let latest = new Map<string, number>();
  let written = -Infinity;
  return runEndsByLine(text, (line) => {
    const fields = line.trimEnd().split(",");
    const stamp = stampSeconds(fields[0]);
    const interval = stamp === null ? null : fields[6]?.match(INTERVAL);
    if (stamp === null || !interval) return false;
    const [from, to] = [Number(interval[1]), Number(interval[2])];
    const transfer = `${fields[5]} ${fields.length >= 14 ? "report" : "client"}`;
    const before = latest.get(transfer);
    const starts = from === 0 && to > 0 && before !== undefined && to <= before && stamp - to >= written - 1;
    if (starts) {
      latest = new Map();
      written = -Infinity;
    }
    if (from === 0 && to > 0) latest.set(transfer, Math.max(to, latest.get(transfer) ?? 0));
    written = Math.max(written, stamp);
    return starts;
  });
}

/** An iperf 2 time stamp (`20261125124614`, `20261125124614.123`) in seconds, or null for anything else. */
function stampSeconds(field: string): number | null {
  const m = field.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?$/);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000 + Number(m[7] ?? 0);
}

const INTERVAL = /^\s*(\d+(?:\.\d+)?)-\s*(\d+(?:\.\d+)?)\s*$/;

function parseLine(raw: string, no: number, file: string): Line {
  const f = raw.split(",");
  if (f.length < 9) {
    throw new ParseError({
      file,
      location: `line ${no}`,
      found: `${f.length} comma-separated fields`,
      expected: "at least 9 (timestamp, addresses, ports, id, interval, bytes, bits/s)",
    });
  }
  const num = (k: number) => checkNumber(f[k], file, `line ${no}, field ${k + 1}`);
  const interval = f[6].match(INTERVAL);
  if (!interval) {
    throw new ParseError({
      file,
      location: `line ${no}, field 7`,
      found: JSON.stringify(f[6]),
      expected: 'an interval "start-end"',
    });
  }
  const id = Number(f[5]);
  const line: Line = {
    no,
    id,
    from: Number(interval[1]),
    to: Number(interval[2]),
    bytes: num(7),
    bps: num(8),
  };
  // iperf 2.1 writes total = -1 (and loss -0.000) when the server's report never arrived: unknown, not negative.
  if (f.length === 14 && Number(f[11]) >= 0) {
    line.udp = { jitterMs: num(9), lost: num(10), total: num(11), lossPct: num(12) };
  } else if (f.length === 14) line.noReport = true;
  return line;
}

function addSide(sink: RowSink, proto: string, lines: Line[], direction: "send" | "receive"): void {
  if (lines.length === 0) return;
  // With -P, iperf writes sum lines (id -1); use them, else the single stream.
  const sums = lines.filter((l) => l.id === -1);
  const ids = new Set(lines.map((l) => l.id));
  const chosen = sums.length ? sums : lines;
  if (!sums.length && ids.size > 1) {
    sink.warn(`${ids.size} transfers without a sum line (-P); each transfer's whole-run line is summed`);
  }
  const end = maxOf(chosen.map((l) => l.to));
  const whole = chosen.filter((l) => l.from === 0 && l.to >= end - 0.5);
  const intervals = chosen.filter((l) => !whole.includes(l));
  if (whole.length === 0) {
    sink.warn("no whole-run line; the run's result is missing and only intervals are kept");
  } else {
    const loc = `line ${whole.map((l) => l.no).join("+")}`;
    const total = (get: (l: Line) => number) => whole.reduce((s, l) => s + get(l), 0);
    sink.add(proto, direction, "throughput", "mean", total((l) => l.bps), "B/s", loc, 1 / 8);
    sink.add(proto, direction, "bytes", "total", total((l) => l.bytes), "B", loc);
    const udp = whole.filter((l) => l.udp);
    if (udp.length) {
      const lost = total((l) => l.udp?.lost ?? 0);
      const packets = total((l) => l.udp?.total ?? 0);
      sink.add(
        proto,
        direction,
        "jitter",
        "mean",
        total((l) => l.udp?.jitterMs ?? 0) / udp.length,
        "ns",
        loc,
        1e6,
      );
      sink.add(proto, direction, "lost", "total", lost, "count", loc);
      sink.add(proto, direction, "packets", "total", packets, "count", loc);
      sink.add(proto, direction, "loss", "mean", packets ? (100 * lost) / packets : 0, "%", loc);
    }
  }
  if (intervals.length && ids.size === 1 || sums.length) {
    const series = intervals.sort((a, b) => a.to - b.to);
    if (series.length === 0) return;
    sink.addSeries({
      location: `lines ${series[0].no}-${series.at(-1)!.no}`,
      job: proto,
      direction,
      metric: "throughput",
      unit: "B/s",
      t: series.map((l) => l.to),
      value: series.map((l) => l.bps / 8),
      interval: series[0].to - series[0].from,
    });
  }
}
