#!/usr/bin/env bash
# Benchmarks (./vb bench): fio log ingest against DuckDB, pandas, papaparse and wc -l on five log shapes made
# here with fio (cached outside the repo), then (hook) the notebook suite and the report command, the report at
# scale (bench/scale.ts: wall time, CPU time and peak RSS; also `deno task bench-scale`) and the results store.
#   ./vb bench [--only psync,qd16,qd32,avg,fio31] [--help]
# env: BENCH_IOS=6000000 I/Os per per-I/O log (smaller = smoke run); BENCH_REPEAT=3 best of N;
#      BENCH_SKIP_SUITE=1 skips timing the notebooks, the report and the scale runs (README and RESULTS keep the
#      last ones, and README's notes after the scale block are kept either way: bench/sections.ts); BENCH_CORPUS=DIR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
# The command line is checked before anything runs (an unknown --only id would otherwise run everything else).
SHAPES="psync qd16 qd32 avg fio31"
for ((i = 1; i <= $#; i++)); do
  a="${!i}"
  case "$a" in
    --only) i=$((i + 1)); ids="${!i:-}" ;;
    --only=*) ids="${a#--only=}" ;;
    *) echo "bench: unknown option $a; ./vb bench --help lists them." >&2; exit 2 ;;
  esac
  for id in ${ids//,/ }; do
    [[ " $SHAPES " == *" $id "* ]] || { echo "bench: unknown --only id \"$id\"; expected some of ${SHAPES// /, }." >&2; exit 2; }
  done
  [[ -n "${ids:-}" ]] || { echo "bench: --only needs a list of ids (${SHAPES// /, })." >&2; exit 2; }
done
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "!!!!!!!! bench: the machine is BUSY (1-minute load average $load > 0.5 on $(nproc) CPUs):" \
    "these timings are a smoke test, not results — measure on an idle machine !!!!!!!!" >&2
fi
bash tools/setup.sh bench
cache="${XDG_CACHE_HOME:-$HOME/.cache}/virtio-bench/bench"
mkdir -p "$cache"
for tool in fio node npm /usr/bin/time timeout; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install fio nodejs npm time coreutils)" >&2; exit 1; }
done

# DuckDB: npm-installed into the cache and run with node, so it is not a project dependency. If the install
# fails, its row says so and the others go on.
duck="$cache/duckdb-1.5.6"
if [[ ! -d "$duck/node_modules/@duckdb/node-api" ]]; then
  mkdir -p "$duck" && echo '{"private":true}' >"$duck/package.json"
  (cd "$duck" && npm install --no-audit --no-fund --silent @duckdb/node-api@1.5.6-r.1) ||
    echo "bench: installing @duckdb/node-api failed; its rows will say so" >&2
fi

# ---- hook: the notebook suite and the report command, timed when they exist ----
extra=()
if [[ -n "${BENCH_SKIP_SUITE:-}" ]]; then echo "bench: BENCH_SKIP_SUITE set, notebook/report timing skipped" >&2
else
  s=$(date +%s.%N)
  if bash tools/run.sh "$(mktemp -d)" >/dev/null 2>&1; then
    extra+=("Notebook suite + report (\`./vb run\`): $(echo "$(date +%s.%N) - $s" | bc | xargs printf '%.1f') s.")
  else extra+=("Notebook suite (\`./vb run\`) failed; not timed."); fi
  s=$(date +%s.%N)
  if bash tools/report.sh data --out "$(mktemp -d)" --quiet >/dev/null 2>&1; then
    extra+=("Report command (\`./vb report data\`): $(echo "$(date +%s.%N) - $s" | bc | xargs printf '%.1f') s.")
  else extra+=("Report command (\`./vb report data\`) failed; not timed."); fi
fi

# Scale (issue 19): the report on 20× the shipped data and on 1 000 json+ runs per side (bench/scale.ts).
if [[ -z "${BENCH_SKIP_SUITE:-}" && -d data ]]; then
  mapfile -t scale < <(deno run -A bench/scale.ts --cache "$cache/scale")
  extra+=("${scale[@]}")
fi

args=(--cache "$cache/logs" --duckdb-modules "$duck/node_modules" --python "$PYTHON" --load "$load"
  --repeat "${BENCH_REPEAT:-3}")
[[ -n "${BENCH_IOS:-}" ]] && args+=(--ios "$BENCH_IOS")
for e in "${extra[@]}"; do args+=(--extra "$e"); done
deno run --quiet -A bench/fio_log_bench.ts "${args[@]}" "$@"
# Results store: a ≥ 10 000-run store (the shipped runs, labelled replicated, under 7 batches × 6 hosts; built once
# into the cache) answers the history query in < 2 s with peak RSS < 500 MB.
deno run -A --frozen bench/store_bench.ts
