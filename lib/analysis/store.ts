/**
 * Analyses over the results store (lib/store): add a folder, analyse a stored batch, compare a folder against a
 * stored batch, list the verdicts that changed between two batches. Every path is a request (./request.ts) like
 * a folder on disk, so a batch read back gives exactly the folder's numbers.
 * @module
 */
import { join, relative } from "node:path";
import type { Dataset, Factors } from "../model.ts";
import {
  type AppendResult,
  appendToStore,
  listBatches,
  type Provenance,
  readBatch,
  readProvenance,
} from "../store/mod.ts";
import type { Verdict } from "../stats/types.ts";
import type { AnalyseOptions, Analysis } from "./analyse.ts";
import { readExperiments } from "./experiment.ts";
import { analyseRequest, loadRequest } from "./request.ts";
import { pushAll } from "../arrays.ts";
import { RecordList } from "../record_list.ts";

/**
 * Loads a data folder and appends its run-level records to the store (idempotent: files already in the batch
 * are skipped). `batch` defaults to the date the folder was collected. The folder is read with `layout`, else
 * its experiment.json's, so the stored records keep the workload and repetition the layout names; `dataset`
 * is the folder already read that way (the report passes its request's, so the folder is read once).
 */
export async function addToStore(
  folder: string,
  store: string,
  opts: { batch?: string; layout?: string; dataset?: Dataset | Dataset<RecordList> } = {},
): Promise<AppendResult> {
  const dataset = opts.dataset ?? (await loadRequest({ sides: [{ folder }], layout: opts.layout })).dataset;
  const isDir = (await Deno.stat(folder)).isDirectory;
  const experiments = isDir ? await readExperiments(folder) : [];
  const provenance = isDir ? await readProvenanceFiles(folder) : [];
  return await appendToStore({ store, root: folder, dataset, experiments, provenance, batch: opts.batch });
}

/** Every PROVENANCE.md under a folder, with its path relative to the folder. */
async function readProvenanceFiles(root: string, dir = root): Promise<Provenance[]> {
  const out: Provenance[] = [];
  const entries = [...Deno.readDirSync(dir)].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory) pushAll(out, await readProvenanceFiles(root, path));
    else if (e.name === "PROVENANCE.md") {
      out.push({ source: relative(root, path), text: await Deno.readTextFile(path) });
    }
  }
  return out;
}

/**
 * What differed between the collections of two batches, from their PROVENANCE.md: every top-level "- key: value"
 * line of the same file that changed, as "file: key: before → after" (and files only one batch has).
 */
export async function conditionsChanged(store: string, before: string, after: string): Promise<string[]> {
  const [a, b] = await Promise.all([readProvenance(store, before), readProvenance(store, after)]);
  const bullets = (text: string) =>
    new Map([...text.matchAll(/^- ([^:\n]+): (.*)$/gm)].map((m) => [m[1].trim(), m[2].trim()]));
  const out: string[] = [];
  for (const source of [...new Set([...a, ...b].map((p) => p.source))].sort()) {
    const x = a.find((p) => p.source === source), y = b.find((p) => p.source === source);
    if (!x || !y) {
      out.push(`${source}: only in batch ${x ? before : after}`);
      continue;
    }
    const [bx, by] = [bullets(x.text), bullets(y.text)];
    for (const key of [...new Set([...bx.keys(), ...by.keys()])]) {
      if (bx.get(key) !== by.get(key)) {
        out.push(`${source}: ${key}: ${bx.get(key) ?? "(not stated)"} → ${by.get(key) ?? "(not stated)"}`);
      }
    }
  }
  return out;
}

/** One stored batch analysed like its folder (same experiment.json declarations), per tool family. */
export async function analyseBatch(
  store: string,
  batch: string,
  opts: AnalyseOptions = {},
): Promise<Analysis[]> {
  const found = await analyseRequest({ ...opts, sides: [{ store, batch }] });
  return found.filter((a) => a.rows.length > 0);
}

/**
 * A folder against a stored batch, like the two-folder before/after mode (./request.ts): every record gets the
 * factor `run` (the batch name for the stored side, the folder's name for the other) and the batch is the
 * baseline.
 */
export async function analyseAgainst(
  folder: string,
  store: string,
  batch: string,
  opts: AnalyseOptions = {},
): Promise<Analysis[]> {
  return await analyseRequest({ ...opts, sides: [{ store, batch }, { folder }] });
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

/** The two batches a "what changed" view compares: the given names, else the last two in name order. */
export async function batchPair(
  store: string,
  before = "",
  after = "",
): Promise<{ before: string; after: string }> {
  const names = (await listBatches(store)).map((b) => b.batch);
  if (names.length === 0) await readBatch(store, before || "latest"); // the empty-store sentence
  // One batch so far: it is compared with itself (nothing changes), so a notebook still runs end to end.
  return { before: before || names[Math.max(0, names.length - 2)], after: after || names[names.length - 1] };
}

/** One paragraph: the store's batches with files and run-level values each, and which two are compared. */
export async function describeStore(store: string, pair: { before: string; after: string }): Promise<string> {
  const batches = await listBatches(store);
  const lines = batches.map((b) => `  ${b.batch}: ${b.files} files, ${b.values} run-level values`);
  const compared = pair.before === pair.after
    ? `Only one batch so far (${pair.after}): add the next collection with \`./vb report DATA --store ${store}\`.`
    : `Compared: batch ${pair.before} (before) with batch ${pair.after} (after).`;
  return [`The store ${store} holds ${batches.length} batch(es):`, ...lines, compared].join("\n");
}
