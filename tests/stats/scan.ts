/**
 * NaN/Infinity detector for results: JSON-stringify the value and scan. `JSON.stringify` silently
 * writes NaN and ±Infinity as `null`, so a replacer records every non-finite number (with its path)
 * on the way; the text is then scanned for "NaN"/"Infinity" leaking into the words (prose may say "undefined").
 */
export function nonFinitePaths(value: unknown): string[] {
  const found: string[] = [];
  const paths = new Map<object, string>();
  const text = JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const parent = paths.get(this as object) ?? "$";
    const path = key === "" ? "$" : Array.isArray(this) ? `${parent}[${key}]` : `${parent}.${key}`;
    if (typeof v === "number" && !Number.isFinite(v)) found.push(`${path} = ${v}`);
    if (v !== null && typeof v === "object") paths.set(v, path);
    return v;
  }) ?? "";
  for (const word of ["NaN", "Infinity"]) {
    for (const m of text.matchAll(new RegExp(`[^"]{0,30}\\b${word}\\b[^"]{0,30}`, "g"))) {
      found.push(`text: …${m[0]}…`);
    }
  }
  return found;
}
