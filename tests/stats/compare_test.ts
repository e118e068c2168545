/**
 * The comparison pipeline on labelled-synthetic tidy rows (3 drivers × 2 workloads × 5 repetitions):
 * grouping, families, verdicts read from the family-level interval, and every warning in words — never NaN/Infinity.
 */
import assert from "node:assert/strict";
import * as st from "../../lib/stats/mod.ts";
import type { Comparison } from "../../lib/stats/mod.ts";
import type { Measurement } from "../../lib/model.ts";
import { nonFinitePaths } from "./scan.ts";
import { decided } from "../../lib/stats/verdict.ts";

function row(
  driver: string,
  rep: number,
  workload: string,
  metric: string,
  value: number,
  extra: Partial<Measurement> = {},
): Measurement {
  return {
    source: `synthetic/driver=${driver}/workload=${workload}/rep=${rep}/fio.json`,
    factors: { os: "linux", driver, rep: String(rep), workload },
    tool: "fio",
    toolVersion: "fio-3.33",
    format: "fio-json",
    job: workload,
    direction: "read",
    metric,
    stat: "mean",
    value,
    unit: metric === "lat" ? "ns" : metric === "loss" ? "%" : "IO/s",
    ...extra,
  };
}

/** Multiplicative run-to-run noise, about 1.4 % CV (labelled: the truth is the factor below). */
const JITTER = [0.99, 1.01, 1.0, 0.98, 1.02];
const shifted = (k: number) => (rep: number) => JITTER[(rep - 1 + k) % 5];

/**
 * Truth: virtio is 3× ide on randread IOPS (latency 1/3), 1.5× on seqread IOPS; scsi equals ide on
 * randread and is 2.5 % faster on seqread IOPS — real but small, so the raw p passes 0.05 and Holm's in its
 * family of 4 does not.
 */
function dataset(): Measurement[] {
  const rows: Measurement[] = [];
  for (let rep = 1; rep <= 5; rep++) {
    const j = shifted(0)(rep), k = shifted(2)(rep), l = shifted(4)(rep);
    rows.push(
      row("ide", rep, "randread", "iops", 1000 * j),
      row("virtio", rep, "randread", "iops", 3000 * k),
      row("scsi", rep, "randread", "iops", 1000 * l),
      row("ide", rep, "randread", "lat", 1e6 * j),
      row("virtio", rep, "randread", "lat", 1e6 / 3 * k),
      row("scsi", rep, "randread", "lat", 1e6 * l),
      row("ide", rep, "seqread", "iops", 200 * j),
      row("virtio", rep, "seqread", "iops", 300 * l),
      row("scsi", rep, "seqread", "iops", 205 * k),
      row("ide", rep, "seqread", "lat", 5e6 * j),
      row("virtio", rep, "seqread", "lat", 5e6 / 1.5 * l),
      row("scsi", rep, "seqread", "lat", 5e6 / 1.03 * k),
    );
  }
  return rows;
}

const find = (cs: Comparison[], cand: string, workload: string, metric: string) => {
  const hits = cs.filter((c) =>
    c.candidateName === cand && c.factors.workload === workload && c.metric === metric
  );
  assert.equal(hits.length, 1, `${cand} ${workload} ${metric}`);
  return hits[0];
};

/** Holm's step-down, written out independently: sort ascending, (m − i)·p, running maximum, capped at 1. */
function holmByHand(p: (number | null)[]): (number | null)[] {
  const present = p.map((v, i) => ({ v, i })).filter((x) => x.v !== null) as { v: number; i: number }[];
  present.sort((a, b) => a.v - b.v);
  const out: (number | null)[] = p.map(() => null);
  let max = 0;
  present.forEach(({ v, i }, rank) => {
    max = Math.max(max, Math.min(1, (present.length - rank) * v));
    out[i] = max;
  });
  return out;
}

Deno.test("compare: one comparison per candidate × workload × metric, factors without driver and rep", () => {
  const { comparisons, warnings } = st.compare(dataset(), { by: "driver", baseline: "ide" });
  assert.deepEqual(warnings, []);
  assert.equal(comparisons.length, 2 * 2 * 2);
  for (const c of comparisons) {
    assert.deepEqual(Object.keys(c.factors).sort(), ["os", "workload"]);
    assert.equal(c.baselineName, "ide");
    assert.equal(c.baseline.n, 5);
    assert.equal(c.candidate.n, 5);
    assert.equal(c.by, "driver");
  }
  assert.deepEqual([...new Set(comparisons.map((c) => c.candidateName))].sort(), ["scsi", "virtio"]);
  const only = st.compare(dataset(), { by: "driver", baseline: "ide", candidates: ["virtio"] });
  assert.equal(only.comparisons.length, 4);
});

