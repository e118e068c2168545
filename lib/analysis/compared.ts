/**
 * Which factor is compared: the one asked for (`--by`, experiment.json), else `driver` or `nic` when present,
 * else the one factor that varies between otherwise identical runs. Factors that always change together
 * (ioengine and iodepth) count as one candidate here and are reported as confounded when paired
 * (lib/analysis/identity.ts).
 *
 * The load's own dimensions — access pattern, block size, queue depth, jobs, streams, protocol, direction — are
 * what a benchmark sweeps to describe the load; what changed in the system under test (ioengine, driver, host,
 * kernel, before/after) is what is compared. So when exactly one varying candidate is not a load dimension, it is
 * the compared factor and the load dimensions stay workloads (four stonewall jobs psync/libaio × read/write
 * compare psync with libaio on read and on write). Otherwise, several candidates: one sentence listing them and
 * the exact flag to pass.
 * @module
 */
import { REPETITION_FACTOR } from "../model.ts";
import { AnalysisError } from "./errors.ts";
import { configKey, oneRunEach, type Unit } from "./identity.ts";

const PREFERRED_BY = ["driver", "nic"];
/** Factors that are names of runs (a folder, a file name, a fio job name: lib/analysis/identity.ts), not settings. */
const NAME_FACTORS = new Set(["config", "folder", "jobname"]);
/** fio options and iperf settings that shape the load rather than the system under test. */
const LOAD_DIMENSIONS = new Set([
  "rw",
  "readwrite",
  "bs",
  "blocksize",
  "bsrange",
  "bssplit",
  "iodepth",
  "numjobs",
  "rwmixread",
  "rwmixwrite",
  "size",
  "filesize",
  "nrfiles",
  "runtime",
  "ramp_time",
  "time_based",
  "format",
  "protocol",
  "num_streams",
  "blksize",
  "duration",
  "bytes",
  "blocks",
  "reverse",
  "bidir",
  "omit",
  "target_bitrate",
  "jobname",
  "config",
  "folder",
]);

/**
 * The factor to compare: the one named, the one experiment.json declares, a preferred one present (driver, nic,
 * …), or the only one that varies between otherwise identical runs. Null when nothing is named and every run of
 * each tool is one configuration (repetitions of it): there is nothing to compare, which is not an error. Anything
 * else that leaves the choice open is refused in one sentence with the flags that would settle it.
 */
export function chooseBy(
  units: Unit[],
  explicit: string | undefined,
  declared: (string | undefined)[],
): string | null {
  const present = new Set(units.flatMap((u) => Object.keys(u.identity)));
  if (explicit) {
    const by = explicit === "workload" && present.has("config") ? "config" : explicit;
    if (!present.has(by)) {
      throw new AnalysisError(
        `No run has a factor "${explicit}" (in its content, a key=value folder or the layout), so it cannot be ` +
          `compared; factors found: ${list(known(units))}.`,
      );
    }
    return by;
  }
  const fromExperiment = declared.find((b) => b && present.has(b));
  if (fromExperiment) return fromExperiment;
  const preferred = PREFERRED_BY.find((f) => present.has(f));
  if (preferred) return preferred;
  const all = comparable(units);
  // A name that differs for every run (psync-3.json read as config "psync-3") is a repetition mark not understood.
  const candidates = all.filter((c) => !oneRunEach(units, c[0]));
  const system = candidates.filter((c) => c.some((k) => !LOAD_DIMENSIONS.has(k)));
  const pick = (c: string[]) => c.find((k) => !LOAD_DIMENSIONS.has(k)) ?? c[0];
  if (candidates.length === 1) return pick(candidates[0]);
  if (system.length === 1) return pick(system[0]);
  // Names (a folder, a file name) that vary beside a load the files' content describes: the names are what was
  // compared (ide/ and virtio-blk/ folders of the same fio jobs), the content's dimensions are the workloads.
  // Of several such names, the one every run carries: sockperf's file names (its only description) vary in an
  // e1000/ and virtio-net/ folder beside iperf3 runs that need none, the folders in both.
  const nameClasses = candidates.filter((c) => c.every((k) => NAME_FACTORS.has(k)));
  const carried = nameClasses.length > 1 ? nameClasses.filter((c) => carriedByAll(units, c)) : nameClasses;
  const loads = candidates.filter((c) =>
    c.every((k) => LOAD_DIMENSIONS.has(k)) && c.some((k) => !NAME_FACTORS.has(k))
  );
  if (carried.length === 1 && nameClasses.length + loads.length === candidates.length) {
    return pick(carried[0]);
  }
  if (candidates.length === 0 && all.length) {
    const names = all.map((c) => c[0]);
    throw new AnalysisError(
      `Cannot tell which factor to compare: every run has its own ${names.join(" and ")} ` +
        `(${values(units, names[0]).slice(0, 3).join(", ")}, …), so no two runs are repetitions of one ` +
        `configuration; if the names carry the repetition, describe them with --layout, e.g. --layout ` +
        `'{config}-{rep}.json' (notebook parameter layout=…), else name the compared factor with --by FACTOR.`,
    );
  }
  if (all.length === 0 && oneConfiguration(units)) return null;
  const flag = candidates[0]?.[0] ?? "FACTOR";
  // Each choice that makes sense gets its exact flag.
  const flags = candidates.length ? candidates.map((c) => `--by ${c[0]}`).join(" or ") : `--by ${flag}`;
  throw new AnalysisError(
    `Cannot tell which factor to compare: ` +
      (candidates.length
        ? `${
          candidates.map((c) =>
            `${c[0]} (${values(units, c[0]).join(", ")}${
              c.length > 1 ? `; changes together with ${c.slice(1).join(", ")}` : ""
            })`
          ).join(" and ")
        } each vary between otherwise identical runs`
        : `no factor varies between otherwise identical runs (factors found: ${list(known(units))})`) +
      `; name it with ${flags} (notebook parameter by=${flag}, or {"by": "${flag}"} in experiment.json).`,
  );
}

