#!/usr/bin/env bash
# `./vb report` entry: runs tools/report.ts with the least permissions it needs.
#   read:  the data folder(s) (as given and with links resolved: Deno checks the path a program uses),
#          the output folder, and the project's code (lib/, tools/, node_modules/, deno.json, deno.lock);
#   write: the output folder and its two staging siblings .NAME.report-new/.NAME.report-old (it is
#          replaced in one rename, see lib/report/output.ts);
#   ffi:   only resvg's Node-API addon (the PNG renderer) and glibc's libc.so.6 (malloc_trim, lib/gc.ts), not
#          native code in general; with --store also DuckDB's duckdb.node, and read+write on the store folder;
#   sys:   cpus, hostname, networkInterfaces: resvg's loader calls process.report.getReport() to tell
#          glibc from musl, and Deno's report reads those three;
#   fonts: read of the two DejaVu files, which PDFs embed (lib/export/pdf.ts) and PNGs check (lib/export/fonts.ts);
#   env:   none (tools/report_env.ts gives dependencies an empty process.env); no network, no subprocesses.
# Relative paths are taken from the folder the command was run in (`deno task` runs tasks in the
# project folder and says where it was called from in INIT_CWD).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [[ -n "${INIT_CWD:-}" && "$PWD" == "$ROOT" ]]; then cd "$INIT_CWD"; fi

fail() { echo "report: $1" >&2; exit 2; }
# Options of tools/report.ts that take a value (tests/report/report_test.ts checks this list against it).
VALUE_OPTIONS="out|by|baseline|candidate|label|layout|adjust|min-change|format|figure-formats|figure-width|store|batch|against|change-alpha|min-segment"

out="out/report"
paths=()
store=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  a="${args[i]}"
  case "$a" in
    --) paths+=("${args[@]:i+1}"); break ;;
    --out) out="${args[i + 1]:-$out}"; i=$((i + 1)) ;;
    --out=*) out="${a#--out=}" ;;
    --store) store="${args[i + 1]:-}"; i=$((i + 1)) ;;
    --store=*) store="${a#--store=}" ;;
    -*) if [[ "$a" =~ ^--($VALUE_OPTIONS)$ ]]; then i=$((i + 1)); fi ;;
    *) paths+=("$a") ;;
  esac
done

# Each data path as given (absolute, not resolved) and with links resolved; Deno's flags separate paths
# with commas, so a path holding one cannot be granted exactly: refuse it rather than grant something else.
reads=()
for p in "${paths[@]}"; do
  for q in "$(realpath -ms -- "$p")" "$(realpath -m -- "$p")"; do
    [[ -n "$q" ]] || fail "cannot make sense of the path $p."
    [[ "$q" != *,* ]] || fail "the path $q contains a comma, which Deno's permission flags cannot express; rename it or reach it through a symbolic link without one."
    reads+=("$q")
  done
done
out_real="$(realpath -m -- "$out")"
[[ "$out_real" != *,* ]] || fail "the path $out_real contains a comma, which Deno's permission flags cannot express; choose another --out."
[[ "$out_real" != "/" ]] || fail "--out / would replace the whole file system; choose a folder."
out_dir="$(dirname "$out_real")" out_name="$(basename "$out_real")"
writes=("$out_real" "$out_dir/.$out_name.report-new" "$out_dir/.$out_name.report-old")
libc=gnu
if ldd --version 2>&1 | grep -qi musl; then libc=musl; fi
addon="$(ls "$ROOT"/node_modules/.deno/@resvg+resvg-js-linux-*-"$libc"@*/node_modules/@resvg/*/resvgjs.*.node 2>/dev/null | head -1 || true)"
[[ -n "$addon" && "$addon" != *,* ]] || { echo "report: resvg's native addon is not installed under $ROOT/node_modules; run: bash tools/setup.sh" >&2; exit 2; }
code=("$ROOT/lib" "$ROOT/tools" "$ROOT/node_modules" "$ROOT/deno.json" "$ROOT/deno.lock")
for p in "${code[@]}"; do [[ "$p" != *,* ]] || fail "the project path $ROOT contains a comma, which Deno's permission flags cannot express; move the checkout."; done

ffi=("$addon")
# glibc itself, for malloc_trim: the report gives freed native memory back between stages (lib/gc.ts, whose
# libcPaths this list is; tests/gc_test.ts checks that they agree).
case "$(uname -m)" in x86_64) gnu=x86_64 ;; aarch64) gnu=aarch64 ;; *) gnu="$(uname -m)" ;; esac
for p in "/usr/lib/$gnu-linux-gnu/libc.so.6" "/lib/$gnu-linux-gnu/libc.so.6" /usr/lib64/libc.so.6; do
  if [[ "$libc" == gnu && -f "$p" && "$p" != *,* ]]; then ffi+=("$p"); break; fi
