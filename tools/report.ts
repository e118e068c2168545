/**
 * `./vb report`: the notebooks' analysis without Jupyter, for CI pipelines and before/after checks.
 * Run through tools/report.sh, which grants only the permissions it needs.
 * @module
 */
import "./report_env.ts"; // first: before any dependency looks at the environment
import { parseArgs } from "node:util";
import { describeError, IngestError, UnreadableError } from "../lib/ingest/errors.ts";
import { type ReportOptions, runReport } from "../lib/report/run.ts";
import { OutputError, UsageError } from "../lib/report/output.ts";
import { AnalysisError } from "../lib/analysis/errors.ts";
import type { AdjustMethod } from "../lib/stats/types.ts";
import { ADJUST_METHODS, parseMinChange } from "../lib/stats/verdict.ts";
import { LayoutError, parseLayout } from "../lib/ingest/layout.ts";
import { StoreError } from "../lib/store/errors.ts";

const HELP = `Usage: ./vb report <data-dir> [<new-data-dir>] [options]

Turns a folder of raw fio / iperf3 / iperf 2 output into statistics, figures and a report.
With two folders it compares them like benchstat: the first is "before", the second "after".

Options:
  --out DIR            output folder (default: out/report)
  --by FACTOR          the compared factor (default: from experiment.json, else driver, nic, else the one
                       factor that varies between otherwise identical runs)
  --layout TEMPLATE    where factors sit in names that are not key=value, e.g. '{config}-run{rep}.json' or
                       '{date}/{config}/out.json' (default: from experiment.json, else recognised by itself)
  --baseline VALUE     baseline value of that factor (default: from experiment.json, else first in sorted order)
  --candidate VALUE    compare only this candidate (default: every other value)
  --adjust METHOD      multiplicity adjustment within each family: holm (default), bh or none
  --min-change PCT     smallest change that matters, e.g. 5% (default 0): better/worse only when the
                       verdict's interval clears the band [1/(1+m), 1+m]; inside it reads "equivalent"
  --format LIST        any of md,html,csv,json (default: all four); figures are written with html or md
  --check              a gate: exit 1 if any headline comparison is worse; exit 4 if nothing could be decided
                       (no comparison, every one insufficient, or baseline workloads missing in the candidate)
  --store DIR          append the data folder(s) to the results store DIR (Parquet, queried with DuckDB);
                       files already stored in the batch are skipped
  --batch NAME         the batch to append to (default: the date the folder was collected)
  --against BATCH      compare the data folder with BATCH of the --store, like a before/after pair
  --no-append          with --against: read the store, add nothing to it
  --quiet              no progress and no summary line
  -h, --help           this text

Writes report.md, report.html (self-contained, figures inline), results.csv, results.json, figures/*.svg|png.
Relative paths are taken from the folder the command was run in. The output folder is replaced as a whole
(written beside it as .NAME.report-new, then renamed), so it must be new, empty or a previous report's, and
never the data folder or inside it.

Exit codes:
  0  done
  1  --check found a regression: a headline comparison is worse
  2  usage error: unknown option or format, a refused --out, a path with a comma (Deno's permission
     flags cannot express it)
  3  bad input data: a data folder or file that cannot be read (missing, permission denied), a
     malformed file, nothing to analyse
  4  --check could not decide: nothing was compared, every headline comparison is insufficient, or
     baseline workloads have no counterpart in the candidate (listed by name)
  5  the output could not be written (disk full, not a folder, permission denied)`;

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
        layout: { type: "string" },
        baseline: { type: "string" },
        candidate: { type: "string" },
        adjust: { type: "string", default: "holm" },
        "min-change": { type: "string", default: "0" },
        format: { type: "string", default: FORMATS.join(",") },
        check: { type: "boolean", default: false },
        store: { type: "string" },
        batch: { type: "string" },
        against: { type: "string" },
        "no-append": { type: "boolean", default: false },
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
  const adjust = values.adjust as AdjustMethod;
  if (!ADJUST_METHODS.includes(adjust)) {
    usage(`unknown --adjust ${values.adjust}; expected one of ${ADJUST_METHODS.join(", ")}`);
  }
  if (values.layout !== undefined) {
    try {
      parseLayout(values.layout);
    } catch (err) {
      if (err instanceof LayoutError) usage(err.message);
      throw err;
    }
  }
  storeUsage(values, positionals.length);
  return {
    store: values.store,
    batch: values.batch,
    against: values.against,
    append: !values["no-append"],
    data: positionals,
    adjust,
    minChange: minChangeOption(values["min-change"]),
    out: values.out,
    by: values.by,
    layout: values.layout,
    baseline: values.baseline,
    candidate: values.candidate,
    formats: formats as ReportOptions["formats"],
    check: values.check,
    quiet: values.quiet,
    progress: !values.quiet && Deno.stderr.isTerminal(),
  };
}

function minChangeOption(text: string): number {
  const value = parseMinChange(text);
  return value ?? usage(`--min-change expects a percentage such as 5% (got "${text}")`);
}

/** The store flags need --store, and one data folder where they name one batch. */
function storeUsage(
  v: { store?: string; batch?: string; against?: string; "no-append": boolean },
  folders: number,
) {
  if (!v.store && (v.batch || v.against || v["no-append"])) {
    usage("--batch, --against and --no-append need --store DIR");
  }
  if (v.against && folders !== 1) {
    usage("--against compares one data folder with a stored batch; give one folder");
  }
  if (v.batch && folders !== 1) usage("--batch names the batch of one data folder; give one folder");
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
    if (!opts.check) return 0;
    const { status, reasons } = result.gate;
    for (const reason of reasons) console.error(`check: ${reason}`);
    if (status === "pass") console.error("check: passed — no headline comparison is worse");
    return status === "regression" ? 1 : status === "undecided" ? 4 : 0;
  } catch (err) {
    const [code, sentence] = classify(err);
    console.error(`report: ${sentence}`);
    return code;
  }
}

/** Exit code and one sentence (never a stack trace) for anything that stopped the report. */
function classify(err: unknown): [number, string] {
  if (err instanceof UsageError) return [2, err.message];
  if (err instanceof OutputError) return [5, err.message];
  if (err instanceof StoreError) return [3, err.message];
  if (err instanceof IngestError || err instanceof UnreadableError || err instanceof AnalysisError) {
    return [3, describeError(err)];
  }
  // Not foreseen: still one sentence, and not the regression code.
  return [3, `could not analyse the data: ${describeError(err)}`];
}

try {
  Deno.exit(await main());
} catch (err) {
  console.error(`report: ${describeError(err)}`);
  Deno.exit(3);
}
