/**
 * The store's Parquet row groups hold ~4 MB of the staged JSON each (lib/store/sql.ts rowGroupRows): DuckDB's
 * writer holds a whole group in memory, and a run's row is ~680 characters where a sockperf histogram's is ~23 000.
 * Read back with hyparquet's metadata reader, not DuckDB's.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync } from "hyparquet";
import { loadDir } from "../../lib/ingest/load.ts";
import { appendToStore } from "../../lib/store/mod.ts";
import { ROW_GROUP_JSON_CHARS, rowGroupRows } from "../../lib/store/sql.ts";
import { DATA, HAVE_DATA, tempDir } from "../helpers.ts";

Deno.test("row groups: ~4 MB of staged JSON each, whatever a row's width; never above DuckDB's default", () => {
  assert.equal(rowGroupRows(284_000, 284_000 * 680), Math.floor(ROW_GROUP_JSON_CHARS / 680)); // 6 168 runs
  assert.equal(rowGroupRows(1_200, 1_200 * 23_000), 182); // sockperf histograms
  assert.equal(rowGroupRows(10, 10 * 10), 122_880, "narrow rows: DuckDB's default at most");
  assert.equal(rowGroupRows(1, 50_000_000), 1, "one row wider than a group is a group");
  assert.equal(rowGroupRows(0, 0), 122_880, "nothing staged");
});

/** Rows of each row group of the one Parquet file under `dir`. */
async function groups(dir: string): Promise<number[]> {
  const [file] = [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".parquet"));
  const meta = await parquetMetadataAsync(await asyncBufferFromFile(join(dir, file.name)));
  return meta.row_groups.map((g) => Number(g.num_rows));
}

Deno.test({
  name:
    "row groups of the shipped data's store: fio's 14 200 run-level values in groups of thousands, not one",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const loaded = await loadDir(DATA, { onError: "collect" });
    const { batch } = await appendToStore({ store, root: DATA, dataset: loaded });
    const runs = await groups(join(store, "runs", "tool=fio", `batch=${batch}`));
    const fio = loaded.rows.filter((r) => r.tool === "fio").length;
    assert.equal(runs.reduce((a, b) => a + b, 0), fio, "every run, once");
    assert.ok(runs.length >= 2 && runs.slice(0, -1).every((n) => n === runs[0]), `runs' groups ${runs}`);
    assert.ok(runs[0] > 2_000 && runs[0] < 20_000, `runs' groups ${runs}`);
  },
});
