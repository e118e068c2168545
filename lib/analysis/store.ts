/**
 * Analyses over the results store (lib/store): add a folder, analyse a stored batch, compare a folder against a
 * stored batch, list the verdicts that changed between two batches. Every path goes through the same
 * `analyseDataset`/`analyseDatasets` as a folder on disk, so a batch read back gives exactly the folder's numbers.
 * @module
 */
import { basename, resolve } from "node:path";
import { loadDir } from "../ingest/load.ts";
import type { Dataset, Factors, Tool } from "../model.ts";
import { type AppendResult, appendToStore, readBatch } from "../store/mod.ts";
import type { Verdict } from "../stats/types.ts";
import { analyseDataset, analyseDatasets, type AnalyseOptions, type Analysis } from "./analyse.ts";
import { readExperiments } from "./experiment.ts";

/** Disk (fio) and network (iperf) are analysed separately: each has its own compared factor. */
const FAMILIES: Tool[][] = [["fio"], ["iperf3", "iperf2"]];

/**
 * Loads a data folder and appends its run-level records to the store (idempotent: files already in the batch
 * are skipped). `batch` defaults to the date the folder was collected.
 */
export async function addToStore(
  folder: string,
  store: string,
  opts: { batch?: string } = {},
): Promise<AppendResult> {
  const dataset = await loadDir(folder, { onError: "collect" });
  const experiments = (await Deno.stat(folder)).isDirectory ? await readExperiments(folder) : [];
  return await appendToStore({ store, root: folder, dataset, experiments, batch: opts.batch });
}

/** One stored batch analysed like its folder (same experiment.json declarations), per tool family. */
export async function analyseBatch(
  store: string,
  batch: string,
  opts: AnalyseOptions = {},
): Promise<Analysis[]> {
  const { dataset, experiments } = await readBatch(store, batch);
  const root = `${store} (batch ${batch})`;
  return FAMILIES.map((tool) => analyseDataset(dataset, root, { ...opts, tool }, experiments))
    .filter((a) => a.rows.length > 0);
}

/**
 * A folder against a stored batch, like the two-folder before/after mode: every record gets the factor `run`
 * (the batch name for the stored side, the folder's name for the other) and the batch is the baseline.
 */
export async function analyseAgainst(
  folder: string,
  store: string,
  batch: string,
  opts: AnalyseOptions = {},
): Promise<Analysis[]> {
  const stored = await readBatch(store, batch);
  const name = basename(resolve(folder)) === batch ? `${batch}-new` : basename(resolve(folder));
  const current = await loadDir(folder, { onError: "collect", factors: { run: name } });
  return analyseDatasets(
    [withFactor(stored.dataset, "run", batch), current],
    `${folder} vs ${store} batch ${batch}`,
    { ...opts, by: "run", baseline: batch },
  );
}

/** The dataset with one more factor on every record (objects shared as the loader shares them). */
export function withFactor(d: Dataset, key: string, value: string): Dataset {
  const made = new Map<Factors, Factors>();
  const tag = <T extends { factors: Factors }>(r: T): T => {
    const f = made.get(r.factors) ?? made.set(r.factors, { ...r.factors, [key]: value }).get(r.factors)!;
    return { ...r, factors: f };
  };
  return {
    rows: d.rows.map(tag),
    series: d.series.map(tag),
    histograms: d.histograms.map(tag),
    warnings: d.warnings,
    files: d.files,
  };
}

/** A comparison whose verdict differs between two batches (null: the comparison exists in one batch only). */
export interface VerdictChange {
  factors: Factors;
  metric: string;
  stat: string;
  direction: string;
  by: string;
  baselineName: string;
  candidateName: string;
  before: Verdict | null;
  after: Verdict | null;
  beforeText: string;
  afterText: string;
}

/** Every workload/metric/candidate whose verdict (within its batch) changed from `before` to `after`. */
export async function verdictChanges(
  store: string,
  before: string,
  after: string,
  opts: AnalyseOptions = {},
): Promise<VerdictChange[]> {
  const [a, b] = await Promise.all([analyseBatch(store, before, opts), analyseBatch(store, after, opts)]);
  const key = (c: Analysis["comparisons"][number]) =>
    JSON.stringify([
      Object.entries(c.factors).sort(),
      c.metric,
      c.stat,
      c.direction,
      c.by,
      c.baselineName,
      c.candidateName,
    ]);
  const left = new Map(a.flatMap((x) => x.comparisons).map((c) => [key(c), c]));
  const right = new Map(b.flatMap((x) => x.comparisons).map((c) => [key(c), c]));
  const out: VerdictChange[] = [];
  for (const k of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const x = left.get(k), y = right.get(k);
    if (x && y && x.verdict === y.verdict) continue;
    const c = (x ?? y)!;
    out.push({
      factors: c.factors,
      metric: c.metric,
      stat: c.stat,
      direction: c.direction,
      by: c.by,
      baselineName: c.baselineName,
      candidateName: c.candidateName,
      before: x?.verdict ?? null,
      after: y?.verdict ?? null,
      beforeText: x?.ratioText ?? "not in this batch",
      afterText: y?.ratioText ?? "not in this batch",
    });
  }
  return out;
}
