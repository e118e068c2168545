/**
 * Every SQL statement the store runs, in one place: the README shows the same text, so the Parquet files can be
 * queried from the DuckDB CLI, or from any engine that reads Hive-partitioned Parquet (Spark, Trino, pandas),
 * without this code. Numbers the figures show (intervals, verdicts) are computed by lib/stats from the rows
 * these queries return, exactly as for a folder read from disk.
 * @module
 */
import type { Table } from "./layout.ts";

/** Columns of each table as written to Parquet, in order. Staging adds `tool` to the record tables (the partition). */
export const COLUMNS: Record<Table, [string, string][]> = {
  runs: [
    ...recordColumns(),
    ["metric", "VARCHAR"],
    ["stat", "VARCHAR"],
    ["value", "DOUBLE"],
    ["unit", "VARCHAR"],
    ["append", "VARCHAR"],
  ],
  series: [
    ...recordColumns(),
    ["metric", "VARCHAR"],
    ["unit", "VARCHAR"],
    ["interval", "DOUBLE"],
    ["t", "DOUBLE[]"],
    ["value", "DOUBLE[]"],
    ["min", "DOUBLE[]"],
    ["max", "DOUBLE[]"],
    ["append", "VARCHAR"],
  ],
  histograms: [
    ...recordColumns(),
    ["metric", "VARCHAR"],
    ["unit", "VARCHAR"],
    ["value", "DOUBLE[]"],
    ["count", "DOUBLE[]"],
    ["append", "VARCHAR"],
  ],
  warnings: [["source", "VARCHAR"], ["row", "INTEGER"], ["location", "VARCHAR"], ["message", "VARCHAR"], [
    "append",
    "VARCHAR",
  ]],
  experiments: [["source", "VARCHAR"], ["by", "VARCHAR"], ["baseline", "VARCHAR"], ["append", "VARCHAR"]],
  provenance: [["source", "VARCHAR"], ["text", "VARCHAR"], ["append", "VARCHAR"]],
  files: [
    ["source", "VARCHAR"],
    ["sha256", "VARCHAR"],
    ["identity", "VARCHAR"],
    ["bytes", "BIGINT"],
    ["format", "VARCHAR"],
    ["tool", "VARCHAR"],
    ["tool_version", "VARCHAR"],
    ["collected", "VARCHAR"],
    ["added", "VARCHAR"],
    ["append", "VARCHAR"],
  ],
};

function recordColumns(): [string, string][] {
  return [
    ["source", "VARCHAR"],
    ["sha256", "VARCHAR"],
    ["row", "INTEGER"],
    ["location", "VARCHAR"],
    ["factors", "MAP(VARCHAR, VARCHAR)"],
    // Descriptive facts of a run (fio filename, iperf3 host, …): never split or pair runs, kept for warnings.
    ["info", "MAP(VARCHAR, VARCHAR)"],
    ["tool_version", "VARCHAR"],
    ["format", "VARCHAR"],
    ["job", "VARCHAR"],
    ["direction", "VARCHAR"],
  ];
}

/** A table with no files yet reads as empty, with the same columns. */
export function createEmptyTable(table: Table, partitions: string[]): string {
  const columns = [...COLUMNS[table], ...partitions.map((p) => [p, "VARCHAR"])];
  return `CREATE OR REPLACE TABLE ${table} (${columns.map(([n, t]) => `${quote(n)} ${t}`).join(", ")})`;
}

function quote(name: string): string {
  return `"${name}"`;
}

/** A string as an SQL literal (paths and names cannot be bound as parameters in COPY / read_parquet). */
export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Characters of staged JSON per Parquet row group. DuckDB's writer holds a whole row group in memory, and rows differ
 * a hundredfold in width: a run's value ~680 characters, a histogram's ~23 000. At DuckDB's default of 122 880 rows
 * fio's 284 000 runs at 20× the shipped data took the copy 268 MB above the process (at ~4 MB of JSON a group: 6 168
 * rows, ~70 MB), and 6 000 sockperf histograms (100×) 648 MB in groups of 8 192 rows (at ~4 MB: 180 rows, 73 MB).
 */
export const ROW_GROUP_JSON_CHARS = 4 << 20;

