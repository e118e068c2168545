"""Benchmark worker: pandas.read_csv + groupby with the same aggregation as bench/summary.ts.

Percentiles use numpy's "inverted_cdf" (nearest rank), the definition the project's histogram reports.
    python3 bench/fio_log_pandas.py FILE [BIN_MS]
"""
import json
import sys

import numpy as np
import pandas as pd

DIRS = ["read", "write", "trim"]
bin_ms = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
df = pd.read_csv(sys.argv[1], header=None, usecols=[0, 1, 2], names=["t", "v", "ddir"], skipinitialspace=True)
out = {}
for ddir, g in df.groupby("ddir"):
    v = g["v"].to_numpy()
    q = np.quantile(v, [0.5, 0.99, 0.999], method="inverted_cdf")
    bins = g.groupby(g["t"] // bin_ms)["v"].mean()
    out[DIRS[int(ddir)]] = {
        "count": int(v.size),
        "mean": float(v.mean()),
        "p50": float(q[0]),
        "p99": float(q[1]),
        "p999": float(q[2]),
        "binMeans": [float(x) for x in bins.to_numpy()],
    }
print(json.dumps({"tool": "pandas", "dirs": out}))
