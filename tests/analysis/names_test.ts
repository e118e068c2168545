/**
 * Issue 27: anyone's data with no flags. Real fio, iperf3, iperf 2 and sockperf output made here on loopback and
 * saved under the user's own names (tests/fixtures/names/README.md). Every expected ratio and n is computed in the
 * test from the raw files with plain JSON/text reading, independently of lib/.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { FIXTURES, tempDir } from "../helpers.ts";
import { analyse } from "../../lib/analysis/analyse.ts";
import type { Comparison } from "../../lib/stats/types.ts";
import { parseLayout } from "../../lib/ingest/layout.ts";
import { loadDir } from "../../lib/ingest/load.ts";

const NAMES = join(FIXTURES, "names");
const FIO = join(NAMES, "fio");

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const json = (path: string) => JSON.parse(Deno.readTextFileSync(path));
const fioIops = (path: string): number => json(path).jobs[0].read.iops;
/** The fixture's fio JSON runs of one label, in repetition order. */
const fioRuns = (label: string) => [1, 2, 3].map((n) => join(FIO, `${label}_${n}.json`));

function only(cs: Comparison[], pick: (c: Comparison) => boolean, what: string): Comparison {
  const found = cs.filter(pick);
  assert.equal(found.length, 1, `one comparison for ${what}; got ${found.length}`);
  return found[0];
}

function expectRatio(c: Comparison, base: number[], cand: number[]): void {
  assert.equal(c.baseline.n, base.length, "n baseline");
  assert.equal(c.candidate.n, cand.length, "n candidate");
  const ratio = mean(cand) / mean(base);
  assert.ok(Math.abs(c.ratio! - ratio) < 1e-9 * ratio, `ratio ${c.ratio} vs hand-computed ${ratio}`);
}

/** Namings people use for repetition N of `label`, as a path relative to the data folder. */
const NAMINGS: Record<string, (label: string, n: number) => string> = {
  "_1": (l, n) => `${l}_${n}.json`,
  "-1": (l, n) => `${l}-${n}.json`,
  ".1": (l, n) => `${l}.${n}.json`,
  "r1": (l, n) => `${l}-r${n}.json`,
  "run1": (l, n) => `${l}-run${n}.json`,
  "rep1": (l, n) => `${l}_rep${n}.json`,
  "#1": (l, n) => `${l}#${n}.json`,
  "(1)": (l, n) => `${l} (${n}).json`,
  "numbered folders": (l, n) => `${n}/${l}.json`,
  "timestamped folders": (l, n) => `2026-12-03T09-0${n}-00/${l}.json`,
};

for (const [naming, name] of Object.entries(NAMINGS)) {
  Deno.test(`repetitions: fio runs named ${naming} are 3 repetitions per side, with no flag`, async () => {
    const dir = tempDir("vb-names-");
    for (const label of ["buffered", "direct"]) {
      fioRuns(label).forEach((f, i) => {
        const to = join(dir, name(label, i + 1));
        Deno.mkdirSync(join(to, ".."), { recursive: true });
        Deno.copyFileSync(f, to);
      });
    }
    const a = await analyse(dir, { tool: "fio" });
    Deno.removeSync(dir, { recursive: true });
    assert.equal(a.by, "direct", `compared by fio's direct option: ${a.warnings.join(" | ")}`);
    const c = only(a.comparisons, (c) => c.metric === "iops" && c.stat === "mean", "iops");
    expectRatio(c, fioRuns("buffered").map(fioIops), fioRuns("direct").map(fioIops));
  });
}

Deno.test("repetitions: a trailing number that does not run consecutively is part of the name", async () => {
  const dir = tempDir("vb-names-");
  // sockperf-udp-64 / sockperf-udp-1400: message sizes, not repetitions 64 and 1400.
  for (const m of ["64", "1400"]) {
    Deno.copyFileSync(join(NAMES, "sockperf", `udp-${m}-rep1.txt`), join(dir, `sockperf-udp-${m}.txt`));
  }
  const data = await loadDir(dir);
  Deno.removeSync(dir, { recursive: true });
  assert.deepEqual(
    [...new Set(data.rows.map((r) => r.factors.workload))].sort(),
    ["sockperf-udp-1400", "sockperf-udp-64"],
  );
  assert.ok(data.rows.every((r) => r.factors.rep === undefined), "no repetition read from 64 / 1400");
});

Deno.test("repetitions: a layout that names only the repetition is refused with a working template", () => {
  assert.throws(
    () => parseLayout("*-rep{rep}.json"),
    {
      message:
        'The layout template "*-rep{rep}.json" names only the repetition ({rep}), so the rest of the ' +
        "name would be compared with its repetition number in it; name the part that differs between " +
        "configurations, e.g. '{config}-rep{rep}.json'.",
    },
  );
  assert.throws(() => parseLayout("run{rep}.json"), /e\.g\. '\{config\}-run\{rep\}\.json'\.$/);
  assert.throws(() => parseLayout("{date}/out.json"), /e\.g\. '\{date\}\/\{config\}\.json'\.$/);
  // The suggested templates themselves work.
  for (const t of ["{config}-rep{rep}.json", "{config}-run{rep}.json", "{date}/{config}.json"]) {
    parseLayout(t);
  }
});
