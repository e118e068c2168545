/**
 * Bytes → text for the parsers. Windows tools (PowerShell's `>` and `Out-File` before PowerShell 6) write UTF-16
 * with a byte-order mark; read as UTF-8 that is "��{" and an unknown format. The mark (or, without one, a NUL after
 * every ASCII character) says which; everything else is UTF-8, whose own mark is dropped.
 * @module
 */
export type Encoding = "utf-8" | "utf-16le" | "utf-16be";

export function encodingOf(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) {
    return "utf-16le";
  }
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) {
    return "utf-16be";
  }
  return "utf-8";
}

export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder(encodingOf(bytes)).decode(bytes);
}

/**
 * Where each run of a line-oriented text ends, when several were appended to one file (lib/ingest/appended.ts): the
 * offset of every line that `startsRun` says begins the next run, then the text's length. `startsRun` sees each line
 * (with its newline) in order, so it may remember what it saw.
 */
export function runEndsByLine(text: string, startsRun: (line: string) => boolean): number[] {
  const ends: number[] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline + 1;
    if (startsRun(text.slice(start, end))) ends.push(start);
    start = end;
  }
  ends.push(text.length);
  return ends;
}

/** Where each run ends when every run begins with a line that `begins` says (the first run's is no end). */
export function runEndsAtEach(text: string, begins: (line: string) => boolean): number[] {
  let seen = false;
  return runEndsByLine(text, (line) => {
    if (!begins(line)) return false;
    const again = seen;
    seen = true;
    return again;
  });
}
