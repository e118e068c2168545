/**
 * The report command itself (options, exit codes, the one-sentence errors); tools/report.ts starts it.
 * @module
 */
import { parseArgs } from "node:util";
import { type ReportOptions, runReport } from "../lib/report/run.ts";
import { OutputError, UsageError } from "../lib/report/output.ts";
import { describeError, isInputError, isStoreWriteError } from "../lib/analysis/errors.ts";
import { OptionError, OPTIONS, optionsHelp, parseOption } from "../lib/analysis/options.ts";

const HELP = `Usage: ./vb report <data-dir> [<new-data-dir>] [options]
       ./vb report --store DIR --changes [options]

Turns a folder of raw fio / iperf3 / iperf 2 output into statistics, figures and a report.
With two folders it compares them like benchstat: the first is "before", the second "after".

Options:
${optionsHelp()}
  -h, --help           this text

Writes report.md, report.html (self-contained, figures inline), results.csv, results.json, figures/*.svg|png.
Relative paths are taken from the folder the command was run in. The output folder is replaced as a whole
(written beside it as .NAME.report-new, then renamed), so it must be new, empty or a previous report's, and
never the data folder or inside it.

Exit codes:
  0  done
  1  --check found a regression: a headline comparison is worse (with --changes: the latest change
     of a headline metric is worse)
  2  usage error: unknown option or format, a refused --out or --store, a bad --batch name, a path
     with a comma (Deno's permission flags cannot express it)
  3  bad input data: a data folder or file that cannot be read (missing, permission denied), a
     malformed file, nothing to analyse
  4  --check could not decide: nothing was compared, every headline comparison is insufficient, the
     two folders are the same files or share no workload, or baseline workloads have no counterpart in
     the candidate (listed by name); with --changes: no headline metric has enough batches for a
     change point
  5  the output could not be written (disk full, not a folder, permission denied), or the --store
     could not be written (read-only, disk full)`;

function usage(message: string): never {
  console.error(`report: ${message}\nRun with --help for usage.`);
  Deno.exit(2);
}

/** parseArgs' declaration of every option in the table. */
const PARSE_ARGS: Record<string, { type: "string" | "boolean"; short?: string }> = Object.fromEntries([
  ...OPTIONS.map((o) => [o.flag, { type: o.metavar ? "string" : "boolean" }]),
  ["help", { type: "boolean", short: "h" }],
]);

function parse(argv: string[]): ReportOptions | null {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: PARSE_ARGS });
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return null;
  const changesOnly = values.changes === true && positionals.length === 0;
  if (!changesOnly && (positionals.length < 1 || positionals.length > 2)) {
    usage(`expected one data folder, or two to compare; got ${positionals.length}`);
  }
  // Given but empty (--batch ''): never taken as "not given", which would append to another batch.
  for (const flag of ["store", "batch", "against"]) {
    if (values[flag] === "") usage(`--${flag} needs a value; got an empty one`);
  }
  const opts: Record<string, unknown> = {};
  try {
    for (const o of OPTIONS) {
      const given = values[o.flag];
      if (!o.metavar) opts[o.key] = given === true;
      else {
        const value = parseOption(o, typeof given === "string" ? given : o.default);
        if (value !== undefined) opts[o.key] = value;
      }
    }
  } catch (err) {
    if (err instanceof OptionError) usage(err.message);
    throw err;
  }
  storeUsage(opts as Partial<ReportOptions>, positionals.length);
  return {
    ...(opts as Omit<ReportOptions, "data" | "progress">),
    data: positionals,
    progress: !opts.quiet && Deno.stderr.isTerminal(),
  };
}

/** The store flags need --store, and one data folder where they name one batch. */
function storeUsage(v: Partial<ReportOptions>, folders: number) {
  if (!v.store && (v.batch || v.against || v.noAppend)) {
    usage("--batch, --against and --no-append need --store DIR");
  }
  if (v.against && folders !== 1) {
    usage("--against compares one data folder with a stored batch; give one folder");
  }
  if (v.batch && folders !== 1) usage("--batch names the batch of one data folder; give one folder");
  if (v.changes && !v.store) usage("--changes reads a results store: give --store DIR");
  if (v.changes && folders) {
    usage("--changes reports the store's history: give no data folder (add folders first with --store)");
  }
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
  if (err instanceof UsageError || err instanceof OptionError) return [2, err.message];
  if (err instanceof OutputError) return [5, err.message];
  if (isStoreWriteError(err)) return [5, describeError(err)];
  if (isInputError(err)) return [3, describeError(err)];
  // Not foreseen: still one sentence, and not the regression code.
  return [3, `could not analyse the data: ${describeError(err)}`];
}

try {
  Deno.exit(await main());
} catch (err) {
  console.error(`report: ${describeError(err)}`);
  Deno.exit(3);
}