Deno.test("compare: verdicts and ratios in words follow the labelled truth", () => {
  const { comparisons } = st.compare(dataset(), { by: "driver", baseline: "ide" });
  const v = find(comparisons, "virtio", "randread", "iops");
  assert.equal(v.verdict, "better");
  assert.ok(Math.abs(v.ratio! - 3) < 1e-12);
  assert.equal(v.ratioText, "3.00× faster");
  assert.ok(v.ratioCI.lo! < 3 && 3 < v.ratioCI.hi!);
  assert.ok(v.ratioBootCI.lo! <= 3 && 3 <= v.ratioBootCI.hi!);
  const lat = find(comparisons, "virtio", "randread", "lat");
  assert.equal(lat.better, "lower");
  assert.equal(lat.verdict, "better");
  assert.equal(lat.ratioText, "3.00× faster");
  const seq = find(comparisons, "virtio", "seqread", "iops");
  assert.equal(seq.verdict, "better");
  assert.equal(seq.ratioText, "1.50× faster");
  const same = find(comparisons, "scsi", "randread", "iops");
  assert.equal(same.verdict, "~");
  assert.equal(same.ratioText, "no detectable difference");
  assert.ok(same.pAdjusted! > 0.05);
  // A worse candidate: swap the roles, ide against virtio as the baseline.
  const back = st.compare(dataset(), { by: "driver", baseline: "virtio", candidates: ["ide"] });
  const worse = find(back.comparisons, "ide", "randread", "iops");
  assert.equal(worse.verdict, "worse");
  assert.equal(worse.ratioText, "3.00× slower");
  // Below 1.5× the change is a percentage.
  const slower = st.compare(dataset().filter((r) => r.factors.workload === "seqread" && r.metric === "lat"), {
    by: "driver",
    baseline: "scsi",
    candidates: ["ide"],
  });
  assert.equal(slower.comparisons[0].verdict, "worse");
  assert.equal(slower.comparisons[0].ratioText, "1.03× slower"); // s = 1/1.03: read as a factor, like every ratio
});

Deno.test("compare: Holm runs within each family; the verdict interval sits at the level that agrees with it", () => {
  const { comparisons } = st.compare(dataset(), { by: "driver", baseline: "ide" });
  // Headline: IOPS of each workload × candidate (no bw rows here, so IOPS is the one rate); secondary: latency.
  const families = Object.groupBy(comparisons, (c) => c.family.name);
  assert.deepEqual(Object.keys(families).sort(), ["headline", "secondary"]);
  for (const [name, members] of Object.entries(families)) {
    assert.equal(members!.length, 4, name);
    const raw = members!.map((c) => c.pRatio);
    const expected = holmByHand(raw);
    const kept = expected.filter((p) => p! >= 0.05).length;
    members!.forEach((c, i) => {
      assert.equal(c.family.size, 4);
      assert.ok(Math.abs(c.pAdjusted! - expected[i]!) <= 1e-15, `${i}: ${c.pAdjusted} vs ${expected[i]}`);
      assert.ok(c.qValue! >= raw[i]! && c.qValue! <= c.pAdjusted! + 1e-15, "BH is never stricter than Holm");
      assert.ok(Math.abs(c.ratioCI.level - (1 - 0.05 / Math.max(kept, 1))) < 1e-15, `${name} level`);
      assert.equal(c.ratioCIUnadjusted.level, 0.95);
      const clears = c.ratioCI.lo! > 1 || c.ratioCI.hi! < 1;
      assert.equal(decided(c), c.pAdjusted! < 0.05, `${c.candidateName} ${c.factors.workload} ${c.metric}`);
      assert.equal(decided(c), clears, "the verdict is the interval's");
    });
  }
  // At ratio 1 the test the interval inverts is Welch's statistic (only Fieller's df differs).
  const v = find(comparisons, "virtio", "randread", "iops");
  assert.ok(Math.abs(st.ratioTestP(v.baseline.values, v.candidate.values, 1)! - v.pRatio!) < 1e-15);
  // The small real effect: significant alone, not after adjusting for its family of 4.
  const small = find(comparisons, "scsi", "seqread", "iops");
  assert.ok(small.ratioCIUnadjusted.lo! > 1, "the plain 95 % interval excludes 1");
  assert.ok(small.pAdjusted! >= 0.05, `Holm p ${small.pAdjusted}`);
  assert.ok(small.ratioCI.lo! <= 1, "the verdict interval does not");
  assert.equal(small.verdict, "~");
  const alone = st.compare(dataset().filter((r) => r.factors.workload === "seqread" && r.metric === "iops"), {
    by: "driver",
    baseline: "ide",
    candidates: ["scsi"],
  });
  assert.equal(alone.comparisons.length, 1);
  assert.equal(alone.comparisons[0].pAdjusted, alone.comparisons[0].pRatio);
  assert.equal(alone.comparisons[0].verdict, "better");
  assert.equal(alone.comparisons[0].ratioText, "1.02× faster"); // s = 1.025
});

