/**
 * Layout templates: say where the factors are in file and folder names that are not `key=value`, e.g.
 * `--layout '{config}-run{rep}.json'` or `'{date}/{config}/out.json'`. A template matches the last
 * segments of a path (as many as it has), the file name without its extension and fio log suffix.
 * `{name}` takes one path segment's text (shortest match), `*` any text, the rest must match literally.
 * @module
 */
import { pathSegments, stemOf } from "./names.ts";

export interface Layout {
  template: string;
  /** One pattern per template segment, the last one for the file's stem. */
  segments: RegExp[];
  names: string[];
  /** The placeholders of the file name's segment (its stem). */
  stemNames: string[];
}

/** A template that cannot be used; the message is one sentence for the user. */
export class LayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LayoutError";
  }
}

const PLACEHOLDER = /\{([^{}]*)\}|\*/g;
/** Placeholders and folder keys that mean "repetition". */
export const REP_ALIASES = new Set(["rep", "run", "iter", "iteration", "trial", "repetition"]);
/** Layout placeholders that hold a time: the repetition, unless the layout has `{rep}`. */
export const TIME_PLACEHOLDERS = new Set(["date", "time", "timestamp", "datetime"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseLayout(template: string): Layout {
  const parts = template.replace(/^\.?\/+/, "").split("/").filter(Boolean);
  if (parts.length === 0) throw new LayoutError(`The layout template ${JSON.stringify(template)} is empty.`);
  const names: string[] = [];
  const segments = parts.map((part, i) => {
    const text = i === parts.length - 1 ? stemOf(part) : part;
    let source = "";
    let last = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      source += escape(text.slice(last, m.index));
      last = m.index + m[0].length;
      if (m[0] === "*") {
        source += ".*?";
        continue;
      }
      const name = m[1];
      if (!NAME.test(name)) {
        throw new LayoutError(
          `The layout template ${JSON.stringify(template)} has ${JSON.stringify(m[0])}: ` +
            `a placeholder is a name such as {config}, {rep} or {date}.`,
        );
      }
      if (names.includes(name)) {
        throw new LayoutError(`The layout template ${JSON.stringify(template)} names {${name}} twice.`);
      }
      names.push(name);
      source += `(?<${name}>.+?)`;
    }
    source += escape(text.slice(last));
    return new RegExp(`^${source}$`);
  });
  if (names.length === 0) {
    throw new LayoutError(
      `The layout template ${
        JSON.stringify(template)
      } has no placeholder; use e.g. '{config}-run{rep}.json'.`,
    );
  }
  const stemNames = [...stemOf(parts[parts.length - 1]).matchAll(PLACEHOLDER)].map((m) => m[1]).filter(
    Boolean,
  );
  return { template, segments, names, stemNames };
}

/** Placeholder → text for a path relative to the data root, or null when the path does not fit. */
export function matchLayout(layout: Layout, relPath: string): Record<string, string> | null {
  const parts = pathSegments(relPath);
  if (parts.length < layout.segments.length) return null;
  const tail = parts.slice(parts.length - layout.segments.length);
  tail[tail.length - 1] = stemOf(tail[tail.length - 1]);
  const out: Record<string, string> = {};
  for (let i = 0; i < tail.length; i++) {
    const m = tail[i].match(layout.segments[i]);
    if (!m) return null;
    Object.assign(out, m.groups ?? {});
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
