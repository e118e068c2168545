/**
 * Runs appended to one file, each a repetition. `iperf3 -J --logfile run.json` appends to its log, and
 * `fio --output-format=json … >> runs.json`, `iperf -y C … >> runs.csv` or `sockperf ping-pong … >> runs.txt` in a
 * loop do the same: a file of several whole JSON documents, of several runs' CSV lines (iperf2_csv.ts
 * iperf2RunEnds), or of several client outputs (sockperf.ts sockperfRunEnds). Each is
 * read as the run it is: its records' source is the file and its place (`e1000.json#2`, lib/paths.ts), and it is
 * repetition 1, 2, 3 … in file order (`2.1`, `2.2` … under a `rep=2` folder). So a folder of `e1000.json` and
 * `virtio-net.json` holding five runs each compares five runs a side, as five files each would.
 * @module
 */
import type { Dataset, Factors } from "../model.ts";
import { documentSource } from "../paths.ts";
import { mergeAll } from "./merge.ts";
import { describeError, IngestError, ToolRunError } from "./errors.ts";
import { emptyDataset } from "./rows.ts";

type Parse = (text: string, source: string, factors: Factors, info: Factors) => Dataset;

/** One run's text in a file: [from, to). */
export interface RunSpan {
  from: number;
  to: number;
}

/** The runs of a text whose runs end where `ends` says, one after another, the last to the end of the text. */
export function runSpans(ends: number[], length: number): RunSpan[] {
  return ends.map((end, k) => ({ from: k ? ends[k - 1] : 0, to: k === ends.length - 1 ? length : end }));
}

/** `parse` once per run of `text`; a text that is one run from its start is parsed as it is. */
export function parseAppended(
  parse: Parse,
  spans: RunSpan[],
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
  const parts = spans.map(({ from, to }, k) => {
    const rep = factors.rep === undefined ? `${k + 1}` : `${factors.rep}.${k + 1}`;
    try {
      return parse(
        "\n".repeat(newlines(text, from)) + text.slice(from, to),
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
  return all;
}

function newlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
