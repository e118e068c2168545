/**
 * Observable Plot for the figures, loaded from one file: lib/plot/vendor/plot.js, Plot and the d3 modules it uses
 * bundled by tools/bundle_vendor.ts from the versions deno.json pins (with Plot's own types). As packages they are
 * ~100 modules resolved and compiled one by one at every start: the report's start-up (`--help`) took 0.17 s with
 * them and 0.15 s with the bundle (30 interleaved runs each); tests/plot/vendor_test.ts checks that the bundle draws
 * what the package draws.
 * @module
 */
// @ts-types="@observablehq/plot"
export * from "./vendor/plot.js";
