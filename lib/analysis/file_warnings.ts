/**
 * File warnings as a reader can take them in: only those of the tools an analysis covers (plus files no
 * tool could read), and the same warning for many files said once with a count and the file names
 * ("5 files: an empty fio log …: a.log, b.log, …") instead of five times.
 * @module
 */
import type { Dataset, Format, IngestWarning, Tool, Warning } from "../model.ts";

/** The tool a file of each format belongs to ("derived" rows come from no file of their own). */
const TOOL_OF: Record<Exclude<Format, "derived">, Tool> = {
  "fio-json": "fio",
  "fio-terse": "fio",
  "fio-normal": "fio",
  "fio-log": "fio",
  "iperf3-json": "iperf3",
  "iperf3-text": "iperf3",
  "iperf2-csv": "iperf2",
  "iperf2-text": "iperf2",
  "host-cpu": "host",
  "sockperf-summary": "sockperf",
  "sockperf-log": "sockperf",
};

/** How many file names a grouped warning lists before "… and N more". */
const NAMES_SHOWN = 8;

/** The warnings of files read as one of `tools` (all when empty), and of files no parser could read. */
export function warningsForTools(ds: Pick<Dataset, "warnings" | "files">, tools: Tool[]): IngestWarning[] {
  if (tools.length === 0) return ds.warnings;
  const toolOf = new Map(
    ds.files.map((f) => [f.source, f.format === "derived" ? undefined : TOOL_OF[f.format]]),
  );
  return ds.warnings.filter((w) => {
    const tool = toolOf.get(w.source);
    return tool === undefined || tools.includes(tool);
  });
}

/** One warning per distinct message, naming its files; the file's own name is taken out so equal ones group. */
export function groupFileWarnings(warnings: IngestWarning[]): Warning[] {
  const groups = new Map<string, string[]>();
  for (const w of warnings) {
    const key = w.source ? w.message.split(w.source).join("\u0000") : w.message;
    const sources = groups.get(key) ?? groups.set(key, []).get(key)!;
    if (!sources.includes(w.source)) sources.push(w.source);
  }
  return [...groups].map(([key, sources]) => ({
    kind: "file",
    files: sources,
    text: groupText(key, sources),
  }));
}

/** "a.log: an empty fio log …", or "5 files: an empty fio log … — a.log, b.log, …". */
function groupText(key: string, sources: string[]): string {
  if (sources.length === 1) return key.split("\u0000").join(sources[0]);
  // "file: …" and "file, place: …" (the same place in every file) lose the file name, which the list gives.
  // deno-lint-ignore no-control-regex
  const own = /^\u0000(?:, ([^:]+))?: /;
  const what = own.test(key)
    ? key.replace(own, (_, at) => (at ? `${at}: ` : ""))
    : key.split("\u0000").join("(file)");
  const names = sources.slice(0, NAMES_SHOWN).join(", ") +
    (sources.length > NAMES_SHOWN ? ` and ${sources.length - NAMES_SHOWN} more` : "");
  return `${sources.length} files: ${what} — ${names}`;
}
