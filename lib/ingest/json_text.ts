/**
 * Finds and parses the JSON document inside a tool's output. fio prints notes and warnings before
 * or after its JSON ("note: both iodepth >= 1 and synchronous I/O engine…"), so the document is the
 * first `{` that opens an object, up to its matching `}`; the rest is reported, not parsed.
 * @module
 */
import { InvalidValueError, ParseError } from "./errors.ts";

export interface JsonInText {
  doc: unknown;
  /** 1-based line where the JSON starts. */
  line: number;
  /** Non-blank text before and after the JSON (trimmed), for warnings. */
  before: string;
  after: string;
}

export function parseJsonInText(text: string, file: string, what: string): JsonInText {
  const start = jsonStart(text);
  if (start < 0) {
    throw new ParseError({
      file,
      found: text.trim() === "" ? "an empty file" : `no JSON object (starts with ${quote(text)})`,
      expected: what,
    });
  }
  const end = matchingBrace(text, start);
  if (end < 0) {
    throw new ParseError({
      file,
      location: `line ${lineOf(text, text.length)}`,
      found: `the end of the file inside the JSON object opened at line ${lineOf(text, start)}`,
      expected: `the rest of ${what}`,
      hint: "The run was probably interrupted or the file truncated",
    });
  }
  const body = text.slice(start, end + 1);
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    // fio has written bare nan/inf for undefined statistics; name them instead of a generic syntax error.
    const bad = /:\s*(-?(?:nan|inf(?:inity)?))\b/i.exec(body);
    if (bad) {
      throw new InvalidValueError({
        file,
        location: `line ${lineOf(text, start + bad.index)}`,
        found: `a bare ${bad[1]} (not valid JSON)`,
        expected: "a finite number",
        hint: "The tool could not compute this value; re-run, or drop the file",
      });
    }
    const message = err instanceof Error ? err.message : String(err);
    const pos = Number(message.match(/position (\d+)/)?.[1] ?? NaN);
    throw new ParseError({
      file,
      location: Number.isFinite(pos) ? `line ${lineOf(text, start + pos)}` : undefined,
      found: `invalid JSON (${message.replace(/ in JSON at position.*$/, "")})`,
      expected: what,
    });
  }
  return {
    doc,
    line: lineOf(text, start),
    before: text.slice(0, start).trim(),
    after: text.slice(end + 1).trim(),
  };
}

/**
 * Where the JSON object starts: the first `{` followed by a key (`{ "`), or a `{` alone at the end of a
 * line. Catches documents after notes, and after a `^C` echoed on the same line (seen in iperf3 output).
 */
export function jsonStart(text: string): number {
  const m = FIRST_START.exec(text);
  return m ? m.index : -1;
}
const JSON_START = String.raw`\{\s*("|\}|$)`;
const FIRST_START = new RegExp(JSON_START, "m");

/**
 * Where each JSON document of a text ends (one past its closing `}`): several when runs were appended to one file
 * (`iperf3 -J --logfile` appends; `fio --output-format=json … >> runs.json`). A document that is never closed ends
 * the list: the parser of the text from there says where it broke.
 */
export function jsonDocumentEnds(text: string): number[] {
  const ends: number[] = [];
  const start = new RegExp(JSON_START, "gm");
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const end = matchingBrace(text, m.index);
    if (end < 0) break;
    ends.push(end + 1);
    start.lastIndex = end + 1;
  }
  return ends;
}

/** Index of the `}` closing the object that opens at `start`, honouring strings; -1 if never closed. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (--depth === 0) return i;
    }
  }
  return -1;
}

export function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The warning for text around a tool's JSON document, and its place: nothing is dropped unsaid. Whole documents
 * appended to one file are each read (lib/ingest/appended.ts), so a document that starts after this one never
 * ends: a run cut short.
 */
export function textAroundJson(
  { before, after }: JsonInText,
  text: string,
  tool: string,
): { message: string; location?: string }[] {
  const out: { message: string; location?: string }[] = [];
  if (before) out.push({ message: `ignored text before the ${tool} JSON: ${excerpt(before)}` });
  const start = jsonStart(after);
  if (start >= 0) {
    out.push({
      message:
        "another JSON document starts here and never ends (a run appended to this file and cut short?); " +
        "it was not read",
      location: `line ${lineOf(text, text.lastIndexOf(after) + start)}`,
    });
  } else if (after) out.push({ message: `ignored text after the ${tool} JSON: ${excerpt(after)}` });
  return out;
}

/** The first non-blank line of a text, quoted and cut at 80 characters: what a warning shows of ignored text. */
export function excerpt(text: string): string {
  const line = text.split("\n").find((l) => l.trim()) ?? "";
  return JSON.stringify(line.length > 80 ? line.slice(0, 80) + "…" : line);
}

function quote(text: string): string {
  const head = text.trimStart().slice(0, 40);
  return JSON.stringify(head + (text.trimStart().length > 40 ? "…" : ""));
}
