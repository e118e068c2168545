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

type Parse = (text: string, source: string, factors: Factors, info: Factors) => Dataset;

/**
 * `parse` once per run of `text`, the runs ending where `ends` says (the last one's end is taken to the end of the
 * text); a text of one run is parsed as it is.
 */
export function parseAppended(
  parse: Parse,
  ends: number[],
  text: string,
  source: string,
  factors: Factors,
  info: Factors,
): Dataset {
  if (ends.length < 2) return parse(text, source, factors, info);
  // Each run with the text before it (a tool's notes), the last with the rest of the file (where a run cut short is
  // found); blank lines in place of what comes before, so that every line number is the file's.
  const bounds = [0, ...ends.slice(0, -1), text.length];
  const parts = bounds.slice(0, -1).map((from, k) => {
    const rep = factors.rep === undefined ? `${k + 1}` : `${factors.rep}.${k + 1}`;
    const lines = "\n".repeat(newlines(text, from));
    return parse(
      lines + text.slice(from, bounds[k + 1]),
      documentSource(source, k + 1),
      { ...factors, rep },
      info,
    );
  });
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
