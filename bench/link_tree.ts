/**
 * Replicas of real data for scale runs (bench/scale.ts, tests/report/peak_memory_test.ts): a tree copied as hard
 * links, so 100× the shipped data costs no extra disk, or as copies where the file system cannot link.
 * @module
 */
import { join } from "node:path";

export function linkTree(src: string, dst: string): void {
  Deno.mkdirSync(dst, { recursive: true });
  for (const e of Deno.readDirSync(src)) {
    const [from, to] = [join(src, e.name), join(dst, e.name)];
    if (e.isDirectory) linkTree(from, to);
    else {
      try {
        Deno.linkSync(from, to);
      } catch {
        Deno.copyFileSync(from, to);
      }
    }
  }
}
