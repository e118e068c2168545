/**
 * Which runs are the same workload, so that pairing never depends on a hidden field.
 *
 * A **run** is one file, or one job of a multi-job fio file. Its **identity** is its configuration: the content
 * factors that define it (fio job options, iperf settings; see lib/ingest/content.ts) and the factors of its
 * `key=value` folders or layout, without the repetition. Names — the file's `workload` label, its plain
 * `folder`, fio's jobname — join the identity only when the content cannot tell runs apart without them (a name
 * that is a function of the configuration is just a name: `psync-run3.json` holding `ioengine=psync`).
 * When one workload was saved in several fio output formats (json and terse), `format` is a factor too.
 *
 * Once the compared factor is known, a group is the identity without it; factors that change every time the
 * compared factor changes are confounded with it (a warning names both) and leave the group key. Each group gets
 * a display name, `workload`: the first name that is constant within every group and tells groups apart.
 * fio rows' `job` becomes that name (the jobname stays in `info.jobname`), so a jobname that encodes the
 * configuration never stops runs from pairing; iperf's job (tcp, udp, tcp-reverse, tcp-bidir-reverse) is derived
 * from the content and stays.
 * @module
 */
import { folderOf } from "../paths.ts";
import type { Dataset, Factors, Histogram, RecordBase, Series } from "../model.ts";
import { REPETITION_FACTOR } from "../model.ts";
import { pushAll } from "../arrays.ts";
import { oncePerRun } from "./per_run.ts";
import { RecordList, type Run, type RunChange } from "../record_list.ts";

/** One run of one workload. */
export interface Unit {
  key: string;
  tool: string;
  format: string;
  job: string;
  /** Folder of the file and its label: fio logs find their run by it. */
  sibling: string;
  factors: Factors;
  info: Factors;
  /** The factors that define the run's configuration (names only where needed), without `rep`. */
  identity: Factors;
}

const NAME_SOURCES = {
  fio: ["jobname", "workload", "folder"],
  other: ["workload", "folder", "jobname"],
} as const;
type NameSource = "title" | "jobname" | "workload" | "folder";
/** A name that identifies runs becomes a factor: the file's label as `config` (`workload` is the display name). */
const IDENTITY_NAME: Record<NameSource, string> = {
  title: "title",
  jobname: "jobname",
  workload: "config",
  folder: "folder",
};

/** Descriptive facts that are worth a word when they differ among compared runs (log names are not). */
const QUIET_INFO =
  /^(name|description|label|jobname|folder|date|output|randseed|write_\w+|log_\w+|per_job_logs|exec_\w+|\w*percentile\w*|significant_figures)$/;

/** The runs of a dataset, with their identity. */
export function identifyUnits(data: Dataset | Dataset<RecordList>): Unit[] {
  const units = new Map<string, Unit>();
  const add = (r: Run) => {
    if (r.format === "fio-log") return;
    const key = unitKey(r);
    if (units.has(key)) return;
    units.set(key, {
      key,
      tool: r.tool,
      format: r.format,
      job: r.job,
      sibling: siblingKey(r.source, r.factors.workload ?? "", r.factors),
      factors: r.factors,
      info: r.info ?? {},
      identity: {},
    });
  };
  // A run's records share what a unit is made of: in columns, each run is asked once. By index: `for … of` over
  // every record allocated its iterator results (15 MB at 20× the shipped data).
  const rows = data.rows instanceof RecordList ? data.rows.runs() : data.rows;
  for (let i = 0; i < rows.length; i++) add(rows[i]);
  for (const h of data.histograms) add(h);
  const all = [...units.values()];
  // Output formats that repeat a job (fio json vs terse) are a factor; formats that complement each other
  // (sockperf's summary and its full log, a derived efficiency row) are one run.
  const ALTERNATIVE = new Set(["fio-json", "fio-terse", "fio-normal"]);
  const multiFormat = new Set(
    [...new Set(all.map((u) => u.tool))].filter((t) =>
      new Set(all.filter((u) => u.tool === t && ALTERNATIVE.has(u.format)).map((u) => u.format)).size > 1
    ),
  );
  for (const u of all) {
    const { [REPETITION_FACTOR]: _rep, workload: _label, ...rest } = u.factors;
    u.identity = rest;
    if (multiFormat.has(u.tool) && ALTERNATIVE.has(u.format)) {
      u.identity.format = u.format.replace(/^fio-/, "").replace(/-json$/, "");
    }
  }
  // Names join the identity only where the configuration cannot tell runs apart without them.
  // Decided per tool: host CPU records carry no configuration, so their names must not pull fio's in.
  for (const tool of new Set(all.map((u) => u.tool))) {
    for (const source of ["title", "workload", "folder", "jobname"] as NameSource[]) {
      const named = all.filter((u) => u.tool === tool && nameOf(u, source) !== "");
      const seen = new Map<string, string>();
      const functional = named.every((u) => {
        const k = configKey(u); // with the names already taken in: one name can make another redundant
        const v = nameOf(u, source);
        return (seen.get(k) ?? seen.set(k, v).get(k)) === v;
      });
      if (!functional) { for (const u of named) u.identity[IDENTITY_NAME[source]] = nameOf(u, source); }
    }
  }
  return all;
}

