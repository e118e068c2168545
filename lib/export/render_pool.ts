/**
 * PNG rendering on every core: figures' SVGs go to a few worker threads, each running the same
 * {@link svgToPng} (same resvg addon, same fonts, same options), so the bytes equal a render on the
 * calling thread (tests/export/render_pool_test.ts). Workers inherit the caller's permissions (read of
 * the fonts, the addon's FFI); when one cannot start, or dies, its figures are rendered on the calling
 * thread instead. The calling thread meanwhile builds the next figures' SVGs, and once it has nothing else to do
 * but wait for a PNG its core renders queued figures on a spare worker ({@link RenderPool.helpUntil}), started as
 * soon as figures pile up ({@link SPARE_AFTER_QUEUED}). Each worker is sent the next figures before it answers
 * ({@link POSTED_PER_WORKER}), so it never waits for this thread to read its reply.
 * @module
 */
import { svgPixels, svgToPng } from "./png.ts";
import type { RenderJob, RenderReply } from "./render_worker.ts";

interface Pending {
  job: RenderJob;
  /** Its image is large enough that two at once would set the process's peak memory. */
  heavy: boolean;
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
 * Render workers: one core fewer than the machine has (at least one), since the calling thread draws the next
 * figures meanwhile. A worker is a whole isolate with its own heap and resvg's memory: on 2 cores a second one
 * added ~100 MB of peak memory (5× the shipped data: 528 → 427 MB) and no speed.
 */
export function renderThreads(): number {
  return Math.max(1, (navigator.hardwareConcurrency || 1) - 1);
}

/**
 * Figures posted to a worker and not yet answered: the one it renders and the next two, so that it starts the next
 * as soon as it has posted a PNG. With one at a time a worker waited for the calling thread to read its reply and
 * send another, which that thread does only between two figures it draws (20–80 ms each): on the shipped data the
 * worker rendered 6 of 33 figures during the drawing instead of most of them, and the report waited for the rest.
 */
export const POSTED_PER_WORKER = 3;

/** Figures waiting in the pool (beyond those posted) at which the spare worker starts. */
export const SPARE_AFTER_QUEUED = 4;

/** A worker and the figures posted to it, oldest first; a spare one works only while the calling thread waits. */
interface Slot {
  worker: Worker;
  posted: Pending[];
  spare: boolean;
}

export class RenderPool {
  #workers: Slot[] = [];
  #queue: Pending[] = [];
  #next = 0;
  #wanted: number;
  /** The calling thread waits in {@link helpUntil}: the spare worker may take figures. */
  #helping = false;
  #spareFailed = false;
  #renderedBySpare = 0;
  /** {@link finish} was called: no figure comes after those given. */
  #finished = false;
  /**
   * Whether a spare worker may start (default: yes). It pays where the drawing outpaces the renders and the
   * caller then waits for the last PNGs; the report allows it for small data only (lib/report/run.ts).
   */
  spareAllowed = true;

  /** Workers start with the first render, or at {@link start}: a report without figures starts none. */
  constructor(threads = renderThreads()) {
    this.#wanted = threads;
  }

  /**
   * Starts the workers now rather than with the first render: a worker's start (its isolate, the modules, resvg's
   * addon: ~0.25 s of a core on the benchmarks' machine kind) then runs while this thread still has other work (the
   * report starts them before its analysis, so the first figure drawn renders at once).
   */
  start(): void {
    for (; this.#wanted > 0; this.#wanted--) {
      if (!this.#add(false)) this.#wanted = 0; // no workers here: render on this thread
    }
  }

  /**
   * No figure will come after those already given: from now on a worker stops as soon as nothing is left for it,
   * rather than at {@link close}. The report gives its last figure before it writes its text, and at 20× the
   * shipped data the renders end ~1 s before the text does: two idle workers held their memory through the text's
   * own peak.
   */
  finish(): void {
    this.#finished = true;
    this.#wanted = 0;
    this.#stopIdle();
  }

  #stopIdle(): void {
    if (!this.#finished || this.#queue.length > 0) return;
    const idle = this.#workers.filter((s) => s.posted.length === 0);
    for (const { worker } of idle) worker.terminate();
    this.#workers = this.#workers.filter((s) => s.posted.length > 0);
  }

  #addSpare(): void {
    if (!this.spareAllowed || this.#spareFailed) return;
    if (this.#workers.length > 0 && !this.#workers.some((s) => s.spare)) {
      if (!this.#add(true)) this.#spareFailed = true;
    }
  }

  #add(spare: boolean): boolean {
    try {
      const worker = new Worker(new URL("./render_worker.ts", import.meta.url).href, { type: "module" });
      const slot: Slot = { worker, posted: [], spare };
      worker.onmessage = ({ data }: MessageEvent<RenderReply>) => this.#done(slot, data);
      worker.onerror = (e) => {
        e.preventDefault();
        this.#lose(slot);
      };
      this.#workers.push(slot);
      return true;
    } catch {
      return false;
    }
  }

  /** Worker threads rendering beside the calling thread (0: every figure is rendered on the calling thread). */
  get threads(): number {
    return this.#workers.filter((s) => !s.spare).length;
  }

  /** Figures the spare worker rendered while the calling thread waited ({@link helpUntil}). */
  get renderedBySpare(): number {
    return this.#renderedBySpare;
  }

  /** Figures posted to each worker and not yet answered (in the order the workers started). */
  get posted(): number[] {
    return this.#workers.map((s) => s.posted.length);
  }

  /** The PNG of an SVG, as svgToPng would give it. */
  render(svg: string, opts: { scale?: number; background?: string } = {}): Promise<Uint8Array> {
    this.start();
    if (this.threads === 0) return Promise.resolve().then(() => svgToPng(svg, opts));
    const job = { id: this.#next++, svg, pixels: svgPixels(svg, opts.scale), ...opts };
    const heavy = job.pixels > HEAVY_PIXELS;
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, heavy, resolve, reject });
      this.#pump();
      // The drawing outpaces the renders: the spare will be wanted once this thread waits, so it starts now and its
      // start-up (~0.25 s of a core) does not delay the last PNGs. Not sooner: an idle isolate is ~15 MB.
      if (this.#queue.length >= SPARE_AFTER_QUEUED) this.#addSpare();
    });
  }

