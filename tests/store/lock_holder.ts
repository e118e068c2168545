/** A separate process that takes a store's lock and keeps it until killed (the lock tests kill it with -9). */
import { withLock } from "../../lib/store/lock.ts";

const [store] = Deno.args;
await Deno.mkdir(store, { recursive: true });
await withLock(store, async () => {
  console.log("held");
  await new Promise(() => setInterval(() => {}, 60_000)); // until killed
});
