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

/**
 * How much a collection does. `thorough` (the default): V8's memory-reducing collection, repeated until a round
 * frees nothing (at least twice), compacting and shrinking the young generation, so more of the freed heap goes back
 * to the system (the 1× report peaked 18 MB lower with it than with `once` before its text). `once`: one full
 * mark-compact, half the time: enough where the garbage is one batch of objects, as a render worker's images are.
 * `young`: a scavenge of the young generation only (~1 ms on a render worker's heap against ~7 for `once`): frees
 * what died young, such as the image of the figure just rendered, and keeps the freed native memory for reuse (the
 * others give it back: {@link releaseNativeMemory}). Without `--expose-gc` every collection is thorough.
 */
export type Collection = "young" | "once" | "thorough";

type V8Gc = (
  options: { type: "major"; execution: "sync"; flavor: "regular" | "last-resort" } | {
    type: "minor";
    execution: "sync";
  },
) => void;
let collect: ((how: Collection) => void) | null = null;

export function collectGarbage(how: Collection = "thorough"): void {
  collect ??= openCollect();
  collect(how);
  // What a scavenge frees is what was just used, and the same work will soon need it again (render_memory.ts).
  if (how !== "young") releaseNativeMemory();
}

/**
 * A heap this small is not worth a collection between stages (~25–45 ms each): the 1× report's heap stays under it
 * all along, and its six collections there lowered no peak (228–235 MB with them and without) and cost ~0.2 s.
 * V8's own collections handle such a heap.
 */
export const WORTH_COLLECTING_BYTES = 64e6;

/**
 * {@link collectGarbage} at a stage's end, when the heap and the array buffers it holds (a stage's histograms, a
 * file's bytes) are larger than {@link WORTH_COLLECTING_BYTES} together. Other native memory, such as a finished
 * worker's, is not counted: collect that with collectGarbage.
 */
export function collectStage(): void {
  const { heapUsed, external } = Deno.memoryUsage();
  if (heapUsed + external > WORTH_COLLECTING_BYTES) collectGarbage();
}

/**
 * V8's own `gc()` when the process was started with `--expose-gc` (tools/report.sh), which can collect once;
 * otherwise (notebooks, tests) the one `node:vm` gives after the flag is set at run time, which is always thorough.
 */
function openCollect(): (how: Collection) => void {
  const exposed = (globalThis as { gc?: V8Gc }).gc;
  if (typeof exposed === "function") {
    return (how) =>
      how === "young"
        ? exposed({ type: "minor", execution: "sync" })
        : exposed({ type: "major", execution: "sync", flavor: how === "once" ? "regular" : "last-resort" });
  }
  v8.setFlagsFromString("--expose-gc");
  const thorough = vm.runInNewContext("gc") as () => void;
  return () => thorough();
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
