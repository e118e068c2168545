#!/usr/bin/env bash
# Collects the paired VirtIO-vs-emulated data set: boots the guest from build-guest.sh once per
# (repetition, device), interleaved (rep 1 of every device, then rep 2, …), runs fio or iperf inside,
# and stores the tools' output byte-exact under key=value folders with a provenance record.
#
#   bash collect/run-matrix.sh --out data                 the full collection (see collect/README.md)
#   bash collect/run-matrix.sh --quick --out /tmp/q       one short run per device (the test suite uses it)
#
# Options: --reps N  --runtime S  --ramp S  --only disk|net  --disk-drivers a,b  --nics a,b  --workloads a,b
# Needs root (network namespace + tap device). Network traffic stays inside a namespace created here.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
invocation="collect/run-matrix.sh $*"

out="" quick=0 reps=5 runtime=4 ramp=1 only=""
disk_drivers="virtio-blk,ide,ahci,virtio-scsi"
nics="virtio-net,e1000,rtl8139"
workloads="seqread-1m-qd1,seqread-1m-qd32,seqwrite-1m-qd1,seqwrite-1m-qd32,randread-4k-qd1,randread-4k-qd32,randwrite-4k-qd1,randwrite-4k-qd32,randread-4k-qd1-terse"
net_tests="iperf3-tcp,iperf3-tcp-reverse,iperf3-udp,iperf2-tcp"
udprate="20M"
while (($#)); do
  case "$1" in
    --out) out="$2"; shift ;;
    --quick) quick=1 ;;
    --reps) reps="$2"; shift ;;
    --runtime) runtime="$2"; shift ;;
    --ramp) ramp="$2"; shift ;;
    --only) only="$2"; shift ;;
    --disk-drivers) disk_drivers="$2"; shift ;;
    --nics) nics="$2"; shift ;;
    --workloads) workloads="$2"; shift ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run-matrix: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -n "$out" ]] || { echo "run-matrix: --out DIR is required" >&2; exit 2; }
if ((quick)); then
  reps=1 runtime=1 ramp=0 workloads="randread-4k-qd1" net_tests="iperf3-tcp"
fi
[[ $(id -u) -eq 0 ]] || { echo "run-matrix: needs root (network namespace and tap device)" >&2; exit 1; }

guest="$(bash "$here/build-guest.sh")"
work="$(mktemp -d)"
ns="vbench-$$"
cleanup() {
  ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Accelerator: KVM when it boots, else TCG (recorded in provenance).
accel="tcg"
if [[ -w /dev/kvm ]] && timeout 20 qemu-system-x86_64 -accel kvm -machine none -display none -S \
  -monitor none -serial none -daemonize -pidfile "$work/probe.pid" 2>/dev/null; then
  kill "$(cat "$work/probe.pid")" 2>/dev/null || true
  accel="kvm"
fi

backing="$work/disk.raw"
dd if=/dev/urandom of="$backing" bs=1M count=256 status=none
runs_log="$work/runs.jsonl"
: >"$runs_log"

disk_device() {
  case "$1" in
    virtio-blk) echo "-device virtio-blk-pci,drive=d0" ;;
    ide) echo "-device ide-hd,drive=d0,bus=ide.0" ;;
    ahci) echo "-device ahci,id=ahci0 -device ide-hd,drive=d0,bus=ahci0.0" ;;
    virtio-scsi) echo "-device virtio-scsi-pci,id=scsi0 -device scsi-hd,drive=d0,bus=scsi0.0" ;;
    *) echo "run-matrix: unknown disk driver $1" >&2; return 1 ;;
  esac
}
nic_device() {
  case "$1" in
    virtio-net) echo "-device virtio-net-pci,netdev=n0" ;;
    e1000) echo "-device e1000,netdev=n0" ;;
    rtl8139) echo "-device rtl8139,netdev=n0" ;;
    *) echo "run-matrix: unknown NIC $1" >&2; return 1 ;;
  esac
}

# boot DEST_DIR "KERNEL ARGS" QEMU_ARGS... — one guest run; results land in DEST_DIR byte-exact.
boot() {
  local dest="$1" append="$2"
  shift 2
  local res="$work/res.b64" console="$work/console.log"
  rm -f "$res" "$console"
  local cmd=(qemu-system-x86_64 -accel "$accel" -m 512 -smp 1 -display none -monitor none -no-reboot
    -kernel "$guest/vmlinuz" -initrd "$guest/initramfs.gz"
    -append "console=ttyS0 quiet panic=-1 $append"
    -serial "file:$console" -serial "file:$res" "$@")
  local started ended
  started="$(date -u +%FT%TZ)"
  if ! timeout 900 "${prefix[@]}" "${cmd[@]}"; then
    echo "run-matrix: guest run failed or timed out; console:" >&2
    tail -20 "$console" >&2
    return 1
  fi
  ended="$(date -u +%FT%TZ)"
  local sum
  sum="$(sed -n 's/^VB-BEGIN \([0-9a-f]*\).*/\1/p' "$res" | tr -d '\r')"
  sed -n '/^VB-BEGIN/,/^VB-END/p' "$res" | sed '1d;$d' | tr -d '\r' | base64 -d >"$work/res.tar"
  if [[ -z "$sum" || "$(sha256sum "$work/res.tar" | cut -d' ' -f1)" != "$sum" ]]; then
    echo "run-matrix: results of $dest arrived damaged (sha256 mismatch); console:" >&2
    tail -20 "$console" >&2
    return 1
  fi
  mkdir -p "$dest"
  tar -xf "$work/res.tar" -C "$dest"
  guest_kernel_line="$(grep -m1 'Linux version' "$console" || true)"
  printf '{"dest":"%s","started":"%s","ended":"%s","sha256":"%s","command":"%s"}\n' \
    "${dest#"$out"/}" "$started" "$ended" "$sum" "$(printf '%q ' "${prefix[@]}" "${cmd[@]}" | sed 's/\\/\\\\/g; s/"/\\"/g')" \
    >>"$runs_log"
  echo "run-matrix: $(date -u +%T) ${dest#"$out"/} ($(find "$dest" -type f | wc -l) files)" >&2
}

