/** What a file's name says about its content: its stem (no extension, no fio log suffix) and a log's metric. @module */

/** fio log suffixes (`_bw.1.log`, `_clat.3.log`, `_lat.log`) and plain extensions are not part of a name. */
const LOG_SUFFIX = /_(bw|iops|lat|clat|slat)(\.\d+)?\.log$/;
/** Any short alphabetic extension (.json, .csv, .txt, .data, …): content decides the format, not the name. */
const EXTENSION = /\.[a-z]{1,5}$/i;
/** Files that go with a tool's output in the same run: `<workload>.hostcpu.json`, `<workload>.fulllog.csv`. */
const COMPANION = /\.(hostcpu|fulllog)$/;

/** `randread-4k-qd1_clat.1.log` → `randread-4k-qd1`; `psync-run3.json` → `psync-run3`. */
export function stemOf(fileName: string): string {
  return fileName.replace(LOG_SUFFIX, "").replace(EXTENSION, "").replace(COMPANION, "");
}

/** The metric of a fio log from its name, or null when the name has no log suffix. */
export function fioLogMetric(fileName: string): "bw" | "iops" | "lat" | "clat" | "slat" | null {
  const m = fileName.match(LOG_SUFFIX);
  return m ? m[1] as "bw" | "iops" | "lat" | "clat" | "slat" : null;
}

/**
 * The folders and file of a relative path. Only "/" separates them on Linux and macOS: a backslash or a quote is
 * an ordinary character of a name there (`driver=drv\new` is one folder); Windows paths use both.
 */
export function pathSegments(relPath: string): string[] {
  return relPath.split(Deno.build.os === "windows" ? /[\\/]/ : /\//).filter(Boolean);
}
