#!/usr/bin/env bash
# Installs what the project needs, idempotently; a quick no-op once done.
#   bash tools/setup.sh [run|test|bench]   (default: run)
# run:   Deno (npm package `deno`, pinned), Jupyter from Debian, DejaVu fonts, the Deno Jupyter kernel (per checkout).
# test:  run + what the test suite uses: Chromium (screenshots), poppler-utils (PDF checks), fio/iperf/sockperf/QEMU/kernel (harness quick mode).
# bench: test + pandas, GNU time, bc and Node.js (the log-ingest benchmark; DuckDB comes from npm).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
profile="${1:-run}"
if [[ "$profile" == "--help" || "$profile" == "-h" ]]; then sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi

apt_run=(jupyter-notebook jupyter-nbconvert jupyter-client python3-nbformat python3-nbclient fonts-dejavu-core)
apt_test=(chromium poppler-utils fio iperf3 iperf sockperf qemu-system-x86 qemu-utils linux-image-amd64 busybox-static cpio kmod iproute2)
apt_bench=(python3-pandas time bc nodejs)
case "$profile" in
  run) wanted=("${apt_run[@]}") ;;
  test) wanted=("${apt_run[@]}" "${apt_test[@]}") ;;
  bench) wanted=("${apt_run[@]}" "${apt_test[@]}" "${apt_bench[@]}") ;;
  *) echo "setup: unknown profile '$profile' (expected run, test or bench)" >&2; exit 2 ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root:  $cmd" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "$("$DENO" --version 2>/dev/null | head -1)" != "deno $DENO_VERSION"* ]]; then
  if ! command -v npm >/dev/null; then
    echo "setup: npm not found; install Node.js and run: npm install --prefix '$ROOT/.tools' deno@$DENO_VERSION" >&2
    exit 1
  fi
  echo "setup: installing deno $DENO_VERSION into .tools/" >&2
  npm install --prefix "$ROOT/.tools" --no-save --no-audit --no-fund --loglevel=error "deno@$DENO_VERSION" >/dev/null
fi

# npm dependencies exactly as locked.
(cd "$ROOT" && "$DENO" install --frozen --quiet)

# The Jupyter kernel "deno": one registration per machine whose launcher (tools/jupyter-kernel.sh, copied into the
# kernel spec folder) runs the Deno of whichever checkout holds the notebook, so no clone runs on another's toolchain.
kernel_dir() {
  "$PYTHON" - <<'PY'
from jupyter_client.kernelspec import KernelSpecManager
try:
    print(KernelSpecManager().get_kernel_spec("deno").resource_dir)
except Exception:
    print("")
PY
}
spec_dir="$(kernel_dir)"
if [[ -z "$spec_dir" ]] || ! cmp -s "$ROOT/tools/jupyter-kernel.sh" "$spec_dir/launch.sh" ||
  ! grep -qF "\"$spec_dir/launch.sh\"" "$spec_dir/kernel.json"; then
  echo "setup: registering the Deno Jupyter kernel (it follows each notebook's checkout)" >&2
  "$DENO" jupyter --install --force >/dev/null 2>&1 # the spec folder with Deno's logos
  spec_dir="$(kernel_dir)"
  cp "$ROOT/tools/jupyter-kernel.sh" "$spec_dir/launch.sh.tmp" && mv "$spec_dir/launch.sh.tmp" "$spec_dir/launch.sh"
  "$PYTHON" - "$spec_dir" <<'PY'
import json, os, sys
spec = sys.argv[1]
kernel = {"argv": ["/bin/sh", os.path.join(spec, "launch.sh"), "{connection_file}"],
          "display_name": "Deno", "language": "typescript"}
with open(os.path.join(spec, "kernel.json.tmp"), "w") as f:
    json.dump(kernel, f, indent=2)
os.replace(os.path.join(spec, "kernel.json.tmp"), os.path.join(spec, "kernel.json"))
PY
fi
