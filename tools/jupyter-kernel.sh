#!/bin/sh
# The Deno Jupyter kernel of this project, registered by tools/setup.sh as the kernel "deno" (copied into the
# kernel spec folder as launch.sh, so it outlives any one checkout). Jupyter, VS Code and tools/nbexec.py start a
# kernel in the notebook's folder; this runs the pinned Deno of the checkout holding that folder, so every clone's
# notebooks run on that clone's toolchain, whichever clone ran setup last.
#   launch.sh CONNECTION_FILE   start the kernel (what Jupyter runs)
#   launch.sh --which           print the Deno a notebook in the current folder would run on, and exit
# Outside any checkout it runs the deno on PATH. Exit 1 with one sentence when there is no Deno to run.
set -eu
if [ $# -ne 1 ]; then echo "usage: launch.sh CONNECTION_FILE | --which" >&2; exit 2; fi
dir=$(pwd -P)
while :; do
  if [ -f "$dir/vb" ] && [ -f "$dir/tools/env.sh" ] && [ -f "$dir/deno.json" ]; then
    deno="$dir/.tools/node_modules/.bin/deno"
    if [ ! -x "$deno" ]; then
      echo "deno kernel: the notebook is in the checkout $dir, whose Deno is not installed; run ./vb setup there." >&2
      exit 1
    fi
    break
  fi
  if [ "$dir" = / ]; then
    deno=$(command -v deno || true)
    if [ -z "$deno" ]; then
      echo "deno kernel: $(pwd -P) is in no virtio-bench checkout and no deno is on PATH; open the notebook from a checkout (after ./vb setup there) or put deno on PATH." >&2
      exit 1
    fi
    break
  fi
  dir=${dir%/*}
  dir=${dir:-/}
done
if [ "${1:-}" = "--which" ]; then
  echo "$deno"
  exit 0
fi
export DENO_NO_UPDATE_CHECK=1
# resvg's allocator keeps a freed image's pages 50 ms for the next figure (the reason: tools/env.sh).
export MIMALLOC_PURGE_DELAY="${MIMALLOC_PURGE_DELAY:-50}" MIMALLOC_ARENA_PURGE_MULT="${MIMALLOC_ARENA_PURGE_MULT:-0}"
exec "$deno" jupyter --kernel --conn "$1"
