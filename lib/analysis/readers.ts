/**
 * The request's readers started ahead of it: the workers that parse a folder's files on the other cores
 * (lib/ingest/load_pool.ts), started before the caller has loaded the rest of its modules, so that their own
 * start-up runs meanwhile. A small module on purpose: tools/report.ts imports it before everything else.
 * @module
 */
export {
  /** Starts the next folder load's workers now (one core fewer than the machine has). */
  startLoadWorkers as startReaders,
  /** Stops those started and not used (a small folder is read on one thread, a stored batch by DuckDB). */
  stopStartedLoadWorkers as stopIdleReaders,
} from "../ingest/load_pool.ts";