export interface Pairing {
  /** Unit key → the factors its rows carry for comparing: identity + compared factor + rep + workload. */
  factors: Map<string, Factors>;
  info: Map<string, Factors>;
  /** Factors that change together with the compared one (left out of the groups). */
  confounded: string[];
  warnings: string[];
}

/** Groups by identity without `by`; confounding and descriptive differences in words; display names. */
export function pairUnits(units: Unit[], by: string): Pairing {
  const confounded = confoundedWith(units, by);
  // A name that changes with the compared factor (before/v1-…, after/trial…) is only a name: no warning.
  const nameFactors = Object.values(IDENTITY_NAME);
  const warnings = confounded.filter((f) => !nameFactors.includes(f)).map((f) =>
    confoundingWarning(units, by, f)
  );
  for (const name of nameFactors) {
    if (
      name !== by && !confounded.includes(name) && units.some((u) => u.identity[name] !== undefined) &&
      oneRunEach(units, name)
    ) {
      const examples = units.slice(0, 2).map((u) => u.identity[name]).join(", ");
      warnings.push(
        `Every run has its own ${name} (${examples}, …), so no two runs pair: the names probably carry the ` +
          `repetition in a way not recognised; describe them with --layout, e.g. --layout '{config}-{rep}.json'.`,
      );
    }
  }
  const groupOf = (u: Unit) => JSON.stringify([u.tool, sortedEntries(u.identity, [by, ...confounded])]);
  const groups = new Map<string, Unit[]>();
  for (const u of units) {
    if (u.identity[by] === undefined && u.factors[by] === undefined) continue;
    const k = groupOf(u);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(u);
  }
  const names = displayNames([...groups.values()], [by, ...confounded]);
  const factors = new Map<string, Factors>();
  const info = new Map<string, Factors>();
  for (const u of units) {
    const members = groups.get(groupOf(u));
    const workload = members ? names.get(members)! : u.factors.workload ?? u.job;
    const f: Factors = {};
    for (const [k, v] of Object.entries(u.identity)) if (!confounded.includes(k)) f[k] = v;
    if (f[by] === undefined && u.factors[by] !== undefined) f[by] = u.factors[by];
    if (u.factors[REPETITION_FACTOR] !== undefined) f[REPETITION_FACTOR] = u.factors[REPETITION_FACTOR];
    f.workload = workload;
    factors.set(u.key, f);
    const extra: Factors = { ...u.info };
    for (const c of confounded) if (u.identity[c] !== undefined) extra[c] = u.identity[c];
    if (u.tool === "fio" && u.job !== workload) extra.jobname = u.job;
    if (u.factors.workload !== undefined && u.factors.workload !== workload) extra.label = u.factors.workload;
    info.set(u.key, extra);
  }
  pushAll(warnings, [...descriptiveWarnings([...groups.values()], by), ...collidingNameWarnings(units, by)]);
  return { factors, info, confounded, warnings };
}

