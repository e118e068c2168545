/**
 * `--check` is a gate that cannot pass blind: exit 1 on a worse headline comparison, exit 4 when nothing could
 * be decided (nothing compared, every comparison insufficient, baseline workloads missing in the candidate).
 * Real runs from data/, copied into scratch folders.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { CORPUS, HAVE_CORPUS, HAVE_DATA, tempDir } from "../helpers.ts";
import { report, subset } from "./run.ts";

const rm = (...dirs: string[]) => dirs.forEach((d) => Deno.removeSync(d, { recursive: true }));

Deno.test("--check on an empty folder never passes: nothing to analyse is exit 3 (README), in one sentence", async () => {
  const empty = tempDir(), out = tempDir();
  const r = await report(empty, "--out", out, "--format", "csv", "--check");
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /^report: .*: found no benchmark results \(an empty folder\)/);
  rm(empty, out);
});

Deno.test({
  name:
    "--check with one run per side exits 4; the verdicts read insufficient, never 'no detectable difference'",
  ignore: !HAVE_DATA,
  fn: async () => {
    const data = subset(["ide", "virtio-blk"], [1]), out = tempDir();
    const r = await report(data, "--out", out, "--format", "json,md", "--check");
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /^check: every one of the \d+ headline comparisons is insufficient/m);
    const rows = JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
    assert.ok(rows.length > 0);
    for (const row of rows) {
      assert.equal(row.verdict, "insufficient", JSON.stringify(row));
      assert.match(row.change, /^insufficient: 1 run per side — [\d.]+× is a single observation$/);
      assert.equal(row.p_adjusted, null);
      assert.notEqual(row.change, "no detectable difference");
    }
    const md = Deno.readTextFileSync(join(out, "report.md"));
    assert.match(
      md,
      /virtio-blk vs ide: insufficient data on all \d+ workloads — 1 run per side, so each ratio \([\d.]+×–[\d.]+×( [\w -]+)?\) is a single observation; no claim either way/,
    );
    assert.doesNotMatch(md, /\| no detectable difference \|/, "no table row says 'no detectable difference'");
    rm(data, out);
  },
});

Deno.test({
  name: "--check before/after: a workload missing from 'after' exits 4 and is named; with it present, 0",
  ignore: !HAVE_DATA,
  fn: async () => {
    // Other repetitions of the same driver (the same files on both sides would never pass: issue 30).
    const before = subset(["virtio-blk"], [1, 2, 3]),
      after = subset(["virtio-blk"], [4, 5]),
      out = tempDir();
    const same = await report(
      join(before, "disk"),
      join(after, "disk"),
      "--out",
      out,
      "--format",
      "csv",
      "--check",
    );
    assert.equal(same.code, 0, same.stderr);
    for (const rep of [4, 5]) {
      Deno.removeSync(join(after, `disk/os=linux/driver=virtio-blk/rep=${rep}/randread-4k-qd32.json`));
    }
    const r = await report(
      join(before, "disk"),
      join(after, "disk"),
      "--out",
      out,
      "--format",
      "csv",
      "--check",
    );
    assert.equal(r.code, 4, r.stderr);
    assert.match(
      r.stderr,
      /^check: no counterpart in the candidate for \d+ baseline group\(s\): .*randread-4k-qd32/m,
    );
    rm(before, after, out);
  },
});

Deno.test({
  name:
    "--check exits 1 on a real regression (the emulated controller as 'after'), naming it with its interval",
  ignore: !HAVE_DATA,
  fn: async () => {
    const before = subset(["virtio-blk"], [1, 2, 3, 4, 5]);
    const after = subset(["ide"], [1, 2, 3, 4, 5], { ide: "virtio-blk" });
    const out = tempDir();
    const r = await report(
      join(before, "disk"),
      join(after, "disk"),
      "--out",
      out,
      "--format",
      "json",
      "--check",
    );
    const rows = JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
    const worse = rows.filter((x: { verdict: string; family: string }) =>
      x.verdict === "worse" && x.family === "headline"
    );
    assert.ok(worse.length > 0, "ide is slower than virtio-blk on some workload of the shipped data");
    assert.equal(r.code, 1, r.stderr);
    for (const w of worse) {
      assert.ok(w.ratio_hi < 1, "a worse (higher-is-better) ratio's whole interval is below 1");
      assert.match(r.stderr, new RegExp(`check: worse: .*workload=${w.workload}.*interval \\[`));
    }
    rm(before, after, out);
  },
});

Deno.test({
  name: "--check on the corpus against itself: single runs, so insufficient and exit 4",
  ignore: !HAVE_CORPUS,
  fn: async () => {
    const out = tempDir();
    const dir = join(CORPUS, "fio-json");
    const r = await report(dir, dir, "--out", out, "--format", "json", "--check");
    assert.equal(r.code, 4, r.stderr);
    const rows = JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
    assert.ok(rows.length > 0 && rows.every((x: { verdict: string }) => x.verdict === "insufficient"));
    rm(out);
  },
});
