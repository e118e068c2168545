/**
 * (labelled synthetic) A disk analysis with many workloads, for the report's figure selection and paging: 40 fio
 * workloads w00…w39, drivers ide (baseline) and virtio, eight runs each (enough for the rank check over 40), with host CPU records. The two drivers
 * run alike (ratio exactly 1, "no detectable difference") except in the PLANTED workloads, where virtio costs
 * less host CPU per GiB by the factor given (a decided "better", largest change = smallest factor) and moves as
 * many bytes.
 */
import type { Dataset, Measurement } from "../../lib/model.ts";
import { analyseDataset, type Analysis } from "../../lib/analysis/analyse.ts";

export const WORKLOADS = Array.from({ length: 40 }, (_, i) => `w${String(i).padStart(2, "0")}`);
/** Workload → virtio's host CPU time as a share of ide's. */
export const PLANTED: Record<string, number> = { w05: 0.6, w17: 0.3, w35: 0.45 };

function row(over: Partial<Measurement> & Pick<Measurement, "source" | "factors" | "metric">): Measurement {
  return {
    tool: "fio",
    toolVersion: "fio-3.33",
    format: "fio-json",
    job: over.factors.workload ?? "",
    direction: "read",
    stat: "mean",
    value: 0,
    unit: "IO/s",
    ...over,
  };
}

export function syntheticManyWorkloads(): Analysis {
  const rows: Measurement[] = [];
  for (const [w, workload] of WORKLOADS.entries()) {
    for (const driver of ["ide", "virtio"]) {
      for (let rep = 1; rep <= 8; rep++) {
        const dir = `synthetic/driver=${driver}/rep=${rep}`;
        const factors = { driver, rep: String(rep), workload };
        // Two spreads (±3.5 %) in different orders: the host CPU cost per I/O varies from run to run.
        const noise = 1 + 0.01 * ((rep * 5) % 8 - 3.5), cpuNoise = 1 + 0.01 * ((rep * 3) % 8 - 3.5);
        const iops = (1000 + 37 * w) * noise;
        const fio = { source: `${dir}/${workload}.json`, factors };
        rows.push(row({ ...fio, metric: "iops", value: iops }));
        rows.push(row({ ...fio, metric: "bw", value: iops * 4096, unit: "B/s" }));
        rows.push(row({ ...fio, metric: "lat", value: 1e9 / iops, unit: "ns" }));
        const share = driver === "virtio" ? PLANTED[workload] ?? 1 : 1;
        const host = { source: `${dir}/${workload}.hostcpu.json`, factors, tool: "host" as const };
        rows.push(
          row({
            ...host,
            format: "host-cpu",
            metric: "host_cpu",
            stat: "value",
            value: 6 * share * cpuNoise,
            unit: "s",
          }),
        );
        rows.push(
          row({ ...host, format: "host-cpu", metric: "host_wall", stat: "value", value: 10, unit: "s" }),
        );
      }
    }
  }
  const dataset: Dataset = { rows, series: [], histograms: [], warnings: [], files: [] };
  return analyseDataset(dataset, "synthetic", { tool: "fio" }, []);
}
