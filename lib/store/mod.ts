/** The results store: run-level tidy records in Hive-partitioned Parquet, written and read through DuckDB. @module */
export { type AppendInput, type AppendResult, appendToStore } from "./append.ts";
export { collectionDate } from "./batch.ts";
export { StoreError } from "./errors.ts";
export { checkBatchName } from "./layout.ts";
export type { Declaration, Provenance, StoredBatch } from "./records.ts";
export {
  type BatchInfo,
  type BatchMeasurement,
  type BatchValues,
  listBatches,
  type MetricQuery,
  readBatch,
  readBatchValues,
  readHistory,
  readProvenance,
} from "./read.ts";
