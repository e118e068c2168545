// Benchmark worker: DuckDB (@duckdb/node-api) read_csv + SQL with the same aggregation as bench/summary.ts,
// on 2 threads (the machine's cores). Run with node (the package is npm-installed into the bench cache by
// tools/bench.sh, not a project dependency):
//   DUCKDB_MODULES=<cache>/duckdb/node_modules node bench/fio_log_duckdb.mjs FILE BIN_MS COLUMNS
// quantile_disc is DuckDB's nearest-rank discrete quantile.
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(join(process.env.DUCKDB_MODULES, "x.js"));
const { DuckDBInstance } = require("@duckdb/node-api");
const DIRS = ["read", "write", "trim"];
const file = process.argv[2].replaceAll("'", "''");
const binMs = Number(process.argv[3] ?? 1000);
const columns = Number(process.argv[4] ?? 5);
const types = Array.from({ length: columns }, (_, i) => `'column${i}': '${i === 2 ? "INTEGER" : "BIGINT"}'`);
const db = await DuckDBInstance.create(":memory:", { threads: String(process.env.DUCKDB_THREADS ?? 2) });
const con = await db.connect();
await con.run(
  `CREATE TABLE log AS SELECT column0 AS t, column1 AS v, column2 AS ddir FROM read_csv('${file}',
   header = false, columns = {${types.join(", ")}})`,
);
const stats = await con.runAndReadAll(
  `SELECT ddir, count(*), avg(v), quantile_disc(v, 0.5), quantile_disc(v, 0.99), quantile_disc(v, 0.999)
   FROM log GROUP BY ddir ORDER BY ddir`,
);
const bins = await con.runAndReadAll(
  `SELECT ddir, t // ${binMs} AS b, avg(v) FROM log GROUP BY ddir, b ORDER BY ddir, b`,
);
const dirs = {};
for (const [ddir, n, mean, p50, p99, p999] of stats.getRows()) {
  dirs[DIRS[ddir]] = {
    count: Number(n),
    mean,
    p50: Number(p50),
    p99: Number(p99),
    p999: Number(p999),
    binMeans: bins.getRows().filter((r) => r[0] === ddir).map((r) => r[2]),
  };
}
console.log(JSON.stringify({ tool: "duckdb", dirs }));
