/**
 * iperf3 `-J` output → tidy rows. TCP: delivered throughput from `end.sum_received` (the receiver's
 * view, direction "receive"), `end.sum_sent` (direction "send") with retransmits; UDP: throughput,
 * jitter (ns), lost and total packets, loss (%); `-R` runs get job "tcp-reverse"/"udp-reverse",
 * bidirectional runs add "<proto>-bidir-reverse"; `end.cpu_utilization_percent` becomes
 * `cpu_host_total`, `cpu_host_user`, `cpu_host_system`, `cpu_remote_total`, `cpu_remote_user`,
 * `cpu_remote_system` (%, direction "mixed"; iperf3's "host" is the client, "remote" the server);
 * per-interval throughput becomes a Series
 * (intervals flagged `omitted` by `--omit` are left out). A document with an `error` key throws a
 * ToolRunError whose `partial` keeps what was measured before the error.
 * Factors: every `start.test_start` setting (protocol, num_streams, blksize, duration, bytes, reverse, bidir,
 * omit, tos, target_bitrate, …); the server's address (`start.connecting_to.host`) is descriptive (`host`).
 * @module
 */
import type { Dataset, Direction, Factors } from "../model.ts";
import { extraDataFactors, iperf3ContentFactors, mergeContent } from "./content.ts";
import { ToolRunError } from "./errors.ts";
import { asObject } from "./fio_json.ts";
import { parseJsonInText, textAroundJson } from "./json_text.ts";
import { checkNumber, RowSink } from "./rows.ts";

type Obj = Record<string, unknown>;

export function parseIperf3Json(
  text: string,
  source: string,
  factors: Factors = {},
  info: Factors = {},
): Dataset {
  const found = parseJsonInText(text, source, "iperf3 JSON output (iperf3 -J)");
  const doc = found.doc;
  const root = asObject(doc, source, "$");
  const start = root.start === undefined ? {} : asObject(root.start, source, "$.start");
  const testStart = start.test_start === undefined
    ? {}
    : asObject(start.test_start, source, "$.start.test_start");
  const version = typeof start.version === "string" ? start.version.replace(/^iperf\s*/, "") : "";
  const warnings: [string, string][] = [];
  const extra = extraDataFactors(root.extra_data);
  const all = mergeContent(
    factors,
    { ...iperf3ContentFactors(testStart), ...extra.identity },
    source,
    (m, key) => warnings.push([m, key in extra.identity ? "$.extra_data" : "$.start.test_start"]),
  );
  const to = start.connecting_to;
  const host = typeof to === "object" && to !== null && "host" in to ? String(to.host) : undefined;
  const sink = new RowSink({
    source,
    factors: all,
    info: {
      ...info,
      ...extra.info,
      ...(host === undefined ? {} : { host }),
      ...(typeof root.title === "string" ? { title: root.title } : {}),
    },
    tool: "iperf3",
    toolVersion: version,
    format: "iperf3-json",
  });
  for (const [w, at] of warnings) sink.warn(w, at);
  for (const w of textAroundJson(found, text, "iperf3")) sink.warn(w.message, w.location);
  const proto = String(testStart.protocol ?? "TCP").toLowerCase();
  const reverse = Number(testStart.reverse ?? 0) === 1;
  const job = reverse ? `${proto}-reverse` : proto;
  addIntervals(sink, root, job, reverse ? "receive" : "send");
  if (typeof root.error === "string") {
    throw new ToolRunError({
      file: source,
      location: "$.error",
      found: `iperf3's error "${root.error}"`,
      expected: "a completed run",
      hint: `${
        sink.dataset.series[0]?.t.length ?? 0
      } intervals measured before the error are kept as partial data`,
    }, sink.dataset);
  }
  const end = asObject(root.end, source, "$.end");
  if (proto === "udp") addUdp(sink, end, job);
  else addTcp(sink, end, job, "");
  if (end.sum_received_bidir_reverse !== undefined) {
    addTcp(sink, end, `${proto}-bidir-reverse`, "_bidir_reverse");
  }
  if (end.cpu_utilization_percent !== undefined) addCpu(sink, end, job);
  return sink.dataset;
}

