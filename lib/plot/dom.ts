/**
 * One server-side DOM (linkedom) for Plot, which needs a `document` outside the browser. From linkedom's own
 * one-file build (`linkedom/worker`, the same code): the package's entry is ~200 modules of it and its
 * dependencies, each resolved and compiled at start-up: the report's start-up (`--help`) took 0.20 s with them and
 * 0.17 s with the one file (30 interleaved runs each), and every output of the report is byte for byte the same.
 * @module
 */
import { parseHTML } from "linkedom/worker";

let doc: Document | undefined;

export function plotDocument(): Document {
  doc ??= parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
  return doc;
}