/**
 * Whose series and histograms an analysis reads. "shared" (the default): the caller may use them again, so runs get
 * their pairing factors on copies. "owned": the caller loaded them for this analysis only (the report, `analyse`),
 * so they get them in place. The records themselves are never changed: their runs are (lib/record_list.ts).
 */
export type Records = "shared" | "owned";

/**
 * The dataset with every record's factors replaced by its run's pairing factors (fio jobs named by workload): the
 * records' runs in their columns, series and histograms on copies or in place when the analysis owns them
 * ("owned"). Host series are always copied: one may join runs of two tool families, and each family's analysis
 * pairs it its own way.
 */
export function applyPairing(
  data: Dataset<RecordList>,
  units: Unit[],
  p: Pairing,
  records: Records = "shared",
): Dataset<RecordList> {
  // A fio log belongs to the run of its folder, name and repetition: read from its JSON, else from its normal or
  // terse output when no JSON is there.
  const bySibling = new Map<string, Unit | null>();
  for (const formats of [["fio-json"], ["fio-normal", "fio-terse"]]) {
    const claimed = new Set(bySibling.keys());
    for (const u of units.filter((u) => formats.includes(u.format) && !claimed.has(u.sibling))) {
      bySibling.set(u.sibling, bySibling.has(u.sibling) ? null : u); // several jobs: a log cannot tell which
    }
  }
  const keyOf = (r: Run) =>
    r.format === "fio-log"
      ? bySibling.get(siblingKey(r.source, r.factors.workload ?? "", r.factors))?.key
      : unitKey(r);
  const change = (r: Run): RunChange | undefined => {
    const key = keyOf(r);
    const factors = key === undefined ? undefined : p.factors.get(key);
    if (!factors) return undefined;
    const job = r.tool === "fio" && r.format !== "fio-log" ? factors.workload : r.job;
    return { factors, info: p.info.get(key!), job };
  };
  const map = <T extends RecordBase>(r: T): T => {
    const changed = change(r);
    if (!changed) return r;
    if (records === "shared" || r.tool === "host") return { ...r, ...changed };
    return Object.assign(r, changed);
  };
  return {
    rows: data.rows.withRuns(change),
    series: data.series.map(map<Series>),
    histograms: data.histograms.map(map<Histogram>),
    warnings: data.warnings,
    files: data.files,
  };
}

/** True when each value of `factor` belongs to one run only: it numbers runs, it does not group them. */
export function oneRunEach(units: Unit[], factor: string): boolean {
  const count = new Map<string, number>();
  for (const u of units) {
    count.set(u.identity[factor] ?? "∅", (count.get(u.identity[factor] ?? "∅") ?? 0) + 1);
  }
  return [...count.values()].every((n) => n === 1);
}

/**
 * Identity factors (other than `by`) whose value changes every time `by` changes: among otherwise equal runs, or
 * across the whole data set (each value of the factor seen under one value of `by` only — several factors can
 * change together with `by`, e.g. a folder `engine=` beside fio's own ioengine and iodepth).
 */
function confoundedWith(units: Unit[], by: string): string[] {
  const keys = [...new Set(units.flatMap((u) => Object.keys(u.identity)))].filter((k) => k !== by).sort();
  // Each compared run's identity without `by`, sorted and spelled once, for every factor's grouping below (spelled
  // again per factor, it was a tenth of the analysis' allocations at 20× the shipped data).
  const spelled = new Map<Unit, { names: string[]; parts: string[] }>();
  for (const u of units) {
    if (u.identity[by] === undefined) continue;
    const entries = sortedEntries(u.identity, [by]);
    spelled.set(u, { names: entries.map(([k]) => k), parts: entries.map((e) => JSON.stringify(e)) });
  }
  return keys.filter((f) => followsEverywhere(units, by, f) || followsInGroups(units, by, f, spelled));
}

