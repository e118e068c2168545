/**
 * Symbolic links met while walking a data folder: followed when they lead to a place inside the data
 * folder (a run linked from another layout), left out with a warning when they lead outside it or
 * nowhere, or back into a folder already being walked (a loop).
 * @module
 */
import { sep } from "node:path";

export type LinkTarget =
  | { kind: "file" | "folder"; real: string }
  | { kind: "skip"; why: string };

/** Where the link at `path` leads, judged against the data folder's real path `rootReal`. */
export async function followLink(path: string, rootReal: string): Promise<LinkTarget> {
  let real: string;
  try {
    real = await Deno.realPath(path);
  } catch {
    return { kind: "skip", why: "a symbolic link to nothing (its target does not exist)" };
  }
  if (real !== rootReal && !real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep)) {
    return {
      kind: "skip",
      why: `a symbolic link to ${real}, outside the data folder; copy the run in, or load that folder itself`,
    };
  }
  const stat = await Deno.stat(path);
  return stat.isDirectory ? { kind: "folder", real } : { kind: "file", real };
}
