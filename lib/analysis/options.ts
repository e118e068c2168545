/**
 * Every option of an analysis request and of the report, declared once. The CLI parser and `--help`
 * (tools/report.ts), the notebook parameters (lib/params.ts), the experiment.json reader (./experiment.ts),
 * the permission wrapper's list of options that take a value (tools/report.sh, checked by a test) and README's
 * option table (checked by a test) all read this table, so adding an option is one entry, and an invalid value
 * gives the same sentence from every door.
 * @module
 */
import type { AdjustMethod } from "../stats/types.ts";
import { ADJUST_METHODS, MIN_CHANGE_RANGE, parseMinChange } from "../stats/verdict.ts";
import { BATCH_NAME_RULE, checkBatchName } from "../store/layout.ts";
import { StoreError } from "../store/errors.ts";
import { LayoutError, parseLayout } from "../ingest/layout.ts";
import { parseLabels } from "./labels.ts";
import { parseFigureWidth } from "../plot/size.ts";
import { FIGURE_FORMATS, type FigureFormat } from "../export/write.ts";

export type { AdjustMethod };

/** An option value that cannot be used: one sentence naming the flag and the notebook parameter. */
export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OptionError";
    this.stack = `${this.name}: ${message}`; // shown to readers: the sentence, no frames
  }
}

/** What a request asks of the analysis, parsed ("" and absent = decided from the data). */
export interface AnalysisOptionValues {
  /** The compared factor. */
  by?: string;
  /** Where factors sit in names that are not `key=value`, e.g. `{config}-run{rep}.json`. */
  layout?: string;
  /** Baseline value of `by`. */
  baseline?: string;
  /** Only this candidate. */
  candidate?: string;
  /** Display names of compared values: "factor=value" or "value" → label. */
  labels?: Record<string, string>;
  /** Multiplicity adjustment within each family. */
  adjust?: AdjustMethod;
  /** Smallest change that matters, as a fraction (0.05 = 5 %). */
  minChange?: number;
}

export const REPORT_FORMATS = ["md", "html", "csv", "json", "tex"] as const;
export type ReportFormat = typeof REPORT_FORMATS[number];

/** One option, as every door spells it. */
export interface OptionSpec {
  /** The parsed value's name (AnalysisOptionValues or the report's options). */
  key: string;
  /** The CLI flag without its dashes. */
  flag: string;
  /** The value's name in --help; absent = a switch without a value. */
  metavar?: string;
  /** The notebook parameter (`--param NAME=…`); absent = report only. */
  param?: string;
  /** The key in experiment.json that declares it for a data set. */
  experimentKey?: string;
  /** The default as text ("" = decided from the data). */
  default: string;
  /** --help's text (continuation lines are indented under it). */
  help: readonly string[];
  /** Text → value; throws an {@link OptionError} sentence. Absent: the text as given ("" = absent). */
  parse?: (text: string) => unknown;
  /** Part of the analysis request (vs how the report writes its output). */
  analysis: boolean;
}

/** "--adjust (notebook parameter adjust)": how every door names an option in a sentence. */
export function optionName(o: OptionSpec): string {
  return o.param ? `--${o.flag} (notebook parameter ${o.param})` : `--${o.flag}`;
}

function invalid(o: OptionSpec, text: string, expected: string): never {
  throw new OptionError(`Invalid ${optionName(o)} ${JSON.stringify(text)}: ${expected}.`);
}

function batchName(o: OptionSpec, text: string): string {
  try {
    return checkBatchName(text);
  } catch (err) {
    if (err instanceof StoreError) invalid(o, text, `use ${BATCH_NAME_RULE}`);
    throw err;
  }
}

