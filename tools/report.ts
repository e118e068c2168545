/**
 * `./vb report`: the notebooks' analysis without Jupyter, for CI pipelines and before/after checks.
 * Run through tools/report.sh, which grants only the permissions it needs.
 *
 * This file starts the workers that will parse the data before it loads the rest of the command
 * (tools/report_main.ts): their start-up then runs on the other cores while this thread loads its modules
 * (~0.2 s on the benchmarks' machine kind), instead of after.
 * @module
 */
import "./report_env.ts"; // first: before any dependency looks at the environment
import { startReaders } from "../lib/analysis/readers.ts";

// Not for the help, nor for the store's history alone (`--changes` without a folder); a folder of a few files
// is read on this thread, and the report stops the workers once the request is read (lib/report/run.ts).
const args = Deno.args;
if (!args.some((a) => a === "-h" || a === "--help") && !args.includes("--changes")) startReaders();
await import("./report_main.ts");
