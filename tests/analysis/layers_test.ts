/**
 * The layer map (README, "Architecture"): options → request → analysis → presentation → report/notebooks.
 * No import runs upward, there are no cycles, and the report reads analysis and presentation only.
 */
import assert from "node:assert/strict";
import { dirname, join, relative, resolve } from "node:path";
import { ROOT } from "../helpers.ts";

/**
 * Every .ts file under lib/ and the report command (tools/report.ts, report_main.ts), with the project files it
 * imports (static and dynamic).
 */
function imports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(join(ROOT, dir))) {
      const path = join(dir, e.name);
      if (e.isDirectory) walk(path);
      else if (e.name.endsWith(".ts")) graph.set(path, importsOf(path));
    }
  };
  walk("lib");
  for (const cli of ["tools/report.ts", "tools/report_main.ts"]) graph.set(cli, importsOf(cli));
  return graph;
}

function importsOf(path: string): string[] {
  // Code only: a JSDoc example may show an import of its own.
  const text = Deno.readTextFileSync(join(ROOT, path)).replace(/\/\*[\s\S]*?\*\//g, "").replace(
    /^\s*\/\/.*$/gm,
    "",
  );
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]);
  return specs.map((s) => relative(ROOT, resolve(ROOT, dirname(path), s)));
}

const layer = (path: string) => path.split("/").slice(0, 2).join("/").replace(/\.ts$/, "");

Deno.test("layers: lib/analysis, lib/present and the report import nothing above them", () => {
  const above: Record<string, string[]> = {
    "lib/ingest": ["lib/analysis", "lib/present", "lib/report", "lib/mod", "lib/notebook"],
    "lib/stats": ["lib/analysis", "lib/present", "lib/report", "lib/mod", "lib/notebook", "lib/plot"],
    "lib/analysis": ["lib/present", "lib/report", "lib/mod", "lib/notebook"],
    "lib/present": ["lib/report", "lib/mod", "lib/notebook"],
  };
  const wrong: string[] = [];
  for (const [file, deps] of imports()) {
    for (const dep of deps) {
      if (above[layer(file)]?.includes(layer(dep))) wrong.push(`${file} → ${dep}`);
      // The report (and its CLI) reads analysis and presentation, not the layers under them.
      if (/^(lib\/report|tools)\//.test(file) && /^lib\/(ingest|stats|plot|store)\//.test(dep)) {
        wrong.push(`${file} → ${dep}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

Deno.test("layers: no import cycle among lib's files", () => {
  const graph = imports();
  assert.ok(graph.size > 100, `${graph.size} files`);
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      cycles.push([...path.slice(path.indexOf(f)), f].join(" → "));
      return;
    }
    state.set(f, "open");
    for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
    state.set(f, "done");
  };
  for (const f of graph.keys()) visit(f, []);
  assert.deepEqual(cycles, []);
});
