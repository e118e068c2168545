/**
 * Byte-identical copies of a run inside one group (same factors and file name, only the repetition
 * differs): the same measurement counted twice would shrink every interval. Found by size, then by
 * SHA-256 of the content, only where two files could be copies, so a large folder is not read twice.
 * @module
 */
import { basename } from "node:path";
import { createHash } from "node:crypto";
import { REPETITION_FACTOR } from "../model.ts";
import type { Factors } from "../model.ts";
import { readWhole, scratchBytes } from "./scratch.ts";

export interface WalkedFile {
  path: string;
  /** Path relative to the data folder (for messages and factors). */
  source: string;
  factors: Factors;
  /** Its size in bytes, when the walk already asked (else asked here). */
  size?: number;
}

/** Path of each duplicate → the source of the first file (in walk order) it is identical to. */
export function findDuplicates(files: WalkedFile[]): Map<string, string> {
  const groups = new Map<string, WalkedFile[]>();
  for (const f of files) {
    const { [REPETITION_FACTOR]: _rep, ...rest } = f.factors;
    const key = JSON.stringify([basename(f.path), Object.entries(rest).sort()]);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const duplicates = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sized = group.map((f) => ({ f, size: f.size ?? Deno.statSync(f.path).size })); // sync: see readHead in load.ts
    // A size of its own: no copy. Empty files are failed runs, not copies of each other.
    const bySize = new Map<number, number>();
    for (const { size } of sized) bySize.set(size, (bySize.get(size) ?? 0) + 1);
    const candidates = sized.filter(({ size }) => size > 0 && bySize.get(size)! > 1);
    // Runs of one workload often have the same size (fixed-width logs, host CPU records) and differ early: the
    // first 4 KiB tell most apart, and only files whose beginnings match are read whole.
    const heads = candidates.map(({ f, size }) => ({
      f,
      size,
      head: `${size}:${hashOf(f.path, HEAD_BYTES)}`,
    }));
    const count = new Map<string, number>();
    for (const { head } of heads) count.set(head, (count.get(head) ?? 0) + 1);
    const seen = new Map<string, string>();
    for (const { f, size, head } of heads) {
      if (count.get(head)! < 2) continue;
      // A file no longer than the head was hashed whole already.
      const key = size <= HEAD_BYTES ? head : `${head}:${hashOf(f.path)}`;
      const first = seen.get(key);
      if (first) duplicates.set(f.path, first);
      else seen.set(key, f.source);
    }
  }
  return duplicates;
}

const HEAD_BYTES = 4096;

/** SHA-256 (hex) of a whole file. */
export function sha256(path: string): Promise<string> {
  return Promise.resolve(hashOf(path));
}

/**
 * SHA-256 (hex) of a whole file, or of its first `limit` bytes. node:crypto's synchronous hash, not
 * crypto.subtle's: at 20× the shipped data 21 000 small files (host CPU records of one size) are hashed, and
 * subtle's thread hop cost ~50 µs each (1.9 s) against ~6 µs.
 */
function hashOf(path: string, limit = Infinity): string {
  return createHash("sha256").update(limit === Infinity ? readWhole(path) : head(path, limit)).digest(
    "hex",
  );
}

/** The first `limit` bytes of a file (fewer when it is shorter). */
function head(path: string, limit: number): Uint8Array<ArrayBuffer> {
  const file = Deno.openSync(path);
  try {
    const buf = scratchBytes(limit);
    let n = 0;
    while (n < limit) {
      const read = file.readSync(buf.subarray(n));
      if (read === null) break;
      n += read;
    }
    return buf.subarray(0, n);
  } finally {
    file.close();
  }
}
