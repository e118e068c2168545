/**
 * Queries across batches: a folder against a stored batch gives exactly the before/after pair's comparisons and
 * verdicts; the history of a metric and the list of changed verdicts agree with the per-batch analyses.
 * The second batch is (labelled replicated) the shipped network runs with the NIC folders renamed in a cycle.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  addToStore,
  analyseAgainst,
  analyseBatch,
  conditionsChanged,
  verdictChanges,
} from "../../lib/analysis/store.ts";
import { historyFigure, storeHistory } from "../../lib/analysis/history.ts";
import { runReport } from "../../lib/report/run.ts";
import { decided } from "../../lib/stats/verdict.ts";
import { summarize } from "../../lib/stats/summary.ts";
import { loadDir } from "../../lib/ingest/load.ts";
import { DATA, HAVE_DATA, tempDir } from "../helpers.ts";
import { replicatedCopy } from "./helpers.ts";
import { linkTree } from "../../bench/link_tree.ts";

const NET = join(DATA, "net");

/** `report FOLDER --store STORE --against BATCH --no-append --check`, results.json only. */
function reportAgainst(folder: string, store: string, batch: string) {
  return runReport({
    data: [folder],
    store,
    against: batch,
    noAppend: true,
    out: tempDir("vb-out-"),
    formats: ["json"],
    check: true,
    quiet: true,
    progress: false,
  });
}

Deno.test({
  name: "folder against a stored batch (labelled replicated second batch) = the two-folder before/after mode",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const after = join(replicatedCopy("net"), "net");
    // The stored batch is named like the before folder, so the two modes name their sides alike.
    await addToStore(NET, store, { batch: "net-shipped" });
    const shipped = join(tempDir("vb-link-"), "net-shipped");
    Deno.symlinkSync(NET, shipped);
    const pair = await runReport({
      data: [shipped, after],
      out: tempDir("vb-out-"),
      formats: ["json"],
      check: true,
      quiet: true,
      progress: false,
    });
    const against = await analyseAgainst(after, store, "net-shipped");
    assert.equal(against.length, pair.analyses.length);
    const all = pair.analyses.flatMap((a) => a.comparisons);
    assert.ok(all.length > 10 && all.some(decided), "real differences: some verdicts are decided");
    against.forEach((a, i) => {
      assert.deepStrictEqual(a.comparisons, pair.analyses[i].comparisons, "same numbers, same verdicts");
      assert.deepStrictEqual(a.warnings, pair.analyses[i].warnings);
    });
    const viaReport = await reportAgainst(after, store, "net-shipped");
    assert.deepEqual(viaReport.gate, pair.gate, "the --check gate decides the same");
    assert.equal(pair.gate.status, "regression");
  },
});

Deno.test({
  name: "history of a metric across two batches, and the workloads whose verdict changed between them",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    const replica = join(replicatedCopy("net"), "net");
    const provenance = Deno.readTextFileSync(join(NET, "PROVENANCE.md"));
    Deno.writeTextFileSync(
      join(replica, "PROVENANCE.md"),
      provenance.replace(/^- host: .*$/m, "- host: an idle box"),
    );
    await addToStore(NET, store, { batch: "a-shipped" });
    await addToStore(replica, store, { batch: "b-replicated" });
    const host = provenance.match(/^- host: (.*)$/m)![1];
    assert.deepEqual(await conditionsChanged(store, "a-shipped", "b-replicated"), [
      `PROVENANCE.md: host: ${host} → an idle box`,
    ]);
    const metric = { metric: "throughput", stat: "mean", tool: "iperf3", direction: "receive" };
    const h = await storeHistory(store, metric);
    assert.deepEqual(h.batches, ["a-shipped", "b-replicated"]);
    assert.equal(h.lines.length, 3 * 3, "3 NICs × 3 iperf3 workloads");
    const memory = await loadDir(NET, { onError: "collect" });
    for (const line of h.lines) {
      const values = memory.rows.filter((r) =>
        r.metric === "throughput" && r.stat === "mean" && r.tool === "iperf3" && r.direction === "receive" &&
        r.factors.nic === line.factors.nic && r.factors.workload === line.factors.workload
      ).map((r) => r.value);
      assert.deepStrictEqual(
        line.points[0].summary,
        summarize(values),
        `${line.label}: batch a as in memory`,
      );
      assert.equal(line.points.length, 2);
      assert.equal(line.steps.length, 1);
    }
    const svg = historyFigure(h).svg.outerHTML;
    const filled = h.lines.filter((l) => decided(l.steps[0].comparison)).length;
    assert.ok(filled > 0 && filled < h.lines.length, "some steps decided, some not");
    const diamonds = svg.match(/<path [^>]*d="M0,-8\.247L/g) ?? [];
    assert.equal(diamonds.length, h.lines.length, "one diamond per step");
    assert.equal(diamonds.filter((d) => / fill="#/.test(d)).length, filled, "filled ⇔ decided(c)");

    const changes = await verdictChanges(store, "a-shipped", "b-replicated");
    const [a, b] = [await analyseBatch(store, "a-shipped"), await analyseBatch(store, "b-replicated")];
    const verdict = (xs: typeof a, c: (typeof changes)[number]) =>
      xs.flatMap((x) => x.comparisons).find((x) =>
        JSON.stringify(x.factors) === JSON.stringify(c.factors) && x.metric === c.metric &&
        x.stat === c.stat &&
        x.direction === c.direction && x.candidateName === c.candidateName
      )?.verdict ?? null;
    assert.ok(changes.length > 0);
    for (const c of changes) {
      assert.notEqual(c.before, c.after);
      assert.equal(c.before, verdict(a, c));
      assert.equal(c.after, verdict(b, c));
    }
    const unchanged = a.flatMap((x) => x.comparisons).length -
      changes.filter((c) => c.before !== null).length;
    assert.ok(unchanged > 0, "verdicts that did not change are not listed");
  },
});

Deno.test({
  name:
    "a folder against the batch it was stored as: the same files, said by every door, and --check undecided",
  ignore: !HAVE_DATA,
  fn: async () => {
    const store = join(tempDir("vb-store-"), "store");
    await addToStore(NET, store, { batch: "net-shipped" });
    const said =
      /^.* batch net-shipped and .* hold the same files \(\d+ byte-identical: .*\): every run would be compared with itself, which measures nothing\.$/;
    const report = await reportAgainst(NET, store, "net-shipped");
    assert.equal(report.gate.status, "undecided");
    assert.ok(report.gate.reasons.some((r) => said.test(r)), report.gate.reasons.join("\n"));
    // A batch stored from a parent folder (its paths start with net/) holds the same files too.
    const parent = tempDir("vb-parent-");
    linkTree(NET, join(parent, "net"));
    await addToStore(parent, store, { batch: "parent" });
    const fromParent = await reportAgainst(NET, store, "parent");
    assert.ok(
      fromParent.gate.reasons.some((r) => / hold the same files /.test(r)),
      fromParent.gate.reasons.join("\n"),
    );
    const notebook = await analyseAgainst(NET, store, "net-shipped");
    for (const [i, a] of notebook.entries()) {
      assert.match(a.warnings[0].text, said);
      assert.deepStrictEqual(a.warnings, report.analyses[i].warnings, "the notebook's door says the same");
    }
  },
});
