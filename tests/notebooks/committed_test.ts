/**
 * The committed notebooks: each .ipynb holds exactly the cells of its .ts (no drift), its parameters are the
 * defaults (a notebook saved with another data path fails), and nothing in it names a path of this machine.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../helpers.ts";
import { cellsHash, cellsOf, readNotebook, syncedHash } from "../../tools/notebook/ipynb.ts";
import { parsePercent, renderPercent } from "../../tools/notebook/percent.ts";
import { firstDifference, notebookNames } from "../../tools/notebook/sync.ts";
import { machinePaths, parameterProblems } from "./committed.ts";

const DIR = join(ROOT, "notebooks");
const NAMES = notebookNames(DIR);
const tsCells = (name: string) => {
  const path = join(DIR, `${name}.ts`);
  return parsePercent(Deno.readTextFileSync(path), path);
};
const nbCells = (name: string) => cellsOf(readNotebook(join(DIR, `${name}.ipynb`)), name);

Deno.test("committed notebooks: every notebook has both forms (the seven shipped at least)", () => {
  assert.ok(NAMES.length >= 7, NAMES.join());
  for (const name of NAMES) {
    assert.ok(Deno.statSync(join(DIR, `${name}.ts`)).isFile, `${name}.ts`);
    assert.ok(Deno.statSync(join(DIR, `${name}.ipynb`)).isFile, `${name}.ipynb`);
  }
});

Deno.test("committed notebooks: each .ipynb holds exactly the code and markdown of its .ts (no drift)", () => {
  for (const name of NAMES) {
    const ts = tsCells(name), nb = nbCells(name);
    const at = firstDifference(ts, nb);
    assert.equal(
      at,
      undefined,
      `${name}: cell ${(at ?? 0) + 1} differs between .ts and .ipynb; run ./vb notebooks`,
    );
    assert.equal(
      syncedHash(readNotebook(join(DIR, `${name}.ipynb`))),
      cellsHash(ts),
      `${name}: last sync recorded`,
    );
    // The .ts is in the form the sync writes, so a round trip through Jupyter changes no line of it.
    assert.equal(
      Deno.readTextFileSync(join(DIR, `${name}.ts`)),
      renderPercent(name, ts),
      `${name}.ts canonical`,
    );
  }
});

Deno.test("committed notebooks: the drift check sees a changed markdown line, code line or tag", () => {
  const cells = tsCells("01-disk");
  const edit = (i: number, change: Partial<(typeof cells)[number]>) =>
    cells.map((c, j) => j === i ? { ...c, ...change } : c);
  const md = cells.findIndex((c) => c.kind === "markdown"), code = cells.findIndex((c) => c.kind === "code");
  assert.equal(firstDifference(cells, edit(md, { source: cells[md].source + " " })), md);
  assert.equal(
    firstDifference(cells, edit(code, { source: cells[code].source.replace("../data", "/x") })),
    code,
  );
  assert.equal(firstDifference(cells, edit(code, { tags: [] })), code);
  assert.equal(firstDifference(cells, cells.slice(0, -1)), cells.length - 1);
});

Deno.test("committed notebooks: parameters are at their defaults; another data path is caught", () => {
  for (const name of NAMES) {
    assert.deepEqual(parameterProblems(tsCells(name)), [], `${name}.ts`);
    assert.deepEqual(parameterProblems(nbCells(name)), [], `${name}.ipynb`);
  }
  const cells = nbCells("01-disk");
  const withPath = (data: string) =>
    cells.map((c) =>
      c.tags.includes("parameters") ? { ...c, source: c.source.replace(`"../data"`, data) } : c
    );
  assert.match(
    parameterProblems(withPath(`"/srv/my-runs"`)).join(),
    /data is "\/srv\/my-runs", not the shipped/,
  );
  assert.match(parameterProblems(withPath(`"../../other"`)).join(), /data is "..\/..\/other"/);
  assert.match(parameterProblems(withPath(`Deno.env.get("D")!`)).join(), /not a plain "key: string" default/);
  const adjusted = cells.map((c) =>
    c.tags.includes("parameters") ? { ...c, source: c.source.replace(`by: ""`, `by: "nic"`) } : c
  );
  assert.match(parameterProblems(adjusted).join(), /by is "nic", its default is ""/);
});

Deno.test("committed notebooks: no machine path in any source or output", () => {
  for (const file of [...Deno.readDirSync(DIR)].map((e) => e.name).filter((n) => /\.(ts|ipynb)$/.test(n))) {
    assert.deepEqual(machinePaths(Deno.readTextFileSync(join(DIR, file)), ROOT), [], file);
  }
  // What the check catches, and what it lets pass (base64 picture data can spell "/tmp").
  const root = "/srv/clones/vb/";
  assert.deepEqual(machinePaths(`"text": "read /home/ann/runs/x.json"`, root), ['/home/ann/runs/x.json"']);
  assert.equal(machinePaths(`"evalue": "at file:///x/lib/mod.ts:3"`, root).length, 1);
  assert.equal(machinePaths(`"text/plain": "data under /srv/clones/vb/data"`, root).length, 1);
  assert.equal(machinePaths(`"/tmp"`, root).length, 1);
  assert.deepEqual(machinePaths(`"image/png": "iVBOR/tmpX+0/home/w=="`, root), []);
  assert.deepEqual(machinePaths(`"text/html": "<img src=\\"data:image/png;base64,AA/tmp/x==\\">"`, root), []);
  assert.deepEqual(machinePaths(`"source": "data: \\"../data\\", a/tmp/b, ~/tmpfile"`, root), []);
});
