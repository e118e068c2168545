/**
 * One read buffer per thread for the loader's synchronous reads: a file's head, a whole JSON or CSV result, a fio
 * or sockperf log's chunks, a duplicate check's head. A fresh buffer per file is native memory that V8 frees only
 * when a collection finds its wrapper dead, and glibc keeps the freed blocks: loading 100× the shipped data
 * (146 800 files, a fresh 1 MiB chunk per fio log) peaked at 1.1 GB, ~300 MB of it outside V8's heap.
 * A caller fills the buffer and is done with it (decoded, hashed or scanned) before it returns, with no `await`
 * in between, so one buffer serves every reader of a thread.
 * @module
 */

/** Larger requests get a buffer of their own, so the one kept is never more than this. */
const MAX_KEPT = 4 << 20;

let kept = new Uint8Array(0);

/**
 * `size` bytes to read into: the thread's buffer (not cleared: read only what was filled), or a fresh one above
 * {@link MAX_KEPT}. Valid until the next call on this thread.
 */
export function scratchBytes(size: number): Uint8Array<ArrayBuffer> {
  if (size > MAX_KEPT) return new Uint8Array(size);
  if (kept.length < size) {
    kept = new Uint8Array(Math.max(size, Math.min(2 * kept.length, MAX_KEPT), 64 << 10));
  }
  return kept.subarray(0, size);
}

/** Twice `buf`'s length, holding its bytes: the thread's buffer when it fits, else one of its own. */
export function doubled(buf: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const grown = scratchBytes(2 * buf.length);
  if (grown.buffer !== buf.buffer) grown.set(buf);
  return grown;
}

/** The whole file's bytes, in the thread's buffer when they fit (valid until the next scratchBytes call). */
export function readWhole(path: string): Uint8Array<ArrayBuffer> {
  const file = Deno.openSync(path, { read: true });
  try {
    let buf = scratchBytes(Math.max(file.statSync().size, 1));
    let filled = 0;
    for (;;) {
      // A file that grew since its size was read is read to its end all the same.
      if (filled === buf.length) buf = doubled(buf);
      const n = file.readSync(buf.subarray(filled));
      if (n === null) return buf.subarray(0, filled);
      filled += n;
    }
  } finally {
    file.close();
  }
}