const TABLE = [
  {
    key: "out",
    flag: "out",
    metavar: "DIR",
    default: "out/report",
    help: ["output folder (default: out/report)"],
    analysis: false,
  },
  {
    key: "by",
    flag: "by",
    metavar: "FACTOR",
    param: "by",
    experimentKey: "by",
    default: "",
    help: [
      "the compared factor (default: from experiment.json, else driver, nic, else the one",
      "factor that varies between otherwise identical runs; with two folders or --against: run)",
    ],
    analysis: true,
  },
  {
    key: "baseline",
    flag: "baseline",
    metavar: "VALUE",
    param: "baseline",
    experimentKey: "baseline",
    default: "",
    help: ["baseline value of that factor (default: from experiment.json, else first in sorted order)"],
    analysis: true,
  },
  {
    key: "candidate",
    flag: "candidate",
    metavar: "VALUE",
    param: "candidate",
    default: "",
    help: ["compare only this candidate (default: every other value)"],
    analysis: true,
  },
  {
    key: "labels",
    flag: "label",
    metavar: "F=V:NAME,…",
    param: "label",
    default: "",
    help: [
      "show a compared value by a name of yours, e.g. direct=1:direct-io,direct=0:buffered (default: the",
      "file or folder names when they map one-to-one onto the compared factor's values, else the values)",
    ],
    parse(text) {
      if (text === "") return undefined;
      return parseLabels(text) ?? invalid(this, text, "expected FACTOR=VALUE:NAME, comma-separated");
    },
    analysis: true,
  },
  {
    key: "layout",
    flag: "layout",
    metavar: "TEMPLATE",
    param: "layout",
    experimentKey: "layout",
    default: "",
    help: [
      "where factors sit in names that are not key=value, e.g. '{config}-run{rep}.json' or",
      "'{date}/{config}/out.json' (default: from experiment.json, else recognised by itself)",
    ],
    parse(text) {
      if (text === "") return undefined;
      try {
        parseLayout(text);
      } catch (err) {
        if (err instanceof LayoutError) invalid(this, text, err.message.replace(/\.$/, ""));
        throw err;
      }
      return text;
    },
    analysis: true,
  },
  {
    key: "adjust",
    flag: "adjust",
    metavar: "METHOD",
    param: "adjust",
    default: "holm",
    help: ["multiplicity adjustment within each family: holm (default), bh or none"],
    parse(text) {
      if (!(ADJUST_METHODS as string[]).includes(text)) {
        invalid(this, text, `expected one of ${ADJUST_METHODS.join(", ")}`);
      }
      return text as AdjustMethod;
    },
    analysis: true,
  },
  {
    key: "minChange",
    flag: "min-change",
    metavar: "PCT",
    param: "min_change",
    default: "0",
    help: [
      "smallest change that matters, e.g. 5% (default 0): better/worse only when the",
      'verdict\'s interval clears the band [1/(1+m), 1+m]; inside it reads "equivalent"',
    ],
    parse(text) {
      return parseMinChange(text) ?? invalid(this, text, `expected ${MIN_CHANGE_RANGE}`);
    },
    analysis: true,
  },
  {
    key: "formats",
    flag: "format",
    metavar: "LIST",
    default: REPORT_FORMATS.join(","),
    help: ["any of md,html,csv,json,tex (default: all five); figures are written with html or md"],
    parse(text) {
      const formats = text.split(",").map((f) => f.trim()).filter(Boolean);
      const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
      if (unknown.length) invalid(this, text, `expected some of ${REPORT_FORMATS.join(", ")}`);
      return formats as ReportFormat[];
    },
    analysis: false,
  },
  {
    key: "figureFormats",
    flag: "figure-formats",
    metavar: "LIST",
    param: "figure_formats",
    default: "svg,png",
    help: [
      "figure files: any of svg,png,pdf (default svg,png; the report always writes svg, which report.html",
      "shows, and report.md shows the png, or the svg without png); pdf is vector with every font embedded",
    ],
    parse(text) {
      const formats = text.split(",").map((f) => f.trim()).filter(Boolean);
      const unknown = formats.filter((f) => !(FIGURE_FORMATS as readonly string[]).includes(f));
      if (unknown.length || formats.length === 0) {
        invalid(this, text, `expected some of ${FIGURE_FORMATS.join(", ")}`);
      }
      return [...new Set(formats)] as FigureFormat[];
    },
    analysis: false,
  },
  {
    key: "figureWidth",
    flag: "figure-width",
    metavar: "WIDTH",
    param: "figure_width",
    default: "",
    help: [
      "lay figures out for print at column (3.5 in), page (7 in), <N>pt or <N>in (1–11 in);",
      "labels and legends are placed for that width and no text is below 7 pt (default: 760 px, screen)",
    ],
    parse(text) {
      const px = parseFigureWidth(text);
      return px === null
        ? invalid(this, text, "expected column, page, or a width such as 252pt or 3.5in")
        : px;
    },
    analysis: false,
  },
  {
    key: "noTitles",
    flag: "no-titles",
    param: "no_titles",
    default: "false",
    help: ["figures without title, subtitle and data line: a paper's caption says them"],
    parse(text) {
      const t = text.trim().toLowerCase();
      if (["", "0", "false", "no"].includes(t)) return false;
      if (["1", "true", "yes"].includes(t)) return true;
      return invalid(this, text, "expected true or false");
    },
    analysis: false,
  },
  {
    key: "check",
    flag: "check",
    default: "false",
    help: [
      "a gate: exit 1 if any headline comparison is worse; exit 4 if nothing could be decided",
      "(no comparison, every one insufficient, or baseline workloads missing in the candidate);",
      "with --changes: exit 1 if the latest change of a headline metric is worse, 4 if no",
      "headline metric has the batches a change point needs (2 × --min-segment)",
    ],
    analysis: false,
  },
  {
    key: "store",
    flag: "store",
    metavar: "DIR",
    default: "",
    help: [
      "append the data folder(s) to the results store DIR (Parquet, queried with DuckDB);",
      "files already stored in the batch are skipped",
    ],
    analysis: false,
  },
  {
    key: "batch",
    flag: "batch",
    metavar: "NAME",
    default: "",
    help: ["the batch to append to (default: the date the folder was collected)"],
    parse(text) {
      // Checked before any work: a name that cannot be a folder would otherwise fail after the whole report.
      return text === "" ? undefined : batchName(this, text);
    },
    analysis: false,
  },
  {
    key: "against",
    flag: "against",
    metavar: "BATCH",
    default: "",
    help: ["compare the data folder with BATCH of the --store, like a before/after pair"],
    analysis: false,
  },
  {
    key: "noAppend",
    flag: "no-append",
    default: "false",
    help: ["with --against: read the store, add nothing to it"],
    analysis: false,
  },
  {
    key: "changes",
    flag: "changes",
    default: "false",
    help: [
      "with --store and no data folder: change points of every configuration and metric across",
      "the store's batches (one mean per batch), each judged by the verdict rule → changes.csv",
    ],
    analysis: false,
  },
  {
    key: "changeAlpha",
    flag: "change-alpha",
    metavar: "ALPHA",
    default: "0.05",
    help: [
      "with --changes: significance level α of the change-point family (default 0.05, above 0 up to 0.5)",
    ],
    parse(text) {
      const a = Number(text);
      return text.trim() !== "" && a > 0 && a <= 0.5
        ? a
        : invalid(this, text, "expected a level above 0 up to 0.5, such as 0.01");
    },
    analysis: false,
  },
  {
    key: "minSegment",
    flag: "min-segment",
    metavar: "N",
    default: "2",
    help: ["with --changes: fewest batches on either side of a change point (default 2, at least 2)"],
    parse(text) {
      const n = Number(text);
      return Number.isInteger(n) && n >= 2
        ? n
        : invalid(this, text, "expected a whole number of batches, 2 or more");
    },
    analysis: false,
  },
  {
    key: "quiet",
    flag: "quiet",
    default: "false",
    help: ["no progress and no summary line"],
    analysis: false,
  },
] as const satisfies readonly OptionSpec[];

