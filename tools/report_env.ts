/**
 * Imported first by tools/report.ts, before any library: dependencies see an empty `process.env`.
 * The report reads no environment variable, but @stdlib's gammaincinv pulls in the `debug` package,
 * which lists the names of every variable (`Object.keys(process.env)`) on load; with this, the
 * report runs without any --allow-env at all (see tools/report.sh).
 * @module
 */
import process from "node:process";

Object.defineProperty(process, "env", { value: {}, configurable: true, enumerable: true, writable: false });
