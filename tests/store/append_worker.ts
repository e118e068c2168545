/** A separate process that appends one folder to a store (the concurrent-append test runs two at once). */
import { addToStore } from "../../lib/analysis/store.ts";

const [folder, store, batch] = Deno.args;
console.log(JSON.stringify(await addToStore(folder, store, { batch })));
