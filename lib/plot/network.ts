/**
 * Network throughput per NIC: one panel per test (iperf3 TCP, TCP reverse, UDP; iperf 2 TCP), the
 * mean delivered throughput with its 95 % interval and every run, and the mean UDP loss beside it.
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Measurement } from "../model.ts";
import { summarize } from "../stats/summary.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { frame, plotStyle } from "./frame.ts";
import { nRange } from "./groups.ts";
import { meanBarMarks } from "./mean_bars.ts";
import { colorScale, driverColors } from "./theme.ts";
import { maxOf } from "../arrays.ts";

export interface NetworkOptions extends FigureOptions {
  by?: string;
  caption?: string;
}

const TEST_NAMES: Record<string, string> = {
  "iperf3 tcp": "iperf3 TCP, guest → host",
  "iperf3 tcp-reverse": "iperf3 TCP, host → guest (-R)",
  "iperf3 udp": "iperf3 UDP",
  "iperf2 tcp": "iperf 2 TCP",
  "iperf2 udp": "iperf 2 UDP",
};

export function network(rows: Measurement[], opts: NetworkOptions = {}): Figure {
  const by = opts.by ?? "nic";
  const title = opts.title ?? `Network throughput by ${by === "nic" ? "NIC" : by}`;
  const id = opts.id ?? slug(title);
  // Delivered throughput: iperf3's receiver view; iperf 2 TCP reports only the sender's.
  const picked = rows.filter((r) =>
    r.metric === "throughput" && r.stat === "mean" && r.factors[by] !== undefined &&
    (r.tool === "iperf3" ? r.direction === "receive" : true)
  );
  if (picked.length === 0) return emptyFigure(id, title, "no iperf throughput results", opts);
  const testOf = (r: Measurement) => TEST_NAMES[`${r.tool} ${r.job}`] ?? `${r.tool} ${r.job}`;
  const max = maxOf(picked.map((r) => r.value));
  const [factor, label] = max * 8 >= 1e9 ? [8e-9, "Gbit/s"] : [8e-6, "Mbit/s"];
  const groups = new Map<string, Measurement[]>();
  for (const r of picked) {
    const key = JSON.stringify([testOf(r), r.factors[by]]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const loss = new Map<string, number[]>();
  for (const r of rows.filter((r) => r.metric === "loss" && r.factors[by] !== undefined)) {
    const key = JSON.stringify([testOf(r), r.factors[by]]);
    loss.set(key, [...(loss.get(key) ?? []), r.value]);
  }
  const stats = [...groups].map(([key, rs]) => {
    const [test, nic] = JSON.parse(key) as [string, string];
    const s = summarize(rs.map((r) => r.value));
    const l = loss.get(key);
    return {
      test,
      nic,
      n: s.n,
      mean: s.mean * factor,
      lo: Math.max(0, s.meanCI.lo ?? s.mean) * factor,
      hi: (s.meanCI.hi ?? s.mean) * factor,
      values: s.values.map((v) => v * factor),
      note: l ? `loss ${(l.reduce((a, b) => a + b, 0) / l.length).toFixed(2)} %` : "",
    };
  });
  const points = stats.flatMap((s) => s.values.map((v) => ({ test: s.test, nic: s.nic, value: v })));
  const colors = driverColors(stats.map((s) => s.nic));
  const tests = [...new Set(stats.map((s) => s.test))].sort();
  const width = opts.width ?? 760;
  const chart = Plot.plot({
    document: plotDocument(),
    width,
    height: 34 + tests.length * (colors.size * 18 + 16),
    marginLeft: 80,
    marginRight: 200,
    style: plotStyle(opts.theme),
    x: { label: `Delivered throughput (${label}) — higher is better`, grid: true, zero: true },
    y: { label: null, domain: [...colors.keys()] },
    fy: { label: null, domain: tests },
    color: colorScale(colors),
    marks: [
      ...meanBarMarks(stats, points, "nic", "test"),
      Plot.text(stats.filter((s) => s.note), {
        y: "nic",
        x: "hi",
        fy: "test",
        text: "note",
        textAnchor: "start",
        dx: 8,
      }),
    ],
  }) as unknown as Element;
  return frame({
    id,
    title,
    subtitle: `Mean (bar) with 95 % t-interval and every run (circles) · n = ${
      nRange(stats.map((s) => s.n))
    } runs per NIC and test`,
    caption: opts.caption,
    legend: colors,
    chart,
    theme: opts.theme,
    width,
  });
}
