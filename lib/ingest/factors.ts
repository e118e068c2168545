/**
 * Factors from paths: every `key=value` folder segment becomes a factor (Hive/Arrow partitioning),
 * and the file name, without its extension and log suffix, is the `workload` unless a
 * `workload=` segment says otherwise.
 * @module
 */
import type { Factors } from "../model.ts";

/** fio log suffixes (`_bw.1.log`, `_clat.3.log`, `_lat.log`) and plain extensions are not part of the workload. */
const LOG_SUFFIX = /_(bw|iops|lat|clat|slat)(\.\d+)?\.log$/;
/** Any short alphabetic extension (.json, .csv, .txt, .data, …): content decides the format, not the name. */
const EXTENSION = /\.[a-z]{1,5}$/i;
/** Files that go with a tool's output in the same run: `<workload>.hostcpu.json`, `<workload>.fulllog.csv`. */
const COMPANION = /\.(hostcpu|fulllog)$/;

/** Factors of a path relative to the loaded root, e.g. `disk/os=linux/driver=ide/rep=2/randread-4k.json`. */
export function factorsFromPath(relPath: string): Factors {
  const segments = relPath.split(/[\\/]/).filter(Boolean);
  const file = segments.pop() ?? "";
  const factors: Factors = {};
  for (const segment of segments) {
    const eq = segment.indexOf("=");
    if (eq > 0) factors[segment.slice(0, eq)] = decodeURIComponent(segment.slice(eq + 1));
  }
  factors.workload ??= workloadOf(file);
  return factors;
}

/**
 * The workload name a file stands for: `randread-4k-qd1_clat.1.log` → `randread-4k-qd1`,
 * `sockperf-udp-64.fulllog.csv` → `sockperf-udp-64`.
 */
export function workloadOf(fileName: string): string {
  return fileName.replace(LOG_SUFFIX, "").replace(EXTENSION, "").replace(COMPANION, "");
}

/** The metric of a fio log from its name, or null when the name has no log suffix. */
export function fioLogMetric(fileName: string): "bw" | "iops" | "lat" | "clat" | "slat" | null {
  const m = fileName.match(LOG_SUFFIX);
  return m ? m[1] as "bw" | "iops" | "lat" | "clat" | "slat" : null;
}
