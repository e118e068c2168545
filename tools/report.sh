#!/usr/bin/env bash
# `./vb report` entry: runs tools/report.ts with the least permissions it needs —
# read the data folder(s) and the project, write only the output folder, no network.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
out="out/report"
reads=("$ROOT")
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --out) out="${args[i + 1]:-$out}" ;;
    --out=*) out="${args[i]#--out=}" ;;
    -*) ;;
    *) [[ $i -gt 0 && "${args[i - 1]}" =~ ^--(out|baseline|candidate|format|by)$ ]] || reads+=("$(realpath -m "${args[i]}")") ;;
  esac
done
out="$(realpath -m "$out")"
deno_dir="${DENO_DIR:-$HOME/.cache/deno}"
# resvg (PNG) is a Node-API addon: it needs --allow-ffi and to read its own package files.
exec "$DENO" run --quiet --frozen --no-prompt \
  --allow-read="$(IFS=,; echo "${reads[*]}"),$out,$deno_dir" \
  --allow-write="$out" --allow-env --allow-ffi --allow-sys=cpus,osRelease,networkInterfaces,hostname,uid,gid \
  "$ROOT/tools/report.ts" "$@"
