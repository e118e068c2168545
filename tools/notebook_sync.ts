/**
 * Pairs each notebook's two forms in notebooks/: NAME.ts (percent format; the form fmt, lint and check read) and
 * NAME.ipynb (what Jupyter opens, committed with outputs). `./vb notebooks` runs this, then re-executes them.
 *
 *   deno run -A tools/notebook_sync.ts [--check] [--take ts|ipynb] [--dir DIR] [--out DIR] [NAME…]
 *
 * Rules (tools/notebook/sync.ts): an edit in either form since the last sync is carried to the other; edits in
 * both are refused with one sentence until `--take` names the form to keep. `--check` writes nothing and fails on
 * any difference. `--out DIR` writes fresh notebooks (no outputs) built from the .ts files into DIR, nothing else.
 *
 * Exit codes: 0 done; 1 the forms differ (--check) or both changed; 2 usage, or a file that cannot be read.
 * @module
 */
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildNotebook, NotebookError, serialise, writeAtomic } from "./notebook/ipynb.ts";
import { parsePercent, PercentError } from "./notebook/percent.ts";
import { notebookNames, type Side, SyncError, syncNotebook } from "./notebook/sync.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        check: { type: "boolean" },
        take: { type: "string" },
        dir: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    console.error(`notebook_sync: ${(err as Error).message}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(
      "Usage: deno run -A tools/notebook_sync.ts [--check] [--take ts|ipynb] [--dir DIR] [--out DIR] [NAME…]",
    );
    return 0;
  }
  if (values.take !== undefined && values.take !== "ts" && values.take !== "ipynb") {
    console.error(`notebook_sync: --take expects ts or ipynb (got "${values.take}").`);
    return 2;
  }
  const dir = values.dir ?? join(ROOT, "notebooks");
  const all = notebookNames(dir);
  const names = positionals.length ? positionals.map((p) => basename(p).replace(/\.(ts|ipynb)$/, "")) : all;
  const unknown = names.find((n) => !all.includes(n));
  if (unknown) {
    console.error(`notebook_sync: no notebook "${unknown}" in ${dir} (known: ${all.join(", ")}).`);
    return 2;
  }
  let failed = 0;
  for (const name of names) {
    try {
      if (values.out) {
        const ts = join(dir, `${name}.ts`);
        Deno.mkdirSync(values.out, { recursive: true });
        const cells = parsePercent(Deno.readTextFileSync(ts), ts);
        writeAtomic(join(values.out, `${name}.ipynb`), serialise(buildNotebook(name, cells)));
        continue;
      }
      const action = syncNotebook(dir, name, { check: values.check, take: values.take as Side | undefined });
      if (action !== "in sync") console.error(`notebook_sync: ${name}: ${action}`);
    } catch (err) {
      if (err instanceof SyncError) {
        console.error(`notebook_sync: ${err.message}`);
        failed++;
      } else if (
        err instanceof PercentError || err instanceof NotebookError || err instanceof Deno.errors.NotFound
      ) {
        console.error(`notebook_sync: ${(err as Error).message}`);
        return 2;
      } else {
        throw err;
      }
    }
  }
  return failed ? 1 : 0;
}

if (import.meta.main) Deno.exit(main(Deno.args));
