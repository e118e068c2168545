/**
 * Store problems in one sentence each (a damaged Parquet file, an empty store, a batch that would mix two
 * collections, a held lock): the report prints the message and exits 3, like bad input data.
 * @module
 */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}