/** Rows per row group for `rows` rows staged as `chars` characters of JSON: ~{@link ROW_GROUP_JSON_CHARS} each. */
export function rowGroupRows(rows: number, chars: number): number {
  const width = rows > 0 && chars > 0 ? chars / rows : 1;
  return Math.max(1, Math.min(122_880, Math.floor(ROW_GROUP_JSON_CHARS / width)));
}

/**
 * One partition's Parquet file, copied from the newline-delimited JSON files an append wrote for it, in order
 * (records.ts `stage`; JSON numbers are shortest round-trip text: every double comes back bit for bit). Streamed:
 * no table of it is made in DuckDB's memory, in row groups of `rowGroup` rows ({@link rowGroupRows}). The partition
 * column (tool) is the folder, not a column.
 */
export function copyPartition(table: Table, json: string[], path: string, rowGroup: number): string {
  const columns = COLUMNS[table].map(([name, type]) => `${quote(name)}: ${literal(type)}`).join(", ");
  return `COPY (SELECT * FROM read_json([${
    json.map(literal).join(", ")
  }], format = 'newline_delimited', columns = {${columns}})) ` +
    `TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${Math.trunc(rowGroup)})`;
}

/**
 * A table of the store as a view: every Parquet file under its folder, with the partition folders as
 * VARCHAR columns (`hive_types_autocast = false`: a batch named 2026-11-25 stays text, not a DATE).
 */
export function createView(table: Table, glob: string): string {
  return `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet(${
    literal(glob)
  }, hive_partitioning = true, hive_types_autocast = false)`;
}

/** How many Parquet files a glob matches. */
export function countFiles(glob: string): string {
  return `SELECT count(*)::INTEGER AS n, list(file ORDER BY file) AS files FROM glob(${literal(glob)})`;
}

/** Can this one file be read? (used to name a damaged file after a query failed) */
export function probeFile(path: string): string {
  return `SELECT count(*) AS n FROM read_parquet(${literal(path)})`;
}

/** Every file already stored: the key that makes re-adding the same file a no-op. */
export const STORED_FILES = `SELECT batch, identity, sha256, source FROM files`;

/** Appends that are complete (their `files` part, written last, is in place). */
export const COMPLETE_APPENDS = `SELECT DISTINCT append FROM files`;

/** What a batch's folders declared (experiment.json), and how they were collected (PROVENANCE.md). */
export const BATCH_DECLARATIONS = `SELECT source, "by", baseline FROM experiments WHERE batch = $batch`;
export const BATCH_PROVENANCE = `SELECT source, text FROM provenance WHERE batch = $batch ORDER BY source`;

/** The batches, in name order, with how many files and run-level values each holds. */
export const BATCHES = `SELECT f.batch, f.files, coalesce(r."values", 0)::INTEGER AS "values"
  FROM (SELECT batch, count(*)::INTEGER AS files FROM files GROUP BY batch) f
  LEFT JOIN (SELECT batch, count(*)::INTEGER AS "values" FROM runs GROUP BY batch) r ON r.batch = f.batch
  ORDER BY f.batch`;

/** One batch's records of a table, exactly as they were added. */
export function batchRecords(table: Table): string {
  return `SELECT * EXCLUDE (batch) FROM ${table} WHERE batch = $batch`;
}

/**
 * History input: one value per run of one metric and statistic, every batch, every configuration
 * (configuration = the factors other than `rep`, plus tool, job and direction). An empty `$direction` or
 * `$tool` means any.
 */
export const HISTORY = `SELECT batch, tool, source, "row", location, factors, info, tool_version, format, job,
    direction, metric, stat, value, unit
  FROM runs
  WHERE metric = $metric AND stat = $stat
    AND ($direction = '' OR direction = $direction) AND ($tool = '' OR tool = $tool)`;

/**
 * Change-point input: per batch and configuration (factors without `rep`), the run values of some metrics, one
 * row each; `$metrics` is "metric:stat" pairs joined by commas. Values in source and row order, the folder's load order.
 */
export const BATCH_VALUES = `SELECT batch, tool, job, direction, metric, stat, unit,
    list_sort(list_filter(map_entries(factors), e -> e.key <> 'rep')) AS config,
    list(value ORDER BY source, "row") AS "values"
  FROM runs
  WHERE list_contains(string_split($metrics, ','), metric || ':' || stat)
  GROUP BY ALL
  ORDER BY batch`;