const CPU_KEYS = ["host_total", "host_user", "host_system", "remote_total", "remote_user", "remote_system"];

function addCpu(sink: RowSink, end: Obj, job: string): void {
  const p = "$.end.cpu_utilization_percent";
  const cpu = asObject(end.cpu_utilization_percent, sink.ctx.source, p);
  for (const key of CPU_KEYS) {
    if (cpu[key] !== undefined) sink.add(job, "mixed", `cpu_${key}`, "mean", cpu[key], "%", `${p}.${key}`);
  }
}

function addTcp(sink: RowSink, end: Obj, job: string, suffix: string): void {
  const file = sink.ctx.source;
  for (const [key, dir] of [[`sum_received${suffix}`, "receive"], [`sum_sent${suffix}`, "send"]] as const) {
    if (end[key] === undefined) continue;
    const sum = asObject(end[key], file, `$.end.${key}`);
    sink.add(
      job,
      dir,
      "throughput",
      "mean",
      sum.bits_per_second,
      "B/s",
      `$.end.${key}.bits_per_second`,
      1 / 8,
    );
    sink.add(job, dir, "bytes", "total", sum.bytes, "B", `$.end.${key}.bytes`);
    if (sum.retransmits !== undefined) {
      sink.add(job, dir, "retransmits", "total", sum.retransmits, "count", `$.end.${key}.retransmits`);
    }
  }
}

function addUdp(sink: RowSink, end: Obj, job: string): void {
  const file = sink.ctx.source;
  // iperf3 ≥ 3.10 also writes sum_sent/sum_received for UDP; older versions only `sum` (server's report).
  const key = end.sum_received !== undefined ? "sum_received" : "sum";
  const sum = asObject(end[key], file, `$.end.${key}`);
  const p = `$.end.${key}`;
  sink.add(job, "receive", "throughput", "mean", sum.bits_per_second, "B/s", `${p}.bits_per_second`, 1 / 8);
  sink.add(job, "receive", "bytes", "total", sum.bytes, "B", `${p}.bytes`);
  const report = end.sum !== undefined ? asObject(end.sum, file, "$.end.sum") : sum;
  sink.add(job, "receive", "jitter", "mean", report.jitter_ms, "ns", "$.end.sum.jitter_ms", 1e6);
  sink.add(job, "receive", "lost", "total", report.lost_packets, "count", "$.end.sum.lost_packets");
  sink.add(job, "receive", "packets", "total", report.packets, "count", "$.end.sum.packets");
  sink.add(job, "receive", "loss", "mean", report.lost_percent, "%", "$.end.sum.lost_percent");
  if (end.sum_sent !== undefined) {
    const sent = asObject(end.sum_sent, file, "$.end.sum_sent");
    sink.add(
      job,
      "send",
      "throughput",
      "mean",
      sent.bits_per_second,
      "B/s",
      "$.end.sum_sent.bits_per_second",
      1 / 8,
    );
  }
}

function addIntervals(sink: RowSink, root: Obj, job: string, direction: Direction): void {
  if (!Array.isArray(root.intervals) || root.intervals.length === 0) return;
  const file = sink.ctx.source;
  const t: number[] = [];
  const value: number[] = [];
  let width = 0;
  root.intervals.forEach((raw, i) => {
    const sum = asObject(asObject(raw, file, `$.intervals[${i}]`).sum, file, `$.intervals[${i}].sum`);
    if (sum.omitted === true) return;
    const p = `$.intervals[${i}].sum`;
    t.push(checkNumber(sum.end, file, `${p}.end`));
    value.push(checkNumber(sum.bits_per_second, file, `${p}.bits_per_second`) / 8);
    width = checkNumber(sum.seconds, file, `${p}.seconds`);
  });
  if (t.length === 0) return;
  sink.addSeries({
    location: "$.intervals",
    job,
    direction,
    metric: "throughput",
    unit: "B/s",
    t,
    value,
    interval: Math.round(width * 1000) / 1000,
  });
}
