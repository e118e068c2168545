/**
 * The pairing rule of tools/notebook_sync.ts on a copy of a real notebook: an edit in either form reaches the
 * other, outputs of untouched cells stay, edits in both forms are refused with one sentence and nothing written.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempDir } from "../helpers.ts";
import { cellsOf, joinSource, type Notebook, readNotebook, serialise } from "../../tools/notebook/ipynb.ts";
import { parsePercent } from "../../tools/notebook/percent.ts";
import { SyncError, syncNotebook } from "../../tools/notebook/sync.ts";

const NAME = "02-network";

/** A folder holding a copy of the committed pair. */
function copyPair(): string {
  const dir = tempDir("vb-nbsync-");
  for (const ext of ["ts", "ipynb"]) {
    Deno.copyFileSync(join(ROOT, "notebooks", `${NAME}.${ext}`), join(dir, `${NAME}.${ext}`));
  }
  return dir;
}

/** What Jupyter does on save: the cell's new source as one string, a fresh cell id, outputs kept. */
function saveInJupyter(dir: string, index: number, source: string): void {
  const path = join(dir, `${NAME}.ipynb`);
  const nb = readNotebook(path);
  nb.cells[index] = { ...nb.cells[index], id: "f3a9c2e1", source };
  Deno.writeTextFileSync(path, JSON.stringify(nb, null, 1));
}

function editTs(dir: string, from: string, to: string): void {
  const path = join(dir, `${NAME}.ts`);
  const text = Deno.readTextFileSync(path);
  assert.ok(text.includes(from));
  Deno.writeTextFileSync(path, text.replace(from, to));
}

const read = (dir: string, ext: string) => Deno.readTextFileSync(join(dir, `${NAME}.${ext}`));
const tsCells = (dir: string) => parsePercent(read(dir, "ts"), NAME);
const nbOf = (dir: string): Notebook => readNotebook(join(dir, `${NAME}.ipynb`));
const codeIndex = (nb: Notebook, text: string) =>
  nb.cells.findIndex((c) => joinSource(c.source).includes(text));

