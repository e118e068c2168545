# Sourced by ./vb and the tools/*.sh scripts: one place for the project's paths and pinned versions.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DENO_VERSION="2.9.6"
DENO="$ROOT/.tools/node_modules/.bin/deno"
# Debian's python has the Jupyter modules; a pyenv/venv python3 earlier on PATH may not.
PYTHON="/usr/bin/python3"
export DENO_NO_UPDATE_CHECK=1
# The project's Deno first, so every script runs the pinned one without a global install.
export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
# resvg, the PNG renderer, allocates with its own mimalloc, which gives a freed image's pages back to the system
# 10 ms later, so the next figure's image (parsed meanwhile) touches every page afresh: on a host where a first
# touch costs 9.6 µs a page, page faults were a third of the renders' time. Pages freed within a segment wait
# 50 ms for the next figure; a whole segment freed goes back at once (multiplier 0), so a large image is not kept.
# tests/export/render_pages_test.ts checks the effect; tools/jupyter-kernel.sh sets the same for notebooks.
export MIMALLOC_PURGE_DELAY="${MIMALLOC_PURGE_DELAY:-50}" MIMALLOC_ARENA_PURGE_MULT="${MIMALLOC_ARENA_PURGE_MULT:-0}"
# No colour codes in logs: CI, or output going to a file or pipe (Deno colours even then otherwise).
if [[ -n "${CI:-}" || ! -t 1 || ! -t 2 ]]; then export NO_COLOR=1; fi
