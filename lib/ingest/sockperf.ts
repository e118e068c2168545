/**
 * sockperf ping-pong (3.x; read from sockperf 3.7's src/client.cpp) → tidy rows and round-trip
 * histograms. Two files per run:
 *
 * - the client's stdout (`sockperf ping-pong … > <workload>.txt`), "sockperf-summary": per server,
 *   `====> avg-rtt=113.121 (std-dev=247.541)`, the dropped/duplicated/out-of-order counts, the
 *   valid run time and message count, and `---> percentile 99.900 = 2922.397` lines with `<MAX>`
 *   and `<MIN>`, all in µs → rows `rtt` in ns (stats mean, stddev, min, max, p25 … p99.999),
 *   `messages`, `dropped`, `duplicated`, `out_of_order` (count), `runtime` (s); job "udp"/"tcp",
 *   direction "roundtrip";
 * - the `--full-log <workload>.fulllog.csv` file, "sockperf-log": the same summary, then
 *   `packet, txTime(sec), rxTime(sec), rtt(usec)` and one line per message → a Histogram of
 *   every round trip (ns → messages) in the log-linear buckets fio logs use (log_histogram.ts: within
 *   0.05 %; its size follows the range of round trips, not their number), job "log"; its summary
 *   lines are left to the stdout file, so a run's numbers are not counted twice.
 *
 * Without `--full-rtt` sockperf prints "latency" = round trip ÷ 2; both files are read as full round
 * trips (the summary's values doubled, with a warning; the log from rxTime − txTime). sockperf exits
 * 0 even when it measured nothing: "ERROR:" and "No messages were received" lines become a
 * ToolRunError.
 * @module
 */
import type { Dataset, Factors } from "../model.ts";
import { InvalidValueError, ParseError, ToolRunError } from "./errors.ts";
import { checkNumber, percentileStat, RowSink } from "./rows.ts";
import { LogHistogram } from "./log_histogram.ts";
import { runEndsAtEach } from "./text.ts";

// sockperf colours some lines (MAGNETA/ENDCOLOR in os_abstract.h), also when writing to a file.
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const LOG_START = /^-{10,}\r?\ntest was performed using the following parameters:/;
const VERSION = /^sockperf: == version #(\S+) ==/m;
export const CSV_HEADER = /^packet, txTime\(sec\), rxTime\(sec\), (rtt|latency)\(usec\)$/;
export const FAILURE = /^sockperf: (ERROR: .*|No messages were received.*|No valid observations found.*)$/;

/** "sockperf-log", "sockperf-summary" (a client's output), or null (not sockperf, or a server's output). */
export function sockperfFormat(head: string): "sockperf-log" | "sockperf-summary" | null {
  const text = head.replace(ANSI, "");
  if (LOG_START.test(text)) return "sockperf-log";
  if (/^sockperf: \[SERVER\]/m.test(text)) return null;
  return VERSION.test(text) || /^sockperf: ====> avg-(rtt|latency)=/m.test(text) ? "sockperf-summary" : null;
}

export const SERVER_SECTION = /^sockperf: =+ Printing statistics for Server No: (\d+)/;

type Add = (metric: string, stat: string, raw: string | number, unit: "ns" | "count" | "s") => void;

/** The summary's lines (client.cpp, client_statistics and printPercentiles) and the rows each gives. */
const SUMMARY_LINES: [RegExp, (m: RegExpMatchArray, add: Add, ns: (raw: string) => number) => void][] = [
  [/^sockperf: \[Valid Duration\] RunTime=(\S+) sec; SentMessages=\S+; ReceivedMessages=(\S+)/, (m, add) => {
    add("runtime", "value", m[1], "s");
    add("messages", "total", m[2], "count");
  }],
  [/^sockperf: ====> avg-(?:rtt|latency)=(\S+) \(std-dev=([^)\s]+)\)/, (m, add, ns) => {
    add("rtt", "mean", ns(m[1]), "ns");
    add("rtt", "stddev", ns(m[2]), "ns");
  }],
  [
    /^sockperf: # dropped messages = ([^;\s]+); # duplicated messages = ([^;\s]+); # out-of-order messages = (\S+)/,
    (m, add) => {
      add("dropped", "total", m[1], "count");
      add("duplicated", "total", m[2], "count");
      add("out_of_order", "total", m[3], "count");
    },
  ],
  [
    /^sockperf: ---> <(MAX|MIN)> observation = \s*(\S+)/,
    (m, add, ns) => add("rtt", m[1].toLowerCase(), ns(m[2]), "ns"),
  ],
  [
    /^sockperf: ---> percentile\s+(\d+(?:\.\d+)?) = \s*(\S+)/,
    (m, add, ns) => add("rtt", percentileStat(m[1]), ns(m[2]), "ns"),
  ],
];

