/**
 * The kernel follows the checkout: the launcher that tools/setup.sh registers as the Jupyter kernel "deno" runs the
 * Deno of whichever checkout holds the notebook's folder (Jupyter starts kernels there), never another clone's.
 * Checkouts here are folders with a checkout's marker files (vb, tools/env.sh, deno.json) and a stand-in Deno that
 * tells which one ran; the last test starts real kernels through jupyter_client (tools/nbexec.py).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempDir } from "../helpers.ts";

const LAUNCHER = join(ROOT, "tools/jupyter-kernel.sh");

/** A checkout named `name` under `base`; its Deno is `deno` (a script body) unless null (setup not run there). */
function checkout(base: string, name: string, deno: string | null): string {
  const dir = join(base, name);
  Deno.mkdirSync(join(dir, "tools"), { recursive: true });
  Deno.mkdirSync(join(dir, "notebooks/deep"), { recursive: true });
  for (const file of ["vb", "tools/env.sh"]) Deno.writeTextFileSync(join(dir, file), "");
  Deno.writeTextFileSync(join(dir, "deno.json"), "{}\n");
  if (deno !== null) {
    Deno.mkdirSync(join(dir, ".tools/node_modules/.bin"), { recursive: true });
    Deno.writeTextFileSync(join(dir, ".tools/node_modules/.bin/deno"), deno, { mode: 0o755 });
  }
  return dir;
}

/** A stand-in Deno that prints its checkout's name and the arguments it got. */
const echoDeno = (name: string) => `#!/bin/sh\necho "${name}: $*"\n`;