/** Every option, in --help's order. */
export const OPTIONS: readonly OptionSpec[] = TABLE;

/** The notebook parameters' names, e.g. "by", "min_change". */
export type ParamName = Extract<typeof TABLE[number], { param: string }>["param"];

/** The options of the analysis request (what notebooks take as parameters). */
export const ANALYSIS_OPTIONS: readonly OptionSpec[] = OPTIONS.filter((o) => o.analysis);

/** How figures are drawn and written (report flags and notebook parameters alike). */
export interface FigureOptionValues {
  figureFormats: FigureFormat[];
  /** Width in px; absent = the screen's. */
  figureWidth?: number;
  noTitles: boolean;
}

/** The figure options from text keyed by notebook parameter name (absent = the option's default). */
export function figureValues(texts: Record<string, string | undefined>): FigureOptionValues {
  const keys = ["figureFormats", "figureWidth", "noTitles"];
  return paramValues(OPTIONS.filter((o) => keys.includes(o.key)), texts) as unknown as FigureOptionValues;
}

/** Options from text keyed by notebook parameter name (absent = the option's default), each parsed by the table. */
function paramValues(options: readonly OptionSpec[], texts: Record<string, string | undefined>) {
  const out: Record<string, unknown> = {};
  for (const o of options) {
    const value = parseOption(o, texts[o.param!] ?? o.default);
    if (value !== undefined) out[o.key] = value;
  }
  return out;
}

/** The CLI flags that take a value (tools/report.sh skips their values when it looks for paths). */
export const VALUE_FLAGS: string[] = OPTIONS.filter((o) => o.metavar).map((o) => o.flag);

/** One option's text → value, with the option's own check (the same sentence from every door). */
export function parseOption(o: OptionSpec, text: string): unknown {
  if (o.parse) return o.parse(text);
  return text === "" ? undefined : text;
}

/**
 * The analysis options from text keyed by notebook parameter name (absent = the option's default),
 * each validated by the table: what the notebook parameters, and the CLI's analysis flags, become.
 */
export function analysisValues(texts: Record<string, string | undefined>): AnalysisOptionValues {
  return paramValues(ANALYSIS_OPTIONS, texts) as AnalysisOptionValues;
}

/**
 * The options part of --help, one entry per option (the flag column 21 characters wide, like before); a flag too
 * wide for its column (`--figure-formats LIST`) has its text start on the next line, never run into it.
 */
export function optionsHelp(): string {
  const indent = " ".repeat(23);
  const lines: string[] = [];
  for (const o of OPTIONS) {
    const head = `  --${o.flag}${o.metavar ? ` ${o.metavar}` : ""}`;
    if (head.length < indent.length - 1) lines.push(`${head.padEnd(indent.length)}${o.help[0]}`);
    else lines.push(head, `${indent}${o.help[0]}`);
    for (const more of o.help.slice(1)) lines.push(`${indent}${more}`);
  }
  return lines.join("\n");
}

/** README's option table (a test checks README holds exactly this). */
export function optionsMarkdown(): string {
  const cell = (s: string) => s.replaceAll("|", "\\|");
  const rows = OPTIONS.map((o) =>
    `| \`--${o.flag}${o.metavar ? ` ${o.metavar}` : ""}\` | ${o.param ? `\`${o.param}\`` : ""} | ${
      o.experimentKey ? `\`"${o.experimentKey}"\`` : ""
    } | ${o.default === "" ? (o.analysis ? "from the data" : "none") : `\`${o.default}\``} | ${
      cell(o.help.join(" "))
    } |`
  );
  return [
    "| report flag | notebook parameter | experiment.json | default | what |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