/** The text without sockperf's colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/** The text's lines without colour codes; line k (from 1) is at index k − 1. */
function lines(text: string): string[] {
  return stripAnsi(text).split(/\r?\n/);
}

function failure(all: string[], source: string, partial?: Dataset): void {
  const bad = all.findIndex((l) => FAILURE.test(l));
  if (bad < 0) return;
  throw new ToolRunError({
    file: source,
    location: `line ${bad + 1}`,
    found: `sockperf's message "${all[bad].replace(/^sockperf: /, "")}"`,
    expected: "a completed ping-pong run",
    hint: "Check that the sockperf server was running and reachable",
  }, partial);
}

/**
 * Where each run of a sockperf client's output ends (the offset of the next run's first line, then the text's
 * length), when several were appended to one file (`sockperf ping-pong … >> runs.txt`): each run begins with
 * sockperf's version line.
 */
export function sockperfRunEnds(text: string): number[] {
  return runEndsAtEach(text, (line) => line.startsWith("sockperf:") && VERSION.test(stripAnsi(line)));
}

export function parseSockperfSummary(text: string, source: string, factors: Factors = {}): Dataset {
  const version = text.replace(ANSI, "").match(VERSION)?.[1] ?? "";
  const all = lines(text);
  return all.some((l) => TP_RATE.test(l))
    ? throughputRows(all, source, factors, version)
    : summaryRows(all, source, factors, "sockperf-summary", version);
}

