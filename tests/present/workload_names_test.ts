/**
 * Tables and warning lists name a comparison by its workload, and by its output format too where one job was saved
 * in two (the shipped randread-4k-qd1 as fio JSON and as terse): two rows that say what they are, never one name
 * twice, and never every fio option of the configuration spelled out again.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DATA, HAVE_DATA } from "../helpers.ts";
import { analyse } from "../../lib/analysis/request.ts";
import { noiseTable, verdictTable } from "../../lib/present/tables.ts";
import { warningsText } from "../../lib/present/warnings.ts";

Deno.test({
  name:
    "workload names: the terse copy of a JSON job is its own named row; warnings name workloads, not options",
  ignore: !HAVE_DATA,
  fn: async () => {
    const a = await analyse(join(DATA, "disk"), { tool: "fio" });
    const names = new Set(verdictTable(a.comparisons).map((r) => String(r.workload)));
    assert.ok(names.has("randread-4k-qd1") && names.has("randread-4k-qd1 (terse)"), [...names].join(", "));
    assert.ok(names.has("seqwrite-1m-qd32"), "a job saved once keeps its plain name");
    const noise = noiseTable(a).map((r) => String(r.workload));
    assert.ok(
      noise.includes("randread-4k-qd1 (terse)"),
      "the terse groups are not merged into the JSON ones",
    );
    const text = warningsText(a, 1000);
    assert.match(text, /^\s*- randread-4k-qd1 \(terse\) · iops · /m);
    assert.doesNotMatch(text, /ioengine=libaio/);
  },
});
