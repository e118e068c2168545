import type { Dataset } from "../model.ts";
import { emptyDataset } from "./rows.ts";

/** Concatenates datasets in order (rows, series, histograms, warnings, files). */
export function mergeDatasets(...parts: Dataset[]): Dataset {
  return mergeAll(parts);
}

/** {@link mergeDatasets} for an array (one dataset per file: too many to spread into arguments). */
export function mergeAll(parts: Dataset[]): Dataset {
  const out = emptyDataset();
  for (const p of parts) {
    // push in a loop, not spread: a big folder has more rows than the engine allows as arguments.
    for (const r of p.rows) out.rows.push(r);
    for (const s of p.series) out.series.push(s);
    for (const h of p.histograms) out.histograms.push(h);
    for (const w of p.warnings) out.warnings.push(w);
    for (const f of p.files) out.files.push(f);
  }
  return out;
}