/** Each target's protocol ("udp" or "tcp"), in the order sockperf lists them (`[ 0] IP = … # UDP`). */
function protocolsOf(all: string[]): string[] {
  return all.map((l) => l.match(/^\[\s*\d+\] IP = .* # (UDP|TCP)\b/)).filter((m) => m !== null)
    .map((m) => m![1].toLowerCase());
}

/** Throughput mode's result lines (`sockperf tp`, client.cpp): messages per second, and MiB/s as "MBps". */
const TP_RATE = /^sockperf: Summary: Message Rate is (\S+) \[msg\/sec\]/;
const TP_BANDWIDTH = /^sockperf: Summary: BandWidth is (\S+) MBps/;
const TP_SENT = /^sockperf: Total of (\S+) messages sent in (\S+) sec/;

/**
 * `sockperf tp` (throughput mode): the client only sends, so its numbers are what was sent — `throughput` (B/s;
 * sockperf's "MBps" is MiB/s: 282 490 msg/s of 64 B printed as 17.242 MBps), `messages` and `runtime`, direction
 * "send", job "udp"/"tcp". No round trips.
 */
function throughputRows(all: string[], source: string, factors: Factors, version: string): Dataset {
  const sink = new RowSink({
    source,
    factors,
    tool: "sockperf",
    toolVersion: version,
    format: "sockperf-summary",
  });
  failure(all, source);
  const proto = protocolsOf(all)[0] ?? "udp";
  for (const [i, l] of all.entries()) {
    const at = `line ${i + 1}`;
    const bandwidth = l.match(TP_BANDWIDTH);
    if (bandwidth) sink.add(proto, "send", "throughput", "mean", bandwidth[1], "B/s", at, 2 ** 20);
    const sent = l.match(TP_SENT);
    if (sent) {
      sink.add(proto, "send", "messages", "total", sent[1], "count", at);
      sink.add(proto, "send", "runtime", "value", sent[2], "s", at);
    }
  }
  if (!sink.dataset.rows.some((r) => r.metric === "throughput")) {
    throw new ParseError({
      file: source,
      found: 'a message rate without its "BandWidth is" line',
      expected: "the output of sockperf tp",
      hint: "A cut file ends before the statistics",
    });
  }
  return sink.dataset;
}

/**
 * The statistics a full log begins with (the same lines as the client's output), as rows: for a run whose client
 * output was not kept, so that its round trips are compared as well as drawn. `head`: the log's text up to its
 * first per-message line at least. A log does not name the protocol or sockperf's version: the job is
 * "ping-pong" (the file's name tells TCP from UDP), the version "".
 */
export function parseSockperfLogSummary(head: string, source: string, factors: Factors = {}): Dataset {
  const all = lines(head);
  const end = all.findIndex((l) => CSV_HEADER.test(l));
  return summaryRows(end < 0 ? all : all.slice(0, end), source, factors, "sockperf-log", "");
}

function summaryRows(
  all: string[],
  source: string,
  factors: Factors,
  format: "sockperf-summary" | "sockperf-log",
  version: string,
): Dataset {
  const sink = new RowSink({ source, factors, tool: "sockperf", toolVersion: version, format });
  failure(all, source);
  const protocols = protocolsOf(all);
  const avgAt = all.findIndex((l) => /^sockperf: ====> avg-(rtt|latency)=/.test(l));
  const avg = avgAt < 0 ? undefined : { text: all[avgAt], no: avgAt + 1 };
  if (!avg) {
    throw new ParseError({
      file: source,
      found: 'no "====> avg-rtt" line',
      expected: "the output of sockperf ping-pong",
      hint: "A cut file ends before the statistics",
    });
  }
  const half = avg.text.includes("avg-latency=");
  // "latency" is sockperf's round trip ÷ 2 (client.cpp: pLat = rtt / denominator).
  const scale = half ? 2 : 1;
  // sockperf prints µs to 3 decimals: whole ns, so round away the float noise of × 1000.
  const ns = (raw: string, at: string) => Math.round(checkNumber(raw, source, at) * 1000);
  if (half) {
    sink.warn(
      `${source}: sockperf printed one-way "latency" (round trip ÷ 2, run without --full-rtt); ` +
        `its values were doubled into round trips`,
      `line ${avg.no}`,
    );
  }
  let server = 0;
  for (const [i, t] of all.entries()) {
    const no = i + 1;
    const at = `line ${no}`;
    const section = t.match(SERVER_SECTION);
    if (section) server = Number(section[1]);
    const proto = protocols[server] ?? "ping-pong";
    const job = protocols.length > 1 ? `${proto}#${server}` : proto;
    const add = (metric: string, stat: string, raw: string | number, unit: "ns" | "count" | "s") =>
      sink.add(job, "roundtrip", metric, stat, raw, unit, at, unit === "ns" ? scale : 1);
    for (const [pattern, read] of SUMMARY_LINES) {
      const m = t.match(pattern);
      if (m) read(m, add, (raw) => ns(raw, at));
    }
  }
  cutSummaryWarnings(sink, all.length);
  return sink.dataset;
}

/**
 * sockperf ends each server's statistics with `<MIN> observation`: a summary without it was cut (a full disk, a
 * killed client), and the round-trip statistics it lacks would silently count one run fewer. Named instead.
 */
function cutSummaryWarnings(sink: RowSink, lineCount: number): void {
  const rows = sink.dataset.rows.filter((r) => r.metric === "rtt");
  for (const job of new Set(rows.map((r) => r.job))) {
    const stats = new Set(rows.filter((r) => r.job === job).map((r) => r.stat));
    if (stats.has("min")) continue;
    const missing = ["max", "p99.999", "p99.99", "p99.9", "p99", "p90", "p75", "p50", "p25", "min"]
      .filter((st) => !stats.has(st));
    sink.warn(
      `the summary${job.includes("#") ? ` of ${job}` : ""} ends before sockperf's last line ` +
        `("<MIN> observation"): the file was cut; round-trip ${missing.join(", ")} missing from this run`,
      `line ${lineCount}`,
    );
  }
}

export function parseSockperfLog(text: string, source: string, factors: Factors = {}): Dataset {
  const all = lines(text);
  const sink = new RowSink({ source, factors, tool: "sockperf", toolVersion: "", format: "sockperf-log" });
  failure(all, source, sink.dataset);
  let server = 0;
  let servers = 0;
  for (let i = 0; i < all.length; i++) {
    const m = all[i].match(SERVER_SECTION);
    if (m) server = Number(m[1]);
    const header = all[i].match(CSV_HEADER);
    if (!header) continue;
    servers++;
    const counts = new LogHistogram();
    let j = i + 1;
    for (; j < all.length && all[j] !== "" && !/^-+$/.test(all[j]); j++) {
      counts.add(roundTrip(all[j], j + 1, header[1] === "latency" ? 2 : 1, source));
    }
    pushRoundTrips(sink, { source, factors, location: `lines ${i + 2}–${j}`, server, servers, counts });
    i = j;
  }
  if (sink.dataset.histograms.length === 0) {
    throw new ParseError({
      file: source,
      found: 'no per-message lines after a "packet, txTime(sec), rxTime(sec), rtt(usec)" header',
      expected: "a sockperf --full-log file",
      hint: "The run may have been interrupted before sockperf wrote its log",
    });
  }
  return sink.dataset;
}

/** One "packet, txTime, rxTime, rtt-or-latency" line → round trip in whole ns, checked against its 4th field. */
export function roundTrip(text: string, no: number, denominator: number, file: string): number {
  // The common case without building strings for locations: three non-blank numbers ≥ 0 that agree.
  const c1 = text.indexOf(","), c2 = text.indexOf(",", c1 + 1), c3 = text.indexOf(",", c2 + 1);
  if (c1 > 0 && c2 > c1 + 1 && c3 > c2 + 1 && c3 < text.length - 1 && text.indexOf(",", c3 + 1) < 0) {
    const tx = Number(text.slice(c1 + 1, c2)), rx = Number(text.slice(c2 + 1, c3));
    const shown = Number(text.slice(c3 + 1)), rtt = Math.round((rx - tx) * 1e9);
    if (tx >= 0 && rx >= 0 && shown >= 0 && rtt >= 0 && Number.isFinite(rtt)) {
      if (Math.abs(shown * 1000 * denominator - rtt) <= 2 * denominator) return rtt;
    }
  }
  return checkedRoundTrip({ text, no }, denominator, file);
}

/** roundTrip's slow path: the same checks, each failure one sentence naming line and field. */
function checkedRoundTrip(line: { text: string; no: number }, denominator: number, file: string): number {
  const f = line.text.split(",");
  if (f.length !== 4) {
    throw new ParseError({
      file,
      location: `line ${line.no}`,
      found: `${f.length} fields (${JSON.stringify(line.text.slice(0, 60))})`,
      expected: "4: packet, txTime(sec), rxTime(sec), rtt(usec)",
    });
  }
  const [tx, rx, shown] = [1, 2, 3].map((k) =>
    checkNumber(f[k].trim(), file, `line ${line.no}, field ${k + 1}`)
  );
  const rtt = checkNumber(Math.round((rx - tx) * 1e9), file, `line ${line.no} (rxTime − txTime)`);
  // sockperf prints the 4th field from the same two times, to 0.001 µs: a larger gap means an edited file.
  if (Math.abs(shown * 1000 * denominator - rtt) > 2 * denominator) {
    throw new InvalidValueError({
      file,
      location: `line ${line.no}, field 4`,
      found: `${shown} µs`,
      expected: `(rxTime − txTime)${denominator === 2 ? " ÷ 2" : ""} = ${rtt / 1000 / denominator} µs`,
      hint: "The times and the round trip disagree; the file may be damaged or hand-edited",
    });
  }
  return rtt;
}

/**
 * One server section of a full log as the round-trip histogram (nothing when it held no message); shared by
 * the whole-text parser and the chunked reader (sockperf_log_scan.ts).
 */
export function pushRoundTrips(
  sink: RowSink,
  s: {
    source: string;
    factors: Factors;
    location: string;
    server: number;
    servers: number;
    counts: LogHistogram;
  },
): void {
  if (s.counts.total === 0) return;
  const { value, count } = s.counts.bins();
  sink.dataset.histograms.push({
    source: s.source,
    location: s.location,
    factors: s.factors,
    tool: "sockperf",
    toolVersion: "",
    format: "sockperf-log",
    job: s.server > 0 || s.servers > 1 ? `log#${s.server}` : "log",
    direction: "roundtrip",
    metric: "rtt",
    unit: "ns",
    value,
    count,
    info: undefined, // model.ts RecordBase.info
  });
}
