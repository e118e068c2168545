#!/usr/bin/env bash
# `deno task report` entry: runs tools/report.ts with the least permissions it needs —
# read the data folder(s) and the project, write only the output folder, no network.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
out="out/report"
store=""
reads=("$ROOT")
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --out) out="${args[i + 1]:-$out}" ;;
    --out=*) out="${args[i]#--out=}" ;;
    --store) store="${args[i + 1]:-}" ;;
    --store=*) store="${args[i]#--store=}" ;;
    -*) ;;
    *) [[ $i -gt 0 && "${args[i - 1]}" =~ ^--(out|baseline|candidate|format|by|store|batch|against)$ ]] || reads+=("$(realpath -m "${args[i]}")") ;;
  esac
done
out="$(realpath -m "$out")"
deno_dir="${DENO_DIR:-$HOME/.cache/deno}"
store_perms=()
ffi=(--allow-ffi)
if [[ -n "$store" ]]; then
  # --store: DuckDB (npm @duckdb/node-api) is a Node-API addon. Deno checks only the loading of its duckdb.node
  # (--allow-ffi=that file; it loads libduckdb.so beside it itself) and our own lock/rename in the store folder
  # (read+write there). DuckDB's own file access is native and not seen by Deno: lib/store/db.ts confines it
  # to the store folder (enable_external_access=false, allowed_directories=[store]).
  store="$(realpath -m "$store")"
  # Deno does not merge a bare --allow-ffi with a scoped one, so both addons are listed (resvg's for PNG).
  addons=("$ROOT"/node_modules/.deno/@duckdb+node-bindings-*/node_modules/@duckdb/node-bindings-*/duckdb.node
    "$ROOT"/node_modules/.deno/@resvg+resvg-js-*/node_modules/@resvg/resvg-js-*/*.node)
  store_perms=(--allow-read="$store" --allow-write="$store")
  ffi=(--allow-ffi="$(IFS=,; echo "${addons[*]}")")
fi
# resvg (PNG) is a Node-API addon: it needs --allow-ffi and to read its own package files.
exec "$DENO" run --quiet --frozen --no-prompt \
  --allow-read="$(IFS=,; echo "${reads[*]}"),$out,$deno_dir" \
  --allow-write="$out" "${store_perms[@]}" --allow-env "${ffi[@]}" --allow-sys=cpus,osRelease,networkInterfaces,hostname,uid,gid \
  "$ROOT/tools/report.ts" "$@"
