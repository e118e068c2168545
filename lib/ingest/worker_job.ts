/**
 * One job on one worker thread, as the parallel readers (fio logs by byte range, a folder's files) run it: the
 * worker claims work from memory it shares with its caller, posts a reply per piece and `{ done: true }` at the end.
 * @module
 */

/**
 * Starts a worker of `url` (or takes `started`, one already started with it), posts it `job` and hands every reply
 * but the last to `onReply`; resolves when the worker says it is done, fails or cannot start (what it claimed and
 * did not post is left for the caller).
 */
export function runWorkerJob<Reply extends object>(
  url: URL,
  job: unknown,
  onReply: (reply: Exclude<Reply, { done: true }>) => void,
  started?: Worker,
): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = started ?? new Worker(url.href, { type: "module" });
    } catch {
      return resolve();
    }
    const stop = () => {
      worker.terminate();
      // A terminated Worker stays reachable inside Deno: its handlers must not keep what they reached alive.
      worker.onmessage = worker.onerror = null;
      resolve();
    };
    worker.onerror = (e) => {
      e.preventDefault();
      stop();
    };
    worker.onmessage = ({ data }: MessageEvent<Reply>) => {
      if ("done" in data) stop();
      else onReply(data as Exclude<Reply, { done: true }>);
    };
    worker.postMessage(job);
  });
}
