/**
 * Files parsed on several threads give the dataset of a one-thread load, field by field, on the shipped data and
 * the shared corpus (its interrupted runs included), and a bad file fails the same way.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { loadDir, loadFile, UnknownFormatError } from "../../lib/ingest/mod.ts";
import {
  loadInPool,
  type PoolFile,
  startedLoadWorkers,
  startLoadWorkers,
  stopStartedLoadWorkers,
} from "../../lib/ingest/load_pool.ts";
import { CORPUS, DATA, FIXTURES, HAVE_CORPUS, HAVE_DATA } from "../helpers.ts";

for (const [name, dir, have] of [["data/", DATA, HAVE_DATA], ["the corpus", CORPUS, HAVE_CORPUS]] as const) {
  Deno.test({
    name: `loadDir on two threads equals one thread on ${name}`,
    ignore: !have,
    fn: async () => {
      const one = await loadDir(dir, { onError: "collect", threads: 1 });
      const two = await loadDir(dir, { onError: "collect", threads: 2 });
      assert.ok(one.rows.length > 0 && one.files.length > 10);
      assert.deepStrictEqual(two, one);
    },
  });
}

Deno.test({
  name:
    "loadInPool: files loaded only in workers come back whole and in order; a failing one is left to the caller",
  ignore: !HAVE_DATA,
  fn: async () => {
    const dir = Deno.makeTempDirSync();
    try {
      const junk = join(dir, "junk.json");
      Deno.writeTextFileSync(junk, "not a benchmark");
      const paths = [...walk(join(DATA, "net"))].slice(0, 40);
      paths.splice(7, 0, junk);
      const files: PoolFile[] = paths.map((path) => ({ path, root: DATA, factors: { lab: "a" } }));
      const load = (f: PoolFile) => loadFile(f.path, f);
      const results = await loadInPool(files, 2, load, undefined, false);
      assert.equal(results.length, files.length);
      assert.equal(
        results[7],
        undefined,
        "the bad file failed in the worker: the main thread loads it again",
      );
      for (const [i, r] of results.entries()) {
        if (i === 7) continue;
        assert.ok(r && "data" in r, `${relative(DATA, paths[i])} loaded in a worker`);
        assert.deepStrictEqual(r.data, await load(files[i]));
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "startLoadWorkers: workers started before the load parse its files; those it does not need are stopped",
  ignore: !HAVE_DATA,
  fn: async () => {
    const files: PoolFile[] = [...walk(join(DATA, "disk"))].slice(0, 30).map((path) => ({
      path,
      root: DATA,
      factors: {},
    }));
    const load = (f: PoolFile) => loadFile(f.path, f);
    startLoadWorkers(3);
    assert.equal(startedLoadWorkers(), 3);
    // Only workers load (no main-thread share): every file must come back from the two taken, which were sent
    // their job after they had started.
    const pending = loadInPool(files, 2, load, undefined, false);
    assert.equal(startedLoadWorkers(), 0, "two taken, the third stopped");
    const results = await pending;
    for (const [i, r] of results.entries()) {
      assert.ok(r && "data" in r, `${relative(DATA, files[i].path)} loaded in a worker`);
      assert.deepStrictEqual(r.data, await load(files[i]));
    }
    startLoadWorkers(1);
    stopStartedLoadWorkers();
    assert.equal(startedLoadWorkers(), 0);
  },
});

Deno.test("loadDir on two threads fails at the same bad file as one thread", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    for (let i = 0; i < 6; i++) {
      Deno.copyFileSync(join(FIXTURES, "ingest/iperf3-udp.json"), join(dir, `rep=${i}-ok.json`));
    }
    Deno.writeTextFileSync(join(dir, "rep=3-junk.json"), "not a benchmark");
    const one = await loadDir(dir, { threads: 1 }).catch((e) => e);
    const two = await loadDir(dir, { threads: 2 }).catch((e) => e);
    assert.ok(one instanceof UnknownFormatError);
    assert.ok(two instanceof UnknownFormatError);
    assert.equal(two.message, one.message);
    const collected = await loadDir(dir, { threads: 2, onError: "collect" });
    assert.deepStrictEqual(collected, await loadDir(dir, { threads: 1, onError: "collect" }));
    assert.match(collected.warnings[0].message, /^skipped \(not a recognised format\): rep=3-junk\.json/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

function* walk(dir: string): Generator<string> {
  const entries = [...Deno.readDirSync(dir)].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.isDirectory) yield* walk(join(dir, e.name));
    else if (!/^(experiment|guest-versions)|\.md$/.test(e.name)) yield join(dir, e.name);
  }
}
