import assert from "node:assert/strict";
import { join, relative } from "node:path";
import {
  detectFormat,
  factorsFromPath,
  loadDir,
  loadFile,
  readManifest,
  UnknownFormatError,
} from "../../lib/ingest/mod.ts";
import { CORPUS, DATA, FIXTURES, HAVE_CORPUS, HAVE_DATA, tempDir } from "../helpers.ts";

Deno.test("factors come from key=value folders; the workload from the file name", () => {
  assert.deepEqual(factorsFromPath("disk/os=linux/driver=virtio-blk/rep=3/randread-4k-qd32.json"), {
    os: "linux",
    driver: "virtio-blk",
    rep: "3",
    workload: "randread-4k-qd32",
  });
  assert.equal(factorsFromPath("x/randread-4k_clat.1.log").workload, "randread-4k");
  assert.equal(factorsFromPath("workload=mine/whatever.json").workload, "mine");
  assert.equal(factorsFromPath("host=a%20b/r.csv").host, "a b");
});

Deno.test("detection is by content, not extension", () => {
  const f = (n: string) => Deno.readTextFileSync(join(FIXTURES, "ingest", n));
  assert.equal(detectFormat(f("iperf3-udp.json")), "iperf3-json");
  assert.equal(detectFormat(f("fio-3.33-fsync.json")), "fio-json");
  assert.equal(detectFormat(f("fio-3.33-terse-v4.txt")), "fio-terse");
  assert.equal(detectFormat(f("iperf2-tcp-p2.csv")), "iperf2-csv");
  assert.equal(detectFormat(f("fio-3.33-perio_clat.1.log").slice(0, 65536)), "fio-log");
  assert.equal(detectFormat("hello world"), null);
});

Deno.test({
  name: "a mixed folder (every format, nested key=value dirs, a manifest) loads in one call",
  ignore: !HAVE_CORPUS,
  fn: async () => {
    const dir = tempDir();
    const put = (rel: string, src: string) => {
      Deno.mkdirSync(join(dir, rel, ".."), { recursive: true });
      Deno.copyFileSync(src, join(dir, rel));
    };
    put("disk/driver=a/rep=1/randread.json", join(CORPUS, "fio-json/fio-3.34-randread-4k.json"));
    put("disk/driver=b/rep=1/randread.data", join(CORPUS, "fio-json/fio-3.6-500gb-randread.json")); // odd extension on purpose
    put("disk/driver=a/rep=1/rw.txt", join(CORPUS, "fio-terse/fio-2.0.15-terse-v3-rw-16k.txt"));
    put("disk/driver=a/rep=1/randread_bw.1.log", join(CORPUS, "fio-log/fio-3.1-randread-qd16_bw.1.log"));
    put("net/nic=x/rep=1/tcp.json", join(CORPUS, "iperf3/iperf-3.6-tcp-bytes.json"));
    put("net/nic=y/rep=1/tcp.csv", join(CORPUS, "iperf2/iperf2-2.0-tcp-interval.csv"));
    put("net/unlabelled/run.csv", join(CORPUS, "iperf2/iperf2-2.0-tcp-interval.csv"));
    Deno.writeTextFileSync(join(dir, "net/unlabelled/manifest.csv"), "file,nic,rep\nrun.csv,z,1\n");
    Deno.writeTextFileSync(join(dir, "README.md"), "# not data\n");
    const ds = await loadDir(dir);
    assert.deepEqual([...new Set(ds.files.map((f) => f.format))].sort(), [
      "fio-json",
      "fio-log",
      "fio-terse",
      "iperf2-csv",
      "iperf3-json",
    ]);
    assert.equal(ds.files.length, 7);
    const odd = ds.rows.find((r) => r.source === "disk/driver=b/rep=1/randread.data")!;
    // Path factors, then fio's own job options (content factors); the device path is descriptive.
    assert.deepEqual(odd.factors, {
      driver: "b",
      rep: "1",
      workload: "randread",
      bs: "4k",
      direct: "1",
      fallocate: "none",
      invalidate: "1",
      iodepth: "1",
      ioengine: "libaio",
      numjobs: "1",
      runtime: "60",
      rw: "randread",
    });
    assert.ok(odd.info?.filename, "fio's filename is kept as a descriptive column");
    assert.equal(ds.rows.find((r) => r.source === "net/unlabelled/run.csv")!.factors.nic, "z");
    Deno.removeSync(dir, { recursive: true });
  },
});

