#!/usr/bin/env bash
# The whole test suite: setup, format, lint, type check, then every test (unit, snapshots,
# executor, notebooks, harness quick mode). Prints "N passed, N failed" last.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash tools/setup.sh test
echo "== deno fmt --check / lint / check" >&2
deno fmt --check
deno lint
deno task --quiet check
mkdir -p out
echo "== deno test" >&2
set +e
deno test -A --frozen --parallel "$@" 2>&1 | tee out/test.log
status=${PIPESTATUS[0]}
set -e
summary=$(sed 's/\x1b\[[0-9;]*m//g' out/test.log | grep -E '^(ok|FAILED) \| ' | tail -1)
passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
failed=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