Deno.test("notebook sync: the committed pair is in sync; a second sync writes nothing", () => {
  const dir = copyPair();
  const before = [read(dir, "ts"), read(dir, "ipynb")];
  assert.equal(syncNotebook(dir, NAME), "in sync");
  assert.deepEqual([read(dir, "ts"), read(dir, "ipynb")], before);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: an edit of the .ts rewrites that cell of the .ipynb and keeps the other outputs", () => {
  const dir = copyPair();
  const before = nbOf(dir);
  editTs(dir, "await vb.show(vb.forestFigure(net));", "await vb.show(vb.forestFigure(net, { title: 'T' }));");
  assert.equal(syncNotebook(dir, NAME), "ipynb from ts");
  const after = nbOf(dir);
  const edited = codeIndex(after, "title: 'T'");
  assert.ok(edited > 0);
  assert.deepEqual(after.cells[edited].outputs, [], "the edited cell waits for re-execution");
  const network = codeIndex(before, "networkFigure");
  assert.ok((before.cells[network].outputs as unknown[]).length > 0);
  assert.deepEqual(
    after.cells[network].outputs,
    before.cells[network].outputs,
    "untouched cells keep outputs",
  );
  assert.deepEqual(cellsOf(after, NAME), tsCells(dir));
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: a cell saved in Jupyter reaches the .ts, formatted, and the .ipynb follows the format", () => {
  const dir = copyPair();
  const index = codeIndex(nbOf(dir), "networkFigure");
  saveInJupyter(dir, index, "const  title='Throughput'\nawait vb.show(vb.networkFigure(net, {title}))");
  assert.equal(syncNotebook(dir, NAME), "ts from ipynb");
  assert.match(
    read(dir, "ts"),
    /const title = "Throughput";\nawait vb\.show\(vb\.networkFigure\(net, \{ title \}\)\);/,
  );
  const nb = nbOf(dir);
  assert.deepEqual(cellsOf(nb, NAME), tsCells(dir));
  assert.equal(
    nb.cells[index].id,
    `${NAME.slice(0, 2)}-${String(index).padStart(2, "0")}`,
    "stable ids again",
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: edits in both forms are refused with one sentence naming notebook and cell", () => {
  const dir = copyPair();
  const index = codeIndex(nbOf(dir), "networkFigure");
  saveInJupyter(dir, index, "await vb.show(vb.networkFigure(net, { title: 'from Jupyter' }));");
  editTs(
    dir,
    "await vb.show(vb.networkFigure(net));",
    "await vb.show(vb.networkFigure(net, { title: 'from ts' }));",
  );
  const before = [read(dir, "ts"), read(dir, "ipynb")];
  assert.throws(() => syncNotebook(dir, NAME), (err: Error) => {
    assert.ok(err instanceof SyncError);
    assert.match(err.message, new RegExp(`${NAME}: cell ${index + 1} \\(code: "await vb.show`));
    assert.match(err.message, /both changed since the last sync; nothing was written/);
    assert.match(err.message, /--take ts 02-network` \(or --take ipynb\)/);
    assert.equal(err.message.split("\n").length, 1);
    return true;
  });
  assert.deepEqual([read(dir, "ts"), read(dir, "ipynb")], before, "nothing written");
  assert.equal(syncNotebook(dir, NAME, { take: "ipynb" }), "ts from ipynb");
  assert.match(read(dir, "ts"), /title: "from Jupyter"/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: --take settles only edits in both forms; a lone Jupyter edit survives --take ts", () => {
  const dir = copyPair();
  saveInJupyter(dir, 0, "# Network, retitled in Jupyter");
  assert.equal(syncNotebook(dir, NAME, { take: "ts", format: () => {} }), "ts from ipynb");
  assert.match(read(dir, "ts"), /\/\/ # Network, retitled in Jupyter\n/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: --check writes nothing and says which form holds the edit", () => {
  const dir = copyPair();
  saveInJupyter(dir, 0, "# Network, retitled");
  const before = read(dir, "ipynb");
  assert.throws(
    () => syncNotebook(dir, NAME, { check: true }),
    /cell 1 \(markdown: .*\) differs between 02-network\.ts and 02-network\.ipynb \(the edit saved in 02-network\.ipynb is not carried over yet\); run `\.\/vb notebooks`/,
  );
  assert.equal(read(dir, "ipynb"), before);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: a notebook made in Jupyter gets its .ts; a .ts alone gets its notebook", () => {
  const dir = copyPair();
  Deno.removeSync(join(dir, `${NAME}.ts`));
  assert.equal(syncNotebook(dir, NAME, { format: () => {} }), "created ts");
  assert.deepEqual(tsCells(dir), cellsOf(nbOf(dir), NAME));
  Deno.removeSync(join(dir, `${NAME}.ipynb`));
  assert.equal(syncNotebook(dir, NAME), "created ipynb");
  assert.deepEqual(cellsOf(nbOf(dir), NAME), tsCells(dir));
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: the command's exit codes and sentences (conflict 1, unreadable .ts 2, in sync 0)", () => {
  const dir = copyPair();
  const run = (...args: string[]) => {
    const out = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--frozen", join(ROOT, "tools/notebook_sync.ts"), "--dir", dir, ...args],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    return { code: out.code, stderr: new TextDecoder().decode(out.stderr).trim() };
  };
  assert.deepEqual(run(), { code: 0, stderr: "" });
  saveInJupyter(dir, 0, "# A");
  editTs(dir, "// # 2 ·", "// # B ·");
  const conflict = run();
  assert.equal(conflict.code, 1);
  assert.match(conflict.stderr, /^notebook_sync: .*02-network: cell 1 \(markdown: "# B/);
  assert.equal(conflict.stderr.split("\n").length, 1);
  Deno.writeTextFileSync(join(dir, `${NAME}.ts`), "const x = 1;\n");
  const bad = run();
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /02-network\.ts:1: text before the first cell marker would not reach the notebook/,
  );
  assert.equal(run("nosuch").code, 2);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: a cell saved in Jupyter that does not parse still reaches the .ts, unformatted, said once", () => {
  const dir = copyPair();
  saveInJupyter(dir, codeIndex(nbOf(dir), "networkFigure"), "await vb.show(vb.networkFigure(net)");
  const out = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--frozen", join(ROOT, "tools/notebook_sync.ts"), "--dir", dir],
    env: { NO_COLOR: "1" },
    stderr: "piped",
  }).outputSync();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  assert.match(
    stderr,
    /02-network\.ts kept unformatted: SyntaxError: .* \(line \d+, column \d+\); fix the cell/,
  );
  assert.match(stderr, /02-network: ts from ipynb/);
  assert.match(read(dir, "ts"), /\nawait vb\.show\(vb\.networkFigure\(net\)\n/, "the edit is not lost");
  assert.deepEqual(cellsOf(nbOf(dir), NAME), tsCells(dir));
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: a .ts laid out by hand is rewritten in the sync's form, its cells unchanged", () => {
  const dir = copyPair();
  const canonical = read(dir, "ts");
  const loose = canonical.replace("// %% [markdown]\n// # 2", "\n\n// %% [markdown]\n//# 2").replaceAll(
    "\n\n// %%\n",
    "\n\n\n// %%\n\n",
  );
  assert.notEqual(loose, canonical);
  Deno.writeTextFileSync(join(dir, `${NAME}.ts`), loose);
  // No deno fmt here: outside the checkout it would apply its default line width, not the project's.
  assert.equal(syncNotebook(dir, NAME, { format: () => {} }), "in sync");
  assert.equal(read(dir, "ts"), canonical);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("notebook sync: a comment above the first cell is refused rather than dropped at the next sync", () => {
  const text = Deno.readTextFileSync(join(ROOT, "notebooks", `${NAME}.ts`));
  assert.throws(
    () => parsePercent(text.replace("// %% [markdown]", "// my note\n\n// %% [markdown]"), `${NAME}.ts`),
    /02-network\.ts:4: text before the first cell marker would not reach the notebook; put it in a cell/,
  );
});

Deno.test("notebook sync: the .ipynb is written as nbformat writes it (the executor's re-save changes nothing)", () => {
  const nb = readNotebook(join(ROOT, "notebooks", `${NAME}.ipynb`));
  assert.equal(serialise(nb), Deno.readTextFileSync(join(ROOT, "notebooks", `${NAME}.ipynb`)));
});
