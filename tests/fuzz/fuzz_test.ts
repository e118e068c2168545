import assert from "node:assert/strict";
import fc from "fast-check";
import { check, mutate, mutation, RUNS, seeds } from "./fuzz.ts";
import { tempDir } from "../helpers.ts";

for (const [format, files] of Object.entries(seeds())) {
  Deno.test(`fuzz ${format}: ${RUNS} mutations of real files give typed errors or finite non-negative numbers`, async () => {
    const dir = tempDir("vb-fuzz-");
    await fc.assert(
      fc.asyncProperty(
        fc.nat(files.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (i, ms) => {
          const text = ms.reduce((t, m) => mutate(t, m), files[i].text);
          const problem = await check(dir, files[i].name, text);
          assert.equal(problem, null, `${files[i].name} after ${JSON.stringify(ms)}`);
        },
      ),
      { numRuns: RUNS, seed: 42 },
    );
    Deno.removeSync(dir, { recursive: true });
  });
}
