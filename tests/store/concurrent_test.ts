/** Two appends at once take turns on the store's lock: nothing is lost, nothing doubled, every file readable. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadDir } from "../../lib/ingest/load.ts";
import { appendToStore, listBatches, readBatch, StoreError } from "../../lib/store/mod.ts";
import { DATA, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";

const E1000 = join(DATA, "net/os=linux/nic=e1000");
const RTL = join(DATA, "net/os=linux/nic=rtl8139");

function worker(folder: string, store: string, batch: string) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--frozen", join(ROOT, "tests/store/append_worker.ts"), folder, store, batch],
    stdout: "piped",
    stderr: "piped",
  }).output();
}

Deno.test({
  name: "two processes appending at once: both batches complete, the same folder twice is stored once",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const results = await Promise.all([
      worker(E1000, store, "b1"),
      worker(RTL, store, "b2"),
      worker(E1000, store, "b1"),
    ]);
    const reports = results.map((r) => {
      assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
      return JSON.parse(new TextDecoder().decode(r.stdout));
    });
    assert.deepEqual(
      reports.map((r) => r.added).sort(),
      [0, 100, 100],
      "one of the two b1 appends found it done",
    );
    assert.deepEqual((await listBatches(store)).map((b) => [b.batch, b.files]), [["b1", 100], ["b2", 100]]);
    assert.deepStrictEqual(
      (await readBatch(store, "b1")).dataset,
      await loadDir(E1000, { onError: "collect" }),
    );
    assert.deepStrictEqual(
      (await readBatch(store, "b2")).dataset,
      await loadDir(RTL, { onError: "collect" }),
    );
    assert.equal([...Deno.readDirSync(store)].some((e) => e.name === ".lock"), false, "the lock is released");
  },
});

Deno.test({
  name: "appends in one process at once take turns too; a lock held too long is one sentence naming it",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const data = await loadDir(E1000, { onError: "collect" });
    const results = await Promise.all(
      ["b1", "b1", "b2"].map((batch) => appendToStore({ store, root: E1000, dataset: data, batch })),
    );
    assert.deepEqual(results.map((r) => r.added).sort(), [0, 100, 100]);
    Deno.writeTextFileSync(join(store, ".lock"), '{"pid":1,"since":"then"}');
    await assert.rejects(
      () => appendToStore({ store, root: E1000, dataset: data, batch: "b3", lock: { timeoutMs: 50 } }),
      (err: Error) => {
        assert.ok(err instanceof StoreError);
        assert.equal(
          err.message,
          `${join(store, ".lock")}: another append holds the store ({"pid":1,"since":"then"}); ` +
            `if no append is running, delete this file.`,
        );
        return true;
      },
    );
  },
});

Deno.test({
  name: "an append that never completed (parts without their files part) is cleared by the next one",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const data = await loadDir(E1000, { onError: "collect" });
    await appendToStore({ store, root: E1000, dataset: data, batch: "b1" });
    const dir = join(store, "runs/tool=iperf3/batch=b1");
    const [part] = [...Deno.readDirSync(dir)].map((e) => e.name);
    Deno.copyFileSync(join(dir, part), join(dir, "00000000-dead-4bad-8bad-000000000000.parquet"));
    const again = await appendToStore({ store, root: E1000, dataset: data, batch: "b1" });
    assert.equal(again.added, 0);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), [part], "the orphan part is gone");
    assert.deepStrictEqual((await readBatch(store, "b1")).dataset, data);
  },
});