done
if [[ -n "$store" ]]; then
  # --store: DuckDB (npm @duckdb/node-api) is a Node-API addon. Deno checks only the loading of its duckdb.node
  # (it loads libduckdb.so beside it itself) and our own lock/rename in the store folder (read+write there).
  # DuckDB's own file access is native and not seen by Deno: lib/store/db.ts confines it to the store folder
  # (enable_external_access=false, allowed_directories=[store]).
  store_real="$(realpath -m -- "$store")"
  [[ "$store_real" != *,* ]] || fail "the path $store_real contains a comma, which Deno's permission flags cannot express; choose another --store."
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
  flavour="linux-$arch"; [[ "$libc" != musl ]] || flavour+="-musl"
  duckdb="$(ls "$ROOT"/node_modules/.deno/@duckdb+node-bindings-"$flavour"@*/node_modules/@duckdb/node-bindings-"$flavour"/duckdb.node 2>/dev/null | head -1 || true)"
  [[ -n "$duckdb" && "$duckdb" != *,* ]] || { echo "report: DuckDB's native addon is not installed under $ROOT/node_modules; run: bash tools/setup.sh" >&2; exit 2; }
  reads+=("$store_real")
  writes+=("$store_real")
  ffi+=("$duckdb")
fi

# The two DejaVu files: PDF export embeds them (PDFKit reads them through Deno, unlike resvg's native loader), and
# PNG export checks that they are the files its cut-down copies were made from (lib/export/fonts.ts).
fonts=(/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf)

join() { local IFS=,; echo "$*"; }
# The resolved --out goes last: it wins over the one given, so the program uses the path it may write.
# VB_REPORT_DRY_RUN=1 prints the command, one argument per line, instead of running it.
run=(exec)
[[ "${VB_REPORT_DRY_RUN:-}" != 1 ]] || run=(printf '%s\n')
# A young generation of at most 3 × 4 MB: the loader makes much short-lived garbage, and V8's default (up to
# 3 × 16 MB) let the heap grow by ~100 MB with the data's size before it collected (bench/scale.ts). 1 MB was
# chosen when loading peaked at 353–359 MB at 20× the shipped data (382–459 MB with 2 MB); since the figures are
# rendered as they are drawn, 4 MB peaks no higher (20×: 389–397 MB against 391–403, 100×: 938 against 951) and
# is faster (1×: 1.93–1.99 s against 2.0–2.1; 20×: 12.5 s against 13.5; 100×: 53 s against 59). With --store it
# stays 1 MB: the append writes each record as a line of JSON, and 4 MB took 20× with --store to 1105–1157 MB
# against 917–1086.
# The old generation may grow by 30 % of what survived the last full collection before the next: V8's own
# factor (up to 4×) let 20× the shipped data peak at 870 MB for ~300 MB live; at 30 % 530–590 MB, for ~15 %
# more CPU (--memory-saver-mode: 510 MB but 70 % more CPU).
# --expose-gc: V8's own gc(), which can run one round of a full collection or a scavenge of the young generation
# (lib/gc.ts): the render workers free each image with a scavenge (~1 ms), a full round every 64 MB of images.
young=4
[[ -z "$store" ]] || young=1
# node_modules as tools/setup.sh installed it: in its default mode ("auto") Deno checks the folder against deno.lock
# at every start; "manual" takes it as it is (start-up 0.17 → 0.15 s, medians of 20). Only while Deno's record of
# its last install is newer than the lock: a lock changed since (a pull) is installed as before.
modules=auto
[[ ! "$ROOT/node_modules/.deno/.setup-cache.bin" -nt "$ROOT/deno.lock" ]] || modules=manual
"${run[@]}" "$DENO" run --quiet --frozen --no-prompt --config "$ROOT/deno.json" --node-modules-dir="$modules" \
  --v8-flags=--expose-gc,--max-semi-space-size=$young,--heap-growing-percent=30 \
  --allow-read="$(join "${reads[@]}" "${writes[@]}" "${code[@]}" "${fonts[@]}")" \
  --allow-write="$(join "${writes[@]}")" \
  --allow-ffi="$(join "${ffi[@]}")" \
  --allow-sys=cpus,hostname,networkInterfaces \
  "$ROOT/tools/report.ts" "$@" --out "$out_real"