Deno.test("loadDir: a compressed result is named with the command that unpacks it; a binary file is not quoted", async () => {
  const dir = tempDir();
  // A real iperf3 result gzipped (as people keep them), and 4 kB of random bytes (labelled synthetic: an image).
  const json = Deno.readFileSync(join(FIXTURES, "ingest/iperf3-udp.json"));
  const gz = new Uint8Array(
    await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer(),
  );
  Deno.writeFileSync(join(dir, "run1.json.gz"), gz);
  Deno.writeFileSync(join(dir, "disk.img"), crypto.getRandomValues(new Uint8Array(4096)));
  const ds = await loadDir(dir, { onError: "collect" });
  Deno.removeSync(dir, { recursive: true });
  const said = ds.warnings.map((w) => w.message).join("\n");
  assert.match(
    said,
    /^skipped \(not a recognised format\): run1\.json\.gz: found a gzip archive, expected the tool's own output as text\. Unpack it first, e\.g\. gunzip -k run1\.json\.gz\.$/m,
  );
  assert.match(said, /^skipped \(not a recognised format\): disk\.img: found binary data, not text/m);
  assert.doesNotMatch(said, /\uFFFD/);
});

Deno.test("loadDir collects bad files as warnings when asked, and throws by default", async () => {
  const dir = tempDir();
  Deno.writeTextFileSync(join(dir, "junk.json"), "not a benchmark");
  Deno.copyFileSync(join(FIXTURES, "ingest/iperf3-udp.json"), join(dir, "ok.json"));
  await assert.rejects(() => loadDir(dir), UnknownFormatError);
  const ds = await loadDir(dir, { onError: "collect" });
  assert.equal(ds.files.length, 1);
  assert.match(
    ds.warnings[0].message,
    /^skipped \(not a recognised format\): junk\.json: found content starting "not a benchmark"/,
  );
  await assert.rejects(
    () => loadFile(join(dir, "junk.json")),
    /expected fio JSON\/json\+, fio terse, fio's normal output, a fio log, iperf3 JSON or text output, iperf 2 CSV or text output, sockperf ping-pong output or log, or a host CPU record/,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test({
  name: "shipped data: every file loads without warnings, units agree between JSON and terse output of fio",
  ignore: !HAVE_DATA,
  fn: async () => {
    const ds = await loadDir(DATA);
    assert.deepEqual(ds.warnings, []);
    assert.ok(ds.files.length > 100);
    const mean = (workload: string, format: string) => {
      const v = ds.rows.filter((r) =>
        r.factors.workload === workload && r.format === format && r.metric === "clat" && r.stat === "mean" &&
        r.factors.driver === "virtio-blk"
      ).map((r) => r.value);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    // The -terse runs repeat randread-4k-qd1: same workload, other format, same units (ns) and magnitude.
    const ratio = mean("randread-4k-qd1-terse", "fio-terse") / mean("randread-4k-qd1", "fio-json");
    assert.ok(ratio > 0.5 && ratio < 2, `terse/json clat ratio ${ratio}`);
  },
});

Deno.test("loadDir: the same sources however the folder is written (relative, ./, trailing /, absolute)", async () => {
  const dir = join(FIXTURES, "ingest");
  const rel = relative(Deno.cwd(), dir);
  const sources = async (root: string) =>
    (await loadDir(root, { onError: "collect" })).rows.map((r) => r.source);
  const want = await sources(dir);
  assert.ok(want.length > 0 && want.every((s) => !s.startsWith("/") && !s.startsWith(".")), want[0]);
  for (const root of [rel, `./${rel}`, `${rel}/`, join(rel, "..", "ingest")]) {
    assert.deepEqual(await sources(root), want, root);
  }
});

Deno.test("readManifest: from a walk's entries as from asking, a manifest that is a link or a folder included", async () => {
  // Labelled synthetic: three folders with a manifest.json, a manifest.csv linked from elsewhere, and a folder
  // named manifest.json (no manifest).
  const dir = tempDir("vb-manifest-");
  try {
    const folder = (name: string) => (Deno.mkdirSync(join(dir, name)), join(dir, name));
    Deno.writeTextFileSync(join(folder("a"), "manifest.json"), '{"files": {"x.json": {"driver": "ide"}}}');
    Deno.writeTextFileSync(join(dir, "elsewhere.csv"), "file,nic\ny.csv,e1000\n");
    Deno.symlinkSync(join(dir, "elsewhere.csv"), join(folder("b"), "manifest.csv"));
    Deno.mkdirSync(join(folder("c"), "manifest.json"));
    const found = [];
    for (const name of ["a", "b", "c"]) {
      const path = join(dir, name);
      const asked = await readManifest(path);
      assert.deepEqual(await readManifest(path, [...Deno.readDirSync(path)]), asked, name);
      found.push(Object.fromEntries(asked));
    }
    assert.deepEqual(found, [
      { [join(dir, "a/x.json")]: { driver: "ide" } },
      { [join(dir, "b/y.csv")]: { nic: "e1000" } },
      {},
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
