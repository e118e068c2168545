/**
 * One request, one pipeline: the sides of a comparison — one folder, two folders (before/after), a folder against
 * a stored batch, two stored batches, one stored batch — become one tagged set of records with every option of the
 * request applied (lib/analysis/options.ts), each side read once, then analysed per tool family. The one-folder
 * report, the before/after report, `--store … --against` and the notebooks all come through here, so the same
 * question gets the same answer through every door.
 *
 * With two sides every record gets the factor `run` = its side's name, which is the compared factor; the first
 * side is the baseline unless the request names one. Their files keep apart: each side's paths are prefixed with
 * its name ("before/randread-run1.json"), so two folders holding the same names count as twice the files and a
 * host record never joins the other side's run.
 * @module
 */
import { basename, resolve } from "node:path";
import type { Dataset, Factors, RecordBase, Tool } from "../model.ts";
import { TOOL_FAMILIES } from "../model.ts";
import { loadDir, loadDirColumns, mergeAll, mergeColumns } from "../ingest/mod.ts";
import { inColumns, RecordList } from "../record_list.ts";
import type { MetricSelector } from "../stats/compare.ts";
import { analyseDataset, type AnalyseOptions, type Analysis, type Records } from "./analyse.ts";
import { type Experiment, readExperiments } from "./experiment.ts";
import type { AnalysisOptionValues } from "./options.ts";
import { AnalysisError } from "./errors.ts";
import { chooseBy } from "./compared.ts";
import { identifyUnits } from "./identity.ts";
import { checkSides, type Side as CheckedSide, type SidesCheck } from "./sides.ts";
import type { FileDigest } from "../store/records.ts";

/** The factor that tells the sides of a two-sided request apart. */
export const SIDE_FACTOR = "run";

/** One side of a comparison: a data folder, or a batch of a results store (lib/store). */
export type Side =
  | { folder: string; name?: string }
  | { store: string; batch: string; name?: string };

export interface AnalysisRequest extends AnalysisOptionValues {
  /** One side (compared by its own factor) or two (before, after: compared by `run`). */
  sides: Side[];
  /** Keep only these tools; absent = one analysis per tool family (disk, network) that has rows. */
  tool?: Tool | Tool[];
  /** Confidence level (default 0.95). */
  level?: number;
  /** Seed for bootstrap and Monte Carlo permutation (default 1). */
  seed?: number;
  /** Metrics to compare (default: lib/analysis/analyse.ts DEFAULT_METRICS). */
  metrics?: MetricSelector[];
}

/** How a request reads a folder; a test passes a counting one to see each folder read once. */
export interface RequestHooks {
  load?: typeof loadDir;
  /** Told each data folder's (or file's) bytes and files once it is walked, before its files are parsed. */
  onSized?: (bytes: number, files: number) => void;
}

/** A side as read, before tagging: what `--store` appends and what the tagged set is made of. */
export interface LoadedSide {
  side: Side;
  name: string;
  /** The folder as read (or the batch as stored), untouched; its records in columns. */
  dataset: Dataset<RecordList>;
  experiments: Experiment[];
  /** The layout template the side was read with ("" = none). */
  layout: string;
  /** A stored batch's files as the store hashed them (lib/analysis/sides.ts compares them with the other side). */
  digests?: Map<string, FileDigest>;
}

export interface LoadedRequest {
  sides: LoadedSide[];
  /** Every record of every side, tagged with `run` when there are two; in columns. */
  dataset: Dataset<RecordList>;
  /** experiment.json declarations that apply (none with two sides: the compared factor is `run`). */
  experiments: Experiment[];
  /** The request in words for messages and captions, e.g. "before vs after". */
  root: string;
  /** The analysis options with the sides resolved (two sides: by = run, baseline = the first side). */
  options: AnalyseOptions;
  /**
   * The two sides as a whole (the same folder, the same files, nothing in common): warnings every analysis carries,
   * and the reasons `--check` stays undecided. Empty with one side.
   */
  check: SidesCheck;
}

/** A side's name: the folder's name, or the batch's. */
function sideName(side: Side): string {
  if (side.name) return side.name;
  return "folder" in side ? basename(resolve(side.folder)) : side.batch;
}

function sideText(side: Side): string {
  return "folder" in side ? side.folder : `${side.store} batch ${side.batch}`;
}

