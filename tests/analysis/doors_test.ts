/**
 * Door equivalence: the same request through every door — the one-folder report, the two-folder before/after
 * report, `--store S --against B`, and a notebook's parameters — gives the same comparisons (rows, ratios,
 * intervals, verdicts) over a grid of options (layout, by, baseline/candidate, adjust, min-change). Each drop
 * issue 26 found (an option lost on one door) fails it.
 *
 * The runs are real (tests/fixtures/layouts/flat: fio 3.33, psync and libaio, 5 runs each, names
 * `<engine>-run<N>.json`), laid out two ways: `side=libaio/` and `side=psync/` under one folder (one-folder door;
 * a notebook reads the same folder), and the two engines' folders on their own (before/after and the store),
 * whose side factor is `run`. (A `run=` folder would be read as the repetition, `run` being one of its names.)
 * "Compare the sides" is `--by side` in one folder and `--by run` with two sides; the rows agree on everything
 * but that name.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { analyse } from "../../lib/analysis/request.ts";
import { addToStore } from "../../lib/analysis/store.ts";
import { analysisOptions, notebookParams } from "../../lib/params.ts";
import { comparisonTable } from "../../lib/present/tables.ts";
import { type ReportOptions, runReport } from "../../lib/report/run.ts";
import { FIXTURES, tempDir } from "../helpers.ts";

type Row = Record<string, unknown>;

/** What a comparison is, as every door must give it (the rest of results.csv follows from these). */
const COLUMNS = [
  "workload",
  "metric",
  "stat",
  "direction",
  "by",
  "baseline",
  "candidate",
  "n_baseline",
  "n_candidate",
  "ratio",
  "ratio_lo",
  "ratio_hi",
  "ratio_level",
  "family",
  "adjust",
  "min_change",
  "p_adjusted",
  "verdict",
];

/**
 * The rows as comparable keys, without the compared factor's name: one folder compares `side` (or, left to
 * itself, ioengine, which varies with it), two sides compare `run` — the same values, libaio and psync.
 */
function key(rows: Row[]): string[] {
  return rows.map((r) => JSON.stringify(COLUMNS.filter((c) => c !== "by").map((c) => r[c] ?? null))).sort();
}

/** The runs of one engine under `dest`, renamed nowhere. */
function copyEngine(engine: string, dest: string): void {
  Deno.mkdirSync(dest, { recursive: true });
  for (const e of Deno.readDirSync(join(FIXTURES, "layouts/flat"))) {
    if (e.name.startsWith(`${engine}-`)) {
      Deno.copyFileSync(join(FIXTURES, "layouts/flat", e.name), join(dest, e.name));
    }
  }
}

interface Case {
  layout: string;
  /** "sides": name the compared factor (`side` in one folder, `run` with two sides); "": leave it to the data. */
  by: "" | "sides";
  baseline: string;
  candidate: string;
  adjust: "holm" | "bh" | "none";
  minChange: string;
}

/** A covering grid: every value of every option at least once, and the pairs that broke before. */
const GRID: Case[] = [
  { layout: "", by: "", baseline: "", candidate: "", adjust: "holm", minChange: "0" },
  {
    layout: "{config}-run{rep}.json",
    by: "sides",
    baseline: "",
    candidate: "",
    adjust: "none",
    minChange: "50%",
  },
  {
    layout: "{name}-run{rep}.json",
    by: "",
    baseline: "libaio",
    candidate: "",
    adjust: "bh",
    minChange: "5%",
  },
  { layout: "", by: "sides", baseline: "psync", candidate: "libaio", adjust: "none", minChange: "0" },
  {
    layout: "{config}-run{rep}",
    by: "",
    baseline: "libaio",
    candidate: "psync",
    adjust: "holm",
    minChange: "5%",
  },
];

function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  for (const [k, v] of Object.entries(vars)) Deno.env.set(k, v);
  return fn().finally(() => {
    for (const k of Object.keys(vars)) Deno.env.delete(k);
  });
}

Deno.test("doors: one folder, before/after, --store --against and notebook parameters give the same comparisons", async () => {
  const root = tempDir("vb-doors-");
  const one = join(root, "one");
  copyEngine("psync", join(one, "side=psync"));
  copyEngine("libaio", join(one, "side=libaio"));
  const psync = join(root, "psync"), libaio = join(root, "libaio");
  copyEngine("psync", psync);
  copyEngine("libaio", libaio);

  const report = async (opts: Partial<ReportOptions> & { data: string[] }): Promise<Row[]> => {
    const out = join(root, "out");
    await runReport({ out, formats: ["json"], check: false, quiet: true, progress: false, ...opts });
    return JSON.parse(Deno.readTextFileSync(join(out, "results.json")));
  };

  for (const [i, c] of GRID.entries()) {
    const label = JSON.stringify(c);
    const params = notebookParams({ data: one, out: root });
    const oneBy = c.by ? "side" : "";
    const env = {
      VB_PARAM_LAYOUT: c.layout,
      VB_PARAM_BY: oneBy,
      VB_PARAM_BASELINE: c.baseline,
      VB_PARAM_CANDIDATE: c.candidate,
      VB_PARAM_ADJUST: c.adjust,
      VB_PARAM_MIN_CHANGE: c.minChange,
    };
    // The notebook door: parameters from the environment, through the same option table.
    const notebook = await withEnv(env, async () => {
      const p = notebookParams({ data: one, out: root });
      return JSON.parse(
        JSON.stringify(
          comparisonTable((await analyse(p.data, { tool: "fio", ...analysisOptions(p) })).comparisons),
        ),
      );
    });
    const opts = analysisOptions({
      ...params,
      layout: c.layout,
      by: c.by ? "run" : "",
      baseline: c.baseline,
      candidate: c.candidate,
      adjust: c.adjust,
      min_change: c.minChange,
    });
    const oneFolder = await report({ data: [one], ...opts, by: oneBy || undefined });
    // Sides in the order one folder sorts them (libaio first), so the default baseline is the same everywhere.
    const twoFolders = await report({ data: [libaio, psync], ...opts });
    const store = join(root, `store-${i}`);
    // The stored side is read with the same layout; the folder compared against it is the other engine.
    await addToStore(libaio, store, { batch: "libaio", layout: c.layout || undefined });
    const against = await report({ data: [psync], store, against: "libaio", noAppend: true, ...opts });

    const expected = key(oneFolder);
    assert.ok(oneFolder.length >= 4, `${label}: ${oneFolder.length} comparisons`);
    assert.ok(oneFolder.every((r) => r.by === (oneBy || "ioengine") && r.adjust === c.adjust), label);
    assert.ok([...twoFolders, ...against].every((r) => r.by === "run"), label);
    assert.ok(
      oneFolder.every((r) => r.min_change === (c.minChange === "0" ? 0 : parseFloat(c.minChange) / 100)),
    );
    assert.deepEqual(key(notebook), expected, `notebook parameters ${label}`);
    assert.deepEqual(key(twoFolders), expected, `before/after ${label}`);
    assert.deepEqual(key(against), expected, `--store --against ${label}`);
  }
  Deno.removeSync(root, { recursive: true });
});
