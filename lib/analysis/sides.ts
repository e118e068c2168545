/**
 * What is wrong with the two sides of a before/after comparison as a whole, before any statistics: the same folder
 * twice, the same files under two names (a copy, or the batch a folder was stored as), or two sides that share no
 * tool and so no workload. Each is a sentence for the analyses' warnings and a reason for `--check` to stay undecided
 * (exit 4): comparing a run with itself gives ratio 1.00 and "~", which reads like "no change" but measured nothing.
 * Every two-sided request is checked (lib/analysis/request.ts), whichever door it came through. Also: a side with no
 * results.
 * @module
 */
import { join } from "node:path";
import type { Dataset, Rows, Warning } from "../model.ts";
import { sha256 } from "../ingest/duplicates.ts";
import type { FileDigest } from "../store/records.ts";
import { AnalysisError } from "./errors.ts";

export interface Side {
  /** The side in words: the folder as given, or "STORE batch B". */
  root: string;
  /** A folder's real path (absent for a stored batch). */
  real?: string;
  dataset: Dataset<Rows>;
  /** A stored batch's files by source, as the store hashed them; a folder's files are read from `root`. */
  digests?: ReadonlyMap<string, FileDigest>;
}

export interface SidesCheck {
  /** For the report's warnings. */
  warnings: Warning[];
  /** The subset that leaves `--check` undecided. */
  undecided: string[];
}

/** A folder that gave no results at all: nothing to analyse (exit 3), with the first reason a file gave. */
export function requireResults(root: string, dataset: Dataset<Rows>): void {
  if (dataset.rows.length > 0) return;
  const files = dataset.files.length;
  const first = dataset.warnings[0]?.message;
  throw new AnalysisError(
    files === 0 && !first
      ? `${root}: found no benchmark results (an empty folder), expected fio, iperf3, iperf 2 or sockperf output.`
      : `${root}: found no usable benchmark results${
        files ? ` in ${files} file${files === 1 ? "" : "s"}` : ""
      }` +
        `${first ? ` (first problem: ${first.replace(/\.$/, "")})` : ""}.`,
  );
}

export async function checkSides(before: Side, after: Side): Promise<SidesCheck> {
  if (before.real !== undefined && before.real === after.real) {
    const s =
      `${before.root} and ${after.root} are the same folder: every run would be compared with itself, ` +
      `which measures nothing.`;
    return { warnings: [{ kind: "sides", text: s }], undecided: [s] };
  }
  const tools = (s: Side) => new Set(s.dataset.rows.filter((r) => r.tool !== "host").map((r) => r.tool));
  const [ta, tb] = [tools(before), tools(after)];
  if (ta.size && tb.size && ![...ta].some((t) => tb.has(t))) {
    const s = `${before.root} and ${after.root} share no workload: ${before.root} holds ` +
      `${[...ta].sort().join(", ")} results, ${after.root} ${
        [...tb].sort().join(", ")
      }; nothing can be compared.`;
    return { warnings: [{ kind: "sides", text: s }], undecided: [s] };
  }
  const same = await identicalFiles(before, after);
  const files = new Set(after.dataset.files.map((f) => f.source)).size;
  if (same.length === 0) return { warnings: [], undecided: [] };
  const shown = same.slice(0, 3).join(", ");
  const more = same.length > 3 ? ` and ${same.length - 3} more` : "";
  if (same.length >= files) {
    const s =
      `${before.root} and ${after.root} hold the same files (${same.length} byte-identical: ${shown}${more}): ` +
      `every run would be compared with itself, which measures nothing.`;
    return { warnings: [{ kind: "sides", text: s }], undecided: [s] };
  }
  const text = `${same.length} file${same.length === 1 ? " is" : "s are"} byte-identical on both sides ` +
    `(${shown}${more}): the same run counted as before and as after.`;
  return {
    warnings: [{ kind: "sides", files: same, text }],
    undecided: [],
  };
}

/**
 * Files at the same place on both sides with the same bytes (a copy of the folder, the folder itself, or the batch
 * it was stored as): sizes first, hashes only where they agree. "The same place" is the same path under each side,
 * or one side's path ending in the other's (a batch stored from `data` against `data/net`). The same bytes under
 * another name (a renamed configuration) is not counted: its runs are paired with other runs, not with themselves.
 */
async function identicalFiles(before: Side, after: Side): Promise<string[]> {
  const counterpart = counterparts(before.dataset.files.map((f) => f.source));
  const same: string[] = [];
  for (const source of new Set(after.dataset.files.map((f) => f.source))) {
    const other = counterpart(source);
    if (other === undefined) continue;
    const [sa, sb] = [await sizeOf(before, other), await sizeOf(after, source)];
    if (sa === sb && sa > 0 && await hashOf(before, other) === await hashOf(after, source)) same.push(source);
  }
  return same.sort();
}

/** A path's place among `sources`: itself, else the one source that ends in it, else the longest one it ends in. */
function counterparts(sources: string[]): (source: string) => string | undefined {
  const exact = new Set(sources);
  const bySuffix = new Map<string, string | null>(); // null: more than one source ends so
  for (const s of sources) {
    const parts = s.split("/");
    for (let i = 1; i < parts.length; i++) {
      const suffix = parts.slice(i).join("/");
      bySuffix.set(suffix, bySuffix.has(suffix) ? null : s);
    }
  }
  return (source) => {
    if (exact.has(source)) return source;
    const longer = bySuffix.get(source);
    if (longer) return longer;
    const parts = source.split("/");
    for (let i = 1; i < parts.length; i++) {
      const shorter = parts.slice(i).join("/");
      if (exact.has(shorter)) return shorter;
    }
    return undefined;
  };
}

async function sizeOf(side: Side, source: string): Promise<number> {
  return side.digests?.get(source)?.bytes ?? (await Deno.stat(join(side.root, source))).size;
}

async function hashOf(side: Side, source: string): Promise<string> {
  return side.digests?.get(source)?.sha256 ?? await sha256(join(side.root, source));
}
