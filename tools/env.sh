# Sourced by ./vb and the tools/*.sh scripts: one place for the project's paths and pinned versions.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DENO_VERSION="2.9.6"
DENO="$ROOT/.tools/node_modules/.bin/deno"
# Debian's python has the Jupyter modules; a pyenv/venv python3 earlier on PATH may not.
PYTHON="/usr/bin/python3"
export DENO_NO_UPDATE_CHECK=1
# The project's Deno first, so every script runs the pinned one without a global install.
export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
# No colour codes in logs: CI, or output going to a file or pipe (Deno colours even then otherwise).
if [[ -n "${CI:-}" || ! -t 1 || ! -t 2 ]]; then export NO_COLOR=1; fi
