/**
 * The report command (tools/report.ts, with this process's arguments) that prints its own peak resident
 * memory as it exits: `peak-rss-kb N` on stderr (getrusage's maxrss: the process, worker threads included).
 * For peak_memory_test.ts; needs no permission beyond the report's own.
 */
import process from "node:process";

globalThis.addEventListener("unload", () => console.error(`peak-rss-kb ${process.resourceUsage().maxRSS}`));
await import("../../tools/report.ts");
