/**
 * Worker thread for {@link loadInPool}: claims the next unparsed file from the large end of the files (flags
 * shared with the other threads), loads it and posts its dataset back, until no file is left; then posts
 * `done`. A file that fails is reported as failed only: the main thread loads it again to raise or record
 * its error.
 * @module
 */
import { loadFile } from "./load.ts";
import { claimLarge, jobFile, type PoolJob, type PoolReply } from "./load_pool.ts";

// Typed locally: the project compiles against the window globals, not the worker ones.
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<PoolJob>) => void) | null;
  postMessage: (reply: PoolReply) => void;
};

scope.onmessage = async ({ data: job }) => {
  const shared = new Int32Array(job.shared);
  const fioVersions = new Map<string, Promise<string | undefined>>(); // the logs' JSON files, read once (load.ts)
  for (let i = claimLarge(job, shared); i >= 0; i = claimLarge(job, shared)) {
    const { path, ...opts } = jobFile(job, i);
    try {
      scope.postMessage({ index: i, data: await loadFile(path, { ...opts, fioVersions }) });
    } catch {
      scope.postMessage({ index: i, failed: true });
    }
  }
  scope.postMessage({ done: true });
};
