/**
 * Runs appended to one file, each a repetition. `iperf3 -J --logfile run.json` appends to its log, and
 * `fio --output-format=json|terse … >> runs.json`, `iperf -y C … >> runs.csv` or `sockperf ping-pong … >> runs.txt`
 * in a loop do the same: a file of several whole JSON documents, terse lines, CSV lines or client outputs, told
 * apart as {@link RUN_ENDS} says. Each is
 * read as the run it is: its records' source is the file and its place (`e1000.json#2`, lib/paths.ts), and it is
 * repetition 1, 2, 3 … in file order (`2.1`, `2.2` … under a `rep=2` folder). So a folder of `e1000.json` and
 * `virtio-net.json` holding five runs each compares five runs a side, as five files each would.
 * @module
 */
import type { Dataset, Factors, Format } from "../model.ts";
import { documentSource } from "../paths.ts";
import { mergeAll } from "./merge.ts";
import { describeError, IngestError, ToolRunError } from "./errors.ts";
import { emptyDataset } from "./rows.ts";
import { jsonDocumentEnds } from "./json_text.ts";
import { fioTerseRunEnds } from "./fio_terse.ts";
import { fioNormalRunEnds } from "./fio_normal.ts";
import { iperf3TextRunEnds } from "./iperf3_text.ts";
import { iperf2TextRunEnds } from "./iperf2_text.ts";
import { iperf2RunEnds } from "./iperf2_csv.ts";
import { sockperfRunEnds } from "./sockperf.ts";

type Parse = (text: string, source: string, factors: Factors, info: Factors) => Dataset;

/** One run's text in a file: [from, to). */
export interface RunSpan {
  from: number;
  to: number;
}

/** The runs of a text whose runs end where `ends` says, one after another, the last to the end of the text. */
function runSpans(ends: number[], length: number): RunSpan[] {
  return ends.map((end, k) => ({ from: k ? ends[k - 1] : 0, to: k === ends.length - 1 ? length : end }));
}

/** Where each run of a file ends, for the formats people append runs to. */
const RUN_ENDS: Partial<Record<Format, (text: string) => number[]>> = {
  "fio-json": jsonDocumentEnds,
  "fio-terse": fioTerseRunEnds,
  "fio-normal": fioNormalRunEnds,
  "iperf3-json": jsonDocumentEnds,
  "iperf3-text": iperf3TextRunEnds,
  "iperf2-csv": iperf2RunEnds,
  "iperf2-text": iperf2TextRunEnds,
  "sockperf-summary": sockperfRunEnds,
};

/** The runs of a file of `format`, and what to say of them (an assumption the reader should know), if anything. */
export function runsOf(format: Format, text: string): { spans: RunSpan[]; note?: string } {
  const ends = RUN_ENDS[format];
  const spans = ends ? runSpans(ends(text), text.length) : [];
  if (format === "fio-json") return { spans: withoutStatusReports(spans, text) };
  if (format === "fio-terse" && spans.length > 1) {
    // Terse lines name only their job: numjobs clones of one run (without group_reporting) look the same.
    return {
      spans,
      note:
        `holds its jobs' results ${spans.length} times: read as ${spans.length} runs appended one after another ` +
        "(fio --output-format=terse … >> file); clones of one run (numjobs without group_reporting) are read so " +
        "too — use group_reporting=1 for them",
    };
  }
  return { spans };
}

/**
 * The runs of a fio JSON file without the status reports fio wrote during a run (`--status-interval`): each is a
 * whole document of the run so far, and the last is its result. Documents of one run started at the same time
 * (`timestamp` − the first job's `elapsed`, to the second), so of consecutive ones that did, only the last is the
 * run's; documents without these fields are runs of their own.
 */
function withoutStatusReports(spans: RunSpan[], text: string): RunSpan[] {
  const started = (span: RunSpan) => {
    const doc = text.slice(span.from, span.to);
    const time = doc.match(/"timestamp"\s*:\s*(\d+)/)?.[1];
    const elapsed = doc.match(/"elapsed"\s*:\s*(\d+)/)?.[1];
    return time === undefined || elapsed === undefined ? NaN : Number(time) - Number(elapsed);
  };
  const out: RunSpan[] = [];
  let last = NaN;
  for (const span of spans) {
    const start = started(span);
    if (Math.abs(start - last) <= 1) out[out.length - 1] = span;
    else out.push(span);
    last = start;
  }
  return out;
}

/**
 * `parse` once per run of `text` ({@link runsOf}); a text that is one run from its start is parsed as it is. `note`:
 * said of the file when it holds several runs.
 */
export function parseAppended(
  parse: Parse,
  { spans, note }: { spans: RunSpan[]; note?: string },
  text: string,
  source: string,
  factors: Factors,
  info: Factors,
): Dataset {
  if (spans.length === 0 || (spans.length === 1 && spans[0].from === 0)) {
    return parse(text, source, factors, info);
  }
  // Each run with the text before it (a tool's notes), the last with the rest of the file (where a run cut short is
  // found); blank lines in place of what comes before, so that every line number is the file's.
  const many = spans.length > 1;
  const failed: IngestError[] = [];
  // Lines before each run, counted on from the run before (spans come in file order): once over the file.
  let counted = 0, lines = 0;
  const linesBefore = (from: number) => {
    for (let i = text.indexOf("\n", counted); i >= 0 && i < from; i = text.indexOf("\n", i + 1)) lines++;
    counted = from;
    return lines;
  };
  const parts = spans.map(({ from, to }, k) => {
    const rep = factors.rep === undefined ? `${k + 1}` : `${factors.rep}.${k + 1}`;
    try {
      return parse(
        "\n".repeat(linesBefore(from)) + text.slice(from, to),
        many ? documentSource(source, k + 1) : source,
        many ? { ...factors, rep } : factors,
        info,
      );
    } catch (err) {
      // One run that failed (an iperf3 error, a bad number) is said with what it measured; the file's other runs
      // are kept. A file whose every run fails fails as a file would.
      if (!many || !(err instanceof IngestError)) throw err;
      failed.push(err);
      const said = (err instanceof ToolRunError ? err.partial as Dataset | undefined : undefined) ??
        emptyDataset();
      said.warnings.push({ source, message: describeError(err) });
      return said;
    }
  });
  if (failed.length === spans.length) throw failed[0];
  const all = mergeAll(parts);
  // The file is listed once (per tool version it holds: a tool upgraded between two runs shows as both), and its
  // warnings are the file's, their words naming the run.
  const versions = new Set<string>();
  all.files = all.files.filter((f) => !versions.has(f.toolVersion) && versions.add(f.toolVersion))
    .map((f) => ({ ...f, source }));
  for (const w of all.warnings) w.source = source;
  if (note) all.warnings.unshift({ source, message: `${source}: ${note}` });
  return all;
}
