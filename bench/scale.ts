/**
 * Scale benchmark (issue 19): the report command on (a) 20× the shipped data under `host=` folders and
 * (b) 1 000 json+ runs per side, timed with /usr/bin/time -v (wall time, peak RSS of the whole command).
 * Both data sets are replicated real runs, labelled so in their folder names and in a REPLICATED.md:
 *   (a) data/ copied 20 times as host=replica-01 … host=replica-20 (byte-identical copies, each in its
 *       own group, so nothing is counted twice);
 *   (b) the 5 real randread-4k-qd1 json+ runs of ide and virtio-blk cycled to rep=1 … rep=1000, each
 *       copy's "timestamp" raised by its rep number so copies are not byte-identical within a group
 *       (the loader counts a byte-identical copy once).
 * Made once in the cache folder (about 200 MB). Prints one line per data set; targets: < 30 s, < 1 GB.
 *   deno run -A bench/scale.ts [--cache DIR] [--only x20|runs1000]
 * @module
 */
import { benchArgs, onlyIds } from "./args.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const { values } = benchArgs("bench-scale", {
  args: Deno.args,
  options: {
    cache: { type: "string", default: join(Deno.env.get("HOME") ?? "/tmp", ".cache/virtio-bench/scale") },
    only: { type: "string" },
  },
});
const cache = values.cache!;
const only = onlyIds("bench-scale", values.only, ["x20", "runs1000"]);

function copyTree(src: string, dst: string): void {
  Deno.mkdirSync(dst, { recursive: true });
  for (const e of Deno.readDirSync(src)) {
    if (e.isDirectory) copyTree(join(src, e.name), join(dst, e.name));
    else Deno.copyFileSync(join(src, e.name), join(dst, e.name));
  }
}

function makeOnce(dir: string, make: (tmp: string) => void): string {
  try {
    Deno.statSync(join(dir, "REPLICATED.md"));
    return dir;
  } catch { /* not made yet */ }
  const tmp = `${dir}.tmp-${Deno.pid}`;
  try {
    Deno.removeSync(dir, { recursive: true });
  } catch { /* nothing to remove */ }
  make(tmp);
  Deno.renameSync(tmp, dir);
  return dir;
}

function x20(): string {
  return makeOnce(join(cache, "x20"), (tmp) => {
    for (let h = 1; h <= 20; h++) {
      copyTree(join(ROOT, "data"), join(tmp, `host=replica-${String(h).padStart(2, "0")}`));
    }
    Deno.writeTextFileSync(
      join(tmp, "REPLICATED.md"),
      "Replicated real runs: the shipped data/ copied 20 times, one host=replica-NN folder each. Benchmark input only.\n",
    );
  });
}

function runs1000(): string {
  return makeOnce(join(cache, "runs1000"), (tmp) => {
    for (const driver of ["ide", "virtio-blk"]) {
      const real = [1, 2, 3, 4, 5].map((r) =>
        Deno.readTextFileSync(join(ROOT, `data/disk/os=linux/driver=${driver}/rep=${r}/randread-4k-qd1.json`))
      );
      for (let rep = 1; rep <= 1000; rep++) {
        const dir = join(tmp, `disk/os=linux/driver=${driver}/rep=${rep}`);
        Deno.mkdirSync(dir, { recursive: true });
        const text = real[(rep - 1) % 5].replace(
          /"timestamp" : (\d+)/,
          (_m, t) => `"timestamp" : ${Number(t) + rep}`,
        );
        Deno.writeTextFileSync(join(dir, "randread-4k-qd1.json"), text);
      }
    }
    Deno.writeTextFileSync(
      join(tmp, "REPLICATED.md"),
      "Replicated real runs: the 5 real randread-4k-qd1 json+ runs per driver cycled to 1000 reps " +
        '(each copy\'s "timestamp" raised by its rep number). Benchmark input only.\n',
    );
  });
}

function size(dir: string): { files: number; bytes: number } {
  let files = 0, bytes = 0;
  const walk = (d: string) => {
    for (const e of Deno.readDirSync(d)) {
      if (e.isDirectory) walk(join(d, e.name));
      else {
        files++;
        bytes += Deno.statSync(join(d, e.name)).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

async function timed(
  data: string,
): Promise<{ wall: number; cpu: number; rssMB: number; ok: boolean; summary: string }> {
  const out = Deno.makeTempDirSync({ prefix: "vb-scale-out-" });
  const r = await new Deno.Command("/usr/bin/time", {
    args: ["-v", "bash", join(ROOT, "tools/report.sh"), data, "--out", join(out, "report")],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(r.stderr);
  Deno.removeSync(out, { recursive: true });
  const clock = err.match(/Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/);
  const wall = clock ? Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) : NaN;
  const rss = Number(err.match(/Maximum resident set size \(kbytes\): (\d+)/)?.[1] ?? NaN) / 1024;
  const seconds = (what: string) =>
    Number(err.match(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`))?.[1]);
  return {
    wall,
    cpu: seconds("User") + seconds("System"),
    rssMB: rss,
    ok: r.success,
    summary: err.split("\n").find((l) => l.startsWith("report:")) ?? err,
  };
}

const sets = [
  {
    key: "x20",
    label: "20× the shipped data under host= folders (replicated real runs)",
    make: x20,
    target: true,
  },
  {
    key: "runs1000",
    label: "1 000 json+ runs per side (replicated real runs)",
    make: runs1000,
    target: false,
  },
].filter((s) => !only || only.includes(s.key));

for (const set of sets) {
  const data = set.make();
  const { files, bytes } = size(data);
  const t = await timed(data);
  const verdict = t.wall < 30 && t.rssMB < 1024 ? "within" : "over";
  console.log(
    t.ok
      ? `Scale, ${set.label}: ${files} files, ${(bytes / 1e6).toFixed(0)} MB: report in ${
        t.wall.toFixed(1)
      } s ` +
        `(${t.cpu.toFixed(1)} s CPU), peak RSS ${t.rssMB.toFixed(0)} MB` +
        (set.target ? ` (${verdict} the 30 s / 1 GB target).` : ".")
      : `Scale, ${set.label}: the report FAILED: ${t.summary}`,
  );
}
