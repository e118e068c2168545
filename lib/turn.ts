/**
 * One turn of the event loop, for a thread that works synchronously and must now and then take in what other
 * threads posted to it (a worker's results arrive as messages, read only between tasks).
 * @module
 */

/**
 * Resolves after one turn of the event loop, by a timer: ~2 ms of this thread's time that other threads may use.
 * Not a message to itself on a `MessageChannel` (~0.05 ms): in the report, whose main thread awaits nothing else
 * while it draws, that turn did not read the render worker's replies, which waited until the drawing ended.
 *
 * @example
 * ```ts
 * import { nextTurn } from "./turn.ts";
 * await nextTurn(); // a worker's posted replies are handled before this line goes on
 * ```
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
