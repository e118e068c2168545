/**
 * iperf3's text output (the client's, what `iperf3 -c host > run.txt` keeps) → the rows iperf3 JSON gives:
 *
 * ```
 * Connecting to host 127.0.0.1, port 5201
 * [  5] local 127.0.0.1 port 58406 connected to 127.0.0.1 port 5201
 * [ ID] Interval           Transfer     Bitrate         Retr  Cwnd
 * [  5]   0.00-1.00   sec  2.81 GBytes  24.2 Gbits/sec    2   1023 KBytes
 * - - - - - - - - - - - - - - - - - - - - - - - - -
 * [ ID] Interval           Transfer     Bitrate         Retr
 * [  5]   0.00-1.00   sec  2.81 GBytes  24.2 Gbits/sec    2             sender
 * [  5]   0.00-1.00   sec  2.81 GBytes  24.2 Gbits/sec                  receiver
 * ```
 *
 * The summary lines after the dashes (the `[SUM]` lines with several streams) give, as in iperf3_json.ts: TCP
 * throughput and bytes at the receiver ("receive") and the sender ("send", with retransmits); UDP throughput, bytes,
 * jitter, lost and total datagrams and loss at the receiver, throughput at the sender. The lines before the dashes
 * are the per-interval throughput series (`(omitted)` ones left out). Jobs and factors are the JSON's: job
 * "tcp"/"udp" (`-reverse` under `-R`); factors `protocol`, `num_streams` and `reverse`, the server (`host`)
 * descriptive. iperf3 prints throughput and bytes to three significant figures (bytes in powers of 1024, bits in
 * powers of 1000), and only those: they are read as printed, and every file says so in a warning. Counts (retransmits,
 * datagrams) and jitter are as exact as in JSON.
 * `iperf3: error - …` is the run's failure, with the intervals measured before it kept. `--bidir` text is refused
 * with a sentence (its stream tags are not read): iperf3 -J has both directions.
 * @module
 */
import type { Dataset, Direction, Factors } from "../model.ts";
import { iperf3ContentFactors, mergeContent } from "./content.ts";
import { ParseError, ToolRunError } from "./errors.ts";
import { RowSink } from "./rows.ts";
import { runEndsByLine } from "./text.ts";
import { intervalLine, printedFigures } from "./iperf_text.ts";

const CONNECTING = /^Connecting to host (.+), port \d+\s*$/;
/** `--timestamps` puts the time before every line, in its default format (`%c `: `Fri Dec  4 21:54:40 2026 `). */
const STAMP = String.raw`\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} `;
/** What may stand before a line: the time (`--timestamps`), then the `TITLE:  ` of `-T`. */
const BEFORE = String.raw`^(?:${STAMP})?(?:.*?: {2})?`;
/** Where a run starts. */
const TITLED_CONNECTING = String.raw`${BEFORE}Connecting to host .+, port \d+\s*$`;
const STARTS = new RegExp(TITLED_CONNECTING);
const STARTS_ANY_LINE = new RegExp(TITLED_CONNECTING, "m");
const STAMPED = new RegExp(`^${STAMP}`);
const ERROR = /^iperf3: error - (.*?)\s*$/;
const ENDS = new RegExp(String.raw`${BEFORE}(?:iperf Done\.|iperf3: error - )`);
const SEPARATOR = /^(- ){10,}/;
const STREAM = /^\[\s*(\d+)\] local .* connected to /;
const UDP_REPORT = /^\s*([\d.]+) ms\s+(\d+)\/(\d+) /;

/** Whether a text is iperf3's client output (detect.ts): it says where it connects, or iperf3's error. */
export function looksLikeIperf3Text(text: string): boolean {
  return STARTS_ANY_LINE.test(text) || /^iperf3: error - /m.test(text);
}

/** The lines as iperf3 printed them, without the time `--timestamps` and the title `-T TITLE` put before each. */
function untitled(text: string): { title?: string; lines: string[] } {
  const lines = text.split(/\r?\n/).map((l) => l.replace(STAMPED, ""));
  const title = lines.map((l) => l.match(/^(.*?): {2}Connecting to host /)?.[1]).find((t) => t !== undefined);
  if (title === undefined) return { lines };
  const prefix = `${title}:  `;
  return { title, lines: lines.map((l) => l.startsWith(prefix) ? l.slice(prefix.length) : l) };
}

/**
 * Where each run of a file of appended client outputs ends (`iperf3 -c … >> runs.txt`): a run that is done (`iperf
 * Done.`, or iperf3's error) ends where the next connects, or fails.
 */
export function iperf3TextRunEnds(text: string): number[] {
  let ended = false;
  return runEndsByLine(text, (line) => {
    const end = ENDS.test(line), connecting = STARTS.test(line.trimEnd());
    const starts = ended && (connecting || (end && !/iperf Done\./.test(line)));
    if (starts) ended = false;
    if (end) ended = true;
    return starts;
  });
}

interface Line {
  stream: string;
  end: number;
  width: number;
  bytes: number;
  /** Bytes per second. */
  rate: number;
  rest: string;
  no: number;
}

