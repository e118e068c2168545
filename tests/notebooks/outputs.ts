/** Reading executed notebooks' outputs in a comparable form. */
type MultiLine = string | string[];
interface Output {
  output_type: string;
  name?: string;
  text?: MultiLine;
  data?: Record<string, MultiLine>;
  ename?: string;
  evalue?: string;
}
interface Notebook {
  cells: { cell_type: string; source: MultiLine; outputs?: Output[] }[];
}

export const joined = (s: MultiLine | undefined) => (Array.isArray(s) ? s.join("") : s ?? "");

/** Per code cell: its outputs as strings (stream text, or every MIME type's data), in order. */
export function cellOutputs(path: string): string[][] {
  const nb: Notebook = JSON.parse(Deno.readTextFileSync(path));
  return nb.cells.filter((c) => c.cell_type === "code").map((c) =>
    (c.outputs ?? []).map((o) =>
      o.output_type === "stream"
        ? `${o.name}: ${joined(o.text)}`
        : o.output_type === "error"
        ? `error: ${o.ename}: ${o.evalue}`
        : Object.keys(o.data ?? {}).sort().map((k) => `${k}: ${joined(o.data![k])}`).join("\n")
    )
  );
}

export function runExecutor(args: string[]): Promise<Deno.CommandOutput> {
  return new Deno.Command("/usr/bin/python3", { args, stdout: "piped", stderr: "piped" }).output();
}
