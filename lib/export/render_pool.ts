/**
 * PNG rendering on every core: figures' SVGs go to a few worker threads, each running the same
 * {@link svgToPng} (same resvg addon, same fonts, same options), so the bytes equal a render on the
 * calling thread (tests/export/render_pool_test.ts). Workers inherit the caller's permissions (read of
 * the fonts, the addon's FFI); when one cannot start, or dies, its figures are rendered on the calling
 * thread instead. The calling thread meanwhile builds the next figures' SVGs, and once it has nothing else to do
 * but wait for a PNG it renders queued figures itself ({@link RenderPool.helpUntil}).
 * @module
 */
import { svgToPng } from "./png.ts";
import type { RenderJob, RenderReply } from "./render_worker.ts";

interface Pending {
  job: RenderJob;
  /** Its image is large enough that two at once would set the process's peak memory. */
  heavy: boolean;
  /** Width × height of its image. */
  pixels: number;
  resolve: (png: Uint8Array) => void;
  reject: (e: Error) => void;
}

/**
 * Pixels (at the render's scale) above which a figure is rendered alone: resvg holds the whole RGBA image
 * and, for clipped or translucent groups, layers of the same size, so a 1520 × 28 522 px figure (a 4 560-row
 * chart at 20× the shipped data) costs several hundred MB, and two of them at once twice that.
 */
export const HEAVY_PIXELS = 16e6;

/**
 * Pixels above which a figure is left to the workers rather than rendered on the calling thread: four times a
 * shipped figure (760 × 492 at 2×), so every figure of the shipped data qualifies.
 */
export const HERE_PIXELS = 6e6;

/** Width × height of an SVG's root element at `scale`, or 0 when it does not say. */
export function svgPixels(svg: string, scale = 2): number {
  const root = svg.match(/<svg\b[^>]*>/)?.[0] ?? "";
  const size = (name: string) => Number(root.match(new RegExp(`\\s${name}="([\\d.]+)"`))?.[1] ?? 0);
  return size("width") * size("height") * scale * scale;
}

/**
 * Render workers: one core fewer than the machine has (at least one), since the calling thread draws the next
 * figures meanwhile. A worker is a whole isolate with its own heap and resvg's memory: on 2 cores a second one
 * added ~100 MB of peak memory (5× the shipped data: 528 → 427 MB) and no speed.
 */
export function renderThreads(): number {
  return Math.max(1, (navigator.hardwareConcurrency || 1) - 1);
}

export class RenderPool {
  #workers: { worker: Worker; busy: Pending | null }[] = [];
  #queue: Pending[] = [];
  #next = 0;
  #renderedHere = 0;

  #wanted: number;

  /** Workers start with the first render: a report without figures starts none. */
  constructor(threads = renderThreads()) {
    this.#wanted = threads;
  }

  #start(): void {
    for (; this.#wanted > 0; this.#wanted--) {
      try {
        const worker = new Worker(new URL("./render_worker.ts", import.meta.url).href, { type: "module" });
        const slot = { worker, busy: null as Pending | null };
        worker.onmessage = ({ data }: MessageEvent<RenderReply>) => this.#done(slot, data);
        worker.onerror = (e) => {
          e.preventDefault();
          this.#lose(slot);
        };
        this.#workers.push(slot);
      } catch {
        this.#wanted = 0; // no workers here: render on this thread
      }
    }
  }

  /** Worker threads running now (0: every figure is rendered on the calling thread). */
  get threads(): number {
    return this.#workers.length;
  }

  /** Figures {@link helpUntil} rendered on the calling thread so far. */
  get renderedHere(): number {
    return this.#renderedHere;
  }

  /** The PNG of an SVG, as svgToPng would give it. */
  render(svg: string, opts: { scale?: number; background?: string } = {}): Promise<Uint8Array> {
    this.#start();
    const job = { id: this.#next++, svg, ...opts };
    if (this.#workers.length === 0) return Promise.resolve().then(() => svgToPng(svg, opts));
    const pixels = svgPixels(svg, opts.scale);
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, heavy: pixels > HEAVY_PIXELS, pixels, resolve, reject });
      this.#pump();
    });
  }

  /**
   * Renders queued figures on this thread until `pending` settles, instead of waiting idle for the workers (same
   * {@link svgToPng}, so the same bytes; each figure still resolves its own promise). Takes the oldest queued figure
   * when it is small ({@link HERE_PIXELS}) and no heavy one runs, after letting the workers' replies in first so an idle worker gets the next figure
   * before this thread does.
   */
  async helpUntil(pending: Promise<unknown>): Promise<void> {
    let settled = false;
    const done = pending.then(() => settled = true, () => settled = true);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (settled) return;
      const p = this.#takeForHere();
      if (!p) {
        await done;
        return;
      }
      this.#here(p);
      this.#renderedHere++;
    }
  }

  /** Stops the workers (call when every render has been awaited). */
  close(): void {
    this.#wanted = 0;
    for (const { worker } of this.#workers) worker.terminate();
    this.#workers = [];
    for (const p of this.#queue.splice(0)) this.#here(p);
  }

  /** Hands queued figures to idle workers in order; a heavy figure waits for, and holds off, every other. */
  #pump(): void {
    for (const slot of this.#workers) {
      if (slot.busy) continue;
      if (!this.#nextMayStart()) return;
      slot.busy = this.#queue.shift()!;
      slot.worker.postMessage(slot.busy.job);
    }
  }

  /**
   * The oldest queued figure, if it may run now beside what the workers run and is small (never a heavy one: that
   * starts only when every worker is idle, and an idle worker has taken it before this thread looks). resvg's
   * memory on this thread is freed only by this thread's garbage collections, not after each figure as on a
   * worker, so tall figures rendered here could linger at tens to hundreds of MB each.
   */
  #takeForHere(): Pending | undefined {
    return this.#nextMayStart() && this.#queue[0].pixels <= HERE_PIXELS ? this.#queue.shift() : undefined;
  }

  /** Whether the oldest queued figure may start now: no heavy figure running, and a heavy one only alone. */
  #nextMayStart(): boolean {
    if (this.#queue.length === 0) return false;
    const running = this.#workers.filter((s) => s.busy);
    return !running.some((s) => s.busy!.heavy) && !(this.#queue[0].heavy && running.length > 0);
  }

  #done(slot: { busy: Pending | null }, reply: RenderReply): void {
    const p = slot.busy!;
    slot.busy = null;
    if ("png" in reply) p.resolve(reply.png);
    else p.reject(new Error(reply.error));
    this.#pump();
  }

  /** A worker that failed to start or died: its figure and the queue go on without it. */
  #lose(slot: { worker: Worker; busy: Pending | null }): void {
    slot.worker.terminate();
    this.#workers = this.#workers.filter((s) => s !== slot);
    if (slot.busy) this.#here(slot.busy);
    if (this.#workers.length === 0) { for (const p of this.#queue.splice(0)) this.#here(p); }
    else this.#pump();
  }

  #here(p: Pending): void {
    try {
      p.resolve(svgToPng(p.job.svg, p.job));
    } catch (e) {
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
