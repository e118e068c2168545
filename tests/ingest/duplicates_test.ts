/**
 * findDuplicates: byte-identical copies within a group, found by size, then by the first 4 KiB, then whole.
 * Synthetic files (labelled: made here), since the point is the byte patterns, not a tool's output.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { findDuplicates } from "../../lib/ingest/duplicates.ts";
import { tempDir } from "../helpers.ts";

Deno.test("findDuplicates: copies of small and large files, not files that only begin alike", () => {
  const dir = tempDir("vb-dups-");
  const head = "x".repeat(5000); // longer than the 4 KiB head
  const contents: Record<string, string> = {
    "rep=1/small.json": '{"user_s": 1.5}',
    "rep=2/small.json": '{"user_s": 1.5}', // a copy of rep=1
    "rep=3/small.json": '{"user_s": 2.5}', // same size, other bytes
    "rep=1/big.log": head + "tail-a",
    "rep=2/big.log": head + "tail-b", // same size and head, other tail: not a copy
    "rep=3/big.log": head + "tail-a", // a copy of rep=1
    "rep=4/big.log": "",
    "rep=5/big.log": "", // empty files are failed runs, never copies
  };
  const files = Object.entries(contents).map(([source, text]) => {
    const path = join(dir, source);
    Deno.mkdirSync(join(path, ".."), { recursive: true });
    Deno.writeTextFileSync(path, text);
    return { path, source, factors: { rep: source.slice(4, 5) } };
  });
  const found = findDuplicates(files);
  assert.deepEqual(
    Object.fromEntries([...found].map(([path, first]) => [path.slice(dir.length + 1), first])),
    { "rep=2/small.json": "rep=1/small.json", "rep=3/big.log": "rep=1/big.log" },
  );
  Deno.removeSync(dir, { recursive: true });
});
