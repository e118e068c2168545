/** Running the report command as a user would (tools/report.sh), and scratch copies of the shipped data. */
import { join } from "node:path";
import { DATA, ROOT, tempDir } from "../helpers.ts";

export async function report(...args: string[]) {
  const out = await new Deno.Command("bash", {
    args: [join(ROOT, "tools/report.sh"), ...args],
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

/** Copies the runs of some drivers/reps of the shipped disk data into a fresh folder (same layout). */
export function subset(drivers: string[], reps: number[], rename: Record<string, string> = {}): string {
  const dir = tempDir("vb-subset-");
  for (const d of drivers) {
    for (const r of reps) {
      const src = join(DATA, `disk/os=linux/driver=${d}/rep=${r}`);
      const dst = join(dir, `disk/os=linux/driver=${rename[d] ?? d}/rep=${r}`);
      Deno.mkdirSync(dst, { recursive: true });
      for (const e of Deno.readDirSync(src)) {
        if (e.name.endsWith(".json")) Deno.copyFileSync(join(src, e.name), join(dst, e.name));
      }
    }
  }
  return dir;
}
