/**
 * The bad-input catalogue: each case a real way benchmark folders go wrong, with the exact sentence the
 * user gets. Every message names the file, the place, what was found and what was expected. The second round
 * (issue 30) continues in catalogue_files_test.ts (names, encodings, warnings that name their file),
 * catalogue_sides_test.ts (the compared sides, the store, the output folder, option ranges) and
 * catalogue_executor_test.ts (`./vb execute`).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import Papa from "papaparse";
import { checksums, DATA, exists, HAVE_DATA, ROOT, skipNote, tempDir } from "../helpers.ts";
import { libcPaths } from "../../lib/gc.ts";
import { cellOutputs, runExecutor } from "../notebooks/outputs.ts";
import {
  assertDone,
  assertRefusal,
  assertWellFormedSvgs,
  canRunAs,
  escapeRe,
  fixture,
  hostile,
  reachableRoot,
  report,
  scratch,
  STACK,
  unchanged,
} from "./hostile.ts";

const NOBODY_ID = 65534;

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
    /^notes\.txt: found content starting "remember to re-run with direct=1", expected fio JSON\/json\+, fio terse, fio's normal output, a fio log, iperf3 JSON or text output, iperf 2 CSV or text output, sockperf ping-pong output or log, or a host CPU record\.$/,
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
  const head = one.comparisons.find((c) => c.family.name === "headline")!;
  assert.match(
    head.warnings.map((w) => w.text).join(" "),
    /one run only — no variance, no test, no interval/,
  );
  assert.equal(head.verdict, "insufficient");
  assert.match(head.ratioText, /^insufficient: 1 run per side — [\d.]+× is a single observation$/);
  const dup = await vb.analyse(
    folder(
      { a: [10, 11, 12], b: [20, 21, 22] },
      // The third run says rep=2 again, one folder down (a plain folder on some runs only is a name, not a factor).
      (d, rep) => rep === 3 ? `driver=${d}/again/rep=2/w.json` : `driver=${d}/rep=${rep}/w.json`,
    ),
  );
  assert.ok(
    dup.comparisons.some((c) =>
      c.warnings.some((w) => w.kind === "duplicate-runs" && /repetition 2 appears 2 times/.test(w.text))
    ),
  );
  // Runs apart only by a folder's name in every run (copy1, copy2, copy3) are workloads — never split silently.
  const copies = await vb.analyse(
    folder(
      { a: [10, 11, 12], b: [20, 21, 22] },
      (d, rep) => `driver=${d}/rep=${Math.min(rep, 2)}/copy${rep}/w.json`,
    ),
  );
  assert.ok(
    copies.warnings.some((w) =>
      /differ only in their folder name \(copy2, copy3(, …)?\): they are read as different workloads/.test(
        w.text,
      )
    ),
    copies.warnings.map((w) => w.text).join("\n"),
  );
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
    /Cannot tell which factor to compare: flavour \(a, b\) and host \(h1, h2\) each vary between otherwise identical runs; name it with --by flavour or --by host \(notebook parameter by=flavour, or \{"by": "flavour"\} in experiment\.json\)\.$/,
  );
});

Deno.test("catalogue: one absurd but finite value (iops 1e20, 1e300) is named with its file and kept out of every aggregate", async () => {
  for (const absurd of [1e20, 1e300]) {
    const dir = folder({ a: [100, 110, 105, absurd], b: [200, 210, 190, 205] });
    const a = await vb.analyse(dir, { baseline: "a" });
    const texts = a.warnings.map((w) => w.text);
    const warned = texts.filter((w) => /far beyond what the tool could have measured/.test(w));
    assert.equal(warned.length, 1, texts.join("\n"));
    assert.match(
      warned[0],
      new RegExp(
        `driver=a/rep=4/w\\.json, \\$\\.jobs\\[0\\]\\.write\\.iops: found iops mean = ${
          escapeRe(absurd.toPrecision(3))
        } IO/s, far beyond what the tool could have measured \\(over 1e\\+10 IO/s\\); left out of every aggregate`,
      ),
    );
    const iops = a.comparisons.find((c) => c.metric === "iops")!;
    assert.equal(iops.baseline.n, 3, "the absurd run is not counted");
    assert.ok(iops.ratio! > 1.7 && iops.ratio! < 2.1, `ratio ${iops.ratio}`);
    assert.ok(
      a.comparisons.every((c) => !/NaN/.test(c.ratioText) && (c.ratio === null || Number.isFinite(c.ratio))),
    );
  }
});

// ---------------------------------------------------------------------------------------------------
// Hostile input through the report command (issue 19): each case made from scratch copies of the
// shipped data. Every failure is one sentence with a documented exit code (never 1), no stack frame,
// and the inputs are byte-identical afterwards.

const results = (out: string) => JSON.parse(Deno.readTextFileSync(join(out, "results.json")));

hostile("a file and a folder nobody may read, read by a non-root user: exit 3 naming the path", async () => {
  const data = scratch();
  const file = join(data, "disk/os=linux/driver=ide/rep=2/randread-4k-qd1.json");
  const out = tempDir("vb-out-"), home = tempDir("vb-home-");
  for (const d of [out, home]) Deno.chownSync(d, NOBODY_ID, NOBODY_ID);
  // The project's own command, from a place nobody can reach even when this clone sits in a 0700 folder.
  const root = reachableRoot("nobody");
  const asNobody = (args: string[]) =>
    report(args, { user: "nobody", root, env: { HOME: home, DENO_DIR: home, PATH: Deno.env.get("PATH")! } });
  Deno.chmodSync(file, 0o000);
  await unchanged(data, async () => {
    assertRefusal(
      await asNobody([data, "--out", join(out, "r"), "--format", "json"]),
      3,
      new RegExp(`^report: ${escapeRe(file)}: permission denied\\.$`),
    );
  });
  Deno.chmodSync(file, 0o644);
  const folder = join(data, "disk/os=linux/driver=virtio-blk/rep=3");
  Deno.chmodSync(folder, 0o000);
  assertRefusal(
    await asNobody([data, "--out", join(out, "r"), "--format", "json"]),
    3,
    new RegExp(`^report: ${escapeRe(folder)}: permission denied\\.$`),
  );
  Deno.chmodSync(folder, 0o755);
}, !HAVE_DATA || !canRunAs("nobody"));

hostile("a folder value that is not percent-encoding (load=100%) is kept as written", async () => {
  const data = scratch();
  Deno.renameSync(join(data, "disk/os=linux"), join(data, "disk/load=100%"));
  const out = join(tempDir(), "r");
  await unchanged(data, async () => assertDone(await report([data, "--out", out, "--format", "json"])));
  assert.ok(results(out).every((r: { load: string }) => r.load === "100%"));
});

hostile("--out an existing file: exit 5; --out or data given as symbolic links: followed", async () => {
  const data = scratch(), dir = tempDir();
  Deno.writeTextFileSync(join(dir, "file"), "x");
  await unchanged(data, async () => {
    assertRefusal(
      await report([data, "--out", join(dir, "file"), "--format", "json"]),
      5,
      /is a file, not a folder\.$/,
    );
    Deno.mkdirSync(join(dir, "real-out"));
    Deno.symlinkSync(join(dir, "real-out"), join(dir, "out-link"));
    Deno.symlinkSync(data, join(dir, "data-link"));
    assertDone(await report([join(dir, "data-link"), "--out", join(dir, "out-link"), "--format", "json"]));
  });
  assert.ok(results(join(dir, "real-out")).length > 0);
  assert.equal(Deno.lstatSync(join(dir, "out-link")).isSymlink, true, "the link itself is left alone");
});

hostile(
  "a comma in a path (Deno's permission lists are comma-separated): exit 2, nothing granted or written",
  async () => {
    const base = tempDir(), data = join(base, "a,b");
    Deno.renameSync(scratch(), data);
    await unchanged(data, async () => {
      assertRefusal(await report([data, "--out", join(base, "o")]), 2, /contains a comma/);
      const victim = tempDir();
      assertRefusal(await report([scratch(), "--out", `${base}/x,${victim}`]), 2, /contains a comma/);
      assert.deepEqual([...Deno.readDirSync(victim)], []);
    });
    assert.ok(!exists(join(base, "o")));
  },
);

hostile(
  "disk full on --out (1 MiB tmpfs): exit 5, the previous output left complete, no half-written set",
  async () => {
    const data = scratch(["ide", "virtio-blk", "ahci"], [1, 2, 3], (name) => name.endsWith(".json"));
    const mnt = tempDir();
    const mount = (args: string[]) => new Deno.Command(args[0], { args: args.slice(1) }).outputSync().success;
    if (!mount(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt])) return skipNote("mounting a tmpfs");
    try {
      const out = join(mnt, "report");
      assertDone(await report([data, "--out", out, "--format", "json"]));
      const previous = await checksums(out);
      await unchanged(data, async () => {
        assertRefusal(
          await report([data, "--out", out]),
          5,
          /^report: Could not write the report to .*: no space left on device\. The folder was left as it was\.$/,
        );
      });
      assert.deepEqual(await checksums(out), previous, "the previous complete output is still there");
      assert.deepEqual([...Deno.readDirSync(mnt)].map((e) => e.name), ["report"], "no staging folder left");
    } finally {
      mount(["umount", mnt]);
    }
  },
  !HAVE_DATA || Deno.uid() !== 0,
);

hostile(
  "a path too long for the system (a 300-byte name, over 4 KB in all): exit 3 or 5 with a sentence",
  async () => {
    const long = join(tempDir(), "b".repeat(300));
    assertRefusal(
      await report([long, "--out", join(tempDir(), "o"), "--format", "json"]),
      3,
      /: file name too long\.$/,
    );
    const deep = join(tempDir(), ...Array.from({ length: 300 }, () => "a-folder-name"));
    assertRefusal(
      await report([deep, "--out", join(tempDir(), "o"), "--format", "json"]),
      3,
      /^report: \/tmp\/.*\.$/,
    );
    const data = scratch();
    assertRefusal(await report([data, "--out", join(tempDir(), "c".repeat(300))]), 5, /file name too long/);
  },
);

hostile(
  "&, <, >, quotes, backticks and newlines in folder values and file names: well-formed SVG, PNG, escaped Markdown/HTML, exact JSON",
  async () => {
    const data = scratch();
    const evil = 'rr-4k-R&W <x> "q" \'s` `tick`';
    const fence = "seq\n```\n<img src=x onerror=alert(1)>";
    // In folder values: they always reach tables, figures and JSON as factors (a file's name can give way to
    // the job's own name, which the content carries).
    const deep = join(data, "disk/os=linux", `lab=${evil}`, `note=${fence}`);
    Deno.mkdirSync(deep, { recursive: true });
    Deno.renameSync(join(data, "disk/os=linux/driver=ide"), join(deep, "driver=ide"));
    Deno.renameSync(join(data, "disk/os=linux/driver=virtio-blk"), join(deep, 'driver=virtio<&>"blk"'));
    const out = join(tempDir(), "r");
    await unchanged(data, async () => assertDone(await report([data, "--out", out])));
    const svgs = assertWellFormedSvgs(join(out, "figures"));
    assert.ok(svgs >= 3);
    const pngs = [...Deno.readDirSync(join(out, "figures"))].filter((e) => e.name.endsWith(".png")).length;
    assert.equal(pngs, svgs, "every figure exported as PNG (resvg accepted every SVG)");
    const md = Deno.readTextFileSync(join(out, "report.md"));
    assert.doesNotMatch(md, /^\s*```/m, "no code fence a name could close");
    assert.doesNotMatch(md, /<img|<x>/, "no raw HTML from the data");
    assert.match(md, /rr-4k-R&amp;W &lt;x&gt;/);
    const html = Deno.readTextFileSync(join(out, "report.html"));
    assert.doesNotMatch(html, /<img src=x|<x>/);
    const rows = results(out) as { lab: string; note: string; candidate: string }[];
    assert.ok(rows.every((r) => r.lab === evil && r.note === fence), "JSON keeps the names exactly");
    assert.ok(rows.every((r) => r.candidate === 'virtio<&>"blk"'));
  },
);

hostile("cells starting =, +, -, @ in results.csv are neutralised (OWASP CSV injection)", async () => {
  const data = scratch();
  // Folder values always reach the table as factor columns (file names may give way to the jobs' own names).
  const risky = join(data, 'disk/os==HYPERLINK("https:example.invalid","x")/lab=-2+3');
  Deno.mkdirSync(risky, { recursive: true });
  for (const d of ["ide", "virtio-blk"]) {
    Deno.renameSync(join(data, `disk/os=linux/driver=${d}`), join(risky, `driver=${d}`));
  }
  for (const rep of [1, 2, 3]) {
    const dir = join(risky, `driver=ide/rep=${rep}`);
    Deno.renameSync(join(dir, "seqread-1m-qd1.json"), join(dir, "@SUM(1+1).json"));
  }
  const out = join(tempDir(), "r");
  await unchanged(data, async () => assertDone(await report([data, "--out", out, "--format", "csv"])));
  const csv = Papa.parse<string[]>(Deno.readTextFileSync(join(out, "results.csv")), { skipEmptyLines: true });
  const cells = csv.data.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !Number.isFinite(Number(cell)));
  assert.deepEqual(cells, []);
  assert.ok(csv.data.flat().includes(`'=HYPERLINK("https:example.invalid","x")`));
  assert.ok(csv.data.flat().includes("'-2+3"));
});

hostile(
  "--out equal to, inside or around a data folder, or over files a report did not write: refused (exit 2)",
  async () => {
    const data = scratch();
    const rep = join(data, "disk/os=linux/driver=ide/rep=1");
    Deno.copyFileSync(join(rep, "randread-4k-qd1.json"), join(rep, "results.json")); // an input named like an output
    const foreign = tempDir();
    Deno.writeTextFileSync(join(foreign, "notes.txt"), "mine");
    await unchanged(data, async () => {
      assertRefusal(await report([data, "--out", data]), 2, /is the data folder/);
      assertRefusal(await report([data, "--out", rep]), 2, /inside the data folder/);
      assertRefusal(await report([join(data, "disk"), "--out", data]), 2, /holds the data folder/);
      assertRefusal(
        await report([data, "--out", foreign]),
        2,
        /already holds files a report did not write \(notes\.txt\)/,
      );
    });
    assert.equal(Deno.readTextFileSync(join(foreign, "notes.txt")), "mine");
  },
);

hostile(
  "nothing silently dropped: missing counterpart, renamed job, symlinks in and out, byte-identical copy, grouped warnings",
  async () => {
    const data = scratch(["ide", "virtio-blk"], [1, 2, 3, 4]);
    const os = join(data, "disk/os=linux");
    // virtio-blk has no seqread runs at all
    for (const rep of [1, 2, 3, 4]) {
      Deno.removeSync(join(os, `driver=virtio-blk/rep=${rep}/seqread-1m-qd1.json`));
    }
    // one ide run whose job was renamed (as a fio 2.x run made with another job file would be)
    const renamed = join(os, "driver=ide/rep=2/randread-4k-qd1.json");
    Deno.writeTextFileSync(
      renamed,
      Deno.readTextFileSync(renamed).replace(/"jobname" : "randread-4k-qd1"/, '"jobname" : "rr"'),
    );
    // rep=3 of virtio-blk is a link to a folder inside the data folder (followed), rep=4 to one outside (warned)
    Deno.mkdirSync(join(data, ".store"));
    Deno.renameSync(join(os, "driver=virtio-blk/rep=3"), join(data, ".store/run3"));
    Deno.symlinkSync(join(data, ".store/run3"), join(os, "driver=virtio-blk/rep=3"));
    const outside = tempDir();
    Deno.renameSync(join(os, "driver=virtio-blk/rep=4"), join(outside, "run4"));
    Deno.symlinkSync(join(outside, "run4"), join(os, "driver=virtio-blk/rep=4"));
    // ide rep=4 is a byte-identical copy of rep=1
    Deno.removeSync(join(os, "driver=ide/rep=4"), { recursive: true });
    Deno.mkdirSync(join(os, "driver=ide/rep=4"));
    Deno.copyFileSync(
      join(os, "driver=ide/rep=1/randread-4k-qd1.json"),
      join(os, "driver=ide/rep=4/randread-4k-qd1.json"),
    );
    // the same problem in three files (runs that failed before writing anything): one grouped warning
    for (const rep of [1, 2, 3]) {
      Deno.writeTextFileSync(join(os, `driver=ide/rep=${rep}/randwrite-4k-qd1.json`), "");
    }
    const out = join(tempDir(), "r");
    await unchanged(data, async () => {
      const r = await report([data, "--out", out, "--format", "md,json"]);
      assertDone(r);
      assert.match(r.stderr, /; [1-9]\d* file warnings →/);
    });
    const md = Deno.readTextFileSync(join(out, "report.md"));
    const flat = md.replace(/\\/g, "");
    assert.match(
      flat,
      /driver=virtio-blk has no runs of .*os=linux.* workload=seqread-1m-qd1.* \(fio\), which the baseline ide has/,
    );
    assert.match(flat, /driver=ide\/rep=2\/randread-4k-qd1\.json: its job is named "rr"/);
    assert.match(flat, /driver=virtio-blk\/rep=4: skipped: a symbolic link to .*, outside the data folder/);
    assert.match(
      flat,
      /driver=ide\/rep=4\/randread-4k-qd1\.json: byte-identical to .*driver=ide\/rep=1\/randread-4k-qd1\.json/,
    );
    assert.match(
      flat,
      /3 files: found an empty file \(0 bytes\).* — disk\/os=linux\/driver=ide\/rep=1\/randwrite-4k-qd1\.json, /,
    );
    const rr = results(out).find((r: { workload: string; metric: string }) =>
      r.workload === "randread-4k-qd1" && r.metric === "iops"
    );
    assert.equal(rr.n_candidate, 3, "the linked rep=3 counts, the outside link does not");
    assert.equal(rr.n_baseline, 2, "rep=1 and rep=3: the renamed job and the copy are not counted");
  },
);

hostile(
  "before/after: a workload missing from after, and an empty data folder, are said in words (never exit 1)",
  async () => {
    const before = scratch(["ide"]), after = scratch(["ide"]);
    for (const rep of [1, 2, 3]) {
      Deno.removeSync(join(after, `disk/os=linux/driver=ide/rep=${rep}/seqread-1m-qd1.json`));
    }
    const out = join(tempDir(), "r");
    const r = await report([
      join(before, "disk"),
      join(after, "disk"),
      "--out",
      out,
      "--format",
      "md",
      "--check",
    ]);
    assert.notEqual(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stderr, STACK);
    assert.match(
      Deno.readTextFileSync(join(out, "report.md")).replace(/\\/g, ""),
      /run=[\w-]+ has no runs of .*workload=seqread-1m-qd1 \(fio\), which the baseline [\w-]+ has/,
    );
    const empty = tempDir();
    const e = await report([empty, "--out", join(tempDir(), "r"), "--format", "md", "--check"]);
    assert.notEqual(e.code, 1, e.stderr);
    assert.doesNotMatch(e.stderr, STACK);
  },
);

hostile("least privilege: the exact grants of tools/report.sh", async () => {
  const data = scratch(), out = join(tempDir(), "r");
  const r = await report([data, "--out", out], {
    env: { VB_REPORT_DRY_RUN: "1", PATH: Deno.env.get("PATH")! },
  });
  assert.equal(r.code, 0, r.stderr);
  const flags = r.stdout.trim().split("\n");
  const value = (flag: string) => flags.find((f) => f.startsWith(`${flag}=`))?.slice(flag.length + 1);
  const [addon, ...rest] = value("--allow-ffi")!.split(",");
  assert.match(addon, /^\/.*\/resvgjs\.linux-[a-z0-9]+-(gnu|musl)\.node$/, "ffi: the resvg addon");
  assert.ok(rest.length <= 1 && rest.every((p) => libcPaths().includes(p)), `ffi: and glibc alone: ${rest}`);
  assert.equal(value("--allow-sys"), "cpus,hostname,networkInterfaces");
  assert.equal(
    value("--allow-write"),
    [out, join(out, "..", ".r.report-new"), join(out, "..", ".r.report-old")].join(","),
  );
  assert.ok(!flags.some((f) => /^--allow-(env|net|run|all)|^-A$/.test(f)), flags.join(" "));
  assert.ok(value("--allow-read")!.split(",").includes(data));
});

hostile("relative paths are taken from the folder the command was run in (bash and deno task)", async () => {
  const cwd = tempDir();
  Deno.renameSync(scratch(), join(cwd, "my data"));
  assertDone(await report(["my data", "--out", "rel-out", "--format", "json"], { cwd }));
  assert.ok(results(join(cwd, "rel-out")).length > 0);
  const task = await new Deno.Command(Deno.execPath(), {
    args: [
      "task",
      "--quiet",
      "--config",
      join(ROOT, "deno.json"),
      "report",
      "my data",
      "--out",
      "task-out",
      "--format",
      "json",
    ],
    cwd,
    stderr: "piped",
    // deno task sets INIT_CWD only when it is not set already (./vb, npm scripts and this suite may set it).
    env: withoutInitCwd(),
    clearEnv: true,
  }).output();
  assert.equal(task.code, 0, new TextDecoder().decode(task.stderr));
  assert.ok(results(join(cwd, "task-out")).length > 0);
});

function withoutInitCwd(): Record<string, string> {
  const { INIT_CWD: _ignored, ...env } = Deno.env.toObject();
  return env;
}

// The notebooks under hostile input: built from notebooks/*.ts into a scratch folder beside lib/
// (they import ../lib/mod.ts) and executed headless.

async function runNotebooks(
  data: string,
  out: string,
): Promise<{ code: number; stderr: string; outputs: string[] }> {
  const nbDir = Deno.makeTempDirSync({ dir: ROOT, prefix: ".catalogue-nb-" });
  try {
    const build = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--frozen", "tools/notebook_sync.ts", "--out", nbDir],
      cwd: ROOT,
      stderr: "piped",
    }).outputSync();
    assert.ok(build.success, new TextDecoder().decode(build.stderr));
    const notebooks = [...Deno.readDirSync(nbDir)].map((e) => join(nbDir, e.name)).sort();
    const run = await runExecutor([
      join(ROOT, "tools/nbexec.py"),
      "--out",
      join(out, "nb"),
      "--param",
      `data=${data}`,
      "--param",
      `out=${out}`,
      ...notebooks,
    ]);
    const outputs = [...Deno.readDirSync(join(out, "nb"))].flatMap((e) =>
      cellOutputs(join(out, "nb", e.name)).flat()
    );
    return { code: run.code, stderr: new TextDecoder().decode(run.stderr), outputs };
  } finally {
    Deno.removeSync(nbDir, { recursive: true });
  }
}

hostile(
  'notebooks: names with & < " ` run clean and export every figure as PNG; a failed analysis is one sentence, later cells say skipped',
  async () => {
    const data = scratch();
    for (const nic of ["e1000", "virtio-net"]) {
      for (const rep of [1, 2, 3]) {
        const src = join(DATA, `net/os=linux/nic=${nic}/rep=${rep}`);
        const dst = join(data, `net/os=linux/nic=${nic === "e1000" ? 'e1000 <&> "x"' : nic}/rep=${rep}`);
        Deno.mkdirSync(dst, { recursive: true });
        for (const e of Deno.readDirSync(src)) Deno.copyFileSync(join(src, e.name), join(dst, e.name));
      }
    }
    const os = join(data, "disk/os=linux");
    for (const d of ["ide", "virtio-blk"]) {
      for (const rep of [1, 2, 3]) {
        const dir = join(os, `driver=${d}/rep=${rep}`);
        Deno.renameSync(join(dir, "randread-4k-qd1.json"), join(dir, "rr-4k-R&W <x> `q`.json"));
      }
    }
    const out = tempDir("vb-nb-out-");
    await unchanged(data, async () => {
      const ok = await runNotebooks(data, out);
      assert.equal(ok.code, 0, ok.stderr);
      assert.ok(!ok.outputs.some((o) => o.startsWith("error:") || STACK.test(o)), "no error, no stack frame");
    });
    for (const nb of Deno.readDirSync(join(out, "figures"))) {
      const dir = join(out, "figures", nb.name);
      const svgs = assertWellFormedSvgs(dir);
      assert.equal([...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".png")).length, svgs, nb.name);
    }
    const failed = tempDir("vb-nb-fail-");
    const bad = await runNotebooks(join(data, "no-such-folder"), failed);
    assert.equal(bad.code, 1);
    const errors = bad.outputs.filter((o) => o.startsWith("error:"));
    const notebooks =
      [...Deno.readDirSync(join(ROOT, "notebooks"))].filter((e) => e.name.endsWith(".ipynb")).length;
    assert.equal(errors.length, notebooks, "each notebook stops once");
    for (const e of errors) {
      assert.match(
        e,
        /^error: Skipped: not run, because a step it needs failed: .*no-such-folder: no such file or folder\.$/,
      );
    }
    assert.ok(
      bad.outputs.some((o) => /^stderr: Failed: .*no-such-folder: no such file or folder\.\n$/.test(o)),
    );
    assert.ok(!bad.outputs.some((o) => STACK.test(o)), "no stack frame in any output");
  },
);
