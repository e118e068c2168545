# Sourced by the tools/*.sh scripts: one place for the project's paths and pinned versions.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DENO_VERSION="2.9.6"
DENO="$ROOT/.tools/node_modules/.bin/deno"
# Debian's python has the Jupyter modules; a pyenv/venv python3 earlier on PATH may not.
PYTHON="/usr/bin/python3"
export DENO_NO_UPDATE_CHECK=1
export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
