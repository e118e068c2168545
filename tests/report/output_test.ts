/** The report's output folder: replaced in one step, never mixed, never over inputs or foreign files. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { checkOut, OutputError, stagingPaths, UsageError, writeOutputSet } from "../../lib/report/output.ts";
import { tempDir } from "../helpers.ts";

const list = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();

Deno.test("writeOutputSet: a failure half-way leaves the previous complete set, and no staging folder (labelled synthetic)", async () => {
  const parent = tempDir(), out = join(parent, "report");
  await writeOutputSet(out, async (dir) => {
    await Deno.writeTextFile(join(dir, "results.json"), "old");
    await Deno.writeTextFile(join(dir, "report.md"), "old");
  });
  await assert.rejects(
    () =>
      writeOutputSet(out, async (dir) => {
        await Deno.writeTextFile(join(dir, "results.json"), "new");
        throw Object.assign(new Error("No space left on device (os error 28): write"), { name: "Error" });
      }),
    (e: Error) =>
      e instanceof OutputError &&
      /no space left on device\. The folder was left as it was\.$/.test(e.message),
  );
  assert.equal(Deno.readTextFileSync(join(out, "results.json")), "old");
  assert.deepEqual(list(parent), ["report"]);
  await writeOutputSet(out, (dir) => Deno.writeTextFile(join(dir, "results.json"), "new"));
  assert.deepEqual(list(out), ["results.json"], "the new set replaces the old one whole: no stale report.md");
});

Deno.test("writeOutputSet: a run killed between the two renames is repaired by the next run (labelled synthetic)", async () => {
  const parent = tempDir(), out = join(parent, "report");
  const { prev, next } = stagingPaths(out);
  Deno.mkdirSync(prev);
  Deno.writeTextFileSync(join(prev, "results.json"), "previous");
  Deno.mkdirSync(next);
  Deno.writeTextFileSync(join(next, "results.json"), "half");
  await assert.rejects(() =>
    writeOutputSet(out, () => Promise.reject(new Deno.errors.PermissionDenied("x")))
  );
  assert.equal(Deno.readTextFileSync(join(out, "results.json")), "previous");
  assert.deepEqual(list(parent), ["report"]);
});

Deno.test("checkOut: refuses the data folder, inside it, around it, a file, and foreign files (labelled synthetic)", async () => {
  const data = tempDir(), other = tempDir();
  await assert.rejects(() => checkOut(data, [data]), UsageError);
  await assert.rejects(() => checkOut(join(data, "x"), [data]), UsageError);
  await assert.rejects(() => checkOut(join(data, ".."), [data]), UsageError);
  Deno.writeTextFileSync(join(other, "f"), "");
  await assert.rejects(() => checkOut(join(other, "f"), [data]), OutputError);
  await assert.rejects(() => checkOut(other, [data]), /already holds files a report did not write \(f\)/);
  Deno.removeSync(join(other, "f"));
  Deno.mkdirSync(join(other, "figures"));
  Deno.writeTextFileSync(join(other, "figures/a.svg"), "");
  Deno.writeTextFileSync(join(other, "results.csv"), "");
  // A report writes each figure as ID.svg and ID.png: one without its twin is someone's own file.
  await assert.rejects(
    () => checkOut(other, [data]),
    /already holds files a report did not write \(figures\/a\.svg\)/,
  );
  Deno.writeTextFileSync(join(other, "figures/a.png"), "");
  await checkOut(other, [data]); // a previous report's folder may be replaced
  await checkOut(join(other, "new"), [data]);
});
