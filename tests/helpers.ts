/** Paths and small helpers shared by the tests. */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Measurement } from "../lib/model.ts";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const FIXTURES = join(ROOT, "tests/fixtures");
/** The shared corpus beside the checkout (main) or beside the worktrees' folder (wt/NAME). */
export const CORPUS =
  [join(ROOT, "../shared/corpus"), join(ROOT, "../../shared/corpus")].find((dir) =>
    exists(join(dir, "MANIFEST.tsv"))
  ) ?? join(ROOT, "../shared/corpus");
export const DATA = join(ROOT, "data");

/** True when the shared corpus is present; tests that need it skip with a message otherwise. */
export const HAVE_CORPUS = exists(join(CORPUS, "MANIFEST.tsv"));
export const HAVE_DATA = exists(join(DATA, "disk"));

export function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

export function skipNote(what: string): void {
  console.log(`skipped: ${what} not present`);
}

/** Asserts nothing in a JSON-able value is NaN or ±Infinity (they would stringify to null silently). */
export function findNonFinite(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => findNonFinite(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => findNonFinite(v, `${path}.${k}`));
  }
  return [];
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = "vb-test-"): string {
  return Deno.makeTempDirSync({ prefix });
}

/** sha256 of every file under a folder (path → hash): to show a run left its inputs byte-identical. */
export async function checksums(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const e of [...Deno.readDirSync(d)].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (e.isSymlink) out[p] = `link to ${Deno.readLinkSync(p)}`;
      else {out[p] = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", Deno.readFileSync(p))))
          .map((b) => b.toString(16).padStart(2, "0")).join("");}
    }
  };
  await walk(dir);
  return out;
}

/** (labelled synthetic) One run's fio read IOPS mean, for tests of the statistics and the verdict rule. */
export function syntheticIops(driver: string, rep: number, workload: string, value: number): Measurement {
  return {
    source: `synthetic/${driver}/${workload}/${rep}`,
    factors: { driver, rep: String(rep), workload },
    tool: "fio",
    toolVersion: "",
    format: "fio-json",
    job: workload,
    direction: "read",
    metric: "iops",
    stat: "mean",
    value,
    unit: "IO/s",
  };
}
