import assert from "node:assert/strict";
import { join } from "node:path";
import { FIXTURES, ROOT, tempDir } from "../helpers.ts";
import { runExecutor } from "./outputs.ts";

Deno.test({
  name: "a notebook's export replaces what an earlier run exported under its name; other files stay",
  sanitizeResources: false,
  fn: async () => {
    const dir = tempDir("vb-export-"), out = join(dir, "out");
    const figures = join(out, "figures", "03-latency-and-stability");
    Deno.mkdirSync(figures, { recursive: true });
    Deno.mkdirSync(join(out, "tables"));
    // Left by an earlier run on other data (labelled: made by the test).
    for (const name of ["disk-cdf-randread-4k-qd1.svg", "disk-cdf-randread-4k-qd1.png", "notes.txt"]) {
      Deno.writeTextFileSync(join(figures, name), "earlier run\n");
    }
    Deno.writeTextFileSync(join(out, "tables", "04-summary.csv"), "earlier run\n");
    Deno.writeTextFileSync(join(out, "tables", "03-latency-and-stability.csv"), "earlier run\n");
    // This run: one side of appended fio runs, which shows no figure of this notebook and compares nothing.
    const run = await runExecutor([
      join(ROOT, "tools/nbexec.py"),
      "--out",
      join(dir, "nb"),
      "--param",
      `data=${join(FIXTURES, "fio-normal", "appended")}`,
      "--param",
      `out=${out}`,
      join(ROOT, "notebooks", "03-latency-and-stability.ipynb"),
    ]);
    assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
    assert.deepEqual([...Deno.readDirSync(figures)].map((e) => e.name), ["notes.txt"]);
    assert.deepEqual([...Deno.readDirSync(join(out, "tables"))].map((e) => e.name), ["04-summary.csv"]);
  },
});
