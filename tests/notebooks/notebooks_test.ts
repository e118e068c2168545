/**
 * The notebooks are deterministic: re-executed on the shipped data they reproduce their committed
 * outputs exactly; and they run unchanged on a different real data set in another layout.
 */
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { checksums, DATA, FIXTURES, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";
import { cellOutputs, runExecutor } from "./outputs.ts";

const NOTEBOOKS = [...Deno.readDirSync(join(ROOT, "notebooks"))].map((e) => e.name).filter((n) =>
  n.endsWith(".ipynb")
)
  .sort().map((n) => join(ROOT, "notebooks", n));

Deno.test({
  name: "notebooks: re-executed on the shipped data, every output equals the committed one",
  ignore: !HAVE_DATA,
  sanitizeResources: false,
  fn: async () => {
    // Every notebook source (notebooks/*.ts) has its notebook.
    const sources = [...Deno.readDirSync(join(ROOT, "notebooks"))].filter((e) => e.name.endsWith(".ts"));
    assert.equal(NOTEBOOKS.length, sources.length);
    const before = await checksums(DATA);
    const dir = tempDir("vb-nb-");
    const run = await runExecutor([
      join(ROOT, "tools/nbexec.py"),
      "--out",
      join(dir, "nb"),
      "--param",
      `out=${join(dir, "out")}`,
      ...NOTEBOOKS,
    ]);
    assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
    for (const nb of NOTEBOOKS) {
      const committed = cellOutputs(nb), fresh = cellOutputs(join(dir, "nb", basename(nb)));
      assert.equal(fresh.length, committed.length);
      // Every code cell but the parameters cell shows something.
      assert.ok(
        committed.filter((o) => o.length > 0).length >= committed.length - 1,
        `${basename(nb)}: committed with outputs`,
      );
      committed.forEach((outputs, i) => {
        assert.deepEqual(
          fresh[i],
          outputs,
          `${basename(nb)} code cell ${i + 1} differs from the committed output`,
        );
      });
      assert.ok(!committed.flat().some((o) => o.startsWith("error:")), `${basename(nb)}: no errors`);
    }
    // The export cells wrote every figure as SVG and PNG, and the tables.
    const figures = [...Deno.readDirSync(join(dir, "out/figures/01-disk"))].map((e) => e.name);
    assert.ok(figures.filter((f) => f.endsWith(".svg")).length >= 5);
    assert.equal(
      figures.filter((f) => f.endsWith(".png")).length,
      figures.filter((f) => f.endsWith(".svg")).length,
    );
    assert.ok(Deno.statSync(join(dir, "out/tables/04-summary.csv")).size > 1000);
    assert.deepEqual(
      await checksums(DATA),
      before,
      "the data folder is byte-identical after the notebook run",
    );
    Deno.removeSync(dir, { recursive: true });
  },
});

Deno.test({
  name:
    "notebooks: run unchanged on another real data set (two drivers, 3 runs, other layout with a manifest, disk only)",
  ignore: !HAVE_DATA,
  sanitizeResources: false,
  fn: async () => {
    const dir = tempDir("vb-nb2-");
    const data = join(dir, "my-runs");
    const manifest = ["file,driver,rep"];
    for (const driver of ["ide", "virtio-blk"]) {
      for (const rep of [1, 2, 3]) {
        const src = join(DATA, `disk/os=linux/driver=${driver}/rep=${rep}`);
        for (const e of Deno.readDirSync(src)) {
          if (!e.name.endsWith(".json")) continue;
          const rel = `run${rep}-${driver === "ide" ? "A" : "B"}/${e.name.replace(".json", ".out")}`;
          Deno.mkdirSync(join(data, rel, ".."), { recursive: true });
          Deno.copyFileSync(join(src, e.name), join(data, rel));
          manifest.push(`${rel},${driver},${rep}`);
        }
      }
    }
    Deno.writeTextFileSync(join(data, "manifest.csv"), manifest.join("\n") + "\n");
    const run = await runExecutor([
      join(ROOT, "tools/nbexec.py"),
      "--out",
      join(dir, "nb"),
      "--param",
      `data=${data}`,
      "--param",
      `out=${join(dir, "out")}`,
      "--param",
      "baseline=virtio-blk",
      ...NOTEBOOKS,
    ]);
    assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
    const disk = cellOutputs(join(dir, "nb/01-disk.ipynb")).flat().join("\n");
    assert.match(disk, /driver: ide, virtio-blk/);
    assert.match(disk, /against the baseline virtio-blk/);
    assert.match(disk, /up to 3 repetitions each/);
    const net = cellOutputs(join(dir, "nb/02-network.ipynb")).flat().join("\n");
    assert.match(net, /no results under/, "the network notebook says there is no network data");
    Deno.removeSync(dir, { recursive: true });
  },
});

Deno.test({
  name:
    "notebooks: words follow the data (buffered vs direct fio runs, 1 vs 4 iperf3 streams: no VirtIO story)",
  sanitizeResources: false,
  fn: async () => {
    const dir = tempDir("vb-nb3-");
    const texts = async (data: string, by: string, notebooks: string[]) => {
      const out = join(dir, basename(data));
      const run = await runExecutor([
        join(ROOT, "tools/nbexec.py"),
        "--out",
        out,
        "--param",
        `data=${join(FIXTURES, "names", data)}`,
        "--param",
        `out=${join(dir, "out")}`,
        "--param",
        `by=${by}`,
        ...notebooks.map((n) => join(ROOT, "notebooks", n)),
      ]);
      assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
      return notebooks.map((n) => [n, cellOutputs(join(out, n)).flat().join("\n")]);
    };
    const notebooks = ["01-disk.ipynb", "02-network.ipynb", "04-summary.ipynb", "07-host-cost.ipynb"];
    for (const [nb, text] of await texts("fio", "", notebooks)) {
      assert.doesNotMatch(text, /virtio|paravirtuali|emulated/i, nb);
      if (nb !== "02-network.ipynb") {
        assert.match(
          text,
          /What is compared\.\*\* Runs that differ in direct: direct against the baseline buffered/,
          nb,
        );
      }
    }
    for (const [nb, text] of await texts("iperf3", "num_streams", notebooks)) {
      assert.doesNotMatch(text, /virtio|paravirtuali|emulated|guest → host|\bNIC\b/i, nb);
      if (nb !== "01-disk.ipynb") {
        assert.match(
          text,
          /What is compared\.\*\* Runs that differ in num_streams: 4 against the baseline 1/,
          nb,
        );
      }
    }
    Deno.removeSync(dir, { recursive: true });
  },
});
