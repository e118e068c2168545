/**
 * The log shapes the benchmark measures, each made here with the real fio (or, for the fio 3.1 layout
 * that today's fio no longer writes, replicated from a real fio 3.1 log of the shared corpus), sized by
 * I/O count — fio `io_size` = I/Os × block size — so every machine parses the same number of lines
 * whatever its speed. The averaged log is sized by its run time instead (30 s of 1 ms windows: about the
 * same number of lines everywhere). Logs are cached: made once per size.
 * @module
 */
import { join } from "node:path";

export interface Shape {
  id: string;
  /** Table heading. */
  title: string;
  /** One sentence: what the log is and how it was made. */
  what: string;
  /** Width of the time bins every tool computes, in ms. */
  binMs: number;
  /** Makes the log in `dir` (a fresh folder) and returns its path; undefined (with why) when it cannot. */
  make(dir: string, ios: number): Promise<{ path?: string; why?: string }>;
}

/** Runs fio with a 64 MiB data file in /dev/shm (tmpfs: the storage is not what is measured). */
async function fio(dir: string, args: string[]): Promise<void> {
  const data = await Deno.makeTempFile({ dir: "/dev/shm", prefix: "vb-bench-" });
  try {
    const out = await new Deno.Command("fio", {
      args: [`--filename=${data}`, "--size=64M", "--bs=4k", "--output=fio.out", ...args],
      cwd: dir,
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(`fio failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  } finally {
    Deno.removeSync(data);
  }
}

function perIO(id: string, title: string, what: string, args: string[]): Shape {
  return {
    id,
    title,
    what,
    binMs: 1000,
    async make(dir, ios) {
      await fio(dir, [
        `--name=${id}`,
        "--rw=randread",
        `--io_size=${ios * 4096}`,
        `--write_lat_log=${id}`,
        ...args,
      ]);
      return { path: join(dir, `${id}_clat.1.log`) };
    },
  };
}

/** The shared corpus beside the checkout or its worktrees folder, or BENCH_CORPUS. */
function corpusFile(root: string, name: string): string | undefined {
  const dirs = [
    Deno.env.get("BENCH_CORPUS"),
    join(root, "../shared/corpus"),
    join(root, "../../shared/corpus"),
  ];
  for (const dir of dirs) {
    try {
      if (dir && Deno.statSync(join(dir, name)).isFile) return join(dir, name);
    } catch { /* try the next */ }
  }
}

export function shapes(root: string): Shape[] {
  const fio31 = "fio-log/fio-3.1-randread-qd16_clat.1.log";
  return [
    perIO(
      "psync",
      "psync randread 4k (small latencies)",
      "fio per-I/O completion-latency log, psync randread 4k on tmpfs, no log_avg_msec",
      ["--ioengine=psync"],
    ),
    perIO(
      "qd16",
      "libaio randread 4k qd16 (larger latencies)",
      "fio per-I/O completion-latency log, libaio randread 4k iodepth 16 on tmpfs",
      ["--ioengine=libaio", "--iodepth=16"],
    ),
    perIO(
      "qd32",
      "libaio randread 4k qd32 (larger latencies)",
      "fio per-I/O completion-latency log, libaio randread 4k iodepth 32 on tmpfs",
      ["--ioengine=libaio", "--iodepth=32"],
    ),
    {
      id: "avg",
      title: "averaged bandwidth log (log_avg_msec=1)",
      what:
        "fio bandwidth log averaged over 1 ms windows (log_avg_msec=1), psync randrw 4k for 30 s on tmpfs; " +
        "fio closes a window at the first I/O after it, so the line count varies a little between machines",
      binMs: 1000,
      async make(dir) {
        await fio(dir, [
          "--name=avg",
          "--rw=randrw",
          "--ioengine=psync",
          "--runtime=30",
          "--time_based",
          "--log_avg_msec=1",
          "--write_bw_log=avg",
        ]);
        return { path: join(dir, "avg_bw.1.log") };
      },
    },
    {
      id: "fio31",
      title: "fio 3.1 layout, 4 columns (replicated)",
      what:
        `REPLICATED: the real fio 3.1 log \`${fio31}\` of the shared corpus (121 lines of 500 ms averages, ` +
        "4 columns, 9-digit latencies) repeated back to back, each copy's times shifted by 60.5 s, to the " +
        "I/O count; it spans weeks, so every tool bins by 60 s",
      binMs: 60_000,
      async make(dir, ios) {
        const source = corpusFile(root, fio31);
        if (!source) return { why: `the shared corpus (${fio31}) is not present; set BENCH_CORPUS=DIR` };
        const lines = Deno.readTextFileSync(source).trim().split("\n").map((l) => l.split(", "));
        const path = join(dir, "fio31-replicated_clat.1.log");
        const out = await Deno.open(path, { write: true, create: true, truncate: true });
        const writer = out.writable.getWriter();
        const encoder = new TextEncoder();
        let text = "";
        for (let i = 0; i < ios; i++) {
          const [t, ...rest] = lines[i % lines.length];
          text += `${Number(t) + Math.floor(i / lines.length) * 60_500}, ${rest.join(", ")}\n`;
          if (text.length > 1 << 20) await writer.write(encoder.encode(text)), text = "";
        }
        await writer.write(encoder.encode(text));
        await writer.close();
        return { path };
      },
    },
  ];
}

/** The shape's cached log, made first if missing (a `done` marker guards against half-made logs). */
export async function cachedLog(shape: Shape, cache: string, ios: number) {
  const dir = join(cache, `${shape.id}-${shape.id === "avg" ? "30s" : ios}`);
  const marker = join(dir, "done");
  try {
    return JSON.parse(Deno.readTextFileSync(marker)) as { path?: string; why?: string };
  } catch { /* not made yet */ }
  try {
    Deno.removeSync(dir, { recursive: true });
  } catch { /* nothing to remove */ }
  Deno.mkdirSync(dir, { recursive: true });
  console.error(`bench: making the ${shape.id} log in ${dir} …`);
  const made = await shape.make(dir, ios);
  if (made.path) Deno.writeTextFileSync(marker, JSON.stringify(made));
  return made;
}
