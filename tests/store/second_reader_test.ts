/**
 * The store is plain Hive-partitioned Parquet, not a DuckDB file: a second, independent reader (hyparquet, pure
 * JavaScript, sharing no code with DuckDB) walks the partition folders and must get the same run-level values the
 * embedded DuckDB returns — every batch, tool, file, place, metric and value of the shipped store, bit for bit.
 */
import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { StoreDb } from "../../lib/store/db.ts";
import { ROOT } from "../helpers.ts";

const STORE = join(ROOT, "store");

/** One run-level value as a line both readers can produce: partitions from the path, columns from the file. */
function line(r: Record<string, unknown>): string {
  // A Parquet MAP: DuckDB's client gives [{key, value}], hyparquet an object.
  const factors = Array.isArray(r.factors)
    ? Object.fromEntries(r.factors.map((e: { key: string; value: string }) => [e.key, e.value]))
    : r.factors as Record<string, string>;
  const sorted = Object.entries(factors).sort(([a], [b]) => a < b ? -1 : 1);
  return JSON.stringify([
    r.batch,
    r.tool,
    r.source,
    Number(r.row),
    r.location,
    sorted,
    r.job,
    r.direction,
    r.metric,
    r.stat,
    r.value,
    r.unit,
  ]);
}

/** Every Parquet file under `dir` with its Hive partition values (`key=value` folders). */
function* parquetFiles(
  dir: string,
  partitions: Record<string, string> = {},
): Generator<[string, Record<string, string>]> {
  for (const e of [...Deno.readDirSync(dir)].sort((a, b) => a.name < b.name ? -1 : 1)) {
    const path = join(dir, e.name);
    const hive = /^([^=]+)=(.*)$/.exec(e.name);
    if (e.isDirectory && hive) {
      yield* parquetFiles(path, { ...partitions, [hive[1]]: decodeURIComponent(hive[2]) });
    } else if (e.isFile && e.name.endsWith(".parquet")) yield [path, partitions];
  }
}

async function byHyparquet(): Promise<string[]> {
  const lines: string[] = [];
  for (const [path, partitions] of parquetFiles(join(STORE, "runs"))) {
    const file = await asyncBufferFromFile(path);
    for (const r of await parquetReadObjects({ file, compressors })) {
      lines.push(line({ ...r, ...partitions }));
    }
  }
  return lines.sort();
}

async function byDuckDb(): Promise<string[]> {
  const db = await StoreDb.open(STORE);
  try {
    return (await db.rows("SELECT * FROM runs")).map(line).sort();
  } finally {
    db.close();
  }
}

Deno.test("a second Parquet reader (hyparquet) gets the same run-level values as DuckDB from the shipped store", async () => {
  const [ours, theirs] = await Promise.all([byDuckDb(), byHyparquet()]);
  // Both batches of the shipped store, every file: a reader that saw only part of the tree would fail here.
  const batches = new Set(theirs.map((l) => JSON.parse(l)[0]));
  assertEquals([...batches].sort(), ["2026-11-25", "2026-11-25-idle"]);
  assertEquals(theirs.length, ours.length, `hyparquet read ${theirs.length} values, DuckDB ${ours.length}`);
  const differing = theirs.filter((l, i) => l !== ours[i]);
  assertEquals(differing.slice(0, 3), [], `${differing.length} values differ, e.g.`);
});
