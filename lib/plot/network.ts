/**
 * Network throughput per NIC: one panel per test (iperf3 TCP, TCP reverse, UDP; iperf 2 TCP), each
 * with its own scale (UDP at a fixed offered rate is far below TCP), the mean delivered throughput
 * with its 95 % interval and every run, and the mean UDP loss beside it.
 * @module
 */
import * as Plot from "./plot.ts";
import type { Measurement, Rows } from "../model.ts";
import { summarize } from "../stats/summary.ts";
import { plotDocument } from "./dom.ts";
import { emptyFigure } from "./empty.ts";
import { type Figure, type FigureOptions, slug } from "./figure.ts";
import { isNarrow } from "./size.ts";
import { frame, plotStyle, stackCharts, X_AXIS_BOTTOM } from "./frame.ts";
import { colorScale, driverColors } from "./theme.ts";
import { unitFor } from "./units.ts";
import { nRange } from "./groups.ts";

export interface NetworkOptions extends FigureOptions {
  by?: string;
  caption?: string;
}

/**
 * Panel names. Which way the data went is known from iperf3 itself (client → server, or back with -R); that the
 * client is a guest and the server its host is known only of a NIC comparison, the harness's setup.
 */
const TEST_NAMES: Record<string, string> = {
  "iperf3 tcp": "iperf3 TCP, client → server",
  "iperf3 tcp-reverse": "iperf3 TCP, server → client (-R)",
  "iperf3 udp": "iperf3 UDP",
  "iperf2 tcp": "iperf 2 TCP",
  "iperf2 udp": "iperf 2 UDP",
};

export function network(rows: Rows, opts: NetworkOptions = {}): Figure {
  const by = opts.by ?? "nic";
  const title = opts.title ?? `Network throughput by ${by === "nic" ? "NIC" : by}`;
  const id = opts.id ?? slug(title);
  // Delivered throughput: iperf3's receiver view; iperf 2 TCP reports only the sender's.
  const picked = rows.filter((r) =>
    r.metric === "throughput" && r.stat === "mean" && r.factors[by] !== undefined &&
    (r.tool === "iperf3" ? r.direction === "receive" : true)
  );
  if (picked.length === 0) return emptyFigure(id, title, "no iperf throughput results", opts);
  const vm = by === "nic";
  const testOf = (r: Measurement) => {
    const name = TEST_NAMES[`${r.tool} ${r.job}`] ?? `${r.tool} ${r.job}`;
    return vm
      ? name.replace("client → server", "guest → host").replace("server → client", "host → guest")
      : name;
  };
  let top = 0;
  for (const r of picked) top = Math.max(top, r.value);
  const { factor, label } = unitFor(opts.units, "throughput", "B/s", top);
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
  const colors = driverColors(stats.map((s) => s.nic), opts.universe);
  const tests = [...new Set(stats.map((s) => s.test))].sort();
  const width = opts.width ?? 760;
  let most = 0;
  for (const s of stats) most = Math.max(most, s.hi);
  const panels = tests.map((test, k) => {
    const last = k === tests.length - 1;
    const here = stats.filter((s) => s.test === test);
    let max = 0;
    for (const s of here) max = Math.max(max, s.hi);
    // Panels within a factor of 10 of the largest share its axis (comparable by eye); a panel far
    // below (UDP at a fixed offered rate) gets its own, or its bars would be a few pixels long.
    const own = max < most / 10;
    return {
      name: own ? `${test} (own scale)` : test,
      chart: Plot.plot({
        document: plotDocument(),
        width,
        height: colors.size * 18 + (last ? 20 + X_AXIS_BOTTOM.marginBottom : 30),
        marginTop: 4,
        marginLeft: 80,
        marginRight: isNarrow(width) ? 84 : 200,
        marginBottom: last ? X_AXIS_BOTTOM.marginBottom : 26,
        style: plotStyle(opts.theme),
        x: {
          label: last ? `Delivered throughput (${label}) — higher is better →` : null,
          labelOffset: X_AXIS_BOTTOM.labelOffset,
          grid: true,
          domain: own ? undefined : [0, most],
          zero: true,
          nice: true,
        },
        y: { label: null, domain: [...colors.keys()] },
        color: colorScale(colors),
        marks: [
          Plot.barX(here, { y: "nic", x: "mean", fill: "nic", fillOpacity: 0.35 }),
          Plot.ruleY(here, { y: "nic", x1: "lo", x2: "hi", stroke: "currentColor", strokeWidth: 1.5 }),
          Plot.dot(points.filter((p) => p.test === test), { y: "nic", x: "value", stroke: "nic", r: 2.5 }),
          Plot.text(here.filter((s) => s.note), {
            y: "nic",
            x: "hi",
            text: "note",
            textAnchor: "start",
            dx: 8,
          }),
        ],
      }) as unknown as Element,
    };
  });
  const chart = stackCharts(panels, width, opts.theme);
  return frame({
    id,
    title,
    subtitle: `Mean (bar) with 95 % t-interval and every run (circles) · n = ${
      nRange(stats.map((s) => s.n))
    } runs per ${vm ? "NIC" : by} and test`,
    caption: opts.caption,
    legend: colors,
    chart,
    theme: opts.theme,
    noTitles: opts.noTitles,
    width,
  });
}