collect_disk() {
  prefix=()
  for rep in $(seq 1 "$reps"); do
    for d in ${disk_drivers//,/ }; do
      # shellcheck disable=SC2046 # device options are deliberately split into words
      boot "$out/disk/os=linux/driver=$d/rep=$rep" \
        "vb.mode=disk vb.workloads=$workloads vb.runtime=$runtime vb.ramp=$ramp" \
        -drive "file=$backing,format=raw,if=none,id=d0,cache=none,aio=threads" $(disk_device "$d")
    done
  done
}

collect_net() {
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip -n "$ns" tuntap add dev vbtap0 mode tap
  ip -n "$ns" addr add 10.213.0.1/24 dev vbtap0
  ip -n "$ns" link set vbtap0 up
  ip netns exec "$ns" iperf3 -s -D -B 10.213.0.1 >/dev/null
  ip netns exec "$ns" timeout 7200 iperf -s -B 10.213.0.1 >/dev/null 2>&1 &
  prefix=(ip netns exec "$ns")
  for rep in $(seq 1 "$reps"); do
    for n in ${nics//,/ }; do
      # shellcheck disable=SC2046
      boot "$out/net/os=linux/nic=$n/rep=$rep" \
        "vb.mode=net vb.tests=$net_tests vb.runtime=$runtime vb.udprate=$udprate" \
        -netdev tap,id=n0,ifname=vbtap0,script=no,downscript=no $(nic_device "$n")
    done
  done
}

write_provenance() {
  local family="$1" by="$2" baseline="$3" jobs="$4"
  local dir="$out/$family"
  [[ -d "$dir" ]] || return 0
  printf '{"by": "%s", "baseline": "%s"}\n' "$by" "$baseline" >"$dir/experiment.json"
  {
    echo "# Provenance: $family"
    echo
    echo "Collected by \`$invocation\` on $(date -u +%F) (UTC), $( ((quick)) && echo 'quick mode' || echo 'full mode')."
    echo
    echo "- accelerator: **$accel** (QEMU $(qemu-system-x86_64 --version | head -1 | sed 's/.*version //'))"
    [[ "$accel" == tcg ]] && echo "  - KVM was not usable on the collecting host (no /dev/kvm or nested KVM that does not boot guests), so the guest CPU *and* its devices were emulated in software. Absolute numbers are far below hardware speed and emulation overheads are exaggerated; compare ratios, and re-collect under KVM for real-world magnitudes."
    echo "- host: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs, kernel $(uname -r)"
    echo "- guest: Debian kernel $(sed -n 's/^kernel=//p' "$guest/versions.txt"), initramfs with busybox; 1 vCPU, 512 MiB"
    echo "- tools in the guest: $(sed -n 's/^fio=//p' "$guest/versions.txt"), $(sed -n 's/^iperf3=//p' "$guest/versions.txt"), $(sed -n 's/^iperf2=//p' "$guest/versions.txt")"
    echo "- repetitions: $reps, interleaved (rep 1 of every device, then rep 2, …); runtime ${runtime} s after ${ramp} s ramp"
    echo "- jobs: $jobs"
    echo
    echo "Every guest run and its full QEMU command line, in run order, is in \`runs.jsonl\`. Files are exactly as the tools"
    echo "wrote them inside the guest (tar + base64 over a serial port, sha256-checked); they are never edited afterwards."
  } >"$dir/PROVENANCE.md"
  grep "\"dest\":\"$family/" "$runs_log" >"$dir/runs.jsonl" || true
  cp "$guest/versions.txt" "$dir/guest-versions.txt"
}

mkdir -p "$out"
[[ "$only" == net ]] || collect_disk
[[ "$only" == disk ]] || collect_net
[[ "$only" == net ]] || write_provenance disk driver ide \
  "fio $(echo "$workloads" | tr , ' ') with ioengine=libaio direct=1 time_based norandommap on a 256 MiB raw file (random data, cache=none on the host); json+ output and per-second bw/iops/lat logs (log_avg_msec=1000); *-terse runs repeat randread-4k-qd1 with terse v3 output"
[[ "$only" == disk ]] || write_provenance net nic e1000 \
  "$(echo "$net_tests" | tr , ' ') from guest (10.213.0.2) to the host side of a tap device (10.213.0.1) inside network namespace $ns; iperf3 -J (TCP, TCP -R, UDP -b $udprate), iperf 2 -y C -i 1"
echo "run-matrix: done → $out" >&2
