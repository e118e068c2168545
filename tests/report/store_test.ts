/**
 * The report's store flags end to end, through tools/report.sh and its least permissions (DuckDB's addon is the
 * only extra FFI grant, the store the only extra read/write folder): append, --against with --check, exit codes.
 * The second collection is (labelled replicated) the shipped network runs with the NIC folders renamed.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DATA, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";
import { replicatedCopy } from "../store/helpers.ts";
import { runReport } from "../../lib/report/run.ts";
import { readBatch } from "../../lib/store/mod.ts";
import { loadDir } from "../../lib/ingest/load.ts";

async function report(...args: string[]) {
  const out = await new Deno.Command("bash", {
    args: [join(ROOT, "tools/report.sh"), ...args],
    stderr: "piped",
  })
    .output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test({
  name: "report --store appends once, --against BATCH --check gates like before/after, store errors exit 3",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const out = tempDir("vb-out-");
    const net = join(DATA, "net");
    const first = await report(net, "--store", store, "--out", out, "--format", "json");
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stderr,
      /store: .* batch 2026-11-25 \(.*runs\.jsonl .*\): 300 files added \(\d+ run-level values\), 0 already there\n$/,
    );
    const again = await report(net, "--store", store, "--out", out, "--format", "json");
    assert.match(again.stderr, /: 0 files added \(0 run-level values\), 300 already there\n$/);

    const replica = join(replicatedCopy("net"), "net");
    const against = await report(
      replica,
      "--store",
      store,
      "--against",
      "2026-11-25",
      "--check",
      "--no-append",
      "--out",
      out,
      "--format",
      "json",
    );
    assert.equal(against.code, 1, `a regression against the stored batch fails --check: ${against.stderr}`);
    const results = JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
    assert.ok(
      results.every((r: Record<string, unknown>) => r.baseline === "2026-11-25"),
      "the batch is the baseline",
    );
    assert.equal([...Deno.readDirSync(join(store, "files"))].length, 1, "--no-append added no batch");

    const missing = await report(replica, "--store", store, "--against", "1999-01-01", "--out", out);
    assert.equal(missing.code, 3);
    assert.equal(
      missing.stderr,
      `report: The store ${store} has no batch "1999-01-01"; it holds 2026-11-25.\n`,
    );
    const empty = await report(replica, "--store", join(store, "nothing"), "--against", "x", "--out", out);
    assert.equal(empty.code, 3);
    assert.match(
      empty.stderr,
      /^report: The store .*nothing holds no runs yet: add a data folder with `\.\/vb report DATA --store .*`\.\n$/,
    );

    for (
      const args of [["--against", "x"], ["--batch", "x"], [
        join(DATA, "disk"),
        "--store",
        store,
        "--against",
        "x",
      ]]
    ) {
      const r = await report(net, ...args, "--out", out);
      assert.equal(r.code, 2, `${args.join(" ")}: usage error`);
    }
  },
});

Deno.test({
  name: "report --store stores the folder as read, while its own analyses keep their paired records",
  ignore: !HAVE_DATA,
  fn: async () => {
    const net = join(DATA, "net");
    const store = join(tempDir("vb-store-"), "store");
    const run = (more: { store?: string }) =>
      runReport({
        data: [net],
        out: tempDir("vb-out-"),
        formats: ["json"],
        check: true,
        quiet: true,
        progress: false,
        ...more,
      });
    const plain = await run({});
    const stored = await run({ store });
    // The analysis pairs the records in place (fio's job becomes the workload, runs get their pairing factors);
    // the store has them as the folder gives them, exactly as a plain load reads them.
    const back = await readBatch(store, "2026-11-25");
    assert.deepStrictEqual(back.dataset, await loadDir(net, { onError: "collect" }));
    assert.deepStrictEqual(
      stored.analyses,
      plain.analyses,
      "the report's analyses are the same with --store",
    );
    assert.deepStrictEqual(stored.gate, plain.gate);
  },
});

Deno.test({
  name:
    "one configuration per folder (a real copy of 3 shipped iperf3 runs of one NIC): reported as nothing to compare, stored, and compared --against later",
  ignore: !HAVE_DATA,
  fn: async () => {
    const dir = tempDir("vb-single-");
    const store = join(dir, "store");
    // e1000/run1..3.json and virtio/run1..3.json: the shipped runs, one folder per NIC, named only by repetition.
    for (const [side, nic] of [["e1000", "e1000"], ["virtio", "virtio-net"]]) {
      Deno.mkdirSync(join(dir, side));
      for (const rep of [1, 2, 3]) {
        Deno.copyFileSync(
          join(DATA, `net/os=linux/nic=${nic}/rep=${rep}/iperf3-tcp.json`),
          join(dir, side, `run${rep}.json`),
        );
      }
    }
    const out = join(dir, "out");
    const alone = await report(join(dir, "e1000"), "--out", out, "--format", "md");
    assert.equal(alone.code, 0, alone.stderr);
    const md = Deno.readTextFileSync(join(out, "report.md"));
    assert.match(md, /^- All 3 runs under .*e1000 are one configuration, so nothing varies to compare/m);
    // The gate has nothing to pass: undecided.
    const gated = await report(join(dir, "e1000"), "--out", out, "--format", "md", "--check");
    assert.equal(gated.code, 4, gated.stderr);
    assert.match(gated.stderr, /nothing was compared/);
    // Stored as a batch (it was refused before: "Cannot tell which factor to compare"), then the other folder
    // against it answers as the two folders do.
    const stored = await report(join(dir, "e1000"), "--store", store, "--batch", "base", "--out", out);
    assert.equal(stored.code, 0, stored.stderr);
    assert.match(stored.stderr, /batch base \(given\): 3 files added/);
    const verdicts = async (...args: string[]) => {
      const r = await report(...args, "--out", out, "--format", "csv");
      assert.equal(r.code, 0, r.stderr);
      const [head, ...lines] = Deno.readTextFileSync(join(out, "results.csv")).trim().split("\n");
      const col = (name: string) => head.split(",").indexOf(name);
      return lines.map((l) => l.split(",")).filter((c) => c[col("metric")] === "throughput")
        .map((c) => [c[col("ratio")], c[col("ratio_lo")], c[col("ratio_hi")], c[col("verdict")]]);
    };
    const against = await verdicts(join(dir, "virtio"), "--store", store, "--against", "base", "--no-append");
    const pair = await verdicts(join(dir, "e1000"), join(dir, "virtio"));
    assert.equal(against.length, 1);
    assert.deepEqual(against, pair);
    assert.equal(against[0][3], "better");
    Deno.removeSync(dir, { recursive: true });
  },
});
