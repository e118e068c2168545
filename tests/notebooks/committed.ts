/** What a committed notebook may hold: its parameters at their defaults, no path of the machine it ran on. */
import { REPORT_PARAMS } from "../../lib/params.ts";
import type { Cell } from "../../tools/notebook/percent.ts";

/** The shipped folders, as the notebooks (run from notebooks/) name them; "" = not given. */
export const SHIPPED_PATHS: Record<string, string> = { data: "../data", out: "../out", store: "../store" };

/**
 * Why a notebook's parameters cell is not at its defaults (empty when it is): every value a plain string
 * literal, the report's parameters at their defaults, paths only the shipped folders.
 */
export function parameterProblems(cells: Cell[]): string[] {
  const tagged = cells.filter((c) => c.tags.includes("parameters"));
  if (tagged.length !== 1) return [`${tagged.length} cells are tagged "parameters" (expected one)`];
  const call = /notebookParams\(\{([\s\S]*?)\}\)/.exec(tagged[0].source);
  if (!call) return ["the parameters cell does not call notebookParams({ … })"];
  const entries = [...call[1].matchAll(/(\w+):\s*"([^"\\]*)"\s*,?/g)];
  const rest = call[1].replace(/(\w+):\s*"([^"\\]*)"\s*,?/g, "").trim();
  const problems = rest ? [`not a plain "key: string" default: ${rest.split("\n")[0]}`] : [];
  const reportDefaults: Record<string, string> = REPORT_PARAMS;
  for (const [, key, value] of entries) {
    if (key in reportDefaults && value !== reportDefaults[key]) {
      problems.push(`${key} is "${value}", its default is "${reportDefaults[key]}"`);
    } else if (key in SHIPPED_PATHS && value !== SHIPPED_PATHS[key] && value !== "") {
      problems.push(`${key} is "${value}", not the shipped "${SHIPPED_PATHS[key]}"`);
    } else if (!(key in SHIPPED_PATHS) && /[/\\~]/.test(value)) {
      problems.push(
        `${key} is "${value}": a path; the shipped ones are ${Object.values(SHIPPED_PATHS).join(", ")}`,
      );
    }
  }
  return problems;
}

/**
 * Machine paths in a notebook's text (sources and every text output; picture data left out, as base64 can spell
 * anything): /work, /root, /home, /tmp, /Users, file:// URLs and the checkout's own folder.
 */
export function machinePaths(text: string, root: string): string[] {
  const words = text.replace(/"image\/png":\s*(?:"[^"]*"|\[[^\]]*\])/g, '"image/png": ""')
    .replace(/data:[\w/+.-]+;base64,[A-Za-z0-9+/=\\n" ,]+/g, "");
  const found = [
    ...words.matchAll(/(?<![\w.~/-])(?:\/(?:work|root|home|tmp|Users)(?![\w.-])|file:\/\/)\S{0,40}/g),
  ]
    .map((m) => m[0]);
  const checkout = root.replace(/\/$/, "");
  if (words.includes(checkout)) found.push(checkout);
  return found;
}
