/**
 * The benchmarks' command lines, read like the report's: an unknown option or a missing value is one sentence and
 * exit 2, never a stack trace (node:util parseArgs throws a TypeError with its frames).
 * @module
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export function benchArgs<T extends ParseArgsConfig>(
  name: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    console.error(`${name}: ${err instanceof Error ? err.message : String(err)}; see ./vb bench --help.`);
    Deno.exit(2);
  }
}

/** A comma-separated `--only` list, each item one of `known`; otherwise one sentence and exit 2. */
export function onlyIds(
  name: string,
  text: string | undefined,
  known: readonly string[],
): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length || ids.length === 0) {
    console.error(`${name}: unknown --only ${JSON.stringify(text)}; expected some of ${known.join(", ")}.`);
    Deno.exit(2);
  }
  return ids;
}
