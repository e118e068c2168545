/**
 * Values far outside what the tools could have measured: one bound per unit, set two or more orders of magnitude
 * above the fastest hardware of 2026, so no real run comes near it while a corrupted or hand-edited number (iops
 * 1e20, a latency of 1e300 ns) is caught. Such a value is named in a warning (file, place, value, bound) and left
 * out of every aggregate: one absurd run would otherwise set a mean (60744041.50× "worse") or overflow a variance.
 *
 * | unit | bound | why |
 * | --- | --- | --- |
 * | IO/s | 1e10 | 1000× a fast NVMe device (Intel Optane P5800X datasheet: 1.5 M 4 KiB random reads/s) |
 * | B/s  | 1e14 | 100 TB/s: 200× a socket's DDR5 bandwidth (12 channels × 38.4 GB/s at DDR5-4800, JESD79-5) and 1000× an 800 Gbit/s NIC |
 * | ns   | 1e15 | 11.6 days for one I/O or round trip: longer than any benchmark run |
 * | s    | 1e9  | 31.7 years of CPU time in one run |
 * | B    | 1e18 | an exabyte moved in one run |
 * | count| 1e18 | 1e10 IO/s for 3 years |
 * | %    | 1e6  | 10 000 CPUs at 100 % |
 *
 * (fio's `null` engine moves no data, so its bandwidth is IO/s × block size and can pass any bound; it does not
 * measure a device and is not what these notebooks compare.) Derived efficiency units have no bound of their own:
 * their inputs are checked.
 * @module
 */
import type { Dataset, IngestWarning, Measurement, Unit } from "../model.ts";

export const PLAUSIBLE_MAX: Partial<Record<Unit, number>> = {
  "IO/s": 1e10,
  "B/s": 1e14,
  "ns": 1e15,
  "s": 1e9,
  "B": 1e18,
  "count": 1e18,
  "%": 1e6,
};

/** `ds` without its implausible rows, each named in a warning. */
export function dropImplausible(ds: Dataset): Dataset {
  const absurd = ds.rows.filter(implausible);
  if (absurd.length === 0) return ds;
  const warnings: IngestWarning[] = absurd.map((r) => ({
    source: r.source,
    location: r.location,
    message: `${r.location ? `${r.source}, ${r.location}` : r.source}: found ${r.metric} ${r.stat} = ` +
      `${r.value.toPrecision(3)} ${r.unit}, far beyond what the tool could have measured (over ` +
      `${PLAUSIBLE_MAX[r.unit]!.toExponential(0)} ${r.unit}); left out of every aggregate`,
  }));
  return { ...ds, rows: ds.rows.filter((r) => !implausible(r)), warnings: [...ds.warnings, ...warnings] };
}

function implausible(r: Measurement): boolean {
  const max = PLAUSIBLE_MAX[r.unit];
  return max !== undefined && !(Math.abs(r.value) <= max);
}
