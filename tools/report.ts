/**
 * `./vb report`: the notebooks' analysis without Jupyter, for CI pipelines and before/after checks.
 * Run through tools/report.sh, which grants only the permissions it needs.
 * @module
 */
import { parseArgs } from "node:util";
import { describeError } from "../lib/ingest/errors.ts";
import { type ReportOptions, runReport } from "../lib/report/run.ts";
import { AnalysisError } from "../lib/analysis/errors.ts";
import { IngestError } from "../lib/ingest/errors.ts";

const HELP = `Usage: ./vb report <data-dir> [<new-data-dir>] [options]

Turns a folder of raw fio / iperf3 / iperf 2 output into statistics, figures and a report.
With two folders it compares them like benchstat: the first is "before", the second "after".

Options:
  --out DIR            output folder (default: out/report)
  --by FACTOR          the compared factor (default: from experiment.json, else driver, nic)
  --baseline VALUE     baseline value of that factor (default: from experiment.json, else first in sorted order)
  --candidate VALUE    compare only this candidate (default: every other value)
  --format LIST        any of md,html,csv,json (default: all four); figures are written with html or md
  --check              exit 1 if any candidate is significantly worse than the baseline
  --quiet              no progress and no summary line
  -h, --help           this text

Writes report.md, report.html (self-contained, figures inline), results.csv, results.json, figures/*.svg|png.
Exit codes: 0 done; 1 --check found a significant regression; 2 usage error; 3 bad input data.`;

const FORMATS = ["md", "html", "csv", "json"] as const;

function usage(message: string): never {
  console.error(`report: ${message}\nRun with --help for usage.`);
  Deno.exit(2);
}

function parse(argv: string[]): ReportOptions | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string", default: "out/report" },
        by: { type: "string" },
        baseline: { type: "string" },
        candidate: { type: "string" },
        format: { type: "string", default: FORMATS.join(",") },
        check: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  if (positionals.length < 1 || positionals.length > 2) {
    usage(`expected one data folder, or two to compare; got ${positionals.length}`);
  }
  const formats = values.format.split(",").map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length) usage(`unknown format ${unknown.join(", ")}; expected some of ${FORMATS.join(", ")}`);
  return {
    data: positionals,
    out: values.out,
    by: values.by,
    baseline: values.baseline,
    candidate: values.candidate,
    formats: formats as ReportOptions["formats"],
    check: values.check,
    quiet: values.quiet,
    progress: !values.quiet && Deno.stderr.isTerminal(),
  };
}

async function main(): Promise<number> {
  const opts = parse(Deno.args);
  if (!opts) {
    console.log(HELP);
    return 0;
  }
  try {
    const result = await runReport(opts);
    if (!opts.quiet) console.error(result.summary);
    return opts.check && result.regressions > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof IngestError || err instanceof AnalysisError || err instanceof Deno.errors.NotFound) {
      console.error(`report: ${describeError(err)}`);
      return 3;
    }
    throw err;
  }
}

Deno.exit(await main());
