/**
 * Peak memory of the report does not grow with the data's bytes: the report command, run exactly as
 * tools/report.sh runs it (its flags and grants; only the entry is tests/report/peak_child.ts, which prints
 * its peak RSS), over 1 and over 5 copies of the shipped network data (72 MB: sockperf per-message
 * logs, iperf, host CPU records; replicated real runs, each copy its own host= group). Five times the bytes
 * (and the runs) may cost the runs' own values, not the bytes: the peak stays under 1.5× the one-copy peak.
 * Not timed (speed is bench/scale.ts's business).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DATA, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";
import { linkTree } from "../../bench/link_tree.ts";

/** `copies` hard links (copies across file systems) of data/net, under host=replica-K. */
function replicate(copies: number): string {
  const dir = tempDir("vb-peak-");
  for (let k = 1; k <= copies; k++) linkTree(join(DATA, "net"), join(dir, `host=replica-${k}`, "net"));
  return dir;
}

/** Peak RSS in MB of the report over `data`, run with tools/report.sh's own command line. */
async function peakMB(data: string): Promise<number> {
  const out = join(tempDir(), "report");
  const args = ["--format", "json,csv", "--quiet"];
  const dry = await new Deno.Command("bash", {
    args: [join(ROOT, "tools/report.sh"), data, "--out", out, ...args],
    env: { VB_REPORT_DRY_RUN: "1" },
    stdout: "piped",
  }).output();
  assert.ok(dry.success);
  const child = join(ROOT, "tests/report/peak_child.ts");
  const [deno, ...flags] = new TextDecoder().decode(dry.stdout).trim().split("\n").map((a) =>
    a === join(ROOT, "tools/report.ts")
      ? child
      : a.startsWith("--allow-read=")
      ? `${a},${child},/proc/self/status`
      : a
  );
  assert.ok(flags.includes(child), "the command runs tools/report.ts");
  const r = await new Deno.Command(deno, { args: flags, stdout: "piped", stderr: "piped" }).output();
  const err = new TextDecoder().decode(r.stderr);
  assert.ok(r.success, err);
  const kb = Number(err.match(/^peak-rss-kb (\d+)$/m)?.[1]);
  assert.ok(kb > 0, err);
  return kb / 1024;
}

Deno.test({
  name: "report peak memory: 5 copies of the network data stay under 1.5× the peak of one",
  ignore: !HAVE_DATA,
  fn: async () => {
    const one = await peakMB(replicate(1));
    const five = await peakMB(replicate(5));
    assert.ok(five < 1.5 * one, `peak RSS ${one.toFixed(0)} MB for 1 copy, ${five.toFixed(0)} MB for 5`);
  },
});
