#!/usr/bin/env bash
# The whole test suite (./vb test): setup, format, lint, type check, then every test (unit, snapshots,
# executor, notebooks, harness quick mode). A failing step does not hide the others; the last line is
# always "N passed, N failed" (the three static checks count as one test each). Extra arguments go to
# `deno test` (e.g. a file or --filter).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
start=$SECONDS
passed=0
failed=0
if ! bash tools/setup.sh test; then
  echo "setup failed: nothing was tested"
  echo "0 passed, 1 failed"
  exit 1
fi
static=()
step() {
  local name="$1"
  shift
  echo "== $name" >&2
  if "$@"; then
    passed=$((passed + 1))
    static+=("$name ok")
  else
    failed=$((failed + 1))
    static+=("$name FAILED")
  fi
}
step "deno fmt --check" deno fmt --check
step "deno lint" deno lint
step "type check" deno check lib tests tools bench/*.ts notebooks
mkdir -p out
echo "== deno test" >&2
deno test -A --frozen --parallel "$@" 2>&1 | tee out/test.log
status=${PIPESTATUS[0]}
summary=$(sed 's/\x1b\[[0-9;]*m//g' out/test.log | grep -E '^(ok|FAILED) \| ' | tail -1)
tests_passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
tests_failed=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
if [[ $status -ne 0 && $tests_failed -eq 0 ]]; then
  echo "deno test exited with status $status before its summary (see out/test.log)"
  tests_failed=1
fi
passed=$((passed + tests_passed))
failed=$((failed + tests_failed))
elapsed=$((SECONDS - start))
echo "static checks: $(IFS=,; echo "${static[*]}" | sed 's/,/, /g'); suite took $((elapsed / 60)) min $((elapsed % 60)) s"
echo "$passed passed, $failed failed"
((failed == 0))
