/**
 * Worker thread of {@link RenderPool}: SVG in, PNG out (buffer transferred), one message each. After each
 * figure it runs a garbage collection of its own small heap: resvg's rendered image (16 MB of pixels at 2×)
 * lives in native memory that V8 does not see, so without it the images of every figure pile up until
 * some unrelated collection (240 MB for the shipped data's 32 figures: half the report's peak memory).
 * @module
 */
import { svgToPng } from "./png.ts";
import { collectGarbage as collect, releaseNativeMemory } from "../gc.ts";

export interface RenderJob {
  id: number;
  svg: string;
  scale?: number;
  background?: string;
}
export type RenderReply = { id: number; png: Uint8Array } | { id: number; error: string };

// Typed locally: the project compiles against the window globals, not the worker ones.
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<RenderJob>) => void) | null;
  postMessage: (reply: RenderReply, transfer?: Transferable[]) => void;
};

scope.onmessage = async ({ data: { id, svg, scale, background } }) => {
  let reply: RenderReply;
  try {
    const png = svgToPng(svg, { scale, background });
    reply = { id, png };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  // The native memory is released by finalizers that run as tasks after the collection: let them run
  // before replying, since the pool sends the next figure only then.
  collect();
  await new Promise((resolve) => setTimeout(resolve, 0));
  releaseNativeMemory(); // and the image's pages go back to the system
  scope.postMessage(reply, "png" in reply ? [reply.png.buffer as ArrayBuffer] : []);
};
