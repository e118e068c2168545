/** Factors from paths (repetition marks, aliases, timestamps, layouts) and from the files' own content. */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  LayoutError,
  loadDir,
  loadFile,
  matchLayout,
  parseLayout,
  pathFactors,
} from "../../lib/ingest/mod.ts";
import { FIXTURES, tempDir } from "../helpers.ts";

const LAYOUTS = join(FIXTURES, "layouts");

Deno.test("path factors: repetition marks in common names (labelled synthetic paths)", () => {
  const cases: [string, Record<string, string>][] = [
    ["results/psync-run3.json", { rep: "3", workload: "psync" }],
    ["psync-rep-3.json", { rep: "3", workload: "psync" }],
    ["psync_r3.json", { rep: "3", workload: "psync" }],
    ["psync-iter3.json", { rep: "3", workload: "psync" }],
    ["psync.trial12.json", { rep: "12", workload: "psync" }],
    ["psync-run3_clat.1.log", { rep: "3", workload: "psync" }],
    ["3/psync.json", { rep: "3", workload: "psync" }],
    ["run3/psync.json", { rep: "3", workload: "psync" }],
    ["2026-11-25T09-57-19/qd1/out.json", { rep: "2026-11-25T09-57-19", workload: "out" }],
    ["run=2/psync.json", { rep: "2", workload: "psync" }],
    ["iteration=2/psync.json", { rep: "2", workload: "psync" }],
    ["driver=ide/rep=1/randread-4k-qd32.json", { driver: "ide", rep: "1", workload: "randread-4k-qd32" }],
    ["randread-4k-qd1.json", { workload: "randread-4k-qd1" }],
  ];
  for (const [path, factors] of cases) assert.deepEqual(pathFactors(path).factors, factors, path);
  assert.deepEqual(pathFactors("runs/2026-11-25T09-57-19/qd1/out.json").info, { folder: "runs/qd1" });
  const both = pathFactors("rep=2/psync-run3.json");
  assert.equal(both.factors.rep, "2");
  assert.match(both.warnings[0], /the folder says rep=2, the name says 3; using 2 \(folder names win\)/);
  assert.deepEqual(pathFactors("2026-11-25/run3/x.json").info, { date: "2026-11-25" });
});

Deno.test("path factors: a date at either end of a file name is the repetition, unless a mark numbers the runs (labelled synthetic paths)", () => {
  const cases: [string, Record<string, string>, Record<string, string>][] = [
    ["randread-4k_2026-11-30T11-01-01.json", { rep: "2026-11-30T11-01-01", workload: "randread-4k" }, {}],
    ["randread-4k-2026-11-30.json", { rep: "2026-11-30", workload: "randread-4k" }, {}],
    ["20261130-095719-randread.json", { rep: "20261130-095719", workload: "randread" }, {}],
    ["randread_20261130_110101_bw.1.log", { rep: "20261130_110101", workload: "randread" }, {}],
    ["randread_2026-11-30T11:01:01Z.json", { rep: "2026-11-30T11:01:01Z", workload: "randread" }, {}],
    // The longest date there is: not "1234-2026-11-30" (month 20), but "2026-11-30".
    ["x-1234-2026-11-30.json", { rep: "2026-11-30", workload: "x-1234" }, {}],
    // A repetition mark numbers the runs; the date is kept as a descriptive factor.
    ["x_2026-11-30-run3.json", { rep: "3", workload: "x" }, { date: "2026-11-30" }],
    ["2026-11-30_x-run3.json", { rep: "3", workload: "x" }, { date: "2026-11-30" }],
    // Only a date: no label of its own (the folder names the runs).
    ["ide/2026-11-30.json", { rep: "2026-11-30", workload: "ide" }, { folder: "ide" }],
    // Numbers that are not dates stay in the name.
    ["size-10000000.json", { workload: "size-10000000" }, {}],
    ["randread-2026-13-01.json", { workload: "randread-2026-13-01" }, {}],
    ["fio-3.33.json", { workload: "fio-3.33" }, {}],
  ];
  for (const [path, factors, info] of cases) {
    assert.deepEqual(pathFactors(path), { factors, info, warnings: [] }, path);
  }
});

