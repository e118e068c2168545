/**
 * Every command README tells a user to type works pasted into a fresh shell: a clean environment whose
 * PATH has only the system folders (no .tools/, no deno), from the checkout's root. Each `./vb` command
 * answers --help; the cheap ones run for real.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, tempDir } from "../helpers.ts";

const CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Shell commands in README: lines of ```sh blocks and inline `code` that starts like a command. */
export function readmeCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1].split("\n")) {
      const cmd = line.replace(/\s+#.*$/, "").trim();
      if (cmd) commands.push(cmd);
    }
  }
  const prose = markdown.replace(/```[\s\S]*?```/g, "");
  for (const span of prose.matchAll(/`([^`\n]+)`/g)) {
    if (/^([A-Z_]+=\S+ )*(\.\/vb|bash|jupyter|\/usr\/bin\/python3)\b/.test(span[1])) commands.push(span[1]);
  }
  return [...new Set(commands.flatMap((c) => c.split("&&").map((part) => part.trim())))];
}

async function fresh(cmd: string): Promise<{ code: number; out: string }> {
  const out = await new Deno.Command("bash", {
    args: ["-c", cmd],
    cwd: ROOT,
    clearEnv: true,
    env: { PATH: CLEAN_PATH, HOME: Deno.env.get("HOME") ?? "/root", LANG: "C.UTF-8" },
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { code: out.code, out: text };
}

Deno.test("README: its commands are found (labelled synthetic markdown)", () => {
  const md =
    "Run:\n```sh\n./vb run     # main job\n./vb test\n```\nthen `DATA=/x ./vb run` or `./vb setup test && bash collect/run-matrix.sh --out d`; not `vb.show()`.";
  assert.deepEqual(readmeCommands(md), [
    "./vb run",
    "./vb test",
    "DATA=/x ./vb run",
    "./vb setup test",
    "bash collect/run-matrix.sh --out d",
  ]);
});

Deno.test("README: every command works pasted into a fresh shell without .tools on PATH", async () => {
  const commands = readmeCommands(Deno.readTextFileSync(join(ROOT, "README.md")));
  assert.ok(commands.length >= 10, `README commands: ${commands.join(" | ")}`);
  assert.notEqual((await fresh("command -v deno")).code, 0, "the fresh shell has no deno on PATH");
  const help = (await fresh("./vb help")).out;
  for (const cmd of commands) {
    const [, , program, rest = ""] = /^((?:[A-Z_]+=\S+ )*)(\S+)\s*(.*)$/.exec(cmd)!;
    if (program === "./vb") {
      const sub = rest.split(/\s+/)[0] || "help";
      if (sub !== "help") {
        assert.match(help, new RegExp(`^  (\\S+ \\| )*${sub}\\b`, "m"), `${cmd}: ./vb knows "${sub}"`);
      }
      const r = await fresh(`./vb ${sub} --help`);
      assert.equal(r.code, 0, `${cmd}: ./vb ${sub} --help failed: ${r.out}`);
      assert.ok(r.out.trim().length > 0, `${cmd}: no help text`);
    } else if (program === "bash") {
      const script = rest.split(/\s+/)[0];
      assert.ok(Deno.statSync(join(ROOT, script)).isFile, `${cmd}: ${script} exists`);
      // Only scripts that handle --help are asked for it (another would start its real work).
      assert.match(Deno.readTextFileSync(join(ROOT, script)), /--help/, `${cmd}: ${script} takes --help`);
      const r = await fresh(`bash ${script} --help`);
      assert.equal(r.code, 0, `${cmd}: bash ${script} --help failed: ${r.out}`);
    } else {
      assert.equal((await fresh(`command -v ${program}`)).code, 0, `${cmd}: ${program} is installed`);
    }
  }
});

Deno.test("README: the cheap commands run for real in a fresh shell (setup, report on the shipped data)", async () => {
  const setup = await fresh("./vb setup");
  assert.equal(setup.code, 0, setup.out);
  const out = tempDir();
  const report = await fresh(`./vb report data --out ${out} --quiet`);
  assert.equal(report.code, 0, report.out);
  assert.ok(Deno.statSync(join(out, "report.html")).size > 0);
  Deno.removeSync(out, { recursive: true });
});

Deno.test("./vb says in one sentence how to install Deno when .tools/ is missing", async () => {
  const dir = tempDir();
  Deno.mkdirSync(join(dir, "tools"));
  Deno.copyFileSync(join(ROOT, "vb"), join(dir, "vb"));
  Deno.copyFileSync(join(ROOT, "tools/env.sh"), join(dir, "tools/env.sh"));
  Deno.chmodSync(join(dir, "vb"), 0o755);
  const r = await new Deno.Command(join(dir, "vb"), {
    args: ["report", "data"],
    clearEnv: true,
    env: { PATH: CLEAN_PATH, HOME: dir },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(r.code, 1);
  assert.equal(
    new TextDecoder().decode(r.stderr).trim(),
    "vb: the project's Deno is not installed in .tools/ yet; run `bash tools/setup.sh` first.",
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("README: the store's examples run for real in a fresh shell, in order (their folders made temporary)", async () => {
  const dir = tempDir("vb-readme-store-");
  const store = join(dir, "my-store");
  const examples = readmeCommands(Deno.readTextFileSync(join(ROOT, "README.md")))
    .filter((c) => c.startsWith("./vb report data --store "));
  assert.equal(examples.length, 3, examples.join(" | "));
  for (const cmd of examples) {
    // A new store (my-store) in a temporary folder; the shipped store/ is only read (--no-append).
    const r = await fresh(
      cmd.replace(" my-store ", ` ${store} `).replace(" out/report", ` ${join(dir, "out")}`),
    );
    assert.equal(r.code, 0, `${cmd}: ${r.out}`);
  }
  const batches = [...Deno.readDirSync(join(store, "files"))].map((e) => e.name).sort();
  assert.deepEqual(batches, ["batch=2026-11-25", "batch=kernel-6.12"]);
  Deno.removeSync(dir, { recursive: true });
});
