/** One server-side DOM (linkedom) for Plot, which needs a `document` outside the browser. @module */
import { parseHTML } from "linkedom";

let doc: Document | undefined;

export function plotDocument(): Document {
  doc ??= parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
  return doc;
}
