/**
 * Reading the store back: its batches, one batch as a Dataset (exactly what was added), and one metric's
 * run-level values across every batch (the history).
 * @module
 */
import type { Measurement } from "../model.ts";
import { StoreDb } from "./db.ts";
import { StoreError } from "./errors.ts";
import { type Declaration, type Provenance, sortLikeLoad, type StoredBatch, toDataset } from "./records.ts";
import { BATCH_PROVENANCE, BATCH_VALUES, BATCHES, batchRecords, HISTORY } from "./sql.ts";

export interface BatchInfo {
  batch: string;
  files: number;
  values: number;
}

/** The store's batches in name order (empty when nothing was added yet). */
export async function listBatches(store: string): Promise<BatchInfo[]> {
  return await using(store, (db) => batchesOf(db));
}

/** One batch: its records as the Dataset the folder gave, and its experiment.json declarations. */
export async function readBatch(store: string, batch: string): Promise<StoredBatch> {
  return await using(store, async (db) => {
    await requireBatch(db, batch);
    const params = { batch };
    const [runs, series, histograms, warnings, files, experiments] = await Promise.all(
      (["runs", "series", "histograms", "warnings", "files", "experiments"] as const).map((t) =>
        db.rows(batchRecords(t), params)
      ),
    );
    return {
      dataset: toDataset({ runs, series, histograms, warnings, files }),
      digests: new Map(
        files.map((f) => [f.source as string, { sha256: f.sha256 as string, bytes: Number(f.bytes) }]),
      ),
      experiments: sortLikeLoad(experiments.map((e) => ({ ...e, row: 0 }) as Record<string, unknown>)).map(
        (e) => {
          const d: Declaration = { source: e.source as string };
          if (e.by !== null) d.by = e.by as string;
          if (e.baseline !== null) d.baseline = e.baseline as string;
          return d;
        },
      ),
    };
  });
}

/** The PROVENANCE.md texts stored with a batch, by source path. */
export async function readProvenance(store: string, batch: string): Promise<Provenance[]> {
  return await using(store, async (db) => {
    await requireBatch(db, batch);
    return (await db.rows(BATCH_PROVENANCE, { batch }))
      .map((r) => ({ source: r.source as string, text: r.text as string }));
  });
}

/** A run-level value with the batch it belongs to. */
export interface BatchMeasurement extends Measurement {
  batch: string;
}

export interface MetricQuery {
  metric: string;
  stat: string;
  direction?: string;
  tool?: string;
}

/** Every run-level value of one metric and statistic, all batches, in load order within each batch. */
export async function readHistory(store: string, q: MetricQuery): Promise<BatchMeasurement[]> {
  return await using(store, async (db) => {
    await requireBatch(db);
    return await historyOf(db, q);
  });
}

/** One configuration's runs of one metric in one batch (factors without `rep`). */
export interface BatchValues {
  batch: string;
  tool: string;
  job: string;
  direction: string;
  metric: string;
  stat: string;
  unit: string;
  factors: Record<string, string>;
  values: number[];
}

/** Per batch and configuration, the run values of the metrics and stats asked (one query, grouped by DuckDB). */
export async function readBatchValues(store: string, metrics: MetricQuery[]): Promise<BatchValues[]> {
  return await using(store, async (db) => {
    const pairs = [...new Set(metrics.map((m) => `${m.metric}:${m.stat}`))].join(",");
    const rows = await db.rows(BATCH_VALUES, { metrics: pairs });
    if (rows.length === 0) await requireBatch(db); // an empty store is a sentence, not an empty answer
    return rows.map((r) => ({
      batch: r.batch as string,
      tool: r.tool as string,
      job: r.job as string,
      direction: r.direction as string,
      metric: r.metric as string,
      stat: r.stat as string,
      unit: r.unit as string,
      factors: Object.fromEntries(
        (r.config as { key: string; value: string }[]).map((e) => [e.key, e.value]),
      ),
      values: r.values as number[],
    })).filter((r) =>
      metrics.some((m) =>
        m.metric === r.metric && m.stat === r.stat && (!m.direction || m.direction === r.direction) &&
        (!m.tool || m.tool === r.tool)
      )
    );
  });
}

async function historyOf(db: StoreDb, q: MetricQuery): Promise<BatchMeasurement[]> {
  const rows = await db.rows(HISTORY, {
    metric: q.metric,
    stat: q.stat,
    direction: q.direction ?? "",
    tool: q.tool ?? "",
  });
  const batches = new Map<string, typeof rows>();
  for (const r of rows) {
    (batches.get(r.batch as string) ?? batches.set(r.batch as string, []).get(r.batch as string)!).push(r);
  }
  return [...batches].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([batch, part]) =>
    toDataset({ runs: part, series: [], histograms: [], warnings: [], files: [] }).rows.map((m) => ({
      ...m,
      batch,
    }))
  );
}

async function using<T>(store: string, work: (db: StoreDb) => Promise<T>): Promise<T> {
  const db = await StoreDb.open(store);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

async function batchesOf(db: StoreDb): Promise<BatchInfo[]> {
  return (await db.rows(BATCHES)).map((r) => ({
    batch: r.batch as string,
    files: r.files as number,
    values: r.values as number,
  }));
}

/** An empty store, or a batch it does not hold, is one sentence saying what there is. */
async function requireBatch(db: StoreDb, batch?: string): Promise<void> {
  const batches = await batchesOf(db);
  if (batches.length === 0) {
    throw new StoreError(
      `The store ${db.store} holds no runs yet: add a data folder with \`./vb report DATA --store ${db.store}\`.`,
    );
  }
  if (batch !== undefined && !batches.some((b) => b.batch === batch)) {
    throw new StoreError(
      `The store ${db.store} has no batch "${batch}"; it holds ${batches.map((b) => b.batch).join(", ")}.`,
    );
  }
}
