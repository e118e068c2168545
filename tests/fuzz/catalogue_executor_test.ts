/**
 * The bad-input catalogue, second round (issue 30): the notebook executor (`./vb execute`, tools/nbexec.py) under
 * hostile input — the report's exit codes and sentence style, never a Python traceback, the output checked before
 * anything runs, and no temporary file left behind. Also the other commands' usage errors (bench, setup).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { checksums, exists, FIXTURES, ROOT, skipNote, tempDir } from "../helpers.ts";
import { assertRefusal, canRunAs, execute, hostile } from "./hostile.ts";

const NB_FIXTURES = join(FIXTURES, "notebooks");
const noTemporaries = (dir: string) =>
  assert.deepEqual(
    [...Deno.readDirSync(dir)].filter((e) => /\.tmp-\d+$/.test(e.name)),
    [],
    "no *.tmp-NNN left",
  );

hostile('execute: a malformed notebook ({"cells": [ or {}) is one sentence, exit 3', async () => {
  const dir = tempDir();
  const cases: [string, string, RegExp][] = [
    [
      "truncated.ipynb",
      '{"cells": [',
      /truncated\.ipynb, line 1, column 12: found the end of the file .*, expected a Jupyter notebook \(JSON\)/,
    ],
    [
      "empty-object.ipynb",
      "{}",
      /empty-object\.ipynb: found JSON without a list of cells, expected a Jupyter notebook/,
    ],
    ["empty.ipynb", "", /empty\.ipynb, line 1, column 1: found the end of the file/],
    ["binary.ipynb", "\xff\xfe{", /binary\.ipynb, byte 0: found bytes that are not UTF-8 text/],
    [
      "no-metadata.ipynb",
      '{"cells": [{"cell_type": "code"}], "nbformat": 4, "nbformat_minor": 5}',
      /no-metadata\.ipynb: not a valid Jupyter notebook: .*\.$/,
    ],
  ];
  for (const [name, text, sentence] of cases) {
    const path = join(dir, name);
    if (name === "binary.ipynb") Deno.writeFileSync(path, new Uint8Array([0xff, 0xfe, 0x7b]));
    else Deno.writeTextFileSync(path, text);
    const before = await checksums(dir);
    assertRefusal(await execute(["--out", join(dir, "out"), path]), 3, sentence, "execute");
    assert.deepEqual(await checksums(dir), before, "the notebook is not written, no output made");
  }
  assertRefusal(
    await execute([join(dir, "missing.ipynb")]),
    3,
    /missing\.ipynb: no such file or folder\.$/,
    "execute",
  );
  // A malformed notebook after a good one: refused before the good one runs (nothing half done).
  const out = join(dir, "o2");
  assertRefusal(
    await execute(["--out", out, join(NB_FIXTURES, "params.ipynb"), join(dir, "truncated.ipynb")]),
    3,
    /truncated\.ipynb/,
    "execute",
  );
  assert.ok(!exists(join(out, "params.ipynb")), "nothing ran");
});

hostile("execute: usage errors are exit 2 in one sentence (unknown option, --param without =)", async () => {
  const nb = join(NB_FIXTURES, "params.ipynb");
  assertRefusal(
    await execute(["--bogus", nb]),
    2,
    /unrecognized arguments: --bogus\. Run with --help/,
    "execute",
  );
  assertRefusal(
    await execute(["--param", "data", nb]),
    2,
    /--param expects KEY=VALUE, got 'data'\.$/,
    "execute",
  );
});

hostile(
  "execute: --out a file or a folder it may not write is exit 5 before any cell runs, nothing left",
  async () => {
    const dir = tempDir();
    Deno.chmodSync(dir, 0o755);
    const nb = join(NB_FIXTURES, "params.ipynb");
    Deno.writeTextFileSync(join(dir, "file"), "mine");
    assertRefusal(
      await execute(["--out", join(dir, "file"), nb]),
      5,
      /^execute: Could not write to .*\/file: it is a file, not a folder\.$/,
      "execute",
    );
    assert.equal(Deno.readTextFileSync(join(dir, "file")), "mine");
    const readOnly = join(dir, "ro");
    Deno.mkdirSync(readOnly, { mode: 0o555 });
    Deno.chmodSync(readOnly, 0o555);
    // As root every folder is writable: the unprivileged user meets the refusal, running copies of nbexec.py and
    // the notebook it can read (this clone may sit in a 0700 folder).
    Deno.copyFileSync(join(ROOT, "tools/nbexec.py"), join(dir, "nbexec.py"));
    Deno.copyFileSync(nb, join(dir, "params.ipynb"));
    const r = canRunAs("nobody")
      ? await new Deno.Command("runuser", {
        args: [
          "-u",
          "nobody",
          "--",
          "/usr/bin/python3",
          join(dir, "nbexec.py"),
          "--out",
          readOnly,
          join(dir, "params.ipynb"),
        ],
        stdout: "piped",
        stderr: "piped",
      }).output().then((o) => ({ code: o.code, stdout: "", stderr: new TextDecoder().decode(o.stderr) }))
      : Deno.uid() !== 0
      ? await execute(["--out", readOnly, nb])
      : undefined;
    if (r) {
      assertRefusal(
        r,
        5,
        /^execute: Could not write .*\/ro\/params\.ipynb: permission denied\. Nothing was run\.$/,
        "execute",
      );
      assert.deepEqual([...Deno.readDirSync(readOnly)], []);
    } else skipNote("a read-only folder (root may write anywhere, and runuser is missing)");
  },
);

hostile(
  "execute: a full disk (tmpfs) before the run is exit 5 at once; one that fills during the run leaves the previous file and no .tmp",
  async () => {
    const mnt = tempDir();
    const mount = (args: string[]) => new Deno.Command(args[0], { args: args.slice(1) }).outputSync().success;
    // 16 KiB: the previous file (one page) and the probe of displays.ipynb's 9 KB fit, its executed copy (18 KB, with outputs) does not fit.
    if (!mount(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mnt])) return skipNote("mounting a tmpfs");
    try {
      const nb = join(NB_FIXTURES, "displays.ipynb");
      Deno.writeTextFileSync(join(mnt, "displays.ipynb"), "previous");
      const late = await execute(["--quiet", "--out", mnt, nb]);
      assertRefusal(
        late,
        5,
        /^execute: Could not write the executed notebook .*displays\.ipynb: no space left on device\. The previous file, if any, was left as it was\.$/,
        "execute",
      );
      assert.equal(Deno.readTextFileSync(join(mnt, "displays.ipynb")), "previous");
      noTemporaries(mnt);
      Deno.writeFileSync(join(mnt, "filler"), new Uint8Array(4096 * 2)); // the disk now full
      const early = await execute(["--quiet", "--out", mnt, nb]);
      assertRefusal(early, 5, /: no space left on device\. Nothing was run\.$/, "execute");
      noTemporaries(mnt);
    } finally {
      mount(["umount", mnt]);
    }
  },
  Deno.uid() !== 0,
);

hostile(
  "bench, bench-scale and setup: a bad option is one sentence and exit 2, before anything runs",
  async () => {
    const vb = async (...args: string[]) => {
      const out = await new Deno.Command("bash", {
        args: [join(ROOT, "vb"), ...args],
        stdout: "piped",
        stderr: "piped",
      })
        .output();
      return { code: out.code, stdout: "", stderr: new TextDecoder().decode(out.stderr) };
    };
    assertRefusal(
      await vb("bench", "--only", "nosuch"),
      2,
      /^bench: unknown --only id "nosuch"; expected some of psync, qd16, qd32, avg, fio31\.$/,
      "bench",
    );
    assertRefusal(
      await vb("bench", "--bogus"),
      2,
      /^bench: unknown option --bogus; \.\/vb bench --help lists them\.$/,
      "bench",
    );
    assertRefusal(
      await vb("bench-scale", "--bogus"),
      2,
      /^bench-scale: Unknown option '--bogus'; see/,
      "bench-scale",
    );
    assertRefusal(
      await vb("bench-scale", "--sizes", "x2"),
      2,
      /^bench-scale: unknown --sizes "x2"; expected whole multiples such as 1,5,20,100\.$/,
      "bench-scale",
    );
    const setup = await vb("setup", "bogus");
    assert.notEqual(setup.code, 0);
    assert.match(setup.stderr.trim(), /^setup: unknown profile 'bogus' \(expected run, test or bench\)$/);
  },
  false,
);

hostile(
  "execute: a cell's own sentence (ParamError, AnalysisError) is shown without its class name; exit 1",
  async () => {
    // Inside the checkout: the Deno kernel's launcher starts the project's own deno from there.
    const dir = Deno.makeTempDirSync({ dir: ROOT, prefix: ".catalogue-nb-" });
    const cell = (source: string) => ({
      id: crypto.randomUUID().slice(0, 8),
      cell_type: "code",
      metadata: {},
      source,
      outputs: [],
      execution_count: null,
    });
    const notebook = (source: string) =>
      JSON.stringify({
        cells: [cell(source)],
        metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
        nbformat: 4,
        nbformat_minor: 5,
      });
    Deno.writeTextFileSync(
      join(dir, "sentence.ipynb"),
      notebook(
        'class ParamError extends Error { constructor(m: string) { super(m); this.name = "ParamError"; } }\n' +
          "throw new ParamError('Invalid --min-change (notebook parameter min_change) \"lots\": expected 5%.');",
      ),
    );
    Deno.writeTextFileSync(join(dir, "engine.ipynb"), notebook("const x: any = undefined;\nx.y;"));
    const run = (name: string) => execute(["--quiet", "--out", join(dir, "out"), join(dir, name)]);
    // Both run before any assertion, so the scratch folder inside the checkout is always removed.
    const [sentence, engine] = await Promise.all([run("sentence.ipynb"), run("engine.ipynb")])
      .finally(() => Deno.removeSync(dir, { recursive: true }));
    assertRefusal(
      sentence,
      1,
      /^execute: .*sentence\.ipynb: cell 1 .* failed: Invalid --min-change \(notebook parameter min_change\) "lots": expected 5%\.$/,
      "execute",
    );
    assert.equal(engine.code, 1, engine.stderr);
    assert.match(
      engine.stderr,
      /failed: TypeError: Cannot read properties of undefined/,
      "an engine error keeps its type",
    );
  },
  false,
);