Deno.test("layout templates: placeholders, time as repetition, stems, refusals (labelled synthetic paths)", () => {
  const flat = parseLayout("{config}-run{rep}.json");
  assert.deepEqual(matchLayout(flat, "results/psync-run3.json"), { config: "psync", rep: "3" });
  assert.deepEqual(matchLayout(flat, "psync-run3_bw.1.log"), { config: "psync", rep: "3" });
  assert.equal(matchLayout(flat, "psync.json"), null);
  assert.deepEqual(pathFactors("psync-run3.json", flat).factors, { rep: "3", workload: "psync" });
  const dated = parseLayout("{date}/{config}/out.json");
  assert.deepEqual(pathFactors("x/2026-11-25/qd1/out.json", dated).factors, {
    rep: "2026-11-25",
    workload: "qd1",
  });
  const named = parseLayout("{driver}/{date}-{rep}.json");
  // A name made only of placeholders for the time and the repetition names no workload (as the label it made every
  // run a workload of its own).
  assert.deepEqual(pathFactors("ide/0101-2.json", named), {
    factors: { driver: "ide", rep: "2" },
    info: { date: "0101" },
    warnings: [],
  });
  assert.match(
    pathFactors("other.json", flat).warnings[0],
    /does not fit the layout "\{config\}-run\{rep\}\.json"/,
  );
  assert.throws(() => parseLayout("out.json"), LayoutError);
  assert.throws(() => parseLayout("{a b}.json"), /a placeholder is a name such as \{config\}/);
  assert.throws(() => parseLayout("{x}/{x}.json"), /names \{x\} twice/);
});

Deno.test("content factors: fio global and job options, descriptive ones apart (real fio 3.33 stonewall output)", async () => {
  const ds = await loadFile(join(LAYOUTS, "stonewall/jobs-run1.json"), { root: LAYOUTS });
  const byJob = new Map(ds.rows.map((r) => [r.job, r]));
  assert.deepEqual([...byJob.keys()].sort(), [
    "libaio-randread",
    "libaio-randwrite",
    "psync-randread",
    "psync-randwrite",
  ]);
  const r = byJob.get("psync-randwrite")!;
  assert.deepEqual(r.factors, {
    rep: "1",
    workload: "jobs",
    size: "16M",
    bs: "4k",
    iodepth: "1",
    direct: "1",
    runtime: "300ms",
    ioengine: "psync",
    rw: "randwrite",
  });
  assert.match(
    r.info?.filename ?? "",
    /^\/tmp\/vb-layouts\.\w+\/file$/,
    "filename describes, it does not identify",
  );
  assert.equal(r.info?.folder, "stonewall");
});

Deno.test("content factors: iperf3 test_start and iperf 2 stream count (real iperf 3.12 / 2.1.8 output)", async () => {
  const i3 = await loadFile(join(LAYOUTS, "iperf3/iperf3-P4-rep2.json"));
  assert.deepEqual(i3.rows[0].factors, {
    rep: "2",
    workload: "iperf3-P4",
    protocol: "TCP",
    num_streams: "4",
    blksize: "131072",
    omit: "0",
    duration: "1",
    bytes: "0",
    blocks: "0",
    reverse: "0",
    tos: "0",
    target_bitrate: "0",
  });
  assert.deepEqual(i3.rows[0].info, { host: "127.0.0.1" });
  const i2 = await loadFile(join(LAYOUTS, "iperf2/iperf2-P4-rep2.csv"));
  assert.equal(i2.rows[0].factors.num_streams, "4");
  assert.equal(i2.rows[0].factors.protocol, "TCP");
  const one = await loadFile(join(LAYOUTS, "iperf2/iperf2-P1-rep2.csv"));
  assert.equal(one.rows[0].factors.num_streams, "1");
});

Deno.test("content factors: a key=value folder wins over the content, with a warning naming both values", async () => {
  const dir = tempDir("vb-conflict-");
  Deno.mkdirSync(join(dir, "iodepth=32"));
  Deno.copyFileSync(join(LAYOUTS, "flat/psync-run1.json"), join(dir, "iodepth=32/psync-run1.json"));
  const ds = await loadDir(dir);
  assert.equal(ds.rows[0].factors.iodepth, "32");
  assert.ok(
    ds.warnings.some((w) =>
      w.message ===
        "iodepth=32/psync-run1.json: the folder says iodepth=32, the file's content says iodepth=1; using 32 (folder names win)"
    ),
    JSON.stringify(ds.warnings),
  );
  Deno.removeSync(dir, { recursive: true });
});
