import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(ROOT, "tests/fixtures/notebooks");
const PYTHON = "/usr/bin/python3";

// nbformat stores multi-line strings either as one string or as a list of lines.
type MultiLine = string | string[];
interface Output {
  output_type: string;
  text?: MultiLine;
  data?: Record<string, MultiLine>;
}
const joined = (s: MultiLine | undefined) => Array.isArray(s) ? s.join("") : s;
interface Notebook {
  cells: { cell_type: string; outputs?: Output[] }[];
}

async function execute(notebook: string, outDir: string, ...extra: string[]) {
  const cmd = new Deno.Command(PYTHON, {
    args: [join(ROOT, "tools/nbexec.py"), "--quiet", "--out", outDir, ...extra, join(FIXTURES, notebook)],
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stderr } = await cmd.output();
  return { code, stderr: new TextDecoder().decode(stderr) };
}

function codeOutputs(path: string): Output[][] {
  const nb: Notebook = JSON.parse(Deno.readTextFileSync(path));
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => c.outputs ?? []);
}

Deno.test("executor: 30 display cells executed 10 times lose no output", async () => {
  const runs = Array.from({ length: 10 }, (_, i) => i);
  // Two at a time: the machine has two cores, and parallel kernels make late messages likelier.
  for (let i = 0; i < runs.length; i += 2) {
    await Promise.all(
      runs.slice(i, i + 2).map(async (run) => {
        const dir = Deno.makeTempDirSync({ prefix: `nbexec-${run}-` });
        const { code, stderr } = await execute("displays.ipynb", dir);
        assert.equal(code, 0, stderr);
        const cells = codeOutputs(join(dir, "displays.ipynb"));
        assert.equal(cells.length, 30);
        cells.forEach((outputs, k) => {
          const html = joined(outputs.find((o) => o.output_type === "display_data")?.data?.["text/html"]);
          const text = outputs.filter((o) => o.output_type === "stream").map((o) => joined(o.text)).join("");
          assert.equal(html, `<b>cell ${k + 1}</b>`, `run ${run}, cell ${k + 1}: display missing`);
          assert.equal(text, `stdout ${k + 1}\n`, `run ${run}, cell ${k + 1}: stream missing`);
        });
        Deno.removeSync(dir, { recursive: true });
      }),
    );
  }
});

Deno.test("executor: a failing cell is reported with notebook, cell number and error text", async () => {
  const dir = Deno.makeTempDirSync();
  const { code, stderr } = await execute("fails.ipynb", dir);
  assert.equal(code, 1);
  assert.match(stderr, /fails\.ipynb: cell 3 .*failed: Error: boom from the fixture/);
  assert.doesNotMatch(stderr, /Traceback/);
  // The partial notebook is kept for inspection, with the error as the cell's output, and later cells not run.
  const cells = codeOutputs(join(dir, "fails.ipynb"));
  assert.equal(cells[1].at(-1)?.output_type, "error");
  assert.deepEqual(cells[2], []);
});

Deno.test("executor: --param reaches the notebook, and the default applies without it", async () => {
  const dir = Deno.makeTempDirSync();
  let run = await execute("params.ipynb", dir, "--param", "data=/some/where");
  assert.equal(run.code, 0, run.stderr);
  assert.equal(joined(codeOutputs(join(dir, "params.ipynb"))[0][0].text), "data=/some/where\n");
  run = await execute("params.ipynb", dir);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(joined(codeOutputs(join(dir, "params.ipynb"))[0][0].text), "data=default-data\n");
});
