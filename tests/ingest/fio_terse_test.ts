import assert from "node:assert/strict";
import { join } from "node:path";
import { ParseError, parseFioTerse } from "../../lib/ingest/mod.ts";
import { CORPUS, FIXTURES, HAVE_CORPUS } from "../helpers.ts";

const fixture = (name: string) => Deno.readTextFileSync(join(FIXTURES, "ingest", name));

Deno.test("fio terse v2, v4 and v5 (real fio 3.33 output) read the same fields", () => {
  for (
    const [file, version, jobs] of [["fio-3.33-terse-v2.txt", "", 1], [
      "fio-3.33-terse-v4.txt",
      "fio-3.33",
      1,
    ], ["fio-3.33-terse-v5.txt", "fio-3.33", 2]] as const
  ) {
    const ds = parseFioTerse(fixture(file), file);
    const line = fixture(file).trim().split("\n")[0].split(";");
    const head = file.includes("v2") ? 4 : 5;
    assert.equal(ds.files[0].toolVersion, version);
    assert.equal(new Set(ds.rows.map((r) => r.job)).size, 1, `${file}: one job name`);
    const iops = ds.rows.filter((r) => r.metric === "iops");
    assert.equal(iops.length, jobs, `${file}: one IOPS row per job line`);
    assert.equal(iops[0].value, Number(line[head + 2]));
    const bw = ds.rows.find((r) => r.metric === "bw")!;
    assert.equal(bw.value, Number(line[head + 1]) * 1024, "KiB/s → B/s");
    const clat = ds.rows.find((r) => r.metric === "clat" && r.stat === "mean")!;
    assert.equal(clat.value, Number(line[head + 10]) * 1000, "µs → ns");
    assert.ok(ds.rows.some((r) => r.stat === "p99"));
  }
});

Deno.test({
  name: "fio terse v3 from fio 2.0.15 (corpus): read and write sections of an rw job",
  ignore: !HAVE_CORPUS,
  fn: () => {
    const ds = parseFioTerse(
      Deno.readTextFileSync(join(CORPUS, "fio-terse/fio-2.0.15-terse-v3-rw-16k.txt")),
      "t.txt",
    );
    assert.equal(ds.files[0].toolVersion, "fio-2.0.15");
    const io = ds.rows.filter((r) => r.direction !== "mixed"); // "mixed": the job's CPU rows
    assert.deepEqual([...new Set(io.map((r) => r.direction))].sort(), ["read", "write"]);
    assert.equal(ds.rows.find((r) => r.metric === "iops" && r.direction === "read")?.value, 487);
  },
});

Deno.test("fio terse: a cut line and an unknown version are clear errors", () => {
  const line = fixture("fio-3.33-terse-v4.txt").trim();
  assert.throws(() => parseFioTerse(line.slice(0, 200), "cut.txt"), (e: Error) => {
    assert.ok(e instanceof ParseError);
    assert.match(e.message, /^cut\.txt, line 1: found \d+ fields, expected at least 128 for terse version 4/);
    return true;
  });
  assert.throws(
    () => parseFioTerse("9;" + line.slice(2), "v9.txt"),
    /v9\.txt, line 1, field 1: found "9", expected a fio terse version/,
  );
  assert.throws(
    () => parseFioTerse(line.replace("1.000000%=", "1.000000%~"), "pct.txt"),
    /expected a percentile as "P%=V"/,
  );
});
