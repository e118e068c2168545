/**
 * The results store (lib/store): a folder appended and read back is the very same dataset, so its analysis has
 * exactly the in-memory numbers; re-adding adds nothing; a changed file, a damaged Parquet file and an empty
 * store are one sentence each.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadDir } from "../../lib/ingest/load.ts";
import { analyse } from "../../lib/analysis/request.ts";
import { readExperiments } from "../../lib/analysis/experiment.ts";
import { addToStore, analyseBatch } from "../../lib/analysis/store.ts";
import { appendToStore, collectionDate, listBatches, readBatch, StoreError } from "../../lib/store/mod.ts";
import { TOOL_FAMILIES } from "../../lib/model.ts";
import { DATA, FIXTURES, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";
import { plainCopy } from "./helpers.ts";
import { StoreDb } from "../../lib/store/db.ts";

Deno.test({
  name: "shipped data → store → batch: the same dataset, and analyses with exactly the in-memory numbers",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const loaded = await loadDir(DATA, { onError: "collect" });
    const added = await appendToStore({
      store,
      root: DATA,
      dataset: loaded,
      experiments: await readExperiments(DATA),
    });
    assert.equal(added.batch, "2026-11-25", "batch = the date the first run started (runs.jsonl)");
    assert.equal(added.added, 1460);
    assert.equal(added.values, loaded.rows.length);
    const back = await readBatch(store, added.batch);
    assert.deepStrictEqual(
      back.dataset,
      loaded,
      "rows, series, histograms, warnings and files read back exactly",
    );
    assert.deepStrictEqual(back.experiments, [
      { source: "disk/experiment.json", by: "driver", baseline: "ide" },
      { source: "net/experiment.json", by: "nic", baseline: "e1000" },
    ]);
    const stored = await analyseBatch(store, added.batch);
    for (const [i, tool] of TOOL_FAMILIES.entries()) {
      const memory = await analyse(DATA, { tool });
      assert.ok(memory.comparisons.length > 10, `${memory.comparisons.length} comparisons`);
      assert.deepStrictEqual(
        stored[i].comparisons,
        memory.comparisons,
        `${tool}: same comparisons and verdicts`,
      );
      assert.deepStrictEqual(stored[i].warnings, memory.warnings);
      assert.equal(stored[i].baseline, memory.baseline);
    }
    // Per-I/O log summaries (time bins) and json+ histograms are stored, not the raw logs: megabytes → kilobytes.
    assert.ok(back.dataset.series.length > 800 && back.dataset.histograms.length > 100);
    assert.ok(await duBytes(store) < 4_000_000, "the store is far smaller than the 80 MB of raw files");

    const again = await appendToStore({ store, root: DATA, dataset: loaded });
    assert.deepEqual([again.added, again.skipped, again.values], [0, 1460, 0], "re-adding adds nothing");
    const sub = await addToStore(join(DATA, "net"), store);
    assert.deepEqual(
      [sub.added, sub.skipped],
      [0, 300],
      "the same files from a subfolder are recognised too",
    );
    assert.deepEqual(await listBatches(store), [{
      batch: "2026-11-25",
      files: 1460,
      values: loaded.rows.length,
    }]);
  },
});

Deno.test({
  name:
    "runs appended to one file (iperf3 -J --logfile; real shipped runs) → store → batch: every run, read back exactly, the file listed once",
  ignore: !HAVE_DATA,
  fn: async () => {
    const dir = tempDir("vb-store-");
    const root = join(dir, "data"), store = join(dir, "store");
    Deno.mkdirSync(root);
    for (const nic of ["e1000", "virtio-net"]) {
      const runs = [1, 2, 3].map((rep) => join(DATA, `net/os=linux/nic=${nic}/rep=${rep}/iperf3-tcp.json`));
      Deno.writeTextFileSync(join(root, `${nic}.json`), runs.map((r) => Deno.readTextFileSync(r)).join(""));
    }
    const loaded = await loadDir(root);
    const added = await appendToStore({ store, root, dataset: loaded });
    assert.deepEqual([added.added, added.values], [2, loaded.rows.length]);
    const back = await readBatch(store, added.batch);
    assert.deepStrictEqual(back.dataset, loaded);
    assert.deepEqual([...new Set(back.dataset.rows.map((r) => r.source))].sort(), [
      "e1000.json#1",
      "e1000.json#2",
      "e1000.json#3",
      "virtio-net.json#1",
      "virtio-net.json#2",
      "virtio-net.json#3",
    ]);
    // Each run's values carry its file's sha256.
    const db = await StoreDb.open(store);
    const sha = await db.rows(
      "SELECT DISTINCT r.source, r.sha256 = f.sha256 AS same FROM runs r JOIN files f ON r.source LIKE f.source || '#%' ORDER BY 1",
    );
    db.close();
    assert.deepEqual(sha.map((r) => [r.source, r.same]), [
      ["e1000.json#1", true],
      ["e1000.json#2", true],
      ["e1000.json#3", true],
      ["virtio-net.json#1", true],
      ["virtio-net.json#2", true],
      ["virtio-net.json#3", true],
    ]);
    const again = await appendToStore({ store, root, dataset: loaded });
    assert.deepEqual([again.added, again.skipped], [0, 2], "re-adding adds nothing");
  },
});

Deno.test({
  name: "a different file under the same name and factors in the same batch is refused, naming it",
  ignore: !HAVE_DATA,
  fn: async () => {
    const data = plainCopy(join(DATA, "net/os=linux/nic=e1000/rep=1"));
    const store = join(tempDir("vb-store-"), "store");
    const first = await addToStore(data, store, { batch: "b1" });
    assert.equal(first.added, 20);
    const file = join(data, "iperf2-tcp.csv");
    Deno.writeTextFileSync(file, Deno.readTextFileSync(file).replace(/\n$/, "\n\n"));
    await assert.rejects(() => addToStore(data, store, { batch: "b1" }), (err: Error) => {
      assert.ok(err instanceof StoreError);
      assert.match(
        err.message,
        /iperf2-tcp\.csv: batch b1 of .* already holds a different file .* --batch NAME\.$/,
      );
      assert.doesNotMatch(err.message, /\n/);
      return true;
    });
    const other = await addToStore(data, store, { batch: "b2" });
    assert.deepEqual(
      [other.added, other.alsoIn],
      [20, ["b1"]],
      "another batch takes it, and says where else it is",
    );
  },
});

Deno.test({
  name: "a damaged Parquet file is one sentence naming it; the other files are untouched",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    await addToStore(join(DATA, "net/os=linux/nic=e1000/rep=1"), store, { batch: "b1" });
    const dir = join(store, "runs/tool=iperf3/batch=b1");
    const victim = join(dir, [...Deno.readDirSync(dir)][0].name);
    const bytes = Deno.readFileSync(victim);
    Deno.writeFileSync(victim, bytes.subarray(0, bytes.length - 40));
    for (const read of [() => readBatch(store, "b1"), () => listBatches(store)]) {
      await assert.rejects(read, (err: Error) => {
        assert.ok(err instanceof StoreError, String(err));
        assert.ok(err.message.startsWith(`${victim}: not a readable Parquet file (`), err.message);
        assert.doesNotMatch(err.message, /\n/);
        return true;
      });
    }
  },
});

Deno.test("an empty or missing store, and an unknown batch, are one sentence saying what there is", async () => {
  const store = join(tempDir("vb-store-"), "store");
  assert.deepEqual(await listBatches(store), []);
  await assert.rejects(() => readBatch(store, "2026-11-25"), {
    name: "StoreError",
    message:
      `The store ${store} holds no runs yet: add a data folder with \`./vb report DATA --store ${store}\`.`,
  });
  Deno.mkdirSync(store);
  await assert.rejects(() => readBatch(store, "x"), /holds no runs yet/);
  if (!HAVE_DATA) return;
  await addToStore(join(DATA, "net/os=linux/nic=e1000/rep=1"), store, { batch: "b1" });
  await assert.rejects(() => readBatch(store, "b2"), {
    message: `The store ${store} has no batch "b2"; it holds b1.`,
  });
});

Deno.test("batch names: a folder name on every system, else one sentence", async () => {
  const store = join(tempDir("vb-store-"), "store");
  const empty = { rows: [], series: [], histograms: [], warnings: [], files: [] };
  for (const bad of ["", "../x", "a/b", "a b", "-x", "x".repeat(65)]) {
    await assert.rejects(
      () => appendToStore({ store, root: FIXTURES, dataset: empty, batch: bad }),
      StoreError,
    );
  }
});

Deno.test({
  name:
    "collection date: runs.jsonl first, else the tools' own time stamps, else a sentence asking for --batch",
  ignore: !HAVE_DATA,
  fn: async () => {
    assert.deepEqual(await collectionDate(DATA, []), {
      batch: "2026-11-25",
      from: `${join(DATA, "disk/runs.jsonl")} (first run started 2026-11-25T12:13:40Z)`,
    });
    const rep = join(DATA, "net/os=linux/nic=e1000/rep=1");
    const net = await collectionDate(rep, ["iperf3-tcp.json"]);
    assert.equal(net.batch, "2026-11-25");
    assert.match(net.from, /iperf3-tcp\.json \(time stamp 2026-11-25T\d\d:\d\d:\d\dZ\)$/);
    const csv = await collectionDate(rep, ["iperf2-tcp.csv"]);
    assert.match(csv.from, /iperf2-tcp\.csv \(time stamp 2026-11-25T\d\d:\d\d:\d\dZ\)$/);
    // fio's normal output dates each job in the host's local time, without a zone: that day is the batch.
    const normal = await collectionDate(join(FIXTURES, "fio-normal/compare"), ["sync/randread-4k_1.txt"]);
    assert.deepEqual(normal, {
      batch: "2026-12-04",
      from:
        `${
          join(FIXTURES, "fio-normal/compare/sync/randread-4k_1.txt")
        } (time stamp Fri Dec 4 21:09:08 2026, ` +
        "local time)",
    });
    const stamped = await collectionDate(join(FIXTURES, "iperf3-text/logfile"), ["e1000.txt"]);
    assert.deepEqual(stamped, {
      batch: "2026-12-04",
      from: `${
        join(FIXTURES, "iperf3-text/logfile/e1000.txt")
      } (time stamp Fri Dec 4 21:55:02 2026, local time)`,
    });
    const terse = join(FIXTURES, "ingest/fio-3.33-terse-v2.txt");
    await assert.rejects(() => collectionDate(terse, []), {
      message: `Cannot tell when ${terse} was collected (no runs.jsonl, PROVENANCE.md or tool time stamp): ` +
        `name its batch with --batch NAME.`,
    });
  },
});

async function duBytes(dir: string): Promise<number> {
  let total = 0;
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    total += e.isDirectory ? await duBytes(p) : (await Deno.stat(p)).size;
  }
  return total;
}

Deno.test("README shows the store's SQL exactly as lib/store/sql.ts runs it", async () => {
  const sql = await import("../../lib/store/sql.ts");
  const readme = Deno.readTextFileSync(join(ROOT, "README.md"));
  const statements = [
    sql.BATCHES,
    sql.HISTORY,
    sql.BATCH_VALUES,
    sql.batchRecords("runs"),
    sql.STORED_FILES,
    sql.createView("runs", "store/runs/*/*/*.parquet"),
    sql.createView("files", "store/files/*/*.parquet"),
  ];
  for (const s of statements) assert.ok(readme.includes(s), `README lacks:\n${s}`);
});
