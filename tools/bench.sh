#!/usr/bin/env bash
# Benchmarks (deno task bench): fio per-I/O log ingest against pandas, DuckDB, papaparse and wc -l, on a
# real log made here with fio and cached outside the repo; then (hook) the notebook suite and report, and
# the report at scale (bench/scale.ts: wall time, CPU time and peak RSS; also `deno task bench-scale`).
#   bash tools/bench.sh    env: BENCH_REPEAT=3 best-of-3; BENCH_SECONDS=20 fio run length;
#                          BENCH_SKIP_SUITE=1 skips timing the notebooks and report
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/virtio-bench/bench"
mkdir -p "$cache"
for tool in fio node /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install fio nodejs time)" >&2; exit 1; }
done

# A real per-I/O completion-latency log (no log_avg_msec): psync randread 4k on a tmpfs file, ≥ 5 M lines.
log="$cache/randread_clat.1.log"
if [[ ! -s "$log" ]] || (($(wc -l <"$log") < 5000000)); then
  echo "bench: making a per-I/O fio log in $cache (${BENCH_SECONDS:-20} s) …" >&2
  data="$(mktemp -p /dev/shm fiobench.XXXXXX)"
  (cd "$cache" && rm -f randread_*.log && fio --name=randread --filename="$data" --size=64M --rw=randread \
    --bs=4k --ioengine=psync --runtime="${BENCH_SECONDS:-20}" --time_based --write_lat_log=randread \
    >fio.out)
  rm -f "$data"
fi

# DuckDB: npm-installed into the cache and run with node, so it is not a project dependency.
duck="$cache/duckdb"
if [[ ! -d "$duck/node_modules/@duckdb/node-api" ]]; then
  mkdir -p "$duck" && echo '{"private":true}' >"$duck/package.json"
  (cd "$duck" && npm install --no-audit --no-fund --silent @duckdb/node-api@1.5.6-r.1)
fi

# ---- hook: the notebook suite and the report command, timed when they exist ----
extra=()
if [[ -n "${BENCH_SKIP_SUITE:-}" ]]; then echo "bench: BENCH_SKIP_SUITE set, notebook/report timing skipped" >&2
elif [[ -f tools/run.sh ]]; then
  s=$(date +%s.%N)
  if bash tools/run.sh "$(mktemp -d)" >/dev/null 2>&1; then
    extra+=("Notebook suite + report (\`bash tools/run.sh\`): $(echo "$(date +%s.%N) - $s" | bc | xargs printf '%.1f') s.")
  else extra+=("Notebook suite (\`bash tools/run.sh\`) failed; not timed."); fi
else echo "bench: tools/run.sh not present, notebook timing skipped" >&2; fi
if [[ -n "${BENCH_SKIP_SUITE:-}" ]]; then :
elif [[ -f tools/report.sh && -d data ]]; then
  s=$(date +%s.%N)
  if deno task --quiet report data --out "$(mktemp -d)" --quiet >/dev/null 2>&1; then
    extra+=("Report command (\`deno task report data\`): $(echo "$(date +%s.%N) - $s" | bc | xargs printf '%.1f') s.")
  else extra+=("Report command (\`deno task report data\`) failed; not timed."); fi
else echo "bench: deno task report not available, report timing skipped" >&2; fi

# Scale (issue 19): the report on 20× the shipped data and on 1 000 json+ runs per side (bench/scale.ts).
if [[ -z "${BENCH_SKIP_SUITE:-}" && -d data ]]; then
  mapfile -t scale < <(deno run -A bench/scale.ts --cache "$cache/scale")
  extra+=("${scale[@]}")
fi

args=()
for e in "${extra[@]}"; do args+=(--extra "$e"); done
deno run -A bench/fio_log_bench.ts --log "$log" --duckdb-modules "$duck/node_modules" --python "$PYTHON" \
  --repeat "${BENCH_REPEAT:-1}" "${args[@]}"
