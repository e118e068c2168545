/**
 * The loader's one read buffer per thread (lib/ingest/scratch.ts): every read gives the file's exact bytes, whatever
 * its size against the kept buffer's (empty, one byte, one past 64 KiB, one past the 4 MiB kept at most), and the
 * buffer is reused rather than made again. Inputs: labelled synthetic bytes (a pattern), written to a temporary folder.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readWhole, scratchBytes } from "../../lib/ingest/scratch.ts";

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + (i >> 8)) & 255);

Deno.test("readWhole gives each file's exact bytes, below, at and above the kept buffer's sizes", () => {
  const dir = Deno.makeTempDirSync();
  try {
    for (const n of [0, 1, 4096, (64 << 10) + 1, 3 << 20, (4 << 20) + 1, 1000]) {
      const path = join(dir, `f${n}`);
      const bytes = pattern(n);
      Deno.writeFileSync(path, bytes);
      assert.deepStrictEqual(readWhole(path), bytes, `${n} bytes`);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("scratchBytes reuses one buffer up to 4 MiB and gives larger requests their own", () => {
  const a = scratchBytes(100), b = scratchBytes(5000);
  assert.equal(a.buffer, b.buffer, "the same buffer serves both");
  assert.equal(b.length, 5000);
  const big = scratchBytes((4 << 20) + 1);
  assert.notEqual(big.buffer, b.buffer);
  assert.equal(scratchBytes(10).buffer, b.buffer, "a large request leaves the kept buffer as it was");
});
