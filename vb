#!/usr/bin/env bash
# The project's one command: ./vb COMMAND [ARGS]. It finds the project's own Deno in .tools/ (installed by
# tools/setup.sh), so nothing has to be on PATH; run it from anywhere.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/tools/env.sh"
# Paths the user typed are relative to where they typed them; tools/report.sh and run.sh read this.
export INIT_CWD="${INIT_CWD:-$PWD}"
cd "$ROOT"

usage() {
  cat <<'TEXT'
Usage: ./vb COMMAND [ARGS]

  run [OUT]             the main job: every notebook on the shipped data (DATA=DIR for yours), figures,
                        tables and the report into OUT (default out/)
  test [DENO_TEST_ARGS] the whole suite (format, lint, types, unit, snapshots, notebooks, harness)
  report DIR [NEW_DIR]  the report command (./vb report --help for its options)
  execute NOTEBOOK…     run notebooks headless (tools/nbexec.py; --param key=value, --out DIR, --inplace)
  notebooks             carry edits between notebooks/NAME.ts and NAME.ipynb, then re-execute them in place
                        (`notebooks sync [--check] [--take ts|ipynb] [NAME…]`: only carry edits over)
  bench [--only IDS]    benchmarks (BENCH_IOS=300000 ./vb bench for a quick smoke run)
  bench-scale           the report at 1×, 5×, 20×, 100× the shipped data and at 1 000 runs per side, each
                        size 3 times (wall, CPU, peak RSS: medians and range; --sizes 1,20 --repeat 1 for fewer;
                        --write puts them into bench/RESULTS.md, README)
  fuzz                  10 000 fuzz cases per input format (about 40 s)
  fmt | lint | check    deno fmt / deno lint / type check
  setup [run|test|bench] install or verify the toolchain (also done by run, test and bench)
TEXT
}

# Commands that call Deno directly need it installed; run, test, bench and setup install it themselves.
need_deno() {
  if [[ ! -x "$DENO" ]]; then
    echo "vb: the project's Deno is not installed in .tools/ yet; run \`bash tools/setup.sh\` first." >&2
    exit 1
  fi
}

cmd="${1:-help}"
[[ $# -gt 0 ]] && shift
# --help for the commands whose scripts take no options: their lines of the usage above.
if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]] && [[ "$cmd" =~ ^(run|test|setup|notebooks|fuzz|bench-scale)$ ]]; then
  usage | awk -v c="$cmd" '$1 == c { on = 1; print "./vb " substr($0, 3); next }
    on && /^                    / { print "  " $0; next } { on = 0 }'
  exit 0
fi
case "$cmd" in
  run) exec bash tools/run.sh "$@" ;;
  # The suite starts commands from folders of its own; a caller's folder would leak into them.
  test) unset INIT_CWD; exec bash tools/test.sh "$@" ;;
  bench) exec bash tools/bench.sh "$@" ;;
  setup) exec bash tools/setup.sh "$@" ;;
  report) need_deno; exec bash tools/report.sh "$@" ;;
  execute) need_deno; exec "$PYTHON" tools/nbexec.py "$@" ;;
  notebooks)
    need_deno
    if [[ "${1:-}" == "sync" ]]; then shift; exec "$DENO" run -A --frozen tools/notebook_sync.ts "$@"; fi
    "$DENO" run -A --frozen tools/notebook_sync.ts "$@"
    exec "$PYTHON" tools/nbexec.py --inplace notebooks/*.ipynb
    ;;
  bench-scale) need_deno; exec "$DENO" run -A --frozen bench/scale.ts "$@" ;;
  fuzz) need_deno; FUZZ_RUNS="${FUZZ_RUNS:-10000}" exec "$DENO" test -A --frozen tests/fuzz/fuzz_test.ts "$@" ;;
  fmt) need_deno; exec "$DENO" fmt "$@" ;;
  lint) need_deno; exec "$DENO" lint "$@" ;;
  # Notebooks too: a cell edited in Jupyter but not yet carried to its .ts fails here rather than going unchecked.
  check) need_deno; "$DENO" run -A --frozen tools/notebook_sync.ts --check; exec "$DENO" check "$@" lib tests tools bench/*.ts notebooks ;;
  help | -h | --help) usage ;;
  *) echo "vb: unknown command '$cmd'." >&2; usage >&2; exit 2 ;;
esac
