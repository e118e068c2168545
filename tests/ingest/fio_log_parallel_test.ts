/**
 * Log ingest on several threads gives exactly what one pass gives: every count, sum, min, max, histogram
 * bucket and time bin, on real logs and whatever the cut points; errors keep their line numbers; workers
 * run under the report command's restricted permissions.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ingestFioLog } from "../../lib/ingest/mod.ts";
import { scanLogParallel } from "../../lib/ingest/fio_log_parallel.ts";
import { lineAlignedRanges } from "../../lib/ingest/fio_log_ranges.ts";
import { scanLogRange, type ScanResult } from "../../lib/ingest/fio_log_scan.ts";
import type { DirectionStats } from "../../lib/ingest/fio_log_stats.ts";
import { CORPUS, DATA, FIXTURES, HAVE_CORPUS, HAVE_DATA, ROOT, tempDir } from "../helpers.ts";

const REAL = [
  join(FIXTURES, "ingest/fio-3.33-perio_clat.1.log"),
  join(FIXTURES, "fio_log/fio-3.33-randrw-offset-prio_clat.1.log"),
];

/** Everything a scan's statistics can show, as plain data (bucket counts through many quantiles). */
function view(stats: (DirectionStats | undefined)[]) {
  return stats.map((s) => {
    if (!s) return undefined;
    const bins: number[][] = [];
    s.forEachBin((...b) => bins.push(b));
    const quantiles = Array.from({ length: 1001 }, (_, i) => s.hist.quantile(i / 1000));
    return { count: s.count, sum: s.sum, min: s.min, max: s.max, total: s.hist.total, quantiles, bins };
  });
}

function onePass(path: string, chunkSize = 1 << 20): ScanResult {
  const file = Deno.openSync(path);
  try {
    return scanLogRange(file, 0, Infinity, 1000, chunkSize);
  } finally {
    file.close();
  }
}

async function ingestJSON(path: string, threads: number, ranges?: number): Promise<string> {
  const opts = { source: "log", factors: {}, toolVersion: "fio-3.33", threads, ranges };
  return JSON.stringify(await ingestFioLog(path, opts));
}

Deno.test("fio log on several threads (real logs): the main thread alone or only workers, each line its own range: identical statistics", async () => {
  for (const path of REAL) {
    const { stats, newlines: lines } = onePass(path);
    const reference = view(stats);
    const eachLine = Deno.statSync(path).size < 10_000 ? [[2, 1 << 30]] : [];
    for (const [threads, ranges] of [[1, 5], [2, 2], [2, 7], [3, 64], ...eachLine]) {
      const mainScans = threads === 1; // one thread: the main thread alone, every range through one handle
      const r = (await scanLogParallel(path, { binMs: 1000, chunkSize: 4096, threads, ranges, mainScans }))!;
      assert.deepEqual(view(r.stats), reference, `${path} threads ${threads} ranges ${ranges}`);
      assert.equal(r.newlines, lines);
      const expected = mainScans ? 0 : Math.min(ranges, lines);
      assert.equal(r.rangesInWorkers, expected, "every range went through a worker, or none");
    }
  }
});

Deno.test("fio log ingest (real logs, shipped data and corpus): the Dataset is identical on 1, 2 and 3 threads", async () => {
  const paths = [...REAL];
  if (HAVE_DATA) {
    const dir = join(DATA, "disk/os=linux/driver=virtio-blk/rep=1");
    for (
      const name of ["randread-4k-qd32_clat.1.log", "seqwrite-1m-qd1_bw.1.log", "randwrite-4k-qd1_iops.1.log"]
    ) {
      paths.push(join(dir, name));
    }
  }
  if (HAVE_CORPUS) {
    for (const name of ["bw", "clat"]) {
      paths.push(join(CORPUS, `fio-log/fio-3.1-randread-qd16_${name}.1.log`));
    }
  }
  assert.ok(paths.length >= 2);
  for (const path of paths) {
    const reference = await ingestJSON(path, 1);
    assert.equal(await ingestJSON(path, 2, 5), reference, path);
    assert.equal(await ingestJSON(path, 3, 11), reference, path);
  }
});

