/**
 * Worker thread of {@link RenderPool}: SVG in, PNG out (buffer transferred), one message each; after each figure
 * its memory is freed for the next (render_memory.ts).
 * @module
 */
import { svgToPng } from "./png.ts";
import { afterFigure } from "./render_memory.ts";

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
  await afterFigure(pixels);
  scope.postMessage(reply, "png" in reply ? [reply.png.buffer as ArrayBuffer] : []);
}
