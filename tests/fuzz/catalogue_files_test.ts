/**
 * The bad-input catalogue, second round (issue 30), at the loader: folder values with backslashes, quotes, no value
 * or escaped control characters, UTF-16 files, named pipes, and warnings that always name their file and place.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import * as vb from "../../lib/mod.ts";
import type { Dataset } from "../../lib/model.ts";
import { FIXTURES, skipNote, tempDir } from "../helpers.ts";
import { fixture } from "./hostile.ts";

const FIO = () => fixture("fio-3.33-fsync.json");

/** Writes `files` (relative path → text or bytes) into a new folder and loads it, collecting bad files. */
async function loadTree(files: Record<string, string | Uint8Array>): Promise<Dataset> {
  const dir = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    Deno.mkdirSync(join(path, ".."), { recursive: true });
    if (typeof content === "string") Deno.writeTextFileSync(path, content);
    else Deno.writeFileSync(path, content);
  }
  return await vb.loadDir(dir, { onError: "collect" });
}

const driversOf = (ds: Dataset) => [...new Set(ds.rows.map((r) => r.factors.driver))].sort();

Deno.test("catalogue: a backslash or quote in a folder value is part of the name, not a separator", async () => {
  const ds = await loadTree({ "driver=drv\\new/rep=1/w.json": FIO(), 'driver=a"q/rep=1/w.json': FIO() });
  assert.deepEqual(driversOf(ds), ['a"q', "drv\\new"]);
  assert.deepEqual(ds.warnings, []);
});

Deno.test('catalogue: an empty folder value (driver=) is warned and read as a plain folder, never a driver named ""', async () => {
  const ds = await loadTree({ "driver=/rep=1/w.json": FIO(), "driver=b/rep=1/w.json": FIO() });
  assert.deepEqual(driversOf(ds), [undefined, "b"].sort());
  assert.ok(ds.rows.every((r) => r.factors.driver !== ""));
  assert.deepEqual(ds.warnings.map((w) => w.message), [
    'driver=/rep=1/w.json: the folder "driver=" gives driver no value; read as a plain folder name',
  ]);
});

Deno.test("catalogue: %00 (or any escaped control character) in a folder value is kept as written, never a NUL byte", async () => {
  const ds = await loadTree({
    "driver=nul%00x/rep=1/w.json": FIO(),
    "driver=esc%1b%5B31m/rep=1/w.json": FIO(),
  });
  assert.deepEqual(driversOf(ds), ["esc%1b%5B31m", "nul%00x"]);
  assert.ok(
    ds.rows.every((r) => Object.values(r.factors).every((v) => !v.includes("\0") && !v.includes("\x1b"))),
  );
  const plain = await loadTree({ "bs=4%20KiB/rep=1/w.json": FIO() });
  assert.equal(plain.rows[0].factors.bs, "4 KiB", "real percent-encoding is still decoded");
});

Deno.test("catalogue: UTF-16 files (PowerShell's >) are decoded, with or without their byte-order mark", async () => {
  const text = FIO();
  const utf16 = (le: boolean, bom: boolean) => {
    const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
    const view = new DataView(bytes.buffer);
    const units = (bom ? "\ufeff" : "") + text;
    for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), le);
    return bytes;
  };
  const ds = await loadTree({
    "driver=le/rep=1/w.json": utf16(true, true),
    "driver=be/rep=1/w.json": utf16(false, true),
    "driver=nobom/rep=1/w.json": utf16(true, false),
    "driver=utf8/rep=1/w.json": text,
  });
  assert.deepEqual(ds.warnings, []);
  const values = (d: string) =>
    ds.rows.filter((r) => r.factors.driver === d).map((r) => `${r.metric}/${r.stat}=${r.value}`);
  for (const d of ["le", "be", "nobom"]) assert.deepEqual(values(d), values("utf8"), d);
  const log = new TextEncoder().encode("1000, 5, 0, 4096, 0\n");
  const utf16Log = new Uint8Array([0xff, 0xfe, ...[...log].flatMap((b) => [b, 0])]);
  const bad = await loadTree({ "w_clat.1.log": utf16Log });
  assert.match(
    bad.warnings[0].message,
    /^w_clat\.1\.log: found a fio log in UTF-16, expected fio's own UTF-8 \(ASCII\) log\. Convert it/,
  );
});

Deno.test("catalogue: a named pipe (FIFO) in the data folder is skipped with a warning, never opened", async () => {
  const dir = tempDir();
  Deno.mkdirSync(join(dir, "driver=a/rep=1"), { recursive: true });
  Deno.writeTextFileSync(join(dir, "driver=a/rep=1/w.json"), FIO());
  const made = new Deno.Command("mkfifo", { args: [join(dir, "driver=a/rep=1/pipe.json")] }).outputSync();
  if (!made.success) return skipNote("mkfifo");
  const ds = await vb.loadDir(dir, { onError: "collect" });
  assert.ok(ds.rows.length > 0);
  assert.deepEqual(ds.warnings.map((w) => w.message), [
    "driver=a/rep=1/pipe.json: skipped: a named pipe (FIFO), not a regular file",
  ]);
});

