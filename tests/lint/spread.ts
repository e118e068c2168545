/**
 * Finds spreads into call arguments (`f(...xs)`, `Math.max(...xs)`, `a.push(...xs)`) in TypeScript source.
 * Each spread element becomes one argument on the stack, so a data-sized array throws "Maximum call stack
 * size exceeded"; lib/arrays.ts has the loop versions. Spreads in array/object literals and rest parameters
 * (`function f(...xs: T[])`, `(...xs) =>`) are fine and not reported. A small scanner, not a parser: it knows
 * comments, strings, template literals (with `${}` code inside) and regular-expression literals.
 */

export interface Spread {
  line: number;
  text: string;
}

interface Open {
  ch: string;
  at: number;
  call: boolean;
  spreads: number[];
}

const CLOSE: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
/** After these, a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = /[(,=:[!&|?{};+\-*%<>~^]|^$|\b(return|typeof|case|of|in)$/;

export function callSpreads(source: string): Spread[] {
  const found: number[] = [];
  const stack: Open[] = [];
  /** Depth of `${` openings inside template literals, so the matching `}` resumes the template. */
  const templates: number[] = [];
  let i = 0;
  const prevSignificant = (from: number): string => {
    let j = from - 1;
    while (j >= 0 && /\s/.test(source[j])) j--;
    const m = source.slice(Math.max(0, j - 10), j + 1).match(/(\w+|\S)$/);
    return m ? m[1] : "";
  };
  const skipString = (quote: string) => {
    i++;
    while (i < source.length && source[i] !== quote) i += source[i] === "\\" ? 2 : 1;
    i++;
  };
  const skipTemplate = () => {
    // i is just after a backtick or after the `}` closing a `${`.
    while (i < source.length) {
      if (source[i] === "\\") i += 2;
      else if (source[i] === "`") return void i++;
      else if (source[i] === "$" && source[i + 1] === "{") {
        templates.push(stack.length);
        stack.push({ ch: "{", at: i + 1, call: false, spreads: [] });
        i += 2;
        return;
      } else i++;
    }
  };
  while (i < source.length) {
    const c = source[i];
    if (c === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (c === '"' || c === "'") skipString(c);
    else if (c === "`") {
      i++;
      skipTemplate();
    } else if (c === "/" && BEFORE_REGEX.test(prevSignificant(i))) {
      i++;
      let inClass = false;
      while (i < source.length && (inClass || source[i] !== "/") && source[i] !== "\n") {
        if (source[i] === "\\") i++;
        else if (source[i] === "[") inClass = true;
        else if (source[i] === "]") inClass = false;
        i++;
      }
      i++;
    } else if (c === "(" || c === "[" || c === "{") {
      const before = prevSignificant(i);
      const call = c === "(" && /^([\w$]+|[)\]>])$/.test(before) &&
        !/^(if|while|for|switch|catch|return|typeof|await|of|in)$/.test(before);
      stack.push({ ch: c, at: i, call, spreads: [] });
      i++;
    } else if (c === ")" || c === "]" || c === "}") {
      const open = stack.pop();
      i++;
      if (c === "}" && templates.length && templates[templates.length - 1] === stack.length) {
        templates.pop();
        skipTemplate();
        continue;
      }
      if (open && open.ch === CLOSE[c] && open.call && open.spreads.length) {
        const after = source.slice(i).match(/^\s*(=>|[{:])/);
        if (!after) { for (const at of open.spreads) found.push(at); }
      }
    } else if (c === "." && source.startsWith("...", i)) {
      const top = stack[stack.length - 1];
      if (top?.ch === "(") top.spreads.push(i);
      i += 3;
    } else i++;
  }
  // A function's own rest parameter passed on (`(...args: P) => f(...args)`) holds what its caller wrote
  // out as arguments, so it is as short as a call: not data-sized.
  const passedOn = (at: number) => {
    const name = /^\.\.\.([\w$]+)\s*\)/.exec(source.slice(at))?.[1];
    // Declared as a rest parameter: typed (`...args: P`) or an arrow's only parameter (`(...args) =>`).
    return name !== undefined &&
      new RegExp(`\\.\\.\\.${name}\\s*:|\\(\\s*\\.\\.\\.${name}\\s*\\)\\s*=>`).test(source);
  };
  return found.filter((at) => !passedOn(at)).sort((a, b) => a - b).map((at) => {
    const line = source.slice(0, at).split("\n").length;
    return { line, text: source.split("\n")[line - 1].trim() };
  });
}
