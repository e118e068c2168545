/**
 * Worker thread of {@link RenderPool}: SVG in, PNG out (buffer transferred), one message each. resvg's rendered
 * image (6 MB of pixels for a figure of the shipped data at 2×, up to 12 MB at 20×, whose long figures are paged)
 * lives in native memory that V8 does not see and frees only when a garbage collection finalises its object:
 * without collections the images of every figure piled up (240 MB for the shipped data's 32 figures: half the
 * report's peak memory). So after each figure the worker collects its young generation (~1 ms), where the image's
 * object still is, having died before it was ever promoted; a full collection (~7 ms even on this small heap)
 * runs once the images rendered since the last reach {@link HELD_BYTES}, for an image whose object was promoted
 * all the same. Against a full collection every 16 MB of images, one worker rendering the shipped data's 33
 * figures four times took 0.1 s less CPU a round, and the report on the shipped data peaked at 199 MB instead of
 * 224 in the same time (medians of 12). Their copy of the pixels, as large again, is let go as soon as the PNG is
 * encoded (png.ts). resvg's allocator keeps a freed image's pages 50 ms for the next figure (tools/env.sh).
 * @module
 */
import { svgToPng } from "./png.ts";
import { collectGarbage as collect, releaseNativeMemory } from "../gc.ts";
import { nextTurn } from "../turn.ts";

/** Bytes of rendered images (RGBA at the render's scale) after which a worker runs a full collection. */
export const HELD_BYTES = 64 * 2 ** 20;
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

// The pool posts the next figure before this one is answered (render_pool.ts POSTED_PER_WORKER): figures render one
// at a time, in the order they came, each answered before the next starts.
const queue: RenderJob[] = [];
let draining = false;

scope.onmessage = ({ data }) => {
  queue.push(data);
  if (!draining) void drain();
};

async function drain(): Promise<void> {
  draining = true;
  for (let job = queue.shift(); job; job = queue.shift()) await renderOne(job);
  draining = false;
}

async function renderOne({ id, svg, pixels, scale, background }: RenderJob): Promise<void> {
  let reply: RenderReply;
  try {
    const png = svgToPng(svg, { scale, background });
    reply = { id, png };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  held += 4 * pixels || HELD_BYTES; // an image of unknown size: a full collection after it
  const full = held >= HELD_BYTES;
  if (full) held = 0;
  // One round of a full collection: the images are garbage at once, and a thorough one took twice as long.
  collect(full ? "once" : "young");
  // The native memory is released by finalizers that run as tasks after the collection: let them run before the
  // next figure is rendered.
  await nextTurn();
  releaseNativeMemory(); // and the images' pages go back to the system
  scope.postMessage(reply, "png" in reply ? [reply.png.buffer as ArrayBuffer] : []);
}
