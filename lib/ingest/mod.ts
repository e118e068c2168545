/** Ingest: every raw fio, iperf, sockperf and host-CPU format → the tidy model of `lib/model.ts`. @module */
export * from "./errors.ts";
export { detectFormat, HEAD_BYTES } from "./detect.ts";
export { factorsFromPath, fioLogMetric, pathFactors, REP_ALIASES, workloadOf } from "./factors.ts";
export type { PathFactors } from "./factors.ts";
export { LayoutError, matchLayout, parseLayout } from "./layout.ts";
export type { Layout } from "./layout.ts";
export { fioContentFactors, iperf3ContentFactors } from "./content.ts";
export { parseFioJson } from "./fio_json.ts";
export { parseFioTerse } from "./fio_terse.ts";
export { parseFioNormal } from "./fio_normal.ts";
export { HISTOGRAM_RESOLUTION, ingestFioLog, LOG_QUANTILES, looksLikeFioLog } from "./fio_log.ts";
export type { FioLogOptions } from "./fio_log.ts";
export { parseIperf3Json } from "./iperf3_json.ts";
export { parseIperf3Text } from "./iperf3_text.ts";
export { parseIperf2Csv } from "./iperf2_csv.ts";
export { parseIperf2Text } from "./iperf2_text.ts";
export { cpuCount, HOST_CPU_KEY, parseHostCpu } from "./host_cpu.ts";
export {
  parseSockperfLog,
  parseSockperfLogSummary,
  parseSockperfSummary,
  sockperfFormat,
} from "./sockperf.ts";
export { loadDir, loadDirColumns, loadFile } from "./load.ts";
export type { LoadOptions } from "./load.ts";
export { mergeAll, mergeColumns, mergeDatasets } from "./merge.ts";
export { readManifest } from "./manifest.ts";
