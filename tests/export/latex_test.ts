/**
 * results.tex: booktabs structure, every LaTeX special escaped, and — when pdflatex is on the machine — it
 * compiles inside a minimal article. (TeX is not installed by tools/setup.sh: texlive is ~200 MB for one check.)
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { escapeLatex } from "../../lib/export/latex.ts";
import { renderLatex } from "../../lib/report/render.ts";
import { DATA, HAVE_DATA, tempDir } from "../helpers.ts";

const havePdflatex = (() => {
  try {
    return new Deno.Command("pdflatex", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
})();

/** The table's rows: between \midrule and \bottomrule, one per line, cells split at unescaped &. */
function bodyRows(tex: string): string[][] {
  const body = tex.slice(tex.indexOf("\\midrule") + 8, tex.indexOf("\\bottomrule"));
  return body.trim().split("\n").map((l) =>
    l.trim().replace(/ \\\\$/, "").split(/(?<!\\)&/).map((c) => c.trim())
  );
}

Deno.test("LaTeX escaping: every special character prints literally", () => {
  assert.equal(
    escapeLatex("R&W_50% #1 $5 {a} ~x^2 \\path"),
    String.raw`R\&W\_50\% \#1 \$5 \{a\} \textasciitilde{}x\textasciicircum{}2 \textbackslash{}path`,
  );
  assert.equal(
    escapeLatex("2.55× slower, 5 µs"),
    String.raw`2.55\ensuremath{\times} slower, 5 \textmu{}s`,
  );
});

Deno.test("toLatex: a booktabs table with one cell per field in every row, numbers right-aligned", () => {
  const tex = vb.toLatex([{ workload: "R&W", ratio: 1.5 }, { workload: "seq_read", ratio: 0.25 }], {
    caption: "x_y",
    label: "tab:a b",
  });
  for (const rule of ["\\toprule", "\\midrule", "\\bottomrule", "\\begin{tabular}{lr}", "\\end{tabular}"]) {
    assert.ok(tex.includes(rule), rule);
  }
  assert.ok(tex.includes("\\caption{x\\_y}") && tex.includes("\\label{tab:a-b}"));
  assert.deepEqual(bodyRows(tex), [["R\\&W", "1.5"], ["seq\\_read", "0.25"]]);
  assert.equal(vb.toLatex([]), "% (no rows)\n");
});

Deno.test({
  name:
    "results.tex of the shipped data: one table per family, six columns in every row, compiles if pdflatex exists",
  ignore: !HAVE_DATA,
  fn: async () => {
    const disk = await vb.analyse(DATA, { tool: "fio" });
    const net = await vb.analyse(DATA, { tool: vb.NETWORK_TOOLS });
    const tex = renderLatex([disk, net]);
    assert.equal(tex.match(/\\begin\{table\}/g)?.length, 2);
    assert.equal(tex.match(/\\end\{table\}/g)?.length, 2);
    for (const table of tex.split("\\end{table}").slice(0, 2)) {
      const rows = bodyRows(table);
      assert.ok(rows.length > 5);
      for (const row of rows) assert.equal(row.length, 6, row.join(" | "));
    }
    assert.ok(!/[^\\]_/.test(tex.replace(/\\label\{[^}]*\}/g, "")), "no unescaped _ outside labels");
    assert.match(tex, /2\.55\\ensuremath\{\\times\} slower & worse/);
    if (!havePdflatex) return;
    const dir = tempDir("vb-tex-");
    Deno.writeTextFileSync(join(dir, "results.tex"), tex);
    Deno.writeTextFileSync(
      join(dir, "paper.tex"),
      "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{textcomp}\\usepackage{booktabs}\\usepackage[margin=1cm,landscape]{geometry}\\begin{document}\\input{results}\\end{document}\n",
    );
    const run = new Deno.Command("pdflatex", {
      args: ["-interaction=nonstopmode", "-halt-on-error", "paper.tex"],
      cwd: dir,
    })
      .outputSync();
    assert.ok(run.success, new TextDecoder().decode(run.stdout).slice(-2000));
    Deno.removeSync(dir, { recursive: true });
  },
});
