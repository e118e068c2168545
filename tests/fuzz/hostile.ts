/**
 * Helpers for the hostile-input catalogue: scratch copies of the shipped data, running the report
 * command (optionally as an unprivileged user), and the checks every case shares.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { checksums, DATA, FIXTURES, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";

/** A report-level case: named "catalogue (report): …", skipped without the shipped data. */
export const hostile = (name: string, fn: () => Promise<void>, ignore = !HAVE_DATA) =>
  Deno.test({ name: `catalogue (report): ${name}`, ignore, sanitizeResources: false, fn });

/** Runs `fn` on a scratch data folder and asserts the folder is byte-identical afterwards. */
export async function unchanged(data: string, fn: () => Promise<void>): Promise<void> {
  const before = await checksums(data);
  await fn();
  assert.deepEqual(await checksums(data), before, "inputs unchanged");
}

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A real input fixture (tests/fixtures/ingest) as text. */
export const fixture = (name: string) => Deno.readTextFileSync(join(FIXTURES, "ingest", name));

/** Copies the JSON runs of some disk drivers/reps of the shipped data to a scratch folder (same layout). */
export function scratch(
  drivers = ["ide", "virtio-blk"],
  reps = [1, 2, 3],
  keep = (name: string) => /^(randread-4k-qd1|seqread-1m-qd1)\.json$/.test(name),
): string {
  const dir = tempDir("vb-hostile-");
  Deno.chmodSync(dir, 0o755);
  for (const d of drivers) {
    for (const r of reps) {
      const src = join(DATA, `disk/os=linux/driver=${d}/rep=${r}`);
      const dst = join(dir, `disk/os=linux/driver=${d}/rep=${r}`);
      Deno.mkdirSync(dst, { recursive: true });
      for (const e of Deno.readDirSync(src)) {
        if (keep(e.name)) Deno.copyFileSync(join(src, e.name), join(dst, e.name));
      }
    }
  }
  return dir;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `bash tools/report.sh ...args`, from `cwd`, as `user` when given (via runuser), from the checkout at `root`. */
export async function report(
  args: string[],
  { cwd, user, env, root = ROOT }: {
    cwd?: string;
    user?: string;
    env?: Record<string, string>;
    root?: string;
  } = {},
): Promise<Run> {
  const cmd = ["bash", join(root, "tools/report.sh"), ...args];
  const [bin, ...rest] = user ? ["runuser", "-u", user, "--", "env", ...envArgs(env), ...cmd] : cmd;
  const out = await new Deno.Command(bin, {
    args: rest,
    cwd,
    env: user ? {} : env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

const envArgs = (env: Record<string, string> = {}) => Object.entries(env).map(([k, v]) => `${k}=${v}`);

/** A stack frame as V8/Deno print them ("    at fn (file:...)"), or Deno's uncaught-error banner. */
export const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$|Uncaught|Stack backtrace/m;

/** `python3 tools/nbexec.py ...args` (what `./vb execute` runs). */
export async function execute(args: string[], cwd?: string): Promise<Run> {
  const out = await new Deno.Command("/usr/bin/python3", {
    args: [join(ROOT, "tools/nbexec.py"), ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  // The kernel's own start-up banner (Deno's, not the executor's) shares stderr.
  const stderr = dec.decode(out.stderr).replace(/^Warning "deno jupyter" is unstable.*\n/gm, "");
  return { code: out.code, stdout: dec.decode(out.stdout), stderr };
}

/** Python's traceback banner, or a class name opening a sentence ("AnalysisError: …"). */
export const TRACEBACK = /Traceback \(most recent call last\)|\b[A-Z]\w*Error: /;

/**
 * The run failed with `code` and exactly one line on stderr, starting `command: ` and matching `sentence`,
 * with no stack frame, no traceback and no class name.
 */
export function assertRefusal(r: Run, code: number, sentence: RegExp, command = "report"): void {
  assert.equal(r.code, code, `exit code; stderr: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, STACK);
  assert.doesNotMatch(r.stderr, TRACEBACK);
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one sentence, got: ${r.stderr}`);
  assert.ok(lines[0].startsWith(`${command}: `), lines[0]);
  assert.match(lines[0], sentence);
}

/** The run succeeded; stderr is the summary line only. */
export function assertDone(r: Run): void {
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, STACK);
  assert.match(r.stderr, /^report: \d+ comparisons .* file warnings? → /);
}

/** What tools/report.sh runs: the command, the library, the dependencies, the pinned Deno. */
const REPORT_TREE = ["tools", "lib", "node_modules", ".tools", "deno.json", "deno.lock"];
const reachable = new Map<string, string>();

/**
 * A checkout `user` can run: this one when the user can reach it, else (a clone under a private folder such as
 * /root, mode 0700) a copy of what tools/report.sh runs in a 0755 temporary folder — hard links where the file
 * system allows (no 300 MB copy), else a copy. Made once per user and test process.
 */
export function reachableRoot(user: string): string {
  const can = new Deno.Command("runuser", {
    args: ["-u", user, "--", "test", "-r", join(ROOT, "tools/report.sh")],
  }).outputSync().success;
  if (can) return ROOT;
  const made = reachable.get(user);
  if (made) return made;
  const dir = tempDir("vb-reachable-");
  Deno.chmodSync(dir, 0o755);
  const copy = (flags: string) =>
    new Deno.Command("cp", { args: [flags, ...REPORT_TREE.map((p) => join(ROOT, p)), dir], stderr: "piped" })
      .outputSync();
  const linked = copy("-al");
  if (!linked.success) {
    Deno.removeSync(dir, { recursive: true });
    Deno.mkdirSync(dir, { mode: 0o755 });
    Deno.chmodSync(dir, 0o755);
    const copied = copy("-a");
    assert.ok(copied.success, new TextDecoder().decode(copied.stderr));
  }
  reachable.set(user, dir);
  return dir;
}

export function canRunAs(user: string): boolean {
  try {
    return Deno.uid() === 0 &&
      new Deno.Command("runuser", { args: ["-u", user, "--", "true"] }).outputSync().success;
  } catch {
    return false;
  }
}

/** Every SVG under `dir` parses as XML (Python's expat, a strict parser); returns how many. */
export function assertWellFormedSvgs(dir: string): number {
  const svgs = [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".svg")).map((e) =>
    join(dir, e.name)
  );
  const check = new Deno.Command("/usr/bin/python3", {
    args: ["-c", "import sys, xml.dom.minidom as m\nfor f in sys.argv[1:]: m.parse(f)", ...svgs],
    stderr: "piped",
  }).outputSync();
  assert.ok(check.success, new TextDecoder().decode(check.stderr));
  return svgs.length;
}
