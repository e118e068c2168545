/**
 * Property-based fuzzing of every parser with fast-check: mutations of REAL files (truncation, byte
 * flips, deleted or renamed fields, unit/key changes, huge, negative and non-numeric numbers) must either
 * load into finite, non-negative numbers, or fail with the toolkit's typed IngestError — never another
 * exception, never NaN or a negative rate. FUZZ_RUNS sets the cases per format (CI: 1000; `./vb fuzz`: 10 000).
 */
import fc from "fast-check";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { CORPUS, FIXTURES, HAVE_CORPUS } from "../helpers.ts";

export const RUNS = Number(Deno.env.get("FUZZ_RUNS") ?? 1000);

/** Real seed files per format: fixtures always, corpus files when present. */
export function seeds(): Record<string, { name: string; text: string }[]> {
  const f = (p: string) => ({ name: p.split("/").pop()!, text: Deno.readTextFileSync(p) });
  const fx = (n: string) => f(join(FIXTURES, "ingest", n));
  const sp = (n: string) => f(join(FIXTURES, "sockperf", n));
  const out: Record<string, { name: string; text: string }[]> = {
    "fio-json": [fx("fio-3.33-randrw-jsonplus.json"), fx("fio-3.33-fsync.json")],
    "fio-terse": [fx("fio-3.33-terse-v4.txt"), fx("fio-3.33-terse-v5.txt")],
    "iperf3-json": [fx("iperf3-udp.json"), fx("iperf3-tcp-bidir.json")],
    "iperf2-csv": [fx("iperf2-tcp-p2.csv"), fx("iperf2-tcp-enhanced.csv")],
    "fio-log": [{
      name: "x_clat.1.log",
      text: fx("fio-3.33-perio_clat.1.log").text.split("\n").slice(0, 300).join("\n"),
    }],
    "host-cpu": [
      f(join(FIXTURES, "cost/disk/engine=libaio/rep=1/randread-4k.hostcpu.json")),
      f(join(FIXTURES, "cost/net/streams=1/rep=1/iperf3-tcp.hostcpu.json")),
    ],
    "fio-normal": [
      f(join(FIXTURES, "fio-normal/bsrange.txt")),
      f(join(FIXTURES, "fio-normal/appended/seqwrite.txt")),
      { name: "mix.txt", text: normalOutput(f(join(FIXTURES, "fio-normal/normal-and-json.txt")).text) },
    ],
    "iperf3-text": [
      f(join(FIXTURES, "iperf3-text/udp.txt")),
      f(join(FIXTURES, "iperf3-text/appended/p2.txt")),
      f(join(FIXTURES, "iperf3-text/reverse-omit.txt")),
      f(join(FIXTURES, "iperf3-text/logfile/e1000.txt")),
      f(join(FIXTURES, "iperf3-titles/text/1.txt")),
    ],
    "iperf2-text": [
      f(join(FIXTURES, "iperf2-text/udp.txt")),
      f(join(FIXTURES, "iperf2-text/appended/p2.txt")),
      f(join(FIXTURES, "iperf2-text/intervals.txt")),
      f(join(FIXTURES, "iperf2-text/udp-p2-no-report.txt")),
    ],
    "sockperf-summary": [sp("sockperf-udp-64.txt"), sp("sockperf-udp-64-halfrtt.txt")],
    "sockperf-log": [{
      name: "sockperf-tcp-64.fulllog.csv",
      // The summary block and 300 messages: every line kind, short enough for thousands of runs.
      text: sp("sockperf-tcp-64.fulllog.csv").text.split("\n").slice(0, 330).join("\n"),
    }],
  };
  if (HAVE_CORPUS) {
    out["fio-json"].push(f(join(CORPUS, "fio-json/fio-2.18-randread.json")));
    out["fio-terse"].push(f(join(CORPUS, "fio-terse/fio-2.0.15-terse-v3-rw-16k.txt")));
    out["iperf2-csv"].push(f(join(CORPUS, "iperf2/iperf2-2.0-udp-with-added-header.csv")));
    out["fio-log"].push({
      name: "y_bw.1.log",
      text: f(join(CORPUS, "fio-log/fio-3.1-randread-qd16_bw.1.log")).text,
    });
  }
  return out;
}

/** The normal output fio wrote around its JSON document (`--output-format=normal,json`): the text without it. */
function normalOutput(both: string): string {
  return both.slice(0, both.indexOf("\n{\n")) + both.slice(both.indexOf("\n}\n") + 2);
}

/** One mutation of a text, described by plain data so fast-check can shrink it. */
export const mutation = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant("flip" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant("number" as const),
    nth: fc.nat(400),
    value: fc.constantFrom(
      "-1",
      "-0.5",
      "1e308",
      "1e999",
      "NaN",
      "nan",
      "-inf",
      '"12"',
      "null",
      "0",
      "99999999999999999999",
    ),
  }),
  fc.record({
    kind: fc.constant("key" as const),
    nth: fc.nat(200),
    action: fc.constantFrom("delete", "rename", "unit"),
  }),
  fc.record({
    kind: fc.constant("line" as const),
    nth: fc.nat(300),
    action: fc.constantFrom("drop", "duplicate", "cut"),
  }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

export function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case "truncate":
      return text.slice(0, Math.floor(m.at * text.length));
    case "flip": {
      const i = Math.min(text.length - 1, Math.floor(m.at * text.length));
      return text.slice(0, i) + String.fromCharCode(m.byte) + text.slice(i + 1);
    }
    case "number": {
      let k = 0;
      return text.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi, (x) => (k++ === m.nth ? m.value : x));
    }
    case "key": {
      let k = 0;
      return text.replace(/"([a-z_]+)"\s*:/gi, (x, key: string) => {
        if (k++ !== m.nth) return x;
        if (m.action === "rename") return `"${key}_renamed":`;
        if (m.action === "unit") return `"${key.endsWith("_ns") ? key.slice(0, -3) : key + "_ns"}":`;
        return `"deleted_${k}":`; // a deleted field: its value moves to a key nobody reads
      });
    }
    case "line": {
      const lines = text.split("\n");
      const i = m.nth % Math.max(1, lines.length);
      if (m.action === "drop") lines.splice(i, 1);
      else if (m.action === "duplicate") lines.splice(i, 0, lines[i]);
      else lines[i] = lines[i].slice(0, Math.floor(lines[i].length / 2));
      return lines.join("\n");
    }
  }
}

/** Loads mutated text as a file; returns a description of a violated property, or null. */
export async function check(dir: string, name: string, text: string): Promise<string | null> {
  const path = join(dir, name);
  Deno.writeTextFileSync(path, text);
  let ds: vb.Dataset;
  try {
    ds = await vb.loadFile(path);
  } catch (err) {
    if (err instanceof vb.IngestError) {
      // A message must not leak JavaScript's own words for broken values.
      return /found undefined|\[object /.test(err.message) ? `unreadable message: ${err.message}` : null;
    }
    return `untyped ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  }
  for (const r of ds.rows) {
    if (!Number.isFinite(r.value) || r.value < 0) {
      return `row ${r.metric} ${r.stat} = ${r.value} (${r.location})`;
    }
  }
  for (const s of ds.series) {
    if (s.value.some((v) => !Number.isFinite(v) || v < 0)) return `series ${s.metric} has ${s.value}`;
  }
  for (const h of ds.histograms) {
    if ([...h.value, ...h.count].some((v) => !Number.isFinite(v) || v < 0)) return "histogram value";
  }
  return null;
}
