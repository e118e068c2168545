/**
 * One append at a time per store: `DIR/.lock` carries an exclusive advisory lock (flock) while an append runs,
 * and names its holder (host, PID, the process's start time, since when). The kernel drops the advisory lock when its holder dies — even
 * by `kill -9` — so a lock file left by a dead append on this host is taken over at once, with a warning; no PID
 * test (which could be fooled by a reused PID) is needed. A live holder is named at once ("waiting for …"); one
 * that holds the store too long, or a holder recorded on another host, is one sentence naming the file.
 * @module
 */
import { hostname } from "node:os";
import { StoreError } from "./errors.ts";
import { lockPath } from "./layout.ts";

export interface LockOptions {
  /** How long to wait for another append to finish (default 10 minutes). */
  timeoutMs?: number;
  /** Where "waiting for …" and "took over …" go (default: stderr). */
  notify?: (message: string) => void;
}

/** Who holds a lock, as written into the lock file. */
export interface LockHolder {
  host: string;
  pid: number;
  /** When the holding process started (with host and PID it names one process, even after PIDs wrap). */
  started?: string;
  since: string;
}

export async function withLock<T>(store: string, work: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const path = lockPath(store);
  const notify = opts.notify ?? ((m: string) => console.error(m));
  const file = await acquire(path, Date.now() + (opts.timeoutMs ?? 600_000), notify);
  try {
    return await work();
  } finally {
    // Remove first, then release: a waiter that then gets the old (unlinked) file sees it is gone and retries.
    await Deno.remove(path).catch(() => {});
    file.close();
  }
}

async function acquire(path: string, deadline: number, notify: (m: string) => void): Promise<Deno.FsFile> {
  let wait = 20;
  let told = "";
  for (;;) {
    const file = await Deno.open(path, { read: true, write: true, create: true });
    if (await file.tryLock(true)) {
      if (await stillAt(path, file)) {
        const previous = holderText(await readAll(file));
        const foreign = previous.holder && previous.holder.host !== hostname();
        if (!foreign) {
          if (previous.text) notify(takenOver(path, previous.text));
          await record(file);
          return file;
        }
        await file.unlock();
        told = tell(notify, told, waiting(path, previous.text, true));
      }
    } else {
      told = tell(notify, told, waiting(path, holderText(await readAll(file)).text, false));
    }
    file.close();
    if (Date.now() > deadline) {
      const holder = holderText(await Deno.readTextFile(path).catch(() => "")).text || "an unknown holder";
      throw new StoreError(
        `${path}: another append holds the store (${holder}); if no append is running, delete this file.`,
      );
    }
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(wait * 2, 500);
  }
}

/** Says a message once (not again while it stays the same). */
function tell(notify: (m: string) => void, told: string, message: string): string {
  if (message !== told) notify(message);
  return message;
}

function waiting(path: string, holder: string, foreign: boolean): string {
  const who = holder || "another append (not yet recorded)";
  return foreign
    ? `store: waiting for ${who}: another host, whose liveness cannot be checked from here; if no append runs there, delete ${path}.`
    : `store: waiting for ${who} to finish (${path}).`;
}

function takenOver(path: string, holder: string): string {
  return `store: took over ${path} from ${holder}, which is no longer running (its append did not complete; its parts are cleared).`;
}

/** The lock file still is the one at `path` (a holder that finished removed it: then try again). */
async function stillAt(path: string, file: Deno.FsFile): Promise<boolean> {
  try {
    const [a, b] = await Promise.all([Deno.stat(path), file.stat()]);
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

async function readAll(file: Deno.FsFile): Promise<string> {
  await file.seek(0, Deno.SeekMode.Start);
  const bytes = new Uint8Array((await file.stat()).size);
  let read = 0;
  while (read < bytes.length) {
    const n = await file.read(bytes.subarray(read));
    if (n === null) break;
    read += n;
  }
  return new TextDecoder().decode(bytes.subarray(0, read)).trim();
}

/** The holder in words ("PID 123 on host h since …"), or the file's text as it is when it is not ours. */
function holderText(text: string): { holder?: LockHolder; text: string } {
  if (!text) return { text: "" };
  try {
    const h = JSON.parse(text);
    if (typeof h?.pid === "number") {
      const host = typeof h.host === "string" ? h.host : hostname(); // older lock files named no host
      const holder = { host, pid: h.pid, since: String(h.since ?? "an unknown time") };
      const started = typeof h.started === "string" ? ` (started ${h.started})` : "";
      return {
        holder,
        text: `the append of PID ${holder.pid}${started} on host ${host} since ${holder.since}`,
      };
    }
  } catch { /* not ours: quoted below */ }
  return { text: `a lock file reading "${text.slice(0, 80)}"` };
}

async function record(file: Deno.FsFile): Promise<void> {
  const holder: LockHolder = {
    host: hostname(),
    pid: Deno.pid,
    started: new Date(performance.timeOrigin).toISOString(),
    since: new Date().toISOString(),
  };
  await file.truncate(0);
  await file.seek(0, Deno.SeekMode.Start);
  const bytes = new TextEncoder().encode(JSON.stringify(holder));
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}
