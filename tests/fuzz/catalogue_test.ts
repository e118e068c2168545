/**
 * The bad-input catalogue: each case a real way benchmark folders go wrong, with the exact sentence the
 * user gets. Every message names the file, the place, what was found and what was expected.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import { FIXTURES, tempDir } from "../helpers.ts";

const fixture = (name: string) => Deno.readTextFileSync(join(FIXTURES, "ingest", name));

async function messageFor(name: string, content: string): Promise<string> {
  const dir = tempDir();
  Deno.writeTextFileSync(join(dir, name), content);
  try {
    await vb.loadFile(join(dir, name));
    return "(loaded)";
  } catch (err) {
    assert.ok(err instanceof vb.IngestError, `${name}: typed error, got ${err}`);
    return err.message;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

const CASES: [string, string, string, RegExp][] = [
  [
    "truncated JSON",
    "run.json",
    fixture("fio-3.33-fsync.json").slice(0, 1500),
    /^run\.json, line \d+: found the end of the file inside the JSON object opened at line 1, expected the rest of fio JSON output \(--output-format=json or json\+\)\. The run was probably interrupted or the file truncated\.$/,
  ],
  [
    "empty file",
    "run.json",
    "",
    /^run\.json: found an empty file \(0 bytes\), expected benchmark output\. The run probably failed before writing its output\.$/,
  ],
  [
    "bare nan in fio JSON",
    "nan.json",
    fixture("fio-3.33-fsync.json").replace(/"iops" : [1-9][0-9.]*/, '"iops" : -nan'),
    /^nan\.json, line \d+: found a bare -nan \(not valid JSON\), expected a finite number\./,
  ],
  [
    "Infinity",
    "inf.json",
    fixture("fio-3.33-fsync.json").replace(/"iops" : [1-9][0-9.]*/, '"iops" : inf'),
    /found a bare inf \(not valid JSON\)/,
  ],
  [
    "negative rate",
    "neg.json",
    fixture("iperf3-udp.json").replace(/"bits_per_second":\s*[0-9.e+]+/g, '"bits_per_second": -1e6'),
    /^neg\.json, \$\.intervals\[0\]\.sum\.bits_per_second: found a negative number \(-1000000\), expected a value ≥ 0\./,
  ],
  [
    "iperf3 error document",
    "err.json",
    '{"start": {}, "intervals": [], "end": {}, "error": "unable to connect to server: Connection refused"}',
    /^err\.json, \$\.error: found iperf3's error "unable to connect to server: Connection refused", expected a completed run\./,
  ],
  [
    "not a benchmark at all",
    "notes.txt",
    "remember to re-run with direct=1\n",
    /^notes\.txt: found content starting "remember to re-run with direct=1", expected fio JSON\/json\+, fio terse, a fio log, iperf3 JSON or iperf 2 CSV\.$/,
  ],
];

for (const [what, name, content, expected] of CASES) {
  Deno.test(`catalogue: ${what}`, async () => assert.match(await messageFor(name, content), expected));
}

Deno.test("catalogue: a zero-line fio log is a warning, not an error (fio writes those)", async () => {
  const dir = tempDir();
  Deno.writeTextFileSync(join(dir, "job_slat.1.log"), "");
  const ds = await vb.loadFile(join(dir, "job_slat.1.log"));
  assert.deepEqual(ds.rows, []);
  assert.match(ds.warnings[0].message, /^job_slat\.1\.log: an empty fio log \(fio recorded nothing/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("catalogue: text before/after fio JSON is a warning, the numbers still load", async () => {
  const dir = tempDir();
  Deno.writeTextFileSync(
    join(dir, "r.json"),
    `fio: this platform does not support process shared mutexes\n${fixture("fio-3.33-fsync.json")}`,
  );
  const ds = await vb.loadFile(join(dir, "r.json"));
  assert.match(
    ds.warnings[0].message,
    /ignored text before the fio JSON: "fio: this platform does not support/,
  );
  assert.ok(ds.rows.length > 0);
  Deno.removeSync(dir, { recursive: true });
});

/** A tiny data set in a temporary folder: driver → values of one workload's IOPS (as fio JSON files). */
function folder(
  runs: Record<string, number[]>,
  layout = (d: string, rep: number) => `driver=${d}/rep=${rep}/w.json`,
): string {
  const dir = tempDir();
  const base = JSON.parse(fixture("fio-3.33-fsync.json"));
  for (const [driver, values] of Object.entries(runs)) {
    values.forEach((v, i) => {
      const doc = structuredClone(base);
      doc.jobs[0].write.iops = v;
      const path = join(dir, layout(driver, i + 1));
      Deno.mkdirSync(join(path, ".."), { recursive: true });
      Deno.writeTextFileSync(path, JSON.stringify(doc));
    });
  }
  return dir;
}

Deno.test("catalogue: missing baseline driver is one sentence naming what exists", async () => {
  const dir = folder({ a: [1, 2, 3], b: [2, 3, 4] });
  await assert.rejects(() => vb.analyse(dir, { baseline: "ide" }), (e: Error) => {
    assert.ok(e instanceof vb.AnalysisError);
    assert.equal(e.message, `The baseline "ide" is not a value of "driver" in ${dir}; found "a", "b".`);
    return true;
  });
});

Deno.test("catalogue: one repetition only, and duplicated repetition ids, are warnings in words", async () => {
  const one = await vb.analyse(folder({ a: [10], b: [20] }));
  const iops = one.comparisons.find((c) => c.metric === "iops")!;
  assert.match(iops.warnings.join(" "), /one run only — no variance, no test, no interval/);
  assert.equal(iops.verdict, "~");
  const dup = await vb.analyse(
    folder(
      { a: [10, 11, 12], b: [20, 21, 22] },
      // The third run says rep=2 again, one folder down (a plain folder on some runs only is a name, not a factor).
      (d, rep) => rep === 3 ? `driver=${d}/again/rep=2/w.json` : `driver=${d}/rep=${rep}/w.json`,
    ),
  );
  assert.ok(dup.comparisons.some((c) => c.warnings.some((w) => /repetition 2 appears 2 times/.test(w))));
});

Deno.test("catalogue: unknown factor names are kept and can be compared; without driver/nic the error names the choices", async () => {
  const dir = folder(
    { a: [10, 11, 12], b: [20, 21, 22] },
    (d, rep) => `flavour=${d}/host=h1/rep=${rep}/w.json`,
  );
  const a = await vb.analyse(dir);
  assert.equal(a.by, "flavour");
  const two = folder({ a: [1, 2], b: [3, 4] }, (d, rep) => `flavour=${d}/host=h${rep}/w.json`);
  await assert.rejects(
    () => vb.analyse(two),
    /Cannot tell which factor to compare: flavour \(a, b\) and host \(h1, h2\) each vary between otherwise identical runs; name it with --by flavour \(notebook parameter by=flavour, or \{"by": "flavour"\} in experiment\.json\)\.$/,
  );
});
