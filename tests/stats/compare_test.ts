/** The comparison pipeline on labelled-synthetic tidy rows: grouping, verdicts, family adjustment, warnings in words. */
import assert from "node:assert/strict";
import * as st from "../../lib/stats/mod.ts";
import type { Measurement } from "../../lib/model.ts";
import { findNonFinite } from "../helpers.ts";

function row(
  driver: string,
  rep: number,
  workload: string,
  metric: string,
  value: number,
  extra: Partial<Measurement> = {},
): Measurement {
  return {
    source: `synthetic/${driver}/${rep}/${workload}`,
    factors: { os: "linux", driver, rep: String(rep), workload },
    tool: "fio",
    toolVersion: "fio-3.33",
    format: "fio-json",
    job: workload,
    direction: "read",
    metric,
    stat: "mean",
    value,
    unit: metric === "lat" ? "ns" : "IO/s",
    ...extra,
  };
}

function dataset(): Measurement[] {
  const rows: Measurement[] = [];
  const jitter = [0.99, 1.01, 1.0, 0.98, 1.02];
  for (let rep = 1; rep <= 5; rep++) {
    const j = jitter[rep - 1];
    rows.push(
      row("ide", rep, "randread", "iops", 1000 * j),
      row("virtio", rep, "randread", "iops", 3000 * j),
    );
    rows.push(row("scsi", rep, "randread", "iops", 1005 * jitter[(rep + 2) % 5]));
    rows.push(row("ide", rep, "randread", "lat", 1e6 * j), row("virtio", rep, "randread", "lat", 3.3e5 * j));
    rows.push(row("scsi", rep, "randread", "lat", 1e6 * jitter[(rep + 1) % 5]));
    rows.push(
      row("ide", rep, "udp", "loss", 0, { unit: "%" }),
      row("virtio", rep, "udp", "loss", 0, { unit: "%" }),
    );
  }
  return rows;
}

Deno.test("compare: verdicts, ratios in words, Holm across the family, and no NaN/Infinity even for all-zero groups", () => {
  const { comparisons, warnings } = st.compare(dataset(), { by: "driver", baseline: "ide" });
  assert.deepEqual(warnings, []);
  const get = (cand: string, metric: string) =>
    comparisons.find((c) => c.candidateName === cand && c.metric === metric)!;
  assert.equal(get("virtio", "iops").verdict, "better");
  assert.equal(get("virtio", "iops").ratioText, "3.00× faster");
  assert.equal(get("virtio", "lat").verdict, "better");
  assert.equal(get("virtio", "lat").ratioText, "3.03× faster");
  assert.equal(get("scsi", "iops").verdict, "~");
  assert.equal(get("scsi", "iops").ratioText, "no detectable difference");
  const loss = get("virtio", "loss");
  assert.equal(loss.verdict, "~");
  assert.equal(loss.ratio, null);
  assert.ok(loss.warnings.some((w) => /every run is 0/.test(w)));
  assert.ok(loss.warnings.some((w) => /baseline's mean is 0/.test(w)));
  // Where Welch is undefined (zero variance), the family uses the exact Mann–Whitney p.
  const ps = comparisons.map((c) => c.welch.p ?? c.mannWhitney.p);
  const holm = st.holm(ps);
  comparisons.forEach((c, i) => assert.equal(c.pAdjusted, holm[i]));
  assert.deepEqual(findNonFinite(comparisons), []);
  assert.ok(JSON.stringify(comparisons).length > 0);
});

Deno.test("compare: n < 5, CV > 10 %, outliers, duplicated reps, missing baseline and mixed versions are warned about", () => {
  const rows = [
    ...[1, 2, 3].map((r) => row("ide", r, "w", "iops", [100, 140, 80][r - 1])),
    ...[1, 2, 3].map((r) =>
      row("virtio", r, "w", "iops", 300 + r, { toolVersion: r === 3 ? "fio-3.1" : "fio-3.33" })
    ),
    row("virtio", 3, "w", "iops", 500),
    row("virtio", 1, "only-candidate", "iops", 5),
  ];
  const { comparisons, warnings } = st.compare(rows, { by: "driver", baseline: "ide" });
  assert.equal(comparisons.length, 1);
  const w = comparisons[0].warnings.join("\n");
  assert.match(w, /ide: only 3 runs \(fewer than 5\)/);
  assert.match(w, /ide: noisy runs \(CV 28\.6 % > 10 %\)/);
  assert.match(w, /virtio: repetition 3 appears 2 times/);
  assert.match(w, /mixed tool versions in this comparison \(fio-3\.1, fio-3\.33\)/);
  assert.match(warnings[0], /workload=only-candidate .* no "ide" runs to compare "virtio" with/);
  const one = st.compare([row("ide", 1, "x", "iops", 1), row("virtio", 1, "x", "iops", 2)], {
    by: "driver",
    baseline: "ide",
  });
  assert.match(one.comparisons[0].warnings.join(" "), /one run only — no variance, no test, no interval/);
  assert.equal(one.comparisons[0].verdict, "~");
});

Deno.test("geometric-mean speed-up across workloads, with a t-interval on the logs", () => {
  const { comparisons } = st.compare(dataset(), { by: "driver", baseline: "ide", candidates: ["virtio"] });
  const g = st.geoMeanSpeedup(comparisons.filter((c) => c.ratio !== null));
  assert.equal(g.k, 2);
  assert.ok(Math.abs(g.ratio! - Math.sqrt(3 * (1e6 / 3.3e5))) < 1e-9);
  assert.ok(g.ci.lo! < g.ratio! && g.ratio! < g.ci.hi!);
  assert.match(g.text, /× better on average/);
});