/** The two sides' names, distinct: two folders of one name are "before" and "after", else the second is "-new". */
function sideNames(sides: Side[]): string[] {
  const names = sides.map(sideName);
  if (names.length === 2 && names[0] === names[1] && !sides.some((s) => s.name)) {
    return sides.every((s) => "folder" in s) ? ["before", "after"] : [names[0], `${names[1]}-new`];
  }
  return names;
}

/** Reads every side once, with the request's layout (else each side's experiment.json layout). */
export async function loadRequest(req: AnalysisRequest, hooks: RequestHooks = {}): Promise<LoadedRequest> {
  if (req.sides.length < 1 || req.sides.length > 2) {
    throw new AnalysisError(`A request compares one side or two; got ${req.sides.length}.`);
  }
  const load = hooks.load
    ? async (folder: string, o: Parameters<typeof loadDir>[1]) => inColumns(await hooks.load!(folder, o))
    : loadDirColumns;
  const names = sideNames(req.sides);
  const sides = await Promise.all(req.sides.map(async (side, i): Promise<LoadedSide> => {
    if ("folder" in side) {
      const experiments = await readExperiments(side.folder);
      const layout = req.layout || experiments.find((e) => e.layout)?.layout || "";
      const dataset = await load(side.folder, {
        onError: "collect",
        layout: layout || undefined,
        onSized: hooks.onSized,
      });
      return { side, name: names[i], dataset, experiments, layout };
    }
    const { readBatch } = await import("../store/read.ts"); // DuckDB loads only for a stored side
    const stored = await readBatch(side.store, side.batch);
    const experiments = stored.experiments as Experiment[];
    return {
      side,
      name: names[i],
      dataset: inColumns(stored.dataset),
      experiments,
      layout: "",
      digests: stored.digests,
    };
  }));
  // Every option of the request reaches the analysis (a hand-picked list is how options got dropped before);
  // the layout was applied as the sides were read.
  const { sides: _sides, layout: _layout, ...options }: AnalysisRequest = req;
  if (sides.length === 1) {
    const [one] = sides;
    const check = { warnings: [], undecided: [] };
    return {
      sides,
      dataset: one.dataset,
      experiments: one.experiments,
      root: sideText(one.side),
      options,
      check,
    };
  }
  const check = await checkSides(await checked(sides[0]), await checked(sides[1]));
  const dataset = mergeColumns(sides.map((s) => tagSide(s.dataset, s.name)));
  const root = sides.map((s) => sideText(s.side)).join(" vs ");
  checkSideBy(req.by, sides, root);
  return {
    sides,
    dataset,
    experiments: [],
    root,
    options: { ...options, by: SIDE_FACTOR, baseline: req.baseline || sides[0].name },
    check,
  };
}

/** A side as lib/analysis/sides.ts checks it: a folder by its real path and files, a batch by its stored hashes. */
async function checked(s: LoadedSide): Promise<CheckedSide> {
  const root = sideText(s.side);
  if (!("folder" in s.side)) return { root, dataset: s.dataset, digests: s.digests };
  const folder = s.side.folder;
  return { root, real: await Deno.realPath(folder).catch(() => resolve(folder)), dataset: s.dataset };
}

/**
 * With two sides the compared factor is the side. A `by` naming no factor fails with the one-folder sentence;
 * one naming another factor is refused rather than ignored.
 */
function checkSideBy(by: string | undefined, sides: LoadedSide[], root: string): void {
  if (!by || by === SIDE_FACTOR) return;
  // The one-folder sentence for a factor no run has (the sides untagged, so it lists the same factors).
  chooseBy(
    identifyUnits(mergeAll(sides.map((s) => ({ ...s.dataset, rows: s.dataset.rows.toArray() })))),
    by,
    [],
  );
  throw new AnalysisError(
    `With two sides (${root}) the compared factor is the side, "${SIDE_FACTOR}"; --by ${by} (notebook ` +
      `parameter by) compares within one folder: report one folder, or leave --by out.`,
  );
}

/**
 * One data folder analysed as one: what a notebook calls, e.g.
 * `await analyse("../data", { tool: "fio", ...analysisOptions(params) })`.
 */
export async function analyse(
  root: string,
  opts: AnalyseOptions = {},
  hooks: RequestHooks = {},
): Promise<Analysis> {
  const loaded = await loadRequest({ ...opts, sides: [{ folder: root }] }, hooks);
  return analyseDataset(loaded.dataset, loaded.root, loaded.options, loaded.experiments, "owned");
}

