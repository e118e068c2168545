/**
 * Worker thread for {@link scanLogParallel}: scans the byte ranges it is sent and posts each range's
 * per-direction state back, transferring the buffers. Holds one open handle for its whole life.
 * @module
 */
import { type ScanFailure, scanLogRange } from "./fio_log_scan.ts";
import type { DirectionState } from "./fio_log_stats.ts";

export interface RangeRequest {
  path: string;
  index: number;
  start: number;
  end: number;
  binMs: number;
  chunkSize: number;
}

export interface RangeReply {
  index: number;
  states: (DirectionState | undefined)[];
  newlines: number;
  failure?: ScanFailure;
  /** An unexpected error (I/O, out of memory): the range is scanned again on the main thread. */
  error?: string;
}

// Typed locally: the project compiles against the window globals, not the worker ones.
const scope = globalThis as unknown as {
  onmessage: (e: MessageEvent<RangeRequest>) => void;
  postMessage: (reply: RangeReply, transfer?: Transferable[]) => void;
};
let file: Deno.FsFile | undefined;

scope.onmessage = async ({ data: req }) => {
  try {
    file ??= await Deno.open(req.path, { read: true });
    const r = await scanLogRange(file, req.start, req.end, req.binMs, req.chunkSize);
    const states = r.stats.map((s) => s?.state());
    const transfer = r.stats.flatMap((s) => s?.buffers() ?? []);
    scope.postMessage({ index: req.index, states, newlines: r.newlines, failure: r.failure }, transfer);
  } catch (e) {
    scope.postMessage({ index: req.index, states: [], newlines: 0, error: String(e) });
  }
};
