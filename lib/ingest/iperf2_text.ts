/**
 * iperf 2's text output (the client's, what `iperf -c host > run.txt` keeps) → the rows iperf 2 CSV gives
 * (iperf2_csv.ts reads both from the same lines):
 *
 * ```
 * Client connecting to 127.0.0.1, UDP port 5001
 * [  1] local 127.0.0.1 port 35522 connected with 127.0.0.1 port 5001
 * [ ID] Interval       Transfer     Bandwidth
 * [  1] 0.0000-1.0003 sec  6.25 MBytes  52.4 Mbits/sec
 * [  1] Sent 4462 datagrams
 * [  1] Server Report:
 * [ ID] Interval       Transfer     Bandwidth        Jitter   Lost/Total Datagrams
 * [  1] 0.0000-1.0002 sec  6.25 MBytes  52.4 Mbits/sec   0.000 ms 0/4461 (0%)
 * ```
 *
 * A transfer's lines are what was sent; a line after its `Server Report:` is what the UDP server received, with
 * jitter and datagrams. `[SUM]` lines are the `-P` streams' total. iperf prints transfer and bandwidth to three
 * significant figures (bytes in powers of 1024, bits in powers of 1000), and only those: they are read as printed,
 * and every file says so in a warning. Columns of the enhanced output (`-e`) after the bandwidth are not read.
 * A run that never connected (`connect failed: …`) is the run's failure, in iperf's words.
 * @module
 */
import type { Dataset, Factors } from "../model.ts";
import { ToolRunError } from "./errors.ts";
import { iperf2Rows, type Line } from "./iperf2_csv.ts";
import { RowSink } from "./rows.ts";
import { runEndsAtEach } from "./text.ts";
import { intervalLine, printedFigures } from "./iperf_text.ts";

const CONNECTING = /^Client connecting to .+, (TCP|UDP) port \d+/;
const SERVER_REPORT = /^\[\s*(\d+)\] Server Report:/;
const UDP_REPORT = /^\s+([\d.]+) ms\s+(\d+)\/\s*(\d+)/;

/** Whether a text is iperf 2's client output (detect.ts). */
export function looksLikeIperf2Text(text: string): boolean {
  return /^Client connecting to .+, (TCP|UDP) port \d+/m.test(text);
}

/** Where each run of appended client outputs ends (`iperf -c … >> runs.txt`): each run says where it connects. */
export function iperf2TextRunEnds(text: string): number[] {
  return runEndsAtEach(text, (line) => CONNECTING.test(line));
}

export function parseIperf2Text(
  text: string,
  source: string,
  factors: Factors = {},
  info: Factors = {},
): Dataset {
  const file = new RowSink({ source, factors, info, tool: "iperf2", toolVersion: "", format: "iperf2-text" });
  const all = text.split(/\r?\n/);
  const udp = all.some((l) => CONNECTING.exec(l)?.[1] === "UDP");
  const reporting = new Set<number>();
  const lines: Line[] = [];
  all.forEach((l, i) => {
    const report = l.match(SERVER_REPORT);
    if (report) {
      reporting.add(Number(report[1]));
      return;
    }
    const m = intervalLine(l);
    if (!m) return;
    const id = m.stream === "SUM" ? -1 : Number(m.stream); // as iperf 2 CSV numbers the sum
    const line: Line = { no: i + 1, id, from: m.from, to: m.to, bytes: m.bytes, bps: m.bitsPerSecond };
    const received = reporting.has(id) ? m.rest.match(UDP_REPORT) : null;
    if (received) {
      const [, jitterMs, lost, total] = received.map(Number);
      line.udp = { jitterMs, lost, total, lossPct: total ? 100 * lost / total : 0 };
    }
    lines.push(line);
  });
  const sent = lines.filter((l) => !l.udp && l.to > l.from);
  if (sent.length === 0) {
    // stderr may follow stdout's last line without a line break: "…port 5001tcp connect failed: …".
    const said = all.findIndex((l) => /failed|error|refused|timed out/i.test(l));
    const words = said >= 0 ? all[said].match(/((?:tcp |udp )?connect failed.*|\S.*)$/)![1].trim() : "";
    throw new ToolRunError({
      file: source,
      location: said >= 0 ? `line ${said + 1}` : undefined,
      found: said >= 0 ? `iperf's words "${words}"` : "no transfer line",
      expected: "a completed run",
    });
  }
  // A UDP run whose server reported nothing: its client's lines are all it has (iperf2Rows says so).
  if (udp && !lines.some((l) => l.udp)) { for (const l of lines) l.noReport = true; }
  const dataset = iperf2Rows(file, lines, factors, "no Server Report in the output");
  file.warn(printedFigures("iperf 2", "iperf", "iperf -y C"));
  return dataset;
}
