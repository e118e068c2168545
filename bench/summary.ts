/**
 * The summary every benchmark worker prints as one JSON line, so the orchestrator can check that all
 * tools agree: per direction, the count, mean, nearest-rank p50/p99/p99.9 and the bin means, in the log's own unit.
 * @module
 */

export interface DirectionSummary {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  p999: number;
  /** Mean value per time bin (bins by floor(time_ms / bin width in ms)), in time order. */
  binMeans: number[];
}

export interface Summary {
  tool: string;
  /** Keyed by direction name: read, write, trim. */
  dirs: Record<string, DirectionSummary>;
}