export function parseIperf3Text(
  text: string,
  source: string,
  factors: Factors = {},
  info: Factors = {},
): Dataset {
  const { title, lines } = untitled(text);
  const bidir = lines.findIndex((l) => /^\[\s*\d+\]\[[TR]X-[CS]\]/.test(l));
  if (bidir >= 0) {
    throw new ParseError({
      file: source,
      location: `line ${bidir + 1}`,
      found: "iperf3 --bidir text output",
      expected: "one direction per run",
      hint: "Re-run with -J (iperf3 JSON has both directions)",
    });
  }
  const host = lines.map((l) => l.match(CONNECTING)?.[1]).find((h) => h !== undefined);
  const reverse = lines.some((l) => /^Reverse mode, remote host /.test(l));
  const streams = new Set(lines.map((l) => l.match(STREAM)?.[1]).filter((s) => s !== undefined));
  const separator = lines.findIndex((l) => SEPARATOR.test(l));
  const intervals: Line[] = [], summary: Line[] = [];
  lines.forEach((l, i) => {
    const m = intervalLine(l);
    if (!m) return;
    const line = {
      stream: m.stream,
      end: m.to,
      width: m.to - m.from,
      bytes: m.bytes,
      rate: m.bitsPerSecond / 8,
      rest: m.rest,
      no: i + 1,
    };
    (separator >= 0 && i > separator ? summary : intervals).push(line);
  });
  const udp = summary.some((s) => UDP_REPORT.test(s.rest));
  const proto = udp ? "udp" : "tcp";
  const content = iperf3ContentFactors({
    protocol: udp ? "UDP" : "TCP",
    num_streams: streams.size || 1,
    reverse: reverse ? 1 : 0,
  });
  const conflicts: string[] = [];
  const sink = new RowSink({
    source,
    factors: mergeContent(factors, content, source, (m) => conflicts.push(m)),
    info: { ...info, ...(host === undefined ? {} : { host }), ...(title === undefined ? {} : { title }) },
    tool: "iperf3",
    toolVersion: "",
    format: "iperf3-text",
  });
  for (const m of conflicts) sink.warn(m);
  const job = reverse ? `${proto}-reverse` : proto;
  // The total of several streams, or the one stream's lines.
  const total = (l: Line) => l.stream === (streams.size > 1 ? "SUM" : [...streams][0] ?? l.stream);
  addSeries(
    sink,
    intervals.filter((l) => total(l) && !/\(omitted\)/.test(l.rest)),
    job,
    reverse ? "receive" : "send",
  );
  const error = lines.findIndex((l) => ERROR.test(l));
  const sender = summary.find((l) => total(l) && /\bsender\s*$/.test(l.rest));
  const receiver = summary.find((l) => total(l) && /\breceiver\s*$/.test(l.rest));
  if (error >= 0 || !receiver) {
    throw new ToolRunError({
      file: source,
      location: error >= 0 ? `line ${error + 1}` : undefined,
      found: error >= 0 ? `iperf3's error "${lines[error].match(ERROR)![1]}"` : "no receiver's summary line",
      expected: "a completed run",
      hint: error >= 0
        ? `${
          sink.dataset.series[0]?.t.length ?? 0
        } intervals measured before the error are kept as partial data`
        : "A cut file ends before iperf3's summary",
    }, sink.dataset);
  }
  if (udp) addUdp(sink, job, receiver, sender);
  else {
    addTcp(sink, job, "receive", receiver);
    if (sender) addTcp(sink, job, "send", sender);
  }
  sink.warn(printedFigures("iperf3", "iperf3", "iperf3 -J"));
  return sink.dataset;
}

function addTcp(sink: RowSink, job: string, dir: Direction, l: Line): void {
  const at = `line ${l.no}`;
  sink.add(job, dir, "throughput", "mean", l.rate, "B/s", at);
  sink.add(job, dir, "bytes", "total", l.bytes, "B", at);
  const retransmits = dir === "send" ? l.rest.match(/^\s*(\d+)\s/)?.[1] : undefined;
  if (retransmits !== undefined) sink.add(job, dir, "retransmits", "total", retransmits, "count", at);
}

function addUdp(sink: RowSink, job: string, receiver: Line, sender: Line | undefined): void {
  const at = `line ${receiver.no}`;
  sink.add(job, "receive", "throughput", "mean", receiver.rate, "B/s", at);
  sink.add(job, "receive", "bytes", "total", receiver.bytes, "B", at);
  const report = receiver.rest.match(UDP_REPORT);
  if (report) {
    const [, jitter, lost, packets] = report;
    sink.add(job, "receive", "jitter", "mean", jitter, "ns", at, 1e6);
    sink.add(job, "receive", "lost", "total", lost, "count", at);
    sink.add(job, "receive", "packets", "total", packets, "count", at);
    // The printed percentage is rounded to whole per cents; iperf3 computes it from the counts.
    if (Number(packets) > 0) {
      sink.add(job, "receive", "loss", "mean", 100 * Number(lost) / Number(packets), "%", at);
    }
  }
  if (sender) sink.add(job, "send", "throughput", "mean", sender.rate, "B/s", `line ${sender.no}`);
}

function addSeries(sink: RowSink, lines: Line[], job: string, direction: Direction): void {
  if (lines.length === 0) return;
  sink.addSeries({
    location: `lines ${lines[0].no}-${lines.at(-1)!.no}`,
    job,
    direction,
    metric: "throughput",
    unit: "B/s",
    t: lines.map((l) => l.end),
    value: lines.map((l) => l.rate),
    interval: Math.round(lines.at(-1)!.width * 1000) / 1000,
  });
}
