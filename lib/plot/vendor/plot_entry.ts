/**
 * What lib/plot/vendor/plot.js bundles (tools/bundle_vendor.ts): Observable Plot as deno.json pins it, with the d3
 * modules it uses. Not imported at run time; the bundle is (lib/plot/plot.ts).
 * @module
 */
export * from "@observablehq/plot";
