/**
 * An embedded DuckDB (npm `@duckdb/node-api`) confined to one store folder.
 *
 * DuckDB is a native addon: once loaded, its own file access is not checked by Deno's permissions. So the
 * connection confines itself: `enable_external_access = false` with the store as the only allowed directory,
 * no extension downloads or auto-loading (Parquet and JSON are built in), and the configuration locked.
 * @module
 */
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { resolve } from "node:path";
import { StoreError, storeWriteError } from "./errors.ts";
import { META_TABLES, RECORD_TABLES, stagingDir, type Table, tableGlob } from "./layout.ts";
import { countFiles, createEmptyTable, createView, literal, probeFile } from "./sql.ts";

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export class StoreDb {
  private constructor(
    readonly store: string,
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  /**
   * Opens DuckDB in memory, allowed to touch only `store`; each table becomes a view over its Parquet files.
   * `threads`: DuckDB's worker threads (default: one per core). An append uses one: it copies JSON into Parquet
   * a file at a time, and each thread holds its own JSON buffers and row group (at 20× the shipped data the
   * append peaked at 1.07 GB with two threads, 0.85 GB with one, in the same time). `views: false`: no table views
   * (a connection that only copies files).
   */
  static async open(store: string, opts: { threads?: number; views?: boolean } = {}): Promise<StoreDb> {
    const dir = resolve(store);
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
      ...(opts.threads ? { threads: String(opts.threads) } : {}),
    });
    const conn = await instance.connect();
    // Spill files (big sorts) go inside the store: the only place DuckDB may write.
    await conn.run(`SET temp_directory = ${literal(`${stagingDir(dir)}/duckdb-tmp`)}`);
    await conn.run(`SET allowed_directories = [${literal(dir + "/")}]`);
    await conn.run("SET enable_external_access = false");
    await conn.run("SET lock_configuration = true");
    const db = new StoreDb(dir, instance, conn);
    if (opts.views !== false) await db.refreshViews();
    return db;
  }

  /** (Re)creates the table views: after an append, new files are visible. */
  async refreshViews(): Promise<void> {
    for (const table of [...RECORD_TABLES, ...META_TABLES] as Table[]) {
      const glob = tableGlob(this.store, table);
      const partitions = (RECORD_TABLES as readonly string[]).includes(table) ? ["tool", "batch"] : ["batch"];
      const n = (await this.rows(countFiles(glob)))[0].n as number;
      await this.run(n ? createView(table, glob) : createEmptyTable(table, partitions));
    }
  }

  async run(sql: string, params?: Params): Promise<void> {
    await this.guard(() => this.conn.run(sql, params));
  }

  /** Query rows as plain JS values (MAP → array of {key, value}, LIST → array). */
  async rows(sql: string, params?: Params): Promise<Row[]> {
    const reader = await this.guard(() => this.conn.runAndReadAll(sql, params));
    // Column by column, then zipped: converting whole columns is much faster than row objects.
    const columns = Object.entries(reader.getColumnsObjectJS());
    const n = columns.length ? columns[0][1].length : 0;
    const out: Row[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const row: Row = {};
      for (const [name, values] of columns) row[name] = values[i];
      out[i] = row;
    }
    return out;
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /** Runs a query; a Parquet file that cannot be read becomes one sentence naming it. */
  private async guard<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (err) {
      const write = storeWriteError(err, this.store);
      if (write) throw write;
      const message = err instanceof Error ? err.message : String(err);
      if (!/parquet|magic|too small|corrupt|metadata|IO Error/i.test(message)) throw err;
      throw new StoreError(await this.damaged(message));
    }
  }

  /** Finds the first unreadable Parquet file in the store and says what to do about it. */
  private async damaged(original: string): Promise<string> {
    for (const table of [...RECORD_TABLES, ...META_TABLES] as Table[]) {
      const found = await this.conn.runAndReadAll(countFiles(tableGlob(this.store, table)));
      const files = (found.getRowObjectsJS()[0].files ?? []) as string[];
      for (const file of files) {
        try {
          await this.conn.run(probeFile(file));
        } catch (err) {
          const why = firstLine(err instanceof Error ? err.message : String(err));
          return `${file}: not a readable Parquet file (${why}); move it out of the store (or restore it from a ` +
            `backup) and run again.`;
        }
      }
    }
    return `The store ${this.store} could not be read: ${firstLine(original)}.`;
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/\.$/, "");
}
