import { relative } from "node:path";
import * as vb from "../../lib/mod.ts";
import { DATA } from "../helpers.ts";

/** The shipped data's figures (data path given relative, so captions do not depend on the checkout's place). */
export async function shippedFigures(): Promise<vb.Figure[]> {
  // Relative to the working folder (the suite runs from the checkout's root): captions stay the same on every machine.
  const root = relative(Deno.cwd(), DATA) || ".";
  {
    const disk = await vb.analyse(root, { tool: "fio" });
    const net = await vb.analyse(root, { tool: vb.NETWORK_TOOLS });
    return [
      vb.driverComparisonFigure(disk, { metric: "iops", workloads: /rand/ }),
      vb.driverComparisonFigure(disk, { metric: "bw", workloads: /seq/ }),
      vb.driverComparisonFigure(disk, { metric: "lat" }),
      vb.forestFigure(disk),
      vb.forestFigure([disk, net]),
      vb.heatmapFigure(disk),
      vb.latencyLadderFigure(disk),
      vb.latencyCdfFigure(disk),
      vb.timeseriesFigure(disk, { metric: "bw" }),
      vb.networkFigure(net),
      vb.forestFigure(net),
      vb.timeseriesFigure(net, { metric: "throughput" }),
      { ...vb.forestFigure(disk, { theme: "dark" }), id: "disk-forest-dark" },
    ];
  }
}
