// Notebook 06-what-changed.ipynb in percent format, paired by tools/notebook_sync.ts: edit this file or the
// notebook in Jupyter, then run `./vb notebooks` (it carries the edit over and re-executes the notebook).

// %% [markdown]
// # 6 · What changed between collections
//
// Every re-run of the benchmark — after a kernel, QEMU or driver change, or on another host — is a new **batch** in the
// results store (`store/`, Parquet files queried with DuckDB). This notebook reads the store, not a data folder: it
// shows each headline metric across batches, marks where a later batch differs from the one before it (the same
// verdict rule as the report's before/after mode), and lists every workload whose verdict changed.
//
// **Read it with the conditions in mind.** Two collections differ in more than the thing you changed: the machine's
// load, the accelerator, the tools' versions. The next cells list what each collection's `PROVENANCE.md` says differed;
// a change in a verdict can come from any of them, not only from the compared factor.

// %% tags=["parameters"]
import { notebookParams } from "../lib/params.ts";
// `data`: a folder of new runs to set against the store's newest batch (empty: the store alone).
const params = notebookParams({ store: "../store", data: "", out: "../out", before: "", after: "" });

// %%
import * as vb from "../lib/mod.ts";
const pair = await vb.batchPair(params.store, params.before, params.after);
await vb.showText(await vb.describeStore(params.store, pair));

// %% [markdown]
// ## What differed in how the two batches were collected
//
// From the `PROVENANCE.md` files stored with each batch (the data folders themselves may be gone): every line that
// changed, as *before → after*.

// %%
const conditions = await vb.conditionsChanged(params.store, pair.before, pair.after);
await vb.showText(
  conditions.length
    ? conditions.join("\n")
    : "The provenance files of the two batches state the same conditions.",
);

// %% [markdown]
// ## Disk: IOPS across batches
//
// One panel per workload, one line per compared value: each batch's mean with its 95 % interval. The diamond between two
// batches is filled where the later batch is decidedly better or worse than the earlier one for that value and
// workload, hollow where no difference is decided.

// %%
const iops = await vb.storeHistory(params.store, { metric: "iops", stat: "mean", tool: "fio" });
await vb.show(vb.historyFigure(iops, { title: "Disk IOPS across batches", id: "history-disk-iops" }));

// %% [markdown]
// ## Network: delivered throughput across batches

// %%
const net = await vb.storeHistory(params.store, {
  metric: "throughput",
  stat: "mean",
  tool: "iperf3",
  direction: "receive",
});
await vb.show(
  vb.historyFigure(net, {
    title: "Network throughput (iperf3, delivered) across batches",
    id: "history-net-throughput",
  }),
);

// %% [markdown]
// ## Where did it move? Change points across all batches
//
// Every batch in order, one mean per batch (the runs of one batch share its conditions, so the batch, not the run, is
// the observation); each change found is judged like a before/after pair, with the same interval and verdict rule, and
// a change point is shown only when its interval clears the no-change band.

// %%
const moved = await vb.guard(vb.storeChanges(params.store));
await vb.showText(vb.changeSentences(moved).join("\n") || vb.noChangeSentence(moved));
if (vb.changesTable(moved).length) await vb.showTable(vb.changesTable(moved));
for (const fig of vb.changesFigures(moved)) await vb.show(fig);

// %% [markdown]
// ## Verdicts that changed
//
// Within each batch, every candidate is compared with its baseline, as in notebooks 1 and 2. This
// table lists each workload, metric and candidate whose verdict is not the same in the two batches — for example a
// "~" that became "better" once the runs were quieter. An empty table means every verdict held.

// %%
const changes = await vb.verdictChanges(params.store, pair.before, pair.after);
await vb.showTable(vb.verdictChangeTable(changes));

// %% [markdown]
// ## A folder against the newest batch
//
// With the `data` parameter set, the runs in that folder are compared with the store's newest batch — the same rule and
// `--check` gate as `./vb report DATA --store store --against BATCH`: one sentence per candidate.

// %%
const against = params.data ? await vb.guard(vb.analyseAgainst(params.data, params.store, pair.after)) : [];
await vb.showText(
  against.length
    ? against.flatMap(vb.headlineSentences).join("\n")
    : "No data folder given: the store alone.",
);

// %% [markdown]
// ## Caveats
//
// - **Conditions, not only the compared factor.** The conditions listed above changed between the collections; a verdict that
//   changed may reflect them (for example less run-to-run noise on an idle machine narrows intervals and turns "~"
//   into a decision) rather than a change in what is compared.
// - **One family per step.** A diamond's verdict adjusts for the comparisons of that metric between those two batches;
//   the within-batch verdicts in the table use the family of their batch, as the report does.
// - **The same SQL elsewhere.** The store is plain Hive-partitioned Parquet: the README shows the queries behind these
//   figures, to run in the DuckDB CLI or any Parquet engine.

// %%
await vb.exportNotebook(params.out, "06-what-changed");
