/**
 * One append at a time per store: a lock file created with O_EXCL (atomic on local file systems), holding who
 * took it and when. A second append waits for it; one that waits too long says which file to check.
 * @module
 */
import { StoreError } from "./errors.ts";
import { lockPath } from "./layout.ts";

export interface LockOptions {
  /** How long to wait for another append to finish (default 10 minutes). */
  timeoutMs?: number;
}

export async function withLock<T>(store: string, work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const path = lockPath(store);
  const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
  let wait = 20;
  for (;;) {
    try {
      const file = await Deno.open(path, { write: true, createNew: true });
      await file.write(
        new TextEncoder().encode(JSON.stringify({ pid: Deno.pid, since: new Date().toISOString() })),
      );
      file.close();
      break;
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
      if (Date.now() > deadline) {
        const holder = await Deno.readTextFile(path).catch(() => "unknown");
        throw new StoreError(
          `${path}: another append holds the store (${holder.trim()}); if no append is running, delete this file.`,
        );
      }
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 500);
    }
  }
  try {
    return await work();
  } finally {
    await Deno.remove(path).catch(() => {});
  }
}
