/**
 * lib/mod.ts, the notebooks' API: every export documented with an example, no name exported twice, every `vb.*`
 * name a notebook uses exported, and importing it loads no store (DuckDB's addon loads on a store call only).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { FIXTURES, ROOT, tempDir } from "../helpers.ts";

const MOD = Deno.readTextFileSync(join(ROOT, "lib/mod.ts"));

/** The top-level statements of lib/mod.ts, split at blank lines (one documented export block each). */
const blocks = MOD.replace(/^\/\*\*[\s\S]*?@module\n \*\/\n/, "").split(/\n\s*\n/).map((b) => b.trim());

Deno.test("api: every export of lib/mod.ts has a JSDoc example", () => {
  const exporting = blocks.filter((b) => /^export |\nexport /.test(b));
  assert.ok(exporting.length >= 20);
  for (const b of exporting) {
    assert.match(b, /^\/\*\*[\s\S]*@example[\s\S]*\*\/\nexport /, `undocumented: ${b.slice(0, 120)}`);
  }
});

Deno.test("api: no name exported twice (types included), internals such as the two Units not exported", () => {
  const names: string[] = [];
  for (const m of MOD.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
    for (const part of m[1].split(",").map((s) => s.trim()).filter(Boolean)) {
      names.push(part.replace(/^type /, "").split(/\s+as\s+/).pop()!);
    }
  }
  for (const m of MOD.matchAll(/^export (?:async )?(?:function|const|class|type|interface) (\w+)/gm)) {
    names.push(m[1]);
  }
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  assert.ok(!names.includes("Unit") && !MOD.includes("export *"), "no blanket re-export");
});

Deno.test("api: every vb.* name the notebooks use is exported", () => {
  const used = new Set<string>();
  for (const dir of ["tools/notebooks", "notebooks"]) {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(join(ROOT, dir))];
    } catch {
      continue; // one of the notebooks' forms may not exist
    }
    for (const e of entries) {
      if (!/\.(py|ipynb|ts)$/.test(e.name)) continue;
      const text = Deno.readTextFileSync(join(ROOT, dir, e.name));
      for (const m of text.matchAll(/\bvb\.([A-Za-z_]\w*)/g)) used.add(m[1]);
    }
  }
  assert.ok(used.size >= 20);
  assert.deepEqual([...used].filter((n) => !(n in vb)).sort(), []);
});

Deno.test("api: importing lib/mod.ts and analysing a folder needs no FFI grant for DuckDB", async () => {
  const dir = tempDir("vb-api-");
  const script = join(dir, "notebook.ts");
  Deno.writeTextFileSync(
    script,
    `import * as vb from ${JSON.stringify(join(ROOT, "lib/mod.ts"))};\n` +
      `const a = await vb.analyse(${JSON.stringify(join(FIXTURES, "layouts/flat"))}, { tool: "fio" });\n` +
      `console.log(a.comparisons.length);\n`,
  );
  // resvg's addon (PNG) is granted as the report grants it; DuckDB's is not.
  const resvg = [...Deno.readDirSync(join(ROOT, "node_modules/.deno"))]
    .find((e) => /^@resvg\+resvg-js-linux-.*-gnu@/.test(e.name));
  const addonDir = join(ROOT, "node_modules/.deno", resvg!.name, "node_modules/@resvg");
  const sub = [...Deno.readDirSync(addonDir)].find((e) => e.name !== "resvg-js")!;
  const addon = [...Deno.readDirSync(join(addonDir, sub.name))].find((e) => e.name.endsWith(".node"))!;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--frozen",
      "--no-prompt",
      "--config",
      join(ROOT, "deno.json"),
      "--allow-read",
      "--allow-env",
      "--allow-sys",
      `--allow-ffi=${join(addonDir, sub.name, addon.name)}`,
      script,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, stderr);
  assert.ok(Number(new TextDecoder().decode(out.stdout)) > 0);
  Deno.removeSync(dir, { recursive: true });
});
