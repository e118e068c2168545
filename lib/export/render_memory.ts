/**
 * What a render worker does with memory after each figure ({@link afterFigure}). resvg's rendered image (6 MB of
 * pixels for a figure of the shipped data at 2×, up to 12 MB at 20×, whose long figures are paged) lives in native
 * memory that V8 does not see and frees only when a garbage collection finalises its object: without collections
 * the images of every figure piled up (240 MB for the shipped data's 32 figures: half the report's peak memory). So
 * after each figure the worker collects its young generation (~1 ms), where the image's object still is, having
 * died before it was ever promoted; a full collection (~7 ms even on this small heap) runs once the images rendered
 * since the last reach {@link HELD_BYTES}, for an image whose object was promoted all the same. Against a full
 * collection every 16 MB of images, one worker rendering the shipped data's 33 figures four times took 0.1 s less
 * CPU a round, and the report on the shipped data peaked at 199 MB instead of 224 in the same time (medians of 12).
 *
 * Freed memory goes back to the system only after a full collection. After a young one it stays for the next
 * figure, which needs as much again (the pixels' copy png.ts encodes from and the PNG's buffers are malloc's):
 * giving it back after every figure (`malloc_trim`: the call, and the pages the next figure then touched afresh,
 * ~300 a figure where a first touch costs 10 µs) cost the 1× report 0.2–0.3 s of CPU and 0.1–0.2 s of its wall
 * time (tests/export/render_pages_test.ts).
 * resvg's own allocator keeps a freed image's pages 50 ms for the next figure (tools/env.sh).
 * @module
 */
import { collectGarbage as collect, releaseNativeMemory } from "../gc.ts";
import { nextTurn } from "../turn.ts";

/** Bytes of rendered images (RGBA at the render's scale) after which a worker runs a full collection. */
export const HELD_BYTES = 64 * 2 ** 20;
let held = 0;

/**
 * Frees a rendered figure's memory for the next one: `pixels` is its width × height at the render's scale (0 when
 * the SVG did not say: a full collection then). Resolves once the images' finalizers have run.
 */
export async function afterFigure(pixels: number): Promise<void> {
  held += 4 * pixels || HELD_BYTES;
  const full = held >= HELD_BYTES;
  if (full) held = 0;
  // One round of a full collection: the images are garbage at once, and a thorough one took twice as long.
  collect(full ? "once" : "young");
  // The native memory is released by finalizers that run as tasks after the collection: let them run before the
  // next figure is rendered.
  await nextTurn();
  if (full) releaseNativeMemory(); // the images' pages go back to the system
}
