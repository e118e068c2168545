/**
 * Public API of virtio-bench notebooks: ingest → tidy rows → statistics → figures → export.
 * @module
 */
export * from "./model.ts";
export type * from "./stats/types.ts";
