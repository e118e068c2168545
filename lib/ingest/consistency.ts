/**
 * Checks across the files of one loaded folder that no single file can make: runs of the same
 * workload that name their job differently (a fio 2.x run re-made with another job name would
 * otherwise simply fall out of its group).
 * @module
 */
import { REPETITION_FACTOR } from "../model.ts";
import type { IngestWarning, Measurement } from "../model.ts";

/** One warning per workload whose runs' job names differ, naming the files of the odd names. */
export function jobNameWarnings(ds: { rows: Iterable<Measurement> }): IngestWarning[] {
  // workload identity (factors but the repetition, tool) → job-name set → files
  const byWorkload = new Map<string, Map<string, Set<string>>>();
  const jobsOf = new Map<string, { identity: string; jobs: Set<string> }>();
  for (const r of ds.rows) {
    if (r.format !== "fio-json" && r.format !== "fio-terse" && r.format !== "fio-normal") continue; // logs have no job name ("log")
    let entry = jobsOf.get(r.source);
    if (!entry) {
      const { [REPETITION_FACTOR]: _rep, ...rest } = r.factors;
      const identity = Object.entries(rest).sort().map(([k, v]) => `${k}=${v}`).join(" ") + ` (${r.tool})`;
      entry = { identity, jobs: new Set() };
      jobsOf.set(r.source, entry);
    }
    entry.jobs.add(r.job);
  }
  for (const [source, { identity, jobs }] of jobsOf) {
    const names = [...jobs].sort().join(", ");
    const group = byWorkload.get(identity) ?? byWorkload.set(identity, new Map()).get(identity)!;
    (group.get(names) ?? group.set(names, new Set()).get(names)!).add(source);
  }
  const out: IngestWarning[] = [];
  for (const [identity, variants] of byWorkload) {
    if (variants.size < 2) continue;
    const sorted = [...variants].sort((a, b) => b[1].size - a[1].size);
    const [common] = sorted[0];
    for (const [names, files] of sorted.slice(1)) {
      for (const source of files) {
        out.push({
          source,
          message:
            `${source}: its job is named "${names}" where ${sorted[0][1].size} other run(s) of ${identity} ` +
            `name it "${common}"; runs are grouped by job name, so this run is not counted with them`,
        });
      }
    }
  }
  return out;
}
