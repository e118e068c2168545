#!/usr/bin/env bash
# Builds the minimal Linux guest the harness boots: the host's Debian kernel plus an initramfs that
# carries busybox, fio, iperf3, iperf 2, sockperf (with their shared libraries), the disk/NIC driver
# modules, and collect/guest-init.sh as /init. Idempotent: each set of inputs gets its own folder
# under CACHE_DIR (named by their hash), so checkouts with different guests never rebuild each other's.
#   bash collect/build-guest.sh [CACHE_DIR]      prints the guest directory (kernel + initramfs)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/virtio-bench/guest}"
kver="$(ls /lib/modules | sort -V | tail -1)"
kernel="/boot/vmlinuz-$kver"
[[ -r "$kernel" ]] || { echo "build-guest: no kernel at $kernel (apt-get install linux-image-amd64)" >&2; exit 1; }
for tool in busybox fio iperf3 iperf sockperf cpio; do
  command -v "$tool" >/dev/null || { echo "build-guest: '$tool' not found (see tools/setup.sh test)" >&2; exit 1; }
done

# Module names as in modules.dep; their dependencies are resolved below, in load order.
modules=(virtio_pci virtio_blk virtio_scsi virtio_net ata_piix ahci sd_mod e1000 8139cp 8139too)

stamp="$(cat "$here/guest-init.sh" "$0" | sha256sum | cut -c1-16)-$kver-$(fio --version)-$(iperf3 --version | head -1 | cut -d' ' -f2)-$(sockperf --version 2>&1 | sed -n 's/.*version \([0-9.]*\).*/\1/p')"
cache="$cache_root/$(echo "$stamp" | sha256sum | cut -c1-16)"
if [[ -f "$cache/stamp" && "$(cat "$cache/stamp")" == "$stamp" ]]; then
  echo "$cache"
  exit 0
fi

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,run,results,lib/modules,usr/bin,mnt}
cp "$(command -v busybox)" "$root/bin/busybox"
for tool in fio iperf3 iperf sockperf; do
  bin="$(command -v "$tool")"
  cp "$bin" "$root/usr/bin/"
  # Copy every shared library the tool needs, at the same path (the loader too).
  ldd "$bin" | grep -oE '/[^ ]+' | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
done

# Resolve module dependencies (modprobe --show-depends prints insmod lines in load order).
: >"$root/etc/modules.order"
for m in "${modules[@]}"; do
  modprobe --set-version "$kver" --show-depends "$m" 2>/dev/null | awk '$1 == "insmod" {print $2}'
done | awk '!seen[$0]++' | while read -r ko; do
  cp "$ko" "$root/lib/modules/"
  base="$(basename "$ko")"
  # Debian compresses modules (.ko.xz); busybox insmod cannot read them, so store them plain.
  case "$base" in
    *.xz) xz -d "$root/lib/modules/$base"; base="${base%.xz}" ;;
    *.zst) zstd -q -d --rm "$root/lib/modules/$base"; base="${base%.zst}" ;;
  esac
  echo "$base" >>"$root/etc/modules.order"
done
cp "$here/guest-init.sh" "$root/init"
chmod +x "$root/init"

mkdir -p "$cache"
(cd "$root" && find . | sort | cpio --quiet -o -H newc | gzip -1) >"$cache/initramfs.gz.tmp.$$"
mv "$cache/initramfs.gz.tmp.$$" "$cache/initramfs.gz"
cp "$kernel" "$cache/vmlinuz.tmp.$$"
mv "$cache/vmlinuz.tmp.$$" "$cache/vmlinuz"
{
  echo "kernel=$kver"
  echo "fio=$(fio --version)"
  echo "iperf3=$(iperf3 --version | head -1)"
  echo "iperf2=$(iperf --version 2>&1 | head -1)"
  echo "sockperf=$(sockperf --version 2>&1 | head -1)"
  echo "busybox=$(busybox | head -1)"
  echo "modules=$(tr '\n' ' ' <"$root/etc/modules.order")"
} >"$cache/versions.txt"
# The stamp goes last: a folder without it is an interrupted build and is rebuilt.
echo "$stamp" >"$cache/stamp"
echo "$cache"
