/**
 * Worker thread for {@link scanLogParallel}: claims the next unscanned byte range from a counter shared
 * with the other threads, scans it and posts its per-direction state back (buffers transferred), until
 * no range is left; then posts `done`. Holds one open handle for its whole life.
 * @module
 */
import { claim, noteFailure, type RangeReply, type ScanJob } from "./fio_log_ranges.ts";
import { scanLogRange } from "./fio_log_scan.ts";

// Typed locally: the project compiles against the window globals, not the worker ones.
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<ScanJob>) => void) | null;
  postMessage: (reply: RangeReply, transfer?: Transferable[]) => void;
};

scope.onmessage = ({ data: job }) => {
  try {
    const shared = new Int32Array(job.shared);
    const count = job.bounds.length - 1;
    const file = Deno.openSync(job.path, { read: true });
    for (let i = claim(shared, count); i >= 0; i = claim(shared, count)) {
      const r = scanLogRange(file, job.bounds[i], job.bounds[i + 1], job.binMs, job.chunkSize);
      if (r.failure) noteFailure(shared, i);
      const states = r.stats.map((s) => s?.state());
      const transfer = r.stats.flatMap((s) => s?.buffers() ?? []);
      scope.postMessage({ index: i, states, newlines: r.newlines, failure: r.failure }, transfer);
    }
    file.close();
    scope.postMessage({ done: true });
  } catch (e) {
    scope.postMessage({ done: true, error: String(e) });
  }
};