/** Per tool that has `f`, the values of `f` under each value of `by` never overlap (and `by` takes 2+ values). */
function followsEverywhere(units: Unit[], by: string, f: string): boolean {
  const tools = new Map<string, Map<string, Set<string>>>();
  for (const u of units) {
    const b = u.identity[by] ?? u.factors[by];
    if (b === undefined || u.identity[f] === undefined) continue;
    const t = tools.get(u.tool) ?? tools.set(u.tool, new Map()).get(u.tool)!;
    (t.get(b) ?? t.set(b, new Set()).get(b)!).add(u.identity[f]);
  }
  const compared = [...tools.values()].filter((t) => t.size > 1);
  return compared.length > 0 && compared.every((t) => disjoint([...t.values()]));
}

/**
 * Among runs equal in every identity factor but `by` and `f`, the values of `f` under each value of `by` never
 * overlap. `spelled`: each run's identity entries without `by`, as JSON (which never holds a raw control
 * character, so joined with one they key the group exactly).
 */
function followsInGroups(
  units: Unit[],
  by: string,
  f: string,
  spelled: Map<Unit, { names: string[]; parts: string[] }>,
): boolean {
  const groups = new Map<string, Map<string, Set<string>>>();
  for (const u of units) {
    if (u.identity[by] === undefined) continue;
    const { names, parts } = spelled.get(u)!;
    let k = u.tool;
    for (let i = 0; i < parts.length; i++) if (names[i] !== f) k += "\u0001" + parts[i];
    const g = groups.get(k) ?? groups.set(k, new Map()).get(k)!;
    const b = u.identity[by];
    (g.get(b) ?? g.set(b, new Set()).get(b)!).add(u.identity[f] ?? "∅");
  }
  const compared = [...groups.values()].filter((g) => g.size > 1);
  return compared.length > 0 && compared.every((g) => disjoint([...g.values()]));
}

/**
 * Runs that share configuration, compared value and repetition and differ only by a name: the name keeps them
 * apart as workloads, which is right for `before.json`/`after.json` but wrong for two copies of one repetition.
 * Say so instead of splitting silently.
 */
function collidingNameWarnings(units: Unit[], by: string): string[] {
  const out: string[] = [];
  // Only folder names: files of one folder named apart (sockperf-udp-64, sockperf-udp-1400) are workloads by design.
  for (const [source, factor] of [["folder", IDENTITY_NAME.folder]] as [NameSource, string][]) {
    // Folder names that are the compared values (ide/1/, virtio-blk/1/) differ by design.
    if (factor === by) continue;
    const seen = new Map<string, Set<string>>();
    for (const u of units) {
      // A host CPU record says nothing of the configuration: its name is all that ties it to its run.
      if (u.identity[factor] === undefined || u.tool === "host") continue;
      const k = JSON.stringify([
        u.tool,
        sortedEntries(u.identity, [factor]),
        u.factors[REPETITION_FACTOR] ?? "",
      ]);
      (seen.get(k) ?? seen.set(k, new Set()).get(k)!).add(nameOf(u, source));
    }
    const clashing = [...seen.values()].filter((names) => names.size > 1);
    if (clashing.length === 0) continue;
    const names = [...new Set(clashing.flatMap((n) => [...n]))].sort().slice(0, 6);
    out.push(
      `runs with the same configuration, ${by} and repetition differ only in their ${source} name ` +
        `(${names.join(", ")}${
          clashing.length > 1 ? ", …" : ""
        }): they are read as different workloads; if they ` +
        `are repetitions of one, give them distinct repetition numbers (rep=N folders, -runN names) or a --layout.`,
    );
  }
  return out;
}

function confoundingWarning(units: Unit[], by: string, f: string): string {
  const pairs = new Map<string, Set<string>>();
  for (const u of units) {
    if (u.identity[by] === undefined) continue;
    const b = u.identity[by];
    (pairs.get(b) ?? pairs.set(b, new Set()).get(b)!).add(u.identity[f] ?? "(unset)");
  }
  const how = [...pairs].sort(([a], [b]) => a < b ? -1 : 1).map(([b, v]) =>
    `${b}: ${[...v].sort().join(", ")}`
  )
    .join("; ");
  return `${by} and ${f} change together (${how}): the comparison by ${by} is confounded with ${f}, so a ` +
    `difference cannot be told apart from an effect of ${f}; runs that differ only in ${by} would settle it.`;
}