function launch(
  cwd: string,
  arg: string,
  path = "/nonexistent",
): { code: number; stdout: string; stderr: string } {
  const out = new Deno.Command("/bin/sh", {
    args: [LAUNCHER, arg],
    cwd,
    env: { PATH: path },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("kernel launcher: a notebook in clone A runs A's Deno, in clone B (any depth) B's", () => {
  const base = tempDir("vb-kernel-");
  const a = checkout(base, "clone-a", echoDeno("A")), b = checkout(base, "clone-b", echoDeno("B"));
  assert.deepEqual(launch(join(a, "notebooks"), "/run/conn.json"), {
    code: 0,
    stdout: "A: jupyter --kernel --conn /run/conn.json",
    stderr: "",
  });
  assert.equal(
    launch(join(b, "notebooks/deep"), "/run/conn.json").stdout,
    "B: jupyter --kernel --conn /run/conn.json",
  );
  assert.equal(launch(b, "--which").stdout, join(Deno.realPathSync(b), ".tools/node_modules/.bin/deno"));
  Deno.removeSync(base, { recursive: true });
});

Deno.test("kernel launcher: a clone without its Deno is named in one sentence, not run on another clone's", () => {
  const base = tempDir("vb-kernel-");
  checkout(base, "clone-a", echoDeno("A"));
  const bare = checkout(base, "clone-bare", null);
  const run = launch(
    join(bare, "notebooks"),
    "/run/conn.json",
    join(base, "clone-a/.tools/node_modules/.bin"),
  );
  assert.equal(run.code, 1);
  assert.equal(run.stdout, "");
  assert.equal(
    run.stderr,
    `deno kernel: the notebook is in the checkout ${Deno.realPathSync(bare)}, whose Deno is not installed; ` +
      "run ./vb setup there.",
  );
  Deno.removeSync(base, { recursive: true });
});

Deno.test("kernel launcher: outside any checkout the deno on PATH runs; with none, one sentence", () => {
  const base = tempDir("vb-kernel-");
  const bin = join(base, "bin"), elsewhere = join(base, "elsewhere");
  Deno.mkdirSync(elsewhere);
  Deno.mkdirSync(bin);
  Deno.writeTextFileSync(join(bin, "deno"), echoDeno("PATH"), { mode: 0o755 });
  assert.equal(launch(elsewhere, "c.json", bin).stdout, "PATH: jupyter --kernel --conn c.json");
  const none = launch(elsewhere, "c.json");
  assert.equal(none.code, 1);
  assert.match(
    none.stderr,
    /^deno kernel: .*elsewhere is in no virtio-bench checkout and no deno is on PATH; /,
  );
  Deno.removeSync(base, { recursive: true });
});

Deno.test({
  name: "kernel launcher: real kernels started by jupyter_client in two clones each run their clone's Deno",
  sanitizeResources: false,
  fn: async () => {
    const base = tempDir("vb-kernel-");
    // Each clone's Deno is the real one behind a wrapper that marks which clone it is.
    const wrapper = (name: string) => `#!/bin/sh\nVB_TEST_CLONE=${name} exec "${Deno.execPath()}" "$@"\n`;
    const clones = ["A", "B"].map((name) => checkout(base, `clone-${name}`, wrapper(name)));
    // The kernel spec tools/setup.sh writes, in a private Jupyter path so the machine's registration is untouched.
    const spec = join(base, "jupyter/kernels/deno");
    Deno.mkdirSync(spec, { recursive: true });
    Deno.writeTextFileSync(
      join(spec, "kernel.json"),
      JSON.stringify({
        argv: ["/bin/sh", LAUNCHER, "{connection_file}"],
        display_name: "Deno",
        language: "typescript",
      }),
    );
    const probe = {
      cells: [{
        cell_type: "code",
        execution_count: null,
        id: "probe",
        metadata: {},
        outputs: [],
        source: 'console.log(Deno.env.get("VB_TEST_CLONE"), Deno.cwd());',
      }],
      metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const notebooks = clones.map((clone) => {
      const path = join(clone, "notebooks/probe.ipynb");
      Deno.writeTextFileSync(path, JSON.stringify(probe));
      return path;
    });
    const run = await new Deno.Command("/usr/bin/python3", {
      args: [join(ROOT, "tools/nbexec.py"), "--quiet", "--inplace", ...notebooks],
      env: { JUPYTER_PATH: join(base, "jupyter") },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
    clones.forEach((clone, i) => {
      const nb = JSON.parse(Deno.readTextFileSync(notebooks[i]));
      const text = [nb.cells[0].outputs[0].text].flat().join("");
      assert.equal(text, `${"AB"[i]} ${Deno.realPathSync(join(clone, "notebooks"))}\n`);
    });
    Deno.removeSync(base, { recursive: true });
  },
});

Deno.test("kernel registration: setup replaces a kernel pinned to one checkout's deno by the launcher, once", () => {
  // A private data folder stands for the machine's (~/.local/share): Jupyter and `deno jupyter` both follow it.
  const data = tempDir("vb-kernel-data-");
  const spec = join(data, "jupyter/kernels/deno");
  Deno.mkdirSync(spec, { recursive: true });
  const old = [
    "/elsewhere/clone/.tools/node_modules/.bin/deno",
    "jupyter",
    "--kernel",
    "--conn",
    "{connection_file}",
  ];
  Deno.writeTextFileSync(join(spec, "kernel.json"), JSON.stringify({ argv: old, display_name: "Deno" }));
  const setup = () => {
    const out = new Deno.Command("bash", {
      args: [join(ROOT, "tools/setup.sh")],
      env: { XDG_DATA_HOME: data, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
  };
  const first = setup();
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /registering the Deno Jupyter kernel/);
  const kernel = JSON.parse(Deno.readTextFileSync(join(spec, "kernel.json")));
  assert.deepEqual(kernel.argv, ["/bin/sh", join(spec, "launch.sh"), "{connection_file}"]);
  assert.equal(kernel.display_name, "Deno");
  assert.equal(Deno.readTextFileSync(join(spec, "launch.sh")), Deno.readTextFileSync(LAUNCHER));
  assert.doesNotMatch(
    Deno.readTextFileSync(join(spec, "kernel.json")),
    /\.tools/,
    "no checkout's path in the spec",
  );
  const second = setup();
  assert.equal(second.code, 0, second.stderr);
  assert.doesNotMatch(second.stderr, /registering/, "a registration already in place is left alone");
  Deno.removeSync(data, { recursive: true });
});
