/**
 * lib/stats/vendor/stdlib_dists.js, the bundle of the @stdlib distributions (tools/bundle_vendor.ts), is what the
 * tool makes from the packages deno.json pins, and computes what those packages compute, bit for bit.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import binomialCdf from "@stdlib/stats-base-dists-binomial-cdf";
// @ts-types="../../lib/stats/vendor/stdlib_dists.d.ts"
import * as bundled from "../../lib/stats/vendor/stdlib_dists.js";
import { BUNDLES, bundleVendor } from "../../tools/bundle_vendor.ts";
import { ROOT } from "../helpers.ts";

Deno.test("the shipped bundle is what tools/bundle_vendor.ts makes from the pinned packages", async () => {
  const out = Deno.makeTempFileSync({ suffix: ".js" });
  try {
    await bundleVendor("stdlib", out);
    assert.ok(
      Deno.readTextFileSync(out) === Deno.readTextFileSync(join(ROOT, BUNDLES.stdlib.bundle)),
      `${BUNDLES.stdlib.bundle} is out of date: run tools/bundle_vendor.ts`,
    );
  } finally {
    Deno.removeSync(out);
  }
});

Deno.test("the bundle computes what the packages compute, bit for bit", () => {
  const same = (a: number, b: number, what: string) => assert.ok(Object.is(a, b), `${what}: ${a} ≠ ${b}`);
  const dfs = [1, 2, 3, 4.5, 7, 10, 29, 30.2, 100, 1e4, Infinity];
  for (let i = 0; i <= 400; i++) {
    const x = -12 + i * 0.06, p = i / 400;
    for (const df of dfs) {
      same(bundled.tCdf(x, df), tCdf(x, df), `tCdf(${x}, ${df})`);
      same(bundled.tQuantile(p, df), tQuantile(p, df), `tQuantile(${p}, ${df})`);
    }
    same(bundled.normalCdf(x, 0, 1), normalCdf(x, 0, 1), `normalCdf(${x})`);
    same(bundled.normalQuantile(p, 0, 1), normalQuantile(p, 0, 1), `normalQuantile(${p})`);
  }
  for (const n of [1, 5, 20, 97, 1000]) {
    for (let k = -1; k <= n + 1; k += Math.max(1, Math.floor(n / 50))) {
      for (const p of [0, 1e-6, 0.1, 0.5, 0.73, 1]) {
        same(bundled.binomialCdf(k, n, p), binomialCdf(k, n, p), `binomialCdf(${k}, ${n}, ${p})`);
      }
    }
  }
  for (const bad of [NaN, -1, 2]) same(bundled.tQuantile(bad, 5), tQuantile(bad, 5), `tQuantile(${bad}, 5)`);
});