Deno.test("catalogue: every file warning names its file: text around the JSON, a second JSON appended, a job error in 10 files", async () => {
  const fio = FIO();
  const lines = fio.split("\n").length;
  const ds = await loadTree({
    "a/w.json": `fio: note\n${fio}\ntrailing text\n`,
    // Two runs appended (`>> w.json`), the second started a minute later: each read, as repetitions 1 and 2.
    "b/w.json": fio + fio.replace(/"timestamp" : (\d+)/, (_, t) => `"timestamp" : ${Number(t) + 60}`),
    // The second cut short: the first is read and the rest is named with the line it starts on.
    "c/w.json": `${fio}\n${fio.slice(0, 300)}`,
  });
  const messages = ds.warnings.map((w) => w.message);
  assert.deepEqual(messages.slice(0, 2), [
    'a/w.json: ignored text before the fio JSON: "fio: note"',
    'a/w.json: ignored text after the fio JSON: "trailing text"',
  ]);
  assert.equal(
    messages[2],
    `c/w.json, line ${
      lines + 1
    }: another JSON document starts here and never ends (a run appended to this file ` +
      "and cut short?); it was not read",
  );
  assert.equal(messages.length, 3);
  const appended = ds.rows.filter((r) => r.source.startsWith("b/"));
  assert.deepEqual([...new Set(appended.map((r) => `${r.source} rep ${r.factors.rep}`))], [
    "b/w.json#1 rep 1",
    "b/w.json#2 rep 2",
  ]);
  assert.deepEqual(ds.files.filter((f) => f.source.startsWith("b/")).map((f) => f.source), ["b/w.json"]);
  const withError = JSON.parse(FIO());
  withError.jobs[0].error = 5;
  const files: Record<string, string> = {};
  for (let rep = 1; rep <= 10; rep++) {
    withError.jobs[0].write.iops = 100 + rep; // ten runs, not ten copies of one
    files[`driver=a/rep=${rep}/w.json`] = JSON.stringify(withError);
  }
  const ten = await loadTree(files);
  assert.equal(ten.warnings.length, 10);
  ten.warnings.forEach((w, i) =>
    assert.ok(w.message.startsWith(`${w.source}, $.jobs[0].error: fio reported error 5`), `${i}`)
  );
  const dir = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    Deno.mkdirSync(join(dir, rel, ".."), { recursive: true });
    Deno.writeTextFileSync(join(dir, rel), text);
  }
  const analysis = await vb.analyse(dir);
  assert.ok(
    analysis.warnings.map((w) => w.text).some((w) =>
      /^10 files: \$\.jobs\[0\]\.error: fio reported error 5 for job "[^"]+"; its numbers may be incomplete — driver=a\/rep=1\/w\.json, driver=a\/rep=10\/w\.json, /
        .test(w)
    ),
    analysis.warnings.map((w) => w.text).join("\n"),
  );
});

Deno.test("catalogue: an iperf 2 line of interval 0.0-0.0 (a transfer that never ran) is named, never a rate or a silent n − 1", async () => {
  const good = fixture("iperf2-tcp-p2.csv").trimEnd();
  const zero = "20261125124619,10.213.0.2,44408,10.213.0.1,5001,-1,0.0-0.0,0,0";
  const ds = await loadTree({ "only-zero.csv": `${zero}\n`, "with-zero.csv": `${good}\n${zero}\n` });
  const messages = ds.warnings.map((w) => w.message);
  assert.ok(
    messages.includes(
      'only-zero.csv, line 1: found only a line of interval "0.0-0.0" (a transfer that did not run), expected a transfer of some length.',
    ),
    messages.join("\n"),
  );
  assert.ok(
    messages.some((m) =>
      /^with-zero\.csv, line \d+: skipped a line of interval 0\.0-0\.0 s \(a transfer that did not run\)$/
        .test(m)
    ),
    messages.join("\n"),
  );
  assert.ok(ds.rows.every((r) => r.source === "with-zero.csv"));
});

Deno.test("catalogue: a sockperf summary cut before its last line is warned, naming what it lacks", async () => {
  const full = Deno.readTextFileSync(join(FIXTURES, "sockperf", "sockperf-tcp-64.txt"));
  const lines = full.split("\n");
  const minAt = lines.findIndex((l) => /<MIN> observation/.test(l));
  const cut = lines.slice(0, minAt - 2).join("\n") + "\n";
  const ds = await loadTree({ "cut.txt": cut, "whole.txt": full });
  const messages = ds.warnings.map((w) => w.message);
  assert.equal(messages.length, 1, messages.join("\n"));
  assert.match(
    messages[0],
    /^cut\.txt, line \d+: the summary ends before sockperf's last line \("<MIN> observation"\): the file was cut; round-trip p50, p25, min missing from this run$/,
  );
});
