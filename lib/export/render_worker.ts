/**
 * Worker thread of {@link RenderPool}: SVG in, PNG out (buffer transferred), one message each, in order. After
 * each figure it runs a garbage collection of its own small heap: resvg's rendered image (16 MB of pixels at 2×)
 * lives in native memory that V8 does not see, so without it the images of every figure pile up until
 * some unrelated collection (240 MB for the shipped data's 32 figures: half the report's peak memory).
 * @module
 */
import v8 from "node:v8";
import vm from "node:vm";
import { svgToPng } from "./png.ts";

export interface RenderJob {
  id: number;
  svg: string;
  scale?: number;
  background?: string;
}
export type RenderReply = { id: number; png: Uint8Array } | { id: number; error: string };

v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

// Typed locally: the project compiles against the window globals, not the worker ones.
const scope = globalThis as unknown as {
  onmessage: ((e: MessageEvent<RenderJob>) => void) | null;
  postMessage: (reply: RenderReply, transfer?: Transferable[]) => void;
};

// The pool may send the next figure before this one is done: figures wait here and are rendered one at a time,
// in order (an async onmessage would start the next one while this one waits for its finalizers).
const inbox: RenderJob[] = [];
let working = false;

scope.onmessage = ({ data }) => {
  inbox.push(data);
  if (!working) void work();
};

async function work(): Promise<void> {
  working = true;
  while (inbox.length > 0) {
    const { id, svg, scale, background } = inbox.shift()!;
    let reply: RenderReply;
    try {
      reply = { id, png: svgToPng(svg, { scale, background }) };
    } catch (e) {
      reply = { id, error: e instanceof Error ? e.message : String(e) };
    }
    scope.postMessage(reply, "png" in reply ? [reply.png.buffer as ArrayBuffer] : []);
    // The native memory is released by finalizers that run as tasks after the collection: let them run
    // before the next figure.
    collect();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  working = false;
}
