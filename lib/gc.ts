/**
 * A full garbage collection on request, at the points where a long job has just dropped a stage's working
 * memory (the records as read, once analysed; the figures, once written). V8 lets its heap grow to a multiple
 * of what survived its last full collection before it collects again, so a collection here sets that limit
 * from what the next stage really keeps, not from the stage before's garbage (bench/scale.ts measures it).
 *
 * Then the memory the collection freed outside V8's heap goes back to the system ({@link releaseNativeMemory}).
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
  releaseNativeMemory();
}

/**
 * Where glibc may sit ({@link releaseNativeMemory}); tools/report.sh allows the first that exists (`--allow-ffi`).
 * Absolute, since Deno checks a library's path as given.
 */
export function libcPaths(arch: string = Deno.build.arch): string[] {
  return [`/usr/lib/${arch}-linux-gnu/libc.so.6`, `/lib/${arch}-linux-gnu/libc.so.6`, "/usr/lib64/libc.so.6"];
}

type Trim = () => void;
let trim: Trim | null | undefined;

/**
 * Returns the free pages of every malloc arena to the system (glibc `malloc_trim(0)`). Freed native memory (the
 * histograms' typed arrays, resvg's images, a finished worker's buffers) otherwise stays in the process's
 * resident memory, counted at every later peak: at 100× the shipped data the figure stage peaked at 1.12 GB
 * with it, 1.01 GB without. Needs FFI permission for libc; without it (or on another libc) it does nothing.
 */
export function releaseNativeMemory(): void {
  if (trim === undefined) trim = openTrim();
  trim?.();
}

function openTrim(): Trim | null {
  if (Deno.build.os !== "linux") return null;
  const granted = (path?: string) => {
    const status = Deno.permissions.querySync({ name: "ffi", path });
    return status.state === "granted" && !status.partial;
  };
  // With FFI allowed everywhere (deno run -A: notebooks, tests) the loader's own libc, by name.
  const path = granted() ? "libc.so.6" : libcPaths().find((p) => granted(p));
  if (!path) return null;
  try {
    const lib = Deno.dlopen(path, { malloc_trim: { parameters: ["usize"], result: "i32" } });
    return () => lib.symbols.malloc_trim(0n); // 0: keep no free padding at any arena's top
  } catch {
    return null; // not glibc (musl has no malloc_trim): nothing to give back this way
  }
}