Deno.test("compare: the result has no NaN or Infinity anywhere (JSON-stringified and scanned)", () => {
  const rows = [
    ...dataset(),
    ...[1, 2, 3, 4, 5].flatMap((rep) => [
      row("ide", rep, "udp", "loss", 0),
      row("virtio", rep, "udp", "loss", 0),
      row("scsi", rep, "udp", "loss", 0.5),
    ]),
    row("ide", 1, "single", "iops", 5),
    row("virtio", 1, "single", "iops", 6),
  ];
  const result = st.compare(rows, { by: "driver", baseline: "ide" });
  assert.deepEqual(nonFinitePaths(result), []);
  assert.deepEqual(nonFinitePaths(st.comparisonTable(result.comparisons)), []);
  assert.deepEqual(nonFinitePaths(st.geoMeanSpeedup(result.comparisons)), []);
});

Deno.test("compare: all-zero groups and zero variance are said in words, with null instead of NaN", () => {
  const rows = [1, 2, 3, 4, 5].flatMap((rep) => [
    row("ide", rep, "udp", "loss", 0),
    row("virtio", rep, "udp", "loss", 0),
    row("scsi", rep, "udp", "loss", 0.5),
    row("ide", rep, "const", "iops", 7000),
    row("virtio", rep, "const", "iops", 8000),
  ]);
  const { comparisons } = st.compare(rows, { by: "driver", baseline: "ide" });
  const zero = find(comparisons, "virtio", "udp", "loss");
  const w = zero.warnings.map((x) => x.text).join("\n");
  assert.match(w, /^ide: every run is 0$/m);
  assert.match(w, /^virtio: every run is 0$/m);
  assert.equal(zero.verdict, "insufficient");
  assert.match(zero.ratioText, /^insufficient: the baseline's mean is 0, so no ratio to it exists$/);
  assert.equal(zero.pRatio, null);
  assert.equal(zero.ratio, null);
  assert.equal(zero.welch.p, null);
  assert.match(zero.welch.note!, /every run of both groups gave the same value/);
  assert.equal(zero.mannWhitney.p, 1);
  assert.equal(zero.hedgesG, null);
  assert.equal(zero.baseline.cv, null);
  const fromZero = find(comparisons, "scsi", "udp", "loss");
  assert.equal(fromZero.ratio, null);
  assert.match(fromZero.ratioCI.note!, /baseline's mean is 0/);
  assert.match(fromZero.ratioBootCI.note!, /baseline's mean is 0/);
  const flat = find(comparisons, "virtio", "const", "iops");
  const fw = flat.warnings.map((x) => x.text).join("\n");
  assert.match(fw, /ide: every run gave the same value \(zero variance\)/);
  assert.match(fw, /virtio: every run gave the same value \(zero variance\)/);
  assert.equal(flat.welch.p, null);
  assert.match(flat.welch.note!, /zero variance.*differ by a constant/);
  assert.ok(Math.abs(flat.mannWhitney.p! - 2 / 252) < 1e-15);
  // No noise at all: the interval is the point 8/7, which clears 1, and the dual test says p = 0.
  assert.deepEqual([flat.ratioCI.lo, flat.ratioCI.hi], [8 / 7, 8 / 7]);
  assert.match(flat.ratioCI.note!, /no noise to bound/);
  assert.equal(flat.pRatio, 0);
  assert.equal(flat.verdict, "better");
  assert.deepEqual(nonFinitePaths(comparisons), []);
});

Deno.test("compare: n < 5, one run, CV > 10 %, outliers, duplicated reps, missing baseline and mixed versions are warned about", () => {
  const rows = [
    ...[1, 2, 3].map((r) => row("ide", r, "w", "iops", [100, 140, 80][r - 1])),
    ...[1, 2, 3].map((r) =>
      row("virtio", r, "w", "iops", 300 + r, { toolVersion: r === 3 ? "fio-3.1" : "fio-3.33" })
    ),
    row("virtio", 3, "w", "iops", 500),
    row("virtio", 1, "only-candidate", "iops", 5),
    row("scsi", 1, "only-candidate", "iops", 6),
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((r) => row("ide", r, "spiky", "iops", r === 8 ? 200 : 100 + r % 3)),
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((r) => row("virtio", r, "spiky", "iops", 100 + r % 2)),
  ];
  const { comparisons, warnings } = st.compare(rows, { by: "driver", baseline: "ide" });
  assert.equal(comparisons.length, 2);
  const w = find(comparisons, "virtio", "w", "iops").warnings.map((x) => x.text).join("\n");
  assert.match(w, /ide: only 3 runs \(fewer than 5\): intervals are wide and tests weak/);
  assert.match(w, /ide: noisy runs \(CV 28\.6 % > 10 %\)/);
  assert.match(w, /virtio: repetition 3 appears 2 times \(.*rep=3.*, .*rep=3.*\); each counts as a run/);
  assert.match(w, /mixed tool versions in this comparison \(fio-3\.1, fio-3\.33\)/);
  assert.match(w, /virtio: noisy runs/);
  const noBaseline = warnings.filter((m) => m.kind === "missing-baseline" && /no "ide" runs/.test(m.text));
  assert.equal(noBaseline.length, 2);
  assert.ok(
    noBaseline.every((m) =>
      /workload=only-candidate .*: no "ide" runs to compare "(scsi|virtio)" with/.test(m.text)
    ),
  );
  const spiky = find(comparisons, "virtio", "spiky", "iops").warnings.map((x) => x.text).join("\n");
  assert.match(spiky, /ide: 1 outlier run\(s\) outside Tukey's fences \(200\)/);
  assert.match(spiky, /ide: noisy runs/);
  assert.doesNotMatch(spiky, /fewer than 5/);
  const one = st.compare([row("ide", 1, "x", "iops", 1), row("virtio", 1, "x", "iops", 2)], {
    by: "driver",
    baseline: "ide",
  });
  const c = one.comparisons[0];
  assert.match(
    c.warnings.map((x) => x.text).join(" "),
    /ide: one run only — no variance, no test, no interval/,
  );
  assert.equal(c.verdict, "insufficient");
  assert.equal(c.ratioText, "insufficient: 1 run per side — 2.0× is a single observation");
  assert.equal(c.pRatio, null);
  assert.equal(c.pAdjusted, null);
  assert.equal(c.family.size, 0, "an insufficient comparison does not count in its family");
  assert.equal(c.welch.p, null);
  assert.equal(c.ratio, 2);
  assert.deepEqual([c.ratioCI.lo, c.ratioCI.hi, c.ratioBootCI.lo, c.ratioBootCI.hi], [
    null,
    null,
    null,
    null,
  ]);
  assert.deepEqual(nonFinitePaths([comparisons, warnings, one]), []);
});

Deno.test("compare: mixed units in one group are not compared, and said so", () => {
  const rows = [1, 2, 3, 4, 5].flatMap((rep) => [
    row("ide", rep, "m", "lat", 100 + rep),
    row("virtio", rep, "m", "lat", 50 + rep, { unit: "s" }),
  ]);
  const { comparisons, warnings } = st.compare(rows, { by: "driver", baseline: "ide" });
  assert.equal(comparisons.length, 0);
  assert.equal(warnings[0].kind, "mixed-units");
  assert.match(warnings[0].text, /mixed units \((ns, s|s, ns)\), not compared/);
});

Deno.test("geometric-mean speed-up across workloads, with a t-interval on the logs", () => {
  const { comparisons } = st.compare(dataset(), { by: "driver", baseline: "ide", candidates: ["virtio"] });
  const g = st.geoMeanSpeedup(comparisons);
  assert.equal(g.k, 4);
  assert.ok(Math.abs(g.ratio! - Math.sqrt(3 * 1.5)) < 1e-9, `${g.ratio}`);
  assert.ok(g.ci.lo! < g.ratio! && g.ratio! < g.ci.hi!);
  assert.equal(
    g.text,
    `${
      Math.sqrt(4.5).toFixed(2)
    }× better on average across 4 workloads (the interval is over workloads, not runs)`,
  );
});

Deno.test("compare: a group's candidates share its baseline's summary, factors and warnings; a family shares its step", () => {
  // Synthetic (labelled, above): two candidates against ide in each group.
  const { comparisons } = st.compare(dataset(), { by: "driver", baseline: "ide" });
  const groups = new Map<string, Comparison[]>();
  for (const c of comparisons) {
    const k = JSON.stringify([c.factors, c.metric, c.stat]);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  assert.ok([...groups.values()].some((g) => g.length === 2));
  for (const [a, b] of [...groups.values()].filter((g) => g.length === 2)) {
    // One object each (at 20× the shipped data a copy per candidate was 6 MB of the live heap); the same values.
    assert.ok(a.baseline === b.baseline && a.factors === b.factors, a.metric);
    assert.notEqual(a.candidate, b.candidate);
    const own = (c: Comparison) => c.warnings.filter((w) => w.subject?.group === "ide");
    assert.deepEqual(own(a).map((w) => own(b).includes(w)), own(a).map(() => true));
  }
  for (const c of comparisons) {
    assert.equal(c.family, comparisons.find((o) => o.family.name === c.family.name)!.family);
  }
});
