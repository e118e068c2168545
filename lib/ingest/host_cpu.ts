/**
 * The harness's per-run host CPU record (`<workload>.hostcpu.json`, beside the tool output in the
 * same repetition folder) → tidy rows. Version 1 has exactly this shape:
 *
 * ```json
 * {"vbench_host_cpu": 1, "workload": "randread-4k-qd32", "tool_output": "randread-4k-qd32.json",
 *  "process": "qemu-system-x86_64", "pid": 12345, "source": "/proc/12345/stat", "clock_ticks_per_s": 100,
 *  "user_s": 3.21, "system_s": 0.54, "wall_s": 5.02, "cpu_affinity": "1",
 *  "loadavg_before": "0.10 0.08 0.02", "loadavg_after": "0.35 0.12 0.03"}
 * ```
 *
 * `user_s`/`system_s`/`wall_s` are differences between the workload's start and end (utime and
 * stime of `/proc/<pid>/stat`, or a cgroup's cpu.stat). The rows' `workload` factor is the file's
 * `workload` field, not its name, so they join the tool output's rows of the same run. Rows
 * (tool "host", job = process name, direction "mixed"): `host_cpu_user`, `host_cpu_system`,
 * `host_cpu` (user + system) in s, stat "total"; `host_wall` in s, stat "value".
 * @module
 */
import type { Dataset, Factors } from "../model.ts";
import { ParseError } from "./errors.ts";
import { asObject } from "./fio_json.ts";
import { parseJsonInText } from "./json_text.ts";
import { checkNumber, RowSink } from "./rows.ts";

type Obj = Record<string, unknown>;

/** The key that marks the format, and its one known version. */
export const HOST_CPU_KEY = "vbench_host_cpu";
const VERSION = 1;

export function parseHostCpu(text: string, source: string, factors: Factors = {}): Dataset {
  const { doc } = parseJsonInText(text, source, "a host CPU record (<workload>.hostcpu.json)");
  const root = asObject(doc, source, "$");
  if (root[HOST_CPU_KEY] !== VERSION) {
    throw new ParseError({
      file: source,
      location: `$.${HOST_CPU_KEY}`,
      found: root[HOST_CPU_KEY] === undefined ? "no such key" : JSON.stringify(root[HOST_CPU_KEY]),
      expected: `version ${VERSION}`,
      hint: "The file was written by another version of the harness",
    });
  }
  const str = (key: string) => stringField(root, key, source);
  const workload = str("workload");
  const process = str("process");
  for (const key of ["tool_output", "source", "cpu_affinity"]) str(key);
  for (const key of ["loadavg_before", "loadavg_after"]) loadavg(str(key), key, source);
  const pid = checkNumber(root.pid, source, "$.pid");
  if (!Number.isInteger(pid)) {
    throw new ParseError({ file: source, location: "$.pid", found: String(pid), expected: "a process id" });
  }
  const ticks = checkNumber(root.clock_ticks_per_s, source, "$.clock_ticks_per_s");
  if (ticks === 0) {
    throw new ParseError({
      file: source,
      location: "$.clock_ticks_per_s",
      found: "0",
      expected: "the clock ticks per second (getconf CLK_TCK, usually 100)",
    });
  }
  const user = checkNumber(root.user_s, source, "$.user_s");
  const system = checkNumber(root.system_s, source, "$.system_s");
  const wall = checkNumber(root.wall_s, source, "$.wall_s");
  const sink = new RowSink({
    source,
    factors: { ...factors, workload },
    tool: "host",
    toolVersion: String(VERSION),
    format: "host-cpu",
  });
  sink.add(process, "mixed", "host_cpu_user", "total", user, "s", "$.user_s");
  sink.add(process, "mixed", "host_cpu_system", "total", system, "s", "$.system_s");
  // Rounded to µs: the inputs have a few decimals, their float sum a tail of noise (0.42 + 1.14).
  const total = Math.round((user + system) * 1e6) / 1e6;
  sink.add(process, "mixed", "host_cpu", "total", total, "s", "$.user_s + $.system_s");
  sink.add(process, "mixed", "host_wall", "value", wall, "s", "$.wall_s");
  const cpus = cpuCount(root.cpu_affinity as string);
  // Tick rounding can add one tick to each of user and system.
  if (cpus !== null && total > wall * cpus + 2 / ticks) {
    sink.warn(
      `${source}: ${process} used ${total} s of CPU in ${wall} s on ${cpus} allowed ` +
        `CPU${cpus === 1 ? "" : "s"} (cpu_affinity "${root.cpu_affinity}"), more than is possible; ` +
        `the samples may belong to different runs`,
      "$.user_s",
    );
  }
  return sink.dataset;
}

function stringField(root: Obj, key: string, file: string): string {
  const value = root[key];
  if (typeof value !== "string" || value.trim() === "") {
    throw new ParseError({
      file,
      location: `$.${key}`,
      found: value === undefined ? "nothing (the key is missing)" : JSON.stringify(value),
      expected: "a non-empty string",
    });
  }
  return value;
}

/** "0.10 0.08 0.02": the first three fields of /proc/loadavg. */
function loadavg(value: string, key: string, file: string): void {
  const parts = value.trim().split(/\s+/);
  if (parts.length !== 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) {
    throw new ParseError({
      file,
      location: `$.${key}`,
      found: JSON.stringify(value),
      expected: 'three load averages as in /proc/loadavg, e.g. "0.10 0.08 0.02"',
    });
  }
}

/** How many CPUs a Linux CPU list ("1", "0-3", "0,2-3") allows; null when it is not such a list. */
export function cpuCount(list: string): number | null {
  let n = 0;
  for (const part of list.split(",")) {
    const m = part.trim().match(/^(\d+)(?:-(\d+))?$/);
    if (!m) return null;
    n += m[2] === undefined ? 1 : Math.max(0, Number(m[2]) - Number(m[1]) + 1);
  }
  return n;
}
