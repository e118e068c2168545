/**
 * A full garbage collection on request, at the points where a long job has just dropped a stage's working
 * memory (the records as read, once analysed; the figures, once written). V8 lets its heap grow to a multiple
 * of what survived its last full collection before it collects again, so a collection here sets that limit
 * from what the next stage really keeps, not from the stage before's garbage (bench/scale.ts measures it).
 * @module
 */
import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | null = null;

export function collectGarbage(): void {
  if (gc === null) {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  }
  gc();
}
