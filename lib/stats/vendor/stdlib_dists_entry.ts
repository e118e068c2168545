/**
 * What lib/stats/vendor/stdlib_dists.js bundles (tools/bundle_vendor.ts): the five @stdlib distributions the
 * methods use, pinned in deno.json. Not imported at run time; the bundle is.
 * @module
 */
export { default as tCdf } from "@stdlib/stats-base-dists-t-cdf";
export { default as tQuantile } from "@stdlib/stats-base-dists-t-quantile";
export { default as normalCdf } from "@stdlib/stats-base-dists-normal-cdf";
export { default as normalQuantile } from "@stdlib/stats-base-dists-normal-quantile";
export { default as binomialCdf } from "@stdlib/stats-base-dists-binomial-cdf";