/** The analyses of a request: one per tool family with rows (or the one asked for), each side read once. */
export async function analyseRequest(req: AnalysisRequest, hooks: RequestHooks = {}): Promise<Analysis[]> {
  return analyseLoaded(await loadRequest(req, hooks), "owned");
}

/**
 * The analyses of an already loaded request (the report keeps the loaded sides to append them to a store).
 * `records`: "owned" when the caller will not read `loaded`'s records again (see {@link Records}).
 */
export function analyseLoaded(loaded: LoadedRequest, records: Records = "shared"): Analysis[] {
  return [...eachAnalysis(loaded, records)];
}

/**
 * {@link analyseLoaded} one analysis at a time: each family's working memory (its records copied into columns of
 * its own, those it compares as objects) is garbage once the next is asked for, and the report collects it in
 * between (lib/gc.ts).
 */
export function* eachAnalysis(loaded: LoadedRequest, records: Records = "shared"): Generator<Analysis> {
  const { dataset, root, options, experiments, check } = loaded;
  const withSides = (a: Analysis) => {
    a.warnings = [...check.warnings, ...a.warnings];
    return a;
  };
  if (options.tool !== undefined) {
    yield withSides(analyseDataset(dataset, root, options, experiments, records));
    return;
  }
  let any = false;
  for (const tool of TOOL_FAMILIES) {
    const a = analyseFamily(dataset, root, { ...options, tool }, experiments, records);
    if (a.rows.length === 0) continue;
    any = true;
    yield withSides(a);
  }
  // Nothing of any family: one analysis that says so (its rows are none of the families' tools).
  if (!any) yield withSides(analyseDataset(dataset, root, options, experiments, records));
}

/**
 * One tool family. Of two sides only one may have it (fio before, iperf3 after): then the baseline side has no
 * value there, which is said — not an "unknown baseline" error that would stop every other family too.
 */
function analyseFamily(
  dataset: Dataset<RecordList>,
  root: string,
  options: AnalyseOptions,
  experiments: Experiment[],
  records: Records,
) {
  const { by, baseline, tool } = options;
  const tools = [tool ?? []].flat();
  const absent = by === SIDE_FACTOR && baseline !== undefined &&
    !dataset.rows.some((r) => tools.includes(r.tool) && r.factors[by] === baseline);
  if (!absent) return analyseDataset(dataset, root, options, experiments, records);
  const a = analyseDataset(dataset, root, { ...options, baseline: undefined }, experiments, records);
  a.warnings.push({
    kind: "missing-baseline",
    subject: { group: baseline },
    text: `The ${a.label} results have no ${by}=${baseline} (the baseline side): they are not compared.`,
  });
  return a;
}

/**
 * A side's records: factor `run` = its name, its paths under its name. One copy of each record, made here (the
 * records as read stay as they are): the factor and the path are set in the same copy.
 */
function tagSide(d: Dataset<RecordList>, name: string): Dataset<RecordList> {
  const tagged = factorsWith(SIDE_FACTOR, name);
  const path = (source: string) => source ? `${name}/${source}` : source;
  const tag = <T extends RecordBase>(r: T): T => ({
    ...r,
    factors: tagged(r.factors),
    source: path(r.source),
  });
  return {
    rows: RecordList.from(d.rows.map((r) => {
      const t = tag(r);
      if (r.inputs) t.inputs = r.inputs.map((o) => ({ ...o, source: path(o.source) }));
      return t;
    })),
    series: d.series.map(tag),
    histograms: d.histograms.map(tag),
    warnings: d.warnings.map((w) => ({
      ...w,
      source: path(w.source),
      message: w.source ? w.message.split(w.source).join(path(w.source)) : w.message,
    })),
    files: d.files.map((f) => ({ ...f, source: path(f.source) })),
  };
}

/** The dataset with one more factor on every record (objects shared as the loader shares them). */
export function withFactor(d: Dataset, key: string, value: string): Dataset {
  const tagged = factorsWith(key, value);
  const tag = <T extends { factors: Factors }>(r: T): T => ({ ...r, factors: tagged(r.factors) });
  return {
    rows: d.rows.map(tag),
    series: d.series.map(tag),
    histograms: d.histograms.map(tag),
    warnings: d.warnings,
    files: d.files,
  };
}

/** Factors with one more, `key` = `value`: one new object per factors object (as the loader shares them). */
function factorsWith(key: string, value: string): (f: Factors) => Factors {
  const made = new Map<Factors, Factors>();
  return (f) => made.get(f) ?? made.set(f, { ...f, [key]: value }).get(f)!;
}