Deno.test("fio log: ranges start right after a newline, whatever the cut (labelled synthetic)", async () => {
  const dir = tempDir();
  const path = join(dir, "r_lat.1.log");
  const text = "1, 2, 0, 4096\n\n33, 44444, 1, 4096, 0, 0\r\n5, 6, 0, 4096"; // blank line, CRLF, no final newline
  Deno.writeTextFileSync(path, text);
  const starts = new Set([0, ...[...text].flatMap((c, i) => (c === "\n" ? [i + 1] : []))]);
  const file = await Deno.open(path);
  for (let n = 1; n <= text.length + 3; n++) {
    const bounds = lineAlignedRanges(file, text.length, n);
    assert.equal(bounds[0], 0);
    assert.equal(bounds.at(-1), text.length);
    for (let k = 1; k < bounds.length; k++) assert.ok(bounds[k] > bounds[k - 1], `n ${n}: increasing`);
    for (const b of bounds.slice(0, -1)) assert.ok(starts.has(b), `n ${n}: ${b} is a line start`);
  }
  assert.deepEqual(lineAlignedRanges(file, text.length, 1 << 20), [...starts, text.length]);
  file.close();
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("fio log: every cut point, chunk size and line ending gives the one-pass statistics (labelled synthetic)", async () => {
  const dir = tempDir();
  const lines = Array.from(
    { length: 60 },
    (_, i) =>
      `${(i * 37) % 2500}, ${900 + ((i * 7919) % 90000)}, ${i % 3}, 4096${i % 4 ? ", 8192, 0x1" : ""}`,
  );
  const variants = {
    "lf_lat.1.log": lines.join("\n") + "\n",
    "crlf_lat.1.log": lines.join("\r\n"),
    "blank_lat.1.log": lines.join("\n\n  \n") + "\n\n",
  };
  for (const [name, text] of Object.entries(variants)) {
    const path = join(dir, name);
    Deno.writeTextFileSync(path, text);
    const reference = view(onePass(path).stats);
    for (const chunkSize of [1, 16, 1 << 20]) {
      assert.deepEqual(view(onePass(path, chunkSize).stats), reference, `${name} chunk ${chunkSize}`);
      for (const ranges of [2, 5, text.length]) {
        const opts = { binMs: 1000, chunkSize, threads: 2, ranges, mainScans: ranges % 2 === 0 };
        const r = (await scanLogParallel(path, opts))!;
        assert.deepEqual(view(r.stats), reference, `${name} chunk ${chunkSize} ranges ${ranges}`);
      }
    }
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("fio log on several threads: the first bad line in the file is reported with its own line number (labelled synthetic)", async () => {
  const dir = tempDir();
  const good = (i: number) => `${i}, ${100 + i}, 0, 4096`;
  const cases: [string, string[], RegExp][] = [
    [
      "p_lat.1.log",
      [...Array.from({ length: 40 }, (_, i) => good(i)), "41, 1;2, 0, 4096"],
      /line 41, field 2: found the character ";"/,
    ],
    [
      "n_lat.1.log",
      [...Array.from({ length: 25 }, (_, i) => good(i)), "", "26, -5, 0, 4096", "x"],
      /line 27: found a negative value \(-5\)/,
    ],
    [
      "d_lat.1.log",
      [good(0), "1, 2, 9, 4096", ...Array.from({ length: 30 }, (_, i) => good(i)), "1, 2"],
      /line 2, field 3: found direction 9/,
    ],
    [
      "m_lat.1.log",
      [...Array.from({ length: 30 }, (_, i) => good(i)), "-", good(1)],
      /line 31, field 1: found an empty line or a line without numbers/,
    ],
  ];
  for (const [name, lines, message] of cases) {
    const path = join(dir, name);
    Deno.writeTextFileSync(path, lines.join("\n") + "\n");
    for (const threads of [1, 2, 3]) {
      for (const ranges of threads === 1 ? [1] : [3, 1000]) {
        await assert.rejects(
          () => ingestFioLog(path, { source: name, factors: {}, threads, ranges, chunkSize: 7 }),
          message,
          `${name} threads ${threads} ranges ${ranges}`,
        );
      }
    }
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("fio log: fractional values, sums beyond 2^53 and time going backwards still match one pass (labelled synthetic)", async () => {
  const dir = tempDir();
  const texts = {
    "f_bw.1.log": Array.from({ length: 50 }, (_, i) => `${i * 100}, ${i}.${i % 7}1, 0, 0`).join("\n"),
    "b_lat.1.log": Array.from({ length: 50 }, (_, i) => `${i * 100}, ${2 ** 50 + i * 12345}, 1, 4096`).join(
      "\n",
    ),
    "t_lat.1.log": Array.from({ length: 50 }, (_, i) => `${(50 - i) * 977}, ${i * 3}, 0, 4096`).join("\n"),
  };
  for (const [name, text] of Object.entries(texts)) {
    const path = join(dir, name);
    Deno.writeTextFileSync(path, text + "\n");
    const reference = await ingestJSON(path, 1);
    for (const ranges of [2, 3, 17]) {
      assert.equal(await ingestJSON(path, 2, ranges), reference, `${name} ${ranges}`);
    }
  }
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("fio log workers run with the report command's permissions (read the project and the data only)", async () => {
  const path = REAL[0];
  const script = `import { ingestFioLog } from ${JSON.stringify(join(ROOT, "lib/ingest/mod.ts"))};
const opts = { source: "log", factors: {}, toolVersion: "fio-3.33", ranges: 6 };
const one = JSON.stringify(await ingestFioLog(Deno.args[0], { ...opts, threads: 1 }));
const two = JSON.stringify(await ingestFioLog(Deno.args[0], { ...opts, threads: 2 }));
console.log(one === two ? "same" : "different");`;
  const dir = tempDir();
  const file = join(dir, "check.ts");
  Deno.writeTextFileSync(file, script);
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--frozen",
      "--no-prompt",
      `--config=${join(ROOT, "deno.json")}`,
      `--allow-read=${ROOT},${dir}`,
      file,
      path,
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(new TextDecoder().decode(out.stdout).trim(), "same", stderr);
  Deno.removeSync(dir, { recursive: true });
});
