/**
 * One option table (lib/analysis/options.ts) and its doors: the CLI's flags and --help, the notebook parameters,
 * experiment.json's keys, tools/report.sh's list of options that take a value, and README's option table.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  ANALYSIS_OPTIONS,
  OptionError,
  OPTIONS,
  optionsHelp,
  optionsMarkdown,
  VALUE_FLAGS,
} from "../../lib/analysis/options.ts";
import { analysisOptions, ParamError, REPORT_PARAMS } from "../../lib/params.ts";
import { FIXTURES, ROOT, tempDir } from "../helpers.ts";
import { report } from "../report/run.ts";
import { analyse } from "../../lib/analysis/request.ts";

Deno.test("options: tools/report.sh skips the value of exactly the table's options that take one", () => {
  const sh = Deno.readTextFileSync(join(ROOT, "tools/report.sh"));
  const listed = sh.match(/^VALUE_OPTIONS="([^"]+)"/m)![1].split("|").sort();
  assert.ok(VALUE_FLAGS.length >= 10);
  assert.deepEqual(listed, [...VALUE_FLAGS].sort());
});

Deno.test("options: README's option table is the table's own (regenerate it from optionsMarkdown())", () => {
  const readme = Deno.readTextFileSync(join(ROOT, "README.md"));
  const m = readme.match(/<!-- options:begin -->\n([\s\S]*?)\n<!-- options:end -->/);
  assert.ok(m, "README has the option table between its markers");
  assert.equal(m[1], optionsMarkdown());
});

Deno.test("options: --help lists every flag, and the notebook parameters are the analysis and figure options", async () => {
  const help = await report("--help");
  assert.equal(help.code, 0);
  for (const o of OPTIONS) assert.ok(help.stdout.includes(`  --${o.flag}`), o.flag);
  assert.ok(help.stdout.includes(optionsHelp()));
  // Each flag stands apart from its text: "--figure-formats LISTfigure files" once ran together.
  for (const o of OPTIONS) {
    const head = `  --${o.flag}${o.metavar ? ` ${o.metavar}` : ""}`;
    const line = optionsHelp().split("\n").find((l) => l.startsWith(`${head} `) || l === head)!;
    assert.ok(line === head || line.startsWith(`${head}  `), line);
  }
  assert.deepEqual(Object.keys(REPORT_PARAMS), OPTIONS.filter((o) => o.param).map((o) => o.param));
  assert.deepEqual(ANALYSIS_OPTIONS.map((o) => o.param), [
    "by",
    "baseline",
    "candidate",
    "label",
    "layout",
    "adjust",
    "min_change",
  ]);
  assert.deepEqual(Object.keys(REPORT_PARAMS).slice(7), ["figure_formats", "figure_width", "no_titles"]);
});

Deno.test("options: an invalid value gives the same sentence from the CLI (exit 2) and a notebook (ParamError)", async () => {
  const data = join(FIXTURES, "layouts/flat");
  const out = join(tempDir("vb-options-"), "out");
  const cases: [string, string, string][] = [
    ["adjust", "adjust", "bonferroni"],
    ["min-change", "min_change", "lots"],
    ["min-change", "min_change", "-5%"],
    ["layout", "layout", "{con fig}.json"],
  ];
  for (const [flag, param, value] of cases) {
    const cli = await report(data, `--${flag}=${value}`, "--out", out);
    assert.equal(cli.code, 2, cli.stderr);
    let sentence = "";
    assert.throws(() => analysisOptions({ ...REPORT_PARAMS, [param]: value }), (err: Error) => {
      assert.ok(err instanceof ParamError && err instanceof OptionError);
      sentence = err.message;
      return true;
    });
    assert.match(sentence, new RegExp(`^Invalid --${flag} \\(notebook parameter ${param}\\) `));
    assert.equal(cli.stderr, `report: ${sentence}\nRun with --help for usage.\n`);
  }
});

Deno.test("options: experiment.json's values get the option's own check, one sentence naming the file and key", async () => {
  const dir = tempDir("vb-options-exp-");
  for (const e of Deno.readDirSync(join(FIXTURES, "layouts/flat"))) {
    Deno.copyFileSync(join(FIXTURES, "layouts/flat", e.name), join(dir, e.name));
  }
  Deno.writeTextFileSync(join(dir, "experiment.json"), JSON.stringify({ layout: "out.json" }));
  const cli = await report(dir, "--out", join(tempDir("vb-options-"), "out"));
  assert.equal(cli.code, 3);
  const sentence = `${join(dir, "experiment.json")}, $.layout: found "out.json", expected what --layout ` +
    `(notebook parameter layout) accepts. The layout template "out.json" has no placeholder; use e.g. ` +
    `'{config}-run{rep}.json'.`;
  assert.equal(cli.stderr, `report: ${sentence}\n`);
  await assert.rejects(analyse(dir), (err: Error) => err.message === sentence);
});