  /**
   * Waits for `pending` while a spare worker, started on first need, renders queued figures on the core this
   * thread leaves idle (same {@link svgToPng}, so the same bytes; each figure still resolves its own promise). A
   * worker rather than this thread: resvg's memory is freed only by a garbage collection, cheap on a worker's small
   * heap after each figure, costly on this one's (64 figures rendered on a thread that allocated nothing else grew
   * to 670–820 MB; collecting every ~8 figures at 20× the shipped data cost 7 s). The spare takes no figure once
   * this thread is busy again.
   */
  async helpUntil(pending: Promise<unknown>): Promise<void> {
    if (this.#queue.length > 0) this.#addSpare();
    this.#helping = true;
    try {
      this.#pump();
      await pending.catch(() => {});
    } finally {
      this.#helping = false;
    }
  }

  /** Stops the workers (call when every render has been awaited; again is harmless). */
  close(): void {
    this.#wanted = 0;
    for (const { worker } of this.#workers) worker.terminate();
    this.#workers = [];
    for (const p of this.#queue.splice(0)) this.#here(p);
  }

  /** `using pool = new RenderPool()` closes it when the scope is left, by an error too. */
  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * Hands queued figures to the workers in order: one to each idle worker first, then one more to each per round up
   * to {@link POSTED_PER_WORKER} (the spare takes one at a time, and only while the calling thread waits, so it
   * answers at once). A heavy figure waits for, and holds off, every other.
   */
  #pump(): void {
    for (let depth = 1; depth <= POSTED_PER_WORKER; depth++) {
      for (const slot of this.#workers) {
        if (slot.posted.length >= depth || (slot.spare && (!this.#helping || depth > 1))) continue;
        if (!this.#nextMayStart()) return;
        const p = this.#queue.shift()!;
        slot.posted.push(p);
        slot.worker.postMessage(p.job);
      }
    }
  }

  /** Whether the oldest queued figure may be posted now: no heavy figure posted, and a heavy one only alone. */
  #nextMayStart(): boolean {
    if (this.#queue.length === 0) return false;
    const posted = this.#workers.flatMap((s) => s.posted);
    return !posted.some((p) => p.heavy) && !(this.#queue[0].heavy && posted.length > 0);
  }

  #done(slot: Slot, reply: RenderReply): void {
    const p = slot.posted.shift()!; // a worker answers its figures in the order they were posted
    if (slot.spare) this.#renderedBySpare++;
    if ("png" in reply) p.resolve(reply.png);
    else p.reject(new Error(reply.error));
    this.#pump();
    this.#stopIdle();
  }

  /** A worker that failed to start or died: its figure and the queue go on without it. */
  #lose(slot: Slot): void {
    slot.worker.terminate();
    this.#workers = this.#workers.filter((s) => s !== slot);
    if (slot.spare) this.#spareFailed = true;
    for (const p of slot.posted.splice(0)) this.#here(p);
    if (this.threads === 0) { for (const p of this.#queue.splice(0)) this.#here(p); }
    else this.#pump();
    this.#stopIdle();
  }

  #here(p: Pending): void {
    try {
      p.resolve(svgToPng(p.job.svg, p.job));
    } catch (e) {
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}
