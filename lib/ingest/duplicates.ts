/**
 * Byte-identical copies of a run inside one group (same factors and file name, only the repetition
 * differs): the same measurement counted twice would shrink every interval. Found by size, then by
 * SHA-256 of the content, only where two files could be copies, so a large folder is not read twice.
 * @module
 */
import { basename } from "node:path";
import { REPETITION_FACTOR } from "../model.ts";
import type { Factors } from "../model.ts";

export interface WalkedFile {
  path: string;
  /** Path relative to the data folder (for messages and factors). */
  source: string;
  factors: Factors;
}

/** Path of each duplicate → the source of the first file (in walk order) it is identical to. */
export async function findDuplicates(files: WalkedFile[]): Promise<Map<string, string>> {
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
    const sizes: number[] = [];
    for (const f of group) sizes.push(Deno.statSync(f.path).size); // sync: see readHead in load.ts
    const seen = new Map<string, string>();
    for (const [i, f] of group.entries()) {
      // A size of its own: no copy. Empty files are failed runs, not copies of each other.
      if (sizes[i] === 0 || sizes.indexOf(sizes[i]) === sizes.lastIndexOf(sizes[i])) continue;
      const key = `${sizes[i]}:${await sha256(f.path)}`;
      const first = seen.get(key);
      if (first) duplicates.set(f.path, first);
      else seen.set(key, f.source);
    }
  }
  return duplicates;
}

/** SHA-256 (hex) of a whole file. */
export async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", Deno.readFileSync(path));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
