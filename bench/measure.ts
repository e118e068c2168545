/**
 * Runs one benchmark command as its own process under GNU time: wall time from our clock, peak RSS from
 * `time -v`. A tool that cannot run (not installed, out of memory, crashed, too slow) gives a result with
 * a `failure` in words instead of throwing, so one peer's failure never stops the others.
 * @module
 */
import type { Summary } from "./summary.ts";

export interface Measured {
  tool: string;
  wall: number;
  rssMB: number;
  summary?: Summary;
  /** `wc -l`'s count. */
  lines?: number;
  /** Why the tool gave no result, e.g. "out of memory", "not installed (node not found)". */
  failure?: string;
}

/** The reason a run failed, from its exit status and the end of its error output. */
export function failureReason(code: number, signal: string | null, stderr: string, timeReport = ""): string {
  const last = stderr.trim().split("\n").filter((l) => l.trim()).at(-1)?.trim() ?? "";
  if (code === 124) return "timed out";
  if (
    code === 127 ||
    /Command not found|No such file or directory|ModuleNotFoundError|Cannot find module/.test(stderr)
  ) {
    return `not installed (${last.slice(0, 120)})`;
  }
  if (/out of memory|MemoryError|Cannot allocate memory|Allocation failed/i.test(stderr)) {
    return "out of memory";
  }
  if (signal === "SIGKILL" || code === 137 || /Command terminated by signal 9/.test(stderr + timeReport)) {
    return "killed (signal 9: out of memory?)";
  }
  return `crashed (exit ${code}${signal ? `, ${signal}` : ""}): ${last.slice(0, 160)}`;
}

export async function measure(
  tool: string,
  cmd: string[],
  opts: { env?: Record<string, string>; timeoutSeconds?: number } = {},
): Promise<Measured> {
  const timeFile = await Deno.makeTempFile();
  const limit = String(opts.timeoutSeconds ?? 900);
  const t0 = performance.now();
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("/usr/bin/time", {
      args: ["-v", "-o", timeFile, "timeout", "--kill-after=5", limit, ...cmd],
      env: opts.env,
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (e) {
    Deno.removeSync(timeFile);
    return { tool, wall: NaN, rssMB: NaN, failure: `not run (${e instanceof Error ? e.message : e})` };
  }
  const wall = (performance.now() - t0) / 1000;
  const report = Deno.readTextFileSync(timeFile);
  Deno.removeSync(timeFile);
  const rssKB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1]);
  const m: Measured = { tool, wall, rssMB: rssKB / 1024 };
  const stderr = new TextDecoder().decode(out.stderr);
  if (!out.success) return { ...m, failure: failureReason(out.code, out.signal, stderr, report) };
  const stdout = new TextDecoder().decode(out.stdout).trim();
  try {
    if (stdout.startsWith("{")) m.summary = JSON.parse(stdout);
    else m.lines = Number(stdout.split(/\s+/)[0]);
  } catch {
    return { ...m, failure: `crashed: unreadable output (${stdout.slice(0, 80)})` };
  }
  return m;
}

/** The fastest of `repeat` runs; the first failure ends the repeats. */
export async function best(
  tool: string,
  cmd: string[],
  repeat: number,
  opts: { env?: Record<string, string>; timeoutSeconds?: number } = {},
): Promise<Measured> {
  let result: Measured | undefined;
  for (let i = 0; i < repeat; i++) {
    const m = await measure(tool, cmd, opts);
    if (m.failure) return m;
    if (!result || m.wall < result.wall) result = m;
  }
  return result!;
}
