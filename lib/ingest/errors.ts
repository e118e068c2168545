/**
 * Typed ingest errors. Each renders as one readable sentence:
 * file, location (line or JSON path), what was found, what was expected, and a hint.
 * @module
 */

export interface IngestErrorDetails {
  /** File path as the user gave it. */
  file: string;
  /** "line 12", "line 12, field 7" or a JSON path such as "$.jobs[0].read.bw_bytes". */
  location?: string;
  /** What was found, short: `"abc"`, `end of file`, `a negative number (-5)`. */
  found: string;
  /** What was expected, short: `a number of bytes per second`. */
  expected: string;
  /** What the user can do about it: a sentence of its own (start it with a capital unless it opens with a tool name). */
  hint?: string;
}

/** Base class for every error caused by the content of an input file. */
export class IngestError extends Error {
  readonly file: string;
  readonly location?: string;
  readonly found: string;
  readonly expected: string;
  readonly hint?: string;

  constructor(details: IngestErrorDetails) {
    super(formatSentence(details));
    this.name = new.target.name;
    this.stack = `${this.name}: ${this.message}`; // shown to readers (notebooks): the sentence, no frames
    this.file = details.file;
    this.location = details.location;
    this.found = details.found;
    this.expected = details.expected;
    this.hint = details.hint;
  }
}

/** The file's format could not be recognised from its content. */
export class UnknownFormatError extends IngestError {}

/** The file is recognised but malformed (truncated JSON, wrong field count, …). */
export class ParseError extends IngestError {}

/** A value is present but not trustworthy (NaN, negative rate, unknown unit, …). */
export class InvalidValueError extends IngestError {}

/** The tool itself reported a failed run (e.g. an iperf3 `error` key); `partial` keeps what was measured before it. */
export class ToolRunError<T = unknown> extends IngestError {
  readonly partial?: T;
  constructor(details: IngestErrorDetails, partial?: T) {
    super(details);
    this.partial = partial;
  }
}

function formatSentence(d: IngestErrorDetails): string {
  const where = d.location ? `${d.file}, ${d.location}` : d.file;
  const hint = d.hint ? ` ${d.hint.replace(/\.?$/, ".")}` : "";
  return `${where}: found ${d.found}, expected ${d.expected}.${hint}`;
}

/** One readable sentence for any error: ours as they are, others without a stack trace. */
export function describeError(err: unknown): string {
  // The message alone: a class name ("AnalysisError:") means nothing to the reader of a sentence.
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/**
 * A file or folder that could not be read at all (missing, permission denied, a name too long, …):
 * not a content problem, so it is never collected as a warning — the caller stops with one sentence.
 */
export class UnreadableError extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}.`);
    this.name = "UnreadableError";
    this.stack = `${this.name}: ${this.message}`;
    this.path = path;
  }
}

/** The file-system error `err` met at `path` as an {@link UnreadableError}; anything else unchanged. */
export function unreadable(err: unknown, path: string): unknown {
  if (err instanceof UnreadableError) return err;
  const reason = fsReason(err);
  return reason ? new UnreadableError(path, reason) : err;
}

/** A file-system error in words, without Deno's "(os error N): open '/path'" tail; undefined for other errors. */
export function fsReason(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const known: Record<string, string> = {
    NotFound: "no such file or folder",
    PermissionDenied: "permission denied",
    NotADirectory: "a file where a folder was expected",
    NotCapable: "outside what this command was allowed to read or write",
  };
  if (known[err.name]) return known[err.name];
  const os = err.message.match(/^(.*?)\s*\(os error \d+\)/);
  return os ? os[1].replace(/^./, (c) => c.toLowerCase()) : undefined;
}
