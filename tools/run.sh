#!/usr/bin/env bash
# The main job: execute every notebook headless on the shipped data (or DATA=...), export every
# figure (SVG + PNG) and result table, and write the CLI report — all into one output folder.
#   bash tools/run.sh [OUT_DIR]        (default: out/)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# OUT_DIR and DATA as typed are relative to the caller's folder (./vb passes it as INIT_CWD); defaults to the project's.
caller="${INIT_CWD:-$PWD}"
cd "$ROOT"
bash tools/setup.sh run
out="$ROOT/out" data="$ROOT/data"
[[ -z "${1:-}" ]] || out="$(cd "$caller" && realpath -m -- "$1")"
[[ -z "${DATA:-}" ]] || data="$(cd "$caller" && realpath -m -- "$DATA")"
mkdir -p "$out"
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if ((${#notebooks[@]})); then
  "$PYTHON" tools/nbexec.py --out "$out/notebooks" --param "data=$data" --param "out=$out" "${notebooks[@]}"
fi
if [[ -f tools/report.ts ]]; then
  bash tools/report.sh "$data" --out "$out/report" --quiet
fi
echo "executed notebooks: $out/notebooks/"
echo "figures (SVG, PNG): $out/figures/"
echo "tables (CSV):       $out/tables/"
[[ -f tools/report.ts ]] && echo "report:             $out/report/report.html"
exit 0
