/** Two appends at once take turns on the store's lock: nothing is lost, nothing doubled, every file readable. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadDir } from "../../lib/ingest/load.ts";
import { appendToStore, listBatches, readBatch, StoreError } from "../../lib/store/mod.ts";
import { hostname } from "node:os";
import { DATA, exists, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";

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
  name: "appends in one process at once take turns too",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const data = await loadDir(E1000, { onError: "collect" });
    const results = await Promise.all(
      ["b1", "b1", "b2"].map((batch) => appendToStore({ store, root: E1000, dataset: data, batch })),
    );
    assert.deepEqual(results.map((r) => r.added).sort(), [0, 100, 100]);
  },
});

/** A child Deno process holding the store's lock until killed; resolves once it holds it. */
async function lockHolder(store: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--frozen", join(ROOT, "tests/store/lock_holder.ts"), store],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  const { value } = await reader.read();
  assert.equal(new TextDecoder().decode(value).trim(), "held");
  reader.releaseLock();
  return child;
}

Deno.test({
  name: "a live holder is named at once; one killed with -9 (or a lock file naming a dead PID) is taken over",
  ignore: !HAVE_DATA,
  sanitizeResources: false,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const data = await loadDir(E1000, { onError: "collect" });
    const lock = join(store, ".lock");
    const child = await lockHolder(store);
    const said: string[] = [];
    const notify = (m: string) => said.push(m);
    const host = hostname();
    const holder = new RegExp(
      `^the append of PID ${child.pid} \\(started \\d{4}-[^)]*\\) on host ${host} since \\d{4}-`,
    );
    await assert.rejects(
      () =>
        appendToStore({ store, root: E1000, dataset: data, batch: "b1", lock: { timeoutMs: 300, notify } }),
      (err: Error) => {
        assert.ok(err instanceof StoreError);
        assert.match(
          err.message,
          new RegExp(
            `^${lock}: another append holds the store \\(the append of PID ${child.pid} \\(started \\d{4}-[^)]*\\) on host `,
          ),
        );
        assert.match(err.message, /; if no append is running, delete this file\.$/);
        return true;
      },
    );
    assert.equal(said.length, 1, "said once, at once, not at every retry");
    assert.match(
      said[0],
      new RegExp(
        `^store: waiting for the append of PID ${child.pid} \\(started \\d{4}-[^)]*\\) on host ${host} since .* to finish \\(${lock}\\)\\.$`,
      ),
    );
    assert.ok(holder.test(said[0].slice("store: waiting for ".length)));

    child.kill("SIGKILL");
    await child.status;
    assert.ok(exists(lock), "kill -9 left the lock file behind");
    said.length = 0;
    const after = await appendToStore({ store, root: E1000, dataset: data, batch: "b1", lock: { notify } });
    assert.equal(after.added, 100);
    assert.equal(said.length, 1);
    assert.match(
      said[0],
      new RegExp(
        `^store: took over ${lock} from the append of PID ${child.pid} \\(started \\d{4}-[^)]*\\) on host ${host} since .*, which is no longer running`,
      ),
    );
    assert.ok(!exists(lock), "released");

    // A lock file written by hand (or by an older version) naming a PID that no longer holds it.
    said.length = 0;
    Deno.writeTextFileSync(lock, '{"pid":1,"since":"then"}');
    await appendToStore({ store, root: E1000, dataset: data, batch: "b2", lock: { notify } });
    assert.match(
      said[0],
      /^store: took over .*\.lock from the append of PID 1 on host .* since then, which is no longer running/,
    );
  },
});

Deno.test({
  name: "a lock recorded on another host is waited for (its liveness cannot be seen), and named",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const data = await loadDir(E1000, { onError: "collect" });
    Deno.mkdirSync(store, { recursive: true });
    Deno.writeTextFileSync(join(store, ".lock"), '{"host":"elsewhere.invalid","pid":42,"since":"then"}');
    const said: string[] = [];
    await assert.rejects(
      () =>
        appendToStore({
          store,
          root: E1000,
          dataset: data,
          batch: "b3",
          lock: { timeoutMs: 100, notify: (m) => said.push(m) },
        }),
      (err: Error) => {
        assert.ok(err instanceof StoreError);
        assert.equal(
          err.message,
          `${
            join(store, ".lock")
          }: another append holds the store (the append of PID 42 on host elsewhere.invalid ` +
            `since then); if no append is running, delete this file.`,
        );
        return true;
      },
    );
    assert.deepEqual(said, [
      `store: waiting for the append of PID 42 on host elsewhere.invalid since then: another host, whose liveness ` +
      `cannot be checked from here; if no append runs there, delete ${join(store, ".lock")}.`,
    ]);
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
