/**
 * A type error typed into a notebook cell fails the type check: the cell is edited as Jupyter saves it, synced to
 * the .ts, and `deno check` (what `./vb check` and the suite run on notebooks/) names the cell's line.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../helpers.ts";
import { joinSource, readNotebook } from "../../tools/notebook/ipynb.ts";
import { syncNotebook } from "../../tools/notebook/sync.ts";

const NAME = "04-summary";

function check(...files: string[]): { code: number; stderr: string } {
  const out = new Deno.Command(Deno.execPath(), {
    args: ["check", "--frozen", ...files],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("notebook type check: a misspelt property typed into a cell in Jupyter fails deno check on its line", () => {
  // A sibling of notebooks/ inside the checkout, so the cells' "../lib/mod.ts" imports resolve as they do there.
  const dir = Deno.makeTempDirSync({ dir: ROOT, prefix: ".nbcheck-" });
  try {
    for (const ext of ["ts", "ipynb"]) {
      Deno.copyFileSync(join(ROOT, "notebooks", `${NAME}.${ext}`), join(dir, `${NAME}.${ext}`));
    }
    const path = join(dir, `${NAME}.ipynb`);
    const nb = readNotebook(path);
    const index = nb.cells.findIndex((c) => joinSource(c.source).includes("vb.geoMeanTable([disk, net])"));
    assert.ok(index > 0);
    nb.cells[index].source =
      "await vb.showTable(vb.geoMeanTable([disk, net]));\nconst n: number = disk.comparisonz;";
    Deno.writeTextFileSync(path, JSON.stringify(nb, null, 1));
    assert.equal(syncNotebook(dir, NAME, { format: () => {} }), "ts from ipynb");
    const result = check(join(dir, `${NAME}.ts`));
    assert.notEqual(result.code, 0, "deno check fails");
    assert.match(result.stderr, /TS2551 \[ERROR\]: Property 'comparisonz' does not exist/);
    const line = Deno.readTextFileSync(join(dir, `${NAME}.ts`)).split("\n").indexOf(
      "const n: number = disk.comparisonz;",
    ) + 1;
    assert.match(
      result.stderr,
      new RegExp(`${NAME}\\.ts:${line}:`),
      "the error names the cell's line in the .ts",
    );
    assert.equal(result.stderr.match(/\[ERROR\]/g)?.length, 1, "the only error is the one typed in");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("notebook type check: ./vb check and the suite's type check cover notebooks/", () => {
  const vb = Deno.readTextFileSync(join(ROOT, "vb")).split("\n").find((l) => l.trim().startsWith("check)"));
  assert.match(vb ?? "", /notebook_sync\.ts --check;.* check "\$@" .*\bnotebooks\b/);
  const suite = Deno.readTextFileSync(join(ROOT, "tools/test.sh"));
  assert.match(suite, /step "type check" deno check .*\bnotebooks\b/);
});