/**
 * Classes of factors that vary in lockstep (each value of one goes with one value of the other), kept when some
 * runs differ in that class alone. Sorted by the class's first factor.
 */
function comparable(units: Unit[]): string[][] {
  const keys = [...new Set(units.flatMap((u) => Object.keys(u.identity)))].filter((k) =>
    k !== REPETITION_FACTOR && values(units, k).length > 1
  ).sort();
  const classes: string[][] = [];
  for (const k of keys) {
    const mate = classes.find((c) => lockstep(units, c[0], k));
    if (mate) mate.push(k);
    else classes.push([k]);
  }
  return classes.filter((c) => {
    const groups = new Map<string, Set<string>>();
    for (const u of units) {
      const rest = JSON.stringify([
        u.tool,
        Object.entries(u.identity).filter(([k]) => !c.includes(k)).sort(),
      ]);
      const g = groups.get(rest) ?? groups.set(rest, new Set()).get(rest)!;
      g.add(JSON.stringify(c.map((k) => u.identity[k])));
    }
    return [...groups.values()].some((g) => g.size > 1);
  });
}

function lockstep(units: Unit[], a: string, b: string): boolean {
  const ab = new Map<string, string>(), ba = new Map<string, string>();
  return units.every((u) => {
    const x = u.identity[a] ?? "∅", y = u.identity[b] ?? "∅";
    return (ab.get(x) ?? ab.set(x, y).get(x)) === y && (ba.get(y) ?? ba.set(y, x).get(y)) === x;
  });
}

function values(units: Unit[], factor: string): string[] {
  return [...new Set(units.map((u) => u.identity[factor] ?? "unset"))].sort();
}

function known(units: Unit[]): string[] {
  return [...new Set(units.flatMap((u) => Object.keys(u.identity)))].sort();
}

function list(names: string[]): string {
  return names.length ? names.map((v) => `"${v}"`).join(", ") : "none";
}

/** Whether every run of a tool has one of the class's factors (a host CPU record is a run's companion). */
function carriedByAll(units: Unit[], factors: string[]): boolean {
  return units.every((u) => u.tool === "host" || factors.some((k) => u.identity[k] !== undefined));
}

/** Whether the runs of each tool are all one configuration (repetitions of it). */
function oneConfiguration(units: Unit[]): boolean {
  return new Set(units.map(configKey)).size === new Set(units.map((u) => u.tool)).size;
}
