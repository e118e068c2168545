/**
 * Worker thread of {@link RenderPool}: SVG in, PNG out (buffer transferred), one message each. resvg's rendered
 * image (6 MB of pixels for a figure of the shipped data at 2×, up to 170 MB at 20×) lives in native memory that
 * V8 does not see and frees only when a garbage collection finalises its object: without collections the images
 * of every figure piled up (240 MB for the shipped data's 32 figures: half the report's peak memory). A forced
 * collection costs ~7 ms even on this small heap, a quarter of a figure's render, so the worker collects once the
 * images rendered since the last one reach {@link HELD_BYTES}: memory stays within that bound, and the shipped
 * data's 33 figures take about a dozen collections instead of 33 (their copy of the pixels, as large again, is let
 * go as soon as the PNG is encoded: png.ts).
 * @module
 */
import { svgToPng } from "./png.ts";
import { collectGarbage as collect, releaseNativeMemory } from "../gc.ts";
import { nextTurn } from "../turn.ts";

/** Bytes of rendered images (RGBA at the render's scale) a worker may hold before it collects them. */
export const HELD_BYTES = 16 * 2 ** 20;
let held = 0;

export interface RenderJob {
  id: number;
  svg: string;
  /** Width × height of the image at its scale (png.ts svgPixels), 0 when the SVG does not say. */
  pixels: number;
  scale?: number;
  background?: string;
}
export type RenderReply = { id: number; png: Uint8Array } | { id: number; error: string };

// Typed locally: the project compiles against the window globals, not the worker ones.
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<RenderJob>) => void) | null;
  postMessage: (reply: RenderReply, transfer?: Transferable[]) => void;
};

scope.onmessage = async ({ data: { id, svg, pixels, scale, background } }) => {
  let reply: RenderReply;
  try {
    const png = svgToPng(svg, { scale, background });
    reply = { id, png };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  held += 4 * pixels || HELD_BYTES; // an image of unknown size: collect after it
  if (held >= HELD_BYTES) {
    held = 0;
    // The native memory is released by finalizers that run as tasks after the collection: let them run
    // before replying, since the pool sends the next figure only then.
    collect("once"); // the images are garbage at once: one round frees them, a thorough one took twice as long
    await nextTurn();
    releaseNativeMemory(); // and the images' pages go back to the system
  }
  scope.postMessage(reply, "png" in reply ? [reply.png.buffer as ArrayBuffer] : []);
};
