/**
 * Factors from a file's own content, and which of them identify a configuration.
 *
 * A run's **configuration** is what was asked of the tool: fio's job options as fio names them (rw, bs,
 * iodepth, numjobs, ioengine, direct, rwmixread, size, runtime, ramp_time, …), iperf3's test settings
 * (protocol, num_streams, blksize, duration or bytes, reverse, bidir, omit, tos, target_bitrate, …), iperf 2's
 * stream count and protocol. These become factors: two runs with different values are different workloads.
 *
 * Other content only **describes** a run: where fio read and wrote (`filename`, `directory`), its log and output
 * names, the job's `name` (the jobname is the row's `job`), the random seed, the host. Device paths follow from
 * the compared factor (/dev/vda under virtio-blk, /dev/sda under IDE) and log names often carry the repetition,
 * so these are kept as descriptive columns (`info`) and never split groups; lib/analysis warns when one varies
 * among runs that are compared. Tool versions are the rows' `toolVersion`, warned about by the comparison.
 * @module
 */
import type { Factors } from "../model.ts";
import { REP_ALIASES } from "./layout.ts";

/** fio options that describe a run (where it wrote, what it logged, how it reports), not what it measured. */
const FIO_DESCRIPTIVE = new Set([
  "name",
  "description",
  "filename",
  "directory",
  "filename_format",
  "unique_filename",
  "opendir",
  "randseed",
  "output",
  "write_iolog",
  "exec_prerun",
  "exec_postrun",
  "percentile_list",
  "clat_percentiles",
  "lat_percentiles",
  "slat_percentiles",
  "significant_figures",
]);
/** fio logging options (write_bw_log, log_avg_msec, per_job_logs, …): they shape the logs, not the run. */
const FIO_LOGGING = /^(write_\w+_log|log_\w+|per_job_logs)$/;

/** Content factors split into those that identify the configuration and those that describe the run. */
export interface ContentFactors {
  identity: Factors;
  info: Factors;
}

/** fio `global options` + a job's `job options` (the job's own win, as in fio). */
export function fioContentFactors(...optionSets: unknown[]): ContentFactors {
  const out: ContentFactors = { identity: {}, info: {} };
  for (const options of optionSets) {
    if (typeof options !== "object" || options === null || Array.isArray(options)) continue;
    for (const [key, raw] of Object.entries(options)) {
      const value = scalar(raw);
      if (value === null) continue;
      const descriptive = FIO_DESCRIPTIVE.has(key) || FIO_LOGGING.test(key);
      delete (descriptive ? out.identity : out.info)[key];
      (descriptive ? out.info : out.identity)[key] = value;
    }
  }
  return out;
}

/** iperf3 `start.test_start`: every setting is configuration. */
export function iperf3ContentFactors(testStart: Record<string, unknown>): Factors {
  const out: Factors = {};
  for (const [key, raw] of Object.entries(testStart)) {
    const value = scalar(raw);
    if (value !== null) out[key] = value;
  }
  return out;
}

/**
 * What a user wrote into iperf3's JSON with `--extra-data`: `key=value` pairs (`driver=virtio-net,os=linux`, split
 * by commas, semicolons or spaces) are factors, as deliberate as `key=value` folders (`run=`, `iter=` … mean `rep=`);
 * any other text is kept as the descriptive `extra_data`.
 */
export function extraDataFactors(raw: unknown): ContentFactors {
  const text = typeof raw === "string" ? raw.trim() : "";
  if (text === "") return { identity: {}, info: {} };
  const pairs = text.split(/[,;\s]+/).map((p) => p.match(/^([A-Za-z_][\w.-]*)=(.+)$/));
  if (pairs.some((m) => m === null)) return { identity: {}, info: { extra_data: text } };
  const identity: Factors = {};
  for (const m of pairs) identity[REP_ALIASES.has(m![1].toLowerCase()) ? "rep" : m![1]] = m![2];
  return { identity, info: {} };
}

/**
 * Path factors and content factors together. A `key=value` folder (or layout field) is a deliberate statement
 * and wins; a conflict with the content is reported with both values.
 */
export function mergeContent(
  path: Factors,
  content: Factors,
  source: string,
  warn: (message: string, key: string) => void,
): Factors {
  const out: Factors = { ...content, ...path };
  for (const [key, value] of Object.entries(content)) {
    if (path[key] !== undefined && path[key] !== value) {
      warn(
        `${source}: the folder says ${key}=${path[key]}, the file's content says ${key}=${value}; ` +
          `using ${path[key]} (folder names win)`,
        key,
      );
    }
  }
  return out;
}

function scalar(raw: unknown): string | null {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  return null;
}