/** For each group, the first name source that is one value per group and never names two different workloads. */
function displayNames(groups: Unit[][], without: string[]): Map<Unit[], string> {
  const out = new Map<Unit[], string>();
  // fio numbers a repeated job name (job#2): then the options, not the name, tell the jobs apart.
  const numbered = groups.some((g) => g.some((u) => u.tool === "fio" && /#\d+$/.test(u.job)));
  const sources = (u: Unit) =>
    (u.tool === "fio" ? NAME_SOURCES.fio : NAME_SOURCES.other).filter((s) => !(numbered && s === "jobname"));
  const bare = (u: Unit) => {
    const { format: _f, ...rest } = u.identity;
    for (const w of without) delete rest[w];
    return rest;
  };
  const tools = new Set(groups.map((g) => g[0].tool));
  for (const tool of tools) {
    const mine = groups.filter((g) => g[0].tool === tool);
    let chosen: Map<Unit[], string> | null = null;
    let firstNamed: Map<Unit[], string> | null = null;
    for (const source of sources(mine[0][0])) {
      const names = new Map<Unit[], string>();
      const ok = mine.every((g) => {
        const values = new Set(g.map((u) => nameOf(u, source)));
        const [v] = values;
        if (values.size !== 1 || v === "") return false;
        names.set(g, v);
        return true;
      });
      if (!ok) continue;
      firstNamed ??= names;
      if (clashingNames(mine, names, bare).length === 0) {
        chosen = names;
        break;
      }
    }
    // One name for runs of several configurations (the same job on many hosts): the name and what tells
    // those runs apart ("seqread-1m-qd1 host=h2"), rather than every factor in place of the user's name.
    // A name every group shares (one file of several jobs) tells nothing: then the factors alone.
    const informative = firstNamed && new Set(firstNamed.values()).size > 1;
    chosen ??= informative ? qualified(mine, firstNamed!, bare) : describeGroups(mine, bare, tool);
    for (const [g, v] of chosen) out.set(g, v);
  }
  return out;
}

/**
 * Two groups may share a name only when one's configuration is a part of the other's (json vs terse): the groups
 * of each name that is shared otherwise. Compared within a name only (at 100 hosts, thousands of groups).
 */
function clashingNames(
  groups: Unit[][],
  names: Map<Unit[], string>,
  bare: (u: Unit) => Factors,
): Unit[][][] {
  const byName = new Map<string, Unit[][]>();
  for (const g of groups) {
    const n = names.get(g)!;
    (byName.get(n) ?? byName.set(n, []).get(n)!).push(g);
  }
  const clashing: Unit[][][] = [];
  for (const same of byName.values()) {
    const ids = same.map((g) => bare(g[0]));
    const clash = ids.some((a, i) =>
      ids.slice(i + 1).some((b) => Object.keys(a).some((k) => b[k] !== undefined && b[k] !== a[k]))
    );
    if (clash) clashing.push(same);
  }
  return clashing;
}

/** Each shared name followed by the factors that differ among the groups sharing it (see describeGroups). */
function qualified(
  groups: Unit[][],
  names: Map<Unit[], string>,
  bare: (u: Unit) => Factors,
): Map<Unit[], string> {
  const out = new Map(names);
  for (const same of clashingNames(groups, names, bare)) {
    const ids = same.map((g) => bare(g[0]));
    // Factors set in two groups to different values; one a format leaves unset (terse beside json) is no difference.
    const keys = [...new Set(ids.flatMap((f) => Object.keys(f)))].filter((k) =>
      new Set(ids.map((f) => f[k]).filter((v) => v !== undefined)).size > 1
    ).sort();
    same.forEach((g, i) => {
      const told = keys.filter((k) => ids[i][k] !== undefined).map((k) => `${k}=${ids[i][k]}`);
      out.set(g, [names.get(g), ...told].join(" "));
    });
  }
  return out;
}

function describeGroups(groups: Unit[][], bare: (u: Unit) => Factors, tool: string): Map<Unit[], string> {
  const ids = groups.map((g) => bare(g[0]));
  const keys = [...new Set(ids.flatMap((f) => Object.keys(f)))].filter((k) =>
    new Set(ids.map((f) => f[k])).size > 1
  ).sort();
  // One varying factor with words for values (rw): the value alone; numbers keep their name (iodepth=1).
  const words = keys.length === 1 &&
    ids.every((f) => f[keys[0]] !== undefined && !/^[\d.]+[a-z]?$/i.test(f[keys[0]]));
  return new Map(groups.map((g, i) => [
    g,
    words ? ids[i][keys[0]] : keys.map((k) => `${k}=${ids[i][k] ?? "unset"}`).join(" ") || tool,
  ]));
}

function descriptiveWarnings(groups: Unit[][], by: string): string[] {
  const differing = new Map<string, Set<string>>();
  const follows = new Map<string, boolean>();
  for (const g of groups) {
    const keys = new Set(g.flatMap((u) => Object.keys(u.info)));
    for (const k of keys) {
      if (QUIET_INFO.test(k)) continue;
      const values = new Set(g.map((u) => u.info[k] ?? "(unset)"));
      if (values.size < 2) continue;
      const all = differing.get(k) ?? differing.set(k, new Set()).get(k)!;
      values.forEach((v) => all.add(v));
      const perBy = new Map<string, Set<string>>();
      for (const u of g) {
        const b = u.identity[by] ?? u.factors[by];
        (perBy.get(b) ?? perBy.set(b, new Set()).get(b)!).add(u.info[k] ?? "(unset)");
      }
      const each = [...perBy.values()].every((s) => s.size === 1);
      follows.set(k, (follows.get(k) ?? true) && each);
    }
  }
  return [...differing].sort(([a], [b]) => a < b ? -1 : 1).map(([k, values]) => {
    const shown = [...values].sort();
    const list = shown.slice(0, 4).join(", ") + (shown.length > 4 ? `, … (${shown.length} values)` : "");
    return `"${k}" differs among runs that are compared (${list}${
      follows.get(k) ? `; it follows ${by}` : ""
    }): it describes a run, not its configuration, so those runs are still compared.`;
  });
}

/** A unit's configuration: its tool and identity (the repetition and the workload label aside). */
export function configKey(u: Unit): string {
  return JSON.stringify([u.tool, sortedEntries(u.identity, [])]);
}

function nameOf(u: Unit, source: NameSource): string {
  // fio's job name is a name its user gave; other tools' `job` is read from the output's content (tcp, udp, log).
  if (source === "jobname") return u.tool === "fio" ? u.job : "";
  if (source === "folder") return u.info.folder ?? "";
  if (source === "title") return u.info.title ?? ""; // iperf3 -T: a name its user gave the run
  return u.factors.workload ?? "";
}

function sortedEntries(f: Factors, without: string[]): [string, string][] {
  return Object.entries(f).filter(([k]) => !without.includes(k) && k !== REPETITION_FACTOR).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0
  );
}

function disjoint(sets: Set<string>[]): boolean {
  const seen = new Set<string>();
  for (const s of sets) {
    for (const v of s) {
      if (seen.has(v)) return false;
    }
    s.forEach((v) => seen.add(v));
  }
  return true;
}

const factorKeys = new WeakMap<Factors, string>();

/** File + job + factors: two folders loaded side by side (before/after) hold the same relative paths. */
const unitKey = oncePerRun((r: Run): string => {
  let f = factorKeys.get(r.factors);
  if (f === undefined) factorKeys.set(r.factors, f = JSON.stringify(r.factors));
  return `${r.source}\u0000${r.job}\u0000${f}`;
}, ["source", "job", "factors"]);

/** A fio log's run: the JSON in the same folder with the same label and repetition (`psync-run3_bw.1.log`). */
function siblingKey(source: string, label: string, factors: Factors): string {
  return JSON.stringify([
    folderOf(source),
    label,
    factors.run ?? "",
    factors[REPETITION_FACTOR] ?? "",
  ]);
}
