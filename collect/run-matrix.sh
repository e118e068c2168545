#!/usr/bin/env bash
# Collects the paired VirtIO-vs-emulated data set: boots the guest from build-guest.sh once per
# (repetition, device), interleaved (rep 1 of every device, then rep 2, …), runs fio, iperf or sockperf
# inside, and stores the tools' output byte-exact under key=value folders, with the QEMU process's
# host CPU time per workload (<workload>.hostcpu.json) and a provenance record.
#
#   bash collect/run-matrix.sh --out data                 the full collection (see collect/README.md)
#   bash collect/run-matrix.sh --quick --out /tmp/q       one short run per device (the test suite uses it)
#   bash collect/run-matrix.sh --plan --out data …        probe, print the plan and expected duration, stop
#
# Options: --reps N  --runtime S  --ramp S  --only disk|net  --disk-drivers a,b  --nics a,b
#          --workloads a,b  --net-tests a,b  --accel kvm|tcg  --timeout-scale F  --pin-cpu N|none
# Every guest run is stopped after F (default 3) times its expected length; a failed run stops the
# collection with one sentence (exit 1). Bad options exit 2. Needs root (network namespace + tap
# device); network traffic stays inside a namespace created here. The KVM probe also reads VB_ACCEL,
# VB_PROBE=fail and VB_PROBE_TIMEOUT (see accel-probe.sh).
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
invocation="collect/run-matrix.sh $*"
source "$here/accel-probe.sh"
source "$here/host-cpu.sh"

out="" quick=0 plan=0 reps=5 runtime=4 ramp=1 only="" timeout_scale=3 pin=auto
disk_drivers="virtio-blk,ide,ahci,virtio-scsi"
nics="virtio-net,e1000,rtl8139"
workloads="seqread-1m-qd1,seqread-1m-qd32,seqwrite-1m-qd1,seqwrite-1m-qd32,randread-4k-qd1,randread-4k-qd32,randwrite-4k-qd1,randwrite-4k-qd32,randread-4k-qd1-terse"
net_tests="iperf3-tcp,iperf3-tcp-reverse,iperf3-udp,iperf2-tcp,sockperf-udp-64,sockperf-udp-1400,sockperf-tcp-64,sockperf-tcp-1400"
udprate="20M"
usage() { echo "run-matrix: $1 (see: bash collect/run-matrix.sh --help)" >&2; exit 2; }
while (($#)); do
  case "$1" in
    --out | --reps | --runtime | --ramp | --only | --disk-drivers | --nics | --workloads | --net-tests | \
      --accel | --timeout-scale | --pin-cpu)
      (($# >= 2)) || usage "$1 needs a value"
      case "$1" in
        --out) out="$2" ;; --reps) reps="$2" ;; --runtime) runtime="$2" ;; --ramp) ramp="$2" ;;
        --only) only="$2" ;; --disk-drivers) disk_drivers="$2" ;; --nics) nics="$2" ;;
        --workloads) workloads="$2" ;; --net-tests) net_tests="$2" ;; --accel) export VB_ACCEL="$2" ;;
        --timeout-scale) timeout_scale="$2" ;; --pin-cpu) pin="$2" ;;
      esac
      shift
      ;;
    --quick) quick=1 ;;
    --plan) plan=1 ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    *) usage "unknown option $1" ;;
  esac
  shift
done
[[ -n "$out" ]] || usage "--out DIR is required"
if ((quick)); then
  reps=1 runtime=1 ramp=0 workloads="randread-4k-qd1" net_tests="iperf3-tcp,sockperf-udp-64,sockperf-tcp-1400"
fi
[[ "$reps" =~ ^[1-9][0-9]*$ && "$runtime" =~ ^[1-9][0-9]*$ && "$ramp" =~ ^[0-9]+$ ]] ||
  usage "--reps and --runtime must be whole numbers above 0, --ramp a whole number"
[[ "$timeout_scale" =~ ^[0-9]*\.?[0-9]+$ ]] && awk -v s="$timeout_scale" 'BEGIN { exit !(s > 0) }' ||
  usage "--timeout-scale must be a positive number, not '$timeout_scale'"
[[ -z "$only" || "$only" == disk || "$only" == net ]] || usage "--only must be disk or net, not '$only'"
[[ -z "${VB_ACCEL:-}" || "$VB_ACCEL" == kvm || "$VB_ACCEL" == tcg ]] || usage "--accel must be kvm or tcg, not '$VB_ACCEL'"

# The QEMU options of each device; also the list of devices the matrix knows.
disk_device() {
  case "$1" in
    virtio-blk) echo "-device virtio-blk-pci,drive=d0" ;;
    ide) echo "-device ide-hd,drive=d0,bus=ide.0" ;;
    ahci) echo "-device ahci,id=ahci0 -device ide-hd,drive=d0,bus=ahci0.0" ;;
    virtio-scsi) echo "-device virtio-scsi-pci,id=scsi0 -device scsi-hd,drive=d0,bus=scsi0.0" ;;
    *) return 1 ;;
  esac
}
nic_device() {
  case "$1" in
    virtio-net) echo "-device virtio-net-pci,netdev=n0" ;;
    e1000) echo "-device e1000,netdev=n0" ;;
    rtl8139) echo "-device rtl8139,netdev=n0" ;;
    *) return 1 ;;
  esac
}
for d in ${disk_drivers//,/ }; do
  disk_device "$d" >/dev/null || usage "unknown disk driver '$d' (expected virtio-blk, ide, ahci or virtio-scsi)"
done
for n in ${nics//,/ }; do
  nic_device "$n" >/dev/null || usage "unknown NIC '$n' (expected virtio-net, e1000 or rtl8139)"
done
for w in ${workloads//,/ }; do
  [[ "$w" =~ ^(seq|rand)(read|write)-[0-9]+[kKmM]?-qd[0-9]+(-terse)?$ ]] ||
    usage "unknown fio workload '$w' (expected <seq|rand><read|write>-<bs>-qd<depth>[-terse])"
done
for t in ${net_tests//,/ }; do
  [[ "$t" =~ ^(iperf3-tcp|iperf3-tcp-reverse|iperf3-udp|iperf2-tcp|sockperf-(udp|tcp)-[0-9]+)$ ]] ||
    usage "unknown network test '$t' (expected iperf3-tcp, iperf3-tcp-reverse, iperf3-udp, iperf2-tcp or sockperf-<udp|tcp>-<bytes>)"
done
[[ $(id -u) -eq 0 ]] || { echo "run-matrix: needs root (network namespace and tap device)" >&2; exit 1; }

# CPUs: QEMU (all its threads) pinned to one, the host-side servers on the others.
allowed=()
for part in $(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status | tr , ' '); do
  # shellcheck disable=SC2046 # a range like 0-3 expands to its members
  allowed+=($(seq "${part%-*}" "${part#*-}"))
done
[[ "$pin" == auto ]] && { ((${#allowed[@]} > 1)) && pin="${allowed[-1]}" || pin=none; }
QEMU_PREFIX=() server_prefix=() others=""
if [[ "$pin" != none ]]; then
  [[ " ${allowed[*]} " == *" $pin "* ]] || usage "--pin-cpu $pin is not one of this process's CPUs (${allowed[*]})"
  QEMU_PREFIX=(taskset -c "$pin")
  others="$(printf '%s\n' "${allowed[@]}" | grep -vx "$pin" | paste -sd, || true)"
  [[ -n "$others" ]] && server_prefix=(taskset -c "$others")
fi

guest="$(bash "$here/build-guest.sh")"
work="$(mktemp -d)"
ns="vbench-$$"
watcher_pid=""
cleanup() {
  [[ -n "$watcher_pid" ]] && kill "$watcher_pid" 2>/dev/null
  ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
collection_t0=$EPOCHREALTIME

read -r load1 load5 load15 _ </proc/loadavg
load_at_start="$load1 $load5 $load15"
awk -v l="$load1" 'BEGIN { exit !(l > 0.5) }' &&
  echo "run-matrix: the host is not idle (load average $load_at_start); results will be noisier" >&2
probe_accel "$guest" "$work" || exit 1
echo "run-matrix: accelerator $ACCEL ($ACCEL_REASON)" >&2

# workload_seconds NAME — "RAMP RUNTIME" the tool is told to run (sockperf discards ~0.9 s of
# warm-up itself, so it runs ramp + runtime, at least 2 s; guest-init.sh does the same).
workload_seconds() {
  case "$1" in
    seq* | rand*) echo "$ramp $runtime" ;;
    sockperf-*) echo "0 $((ramp + runtime > 2 ? ramp + runtime : 2))" ;;
    *) echo "0 $runtime" ;;
  esac
}
# expected_seconds LIST — a guest run's expected length: the boot the probe measured, then per tool its
# planned seconds plus a start-up/pause allowance that, like the boot, scales with emulation speed.
expected_seconds() {
  local total=0 w s
  for w in ${1//,/ }; do
    s="$(workload_seconds "$w")"
    total=$((total + ${s% *} + ${s#* }))
  done
  awk -v b="$BOOT_S" -v t="$total" -v n="$(tr , '\n' <<<"$1" | wc -l)" 'BEGIN { printf "%.0f", b + t + n * (2 + b / 4) }'
}
disk_expected="$(expected_seconds "$workloads")"
net_expected="$(expected_seconds "$net_tests")"
n_disk=0 n_net=0
[[ "$only" == net ]] || n_disk=$((reps * $(tr , '\n' <<<"$disk_drivers" | wc -l)))
[[ "$only" == disk ]] || n_net=$((reps * $(tr , '\n' <<<"$nics" | wc -l)))
echo "run-matrix: $n_disk disk runs of ~${disk_expected} s and $n_net network runs of ~${net_expected} s:" \
  "expected about $(((n_disk * disk_expected + n_net * net_expected + 59) / 60)) min in all (boot ${BOOT_S} s" \
  "under $ACCEL); each run is stopped after $timeout_scale × its expected length" >&2
((plan)) && exit 0

backing="$work/disk.raw"
dd if=/dev/urandom of="$backing" bs=1M count=256 status=none
runs_log="$work/runs.jsonl"
: >"$runs_log"

# fail LABEL WHAT — the one sentence a failed run ends the collection with (the console log may not
# exist yet when QEMU was stopped early, hence the `|| true`s here and below: pipefail would end the
# script before the sentence).
fail() {
  local lines
  lines="$(tail -3 "$work/console.log" 2>/dev/null | tr -d '\r' | sed 's/[^[:print:]]//g' | paste -sd'|' | sed 's/|/ | /g' || true)"
  echo "run-matrix: $1 $2; last console lines: ${lines:-(none)}" >&2
  exit 1
}

# run_guest DEST LABEL "KERNEL ARGS" EXPECTED_S NAMES QEMU_ARGS... — one guest run, bounded by
# timeout_scale × EXPECTED_S; results land in DEST byte-exact, with a hostcpu file per name in NAMES.
run_guest() {
  local dest="$1" label="$2" append="$3" expected="$4" names="$5"
  shift 5
  local res="$work/res.b64" console="$work/console.log" err="$work/qemu.err" marks="$work/marks.txt"
  local limit rc=0 t0 wall started ended before after sum name
  # At least 0.1 s: `timeout 0` would mean no limit at all.
  limit="$(awk -v e="$expected" -v s="$timeout_scale" 'BEGIN { l = e * s; printf "%.1f", l < 0.1 ? 0.1 : l }')"
  rm -f "$res" "$console" "$err" "$marks" "$work/qemu.pid" "$work/marks.in" "$work/marks.out"
  mkfifo "$work/marks.in" "$work/marks.out"
  marks_watch "$work/marks.out" "$work/qemu.pid" >"$marks" &
  watcher_pid=$!
  local cmd=(qemu-system-x86_64 -accel "$ACCEL" -m 512 -smp 1 -display none -monitor none -no-reboot
    -kernel "$guest/vmlinuz" -initrd "$guest/initramfs.gz"
    -append "console=ttyS0 quiet panic=-1 $append"
    -serial "file:$console" -serial "file:$res" -serial "pipe:$work/marks" -pidfile "$work/qemu.pid" "$@")
  read -r load1 load5 load15 _ </proc/loadavg
  before="$load1 $load5 $load15"
  started="$(date -u +%FT%TZ)"
  t0=$EPOCHREALTIME
  timeout -k 5 "$limit" "${prefix[@]}" "${QEMU_PREFIX[@]}" "${cmd[@]}" </dev/null 2>"$err" || rc=$?
  wall="$(seconds_since "$t0")"
  ended="$(date -u +%FT%TZ)"
  read -r load1 load5 load15 _ </proc/loadavg
  after="$load1 $load5 $load15"
  # The watcher holds the FIFO open read-write, so this write never blocks; it ends the watcher.
  exec 4<>"$work/marks.out"
  echo VB-HOST-DONE >&4
  exec 4>&-
  wait "$watcher_pid" || true
  watcher_pid=""
  if ((rc == 124 || rc == 137)); then
    fail "$label" "timed out after $limit s (limit: $timeout_scale × expected $expected s)"
  elif ((rc != 0)); then
    fail "$label" "failed: QEMU exited with code $rc after $wall s ($(grep -m1 . "$err" | cut -c1-160 || true))"
  fi
  sum="$(sed -n 's/^VB-BEGIN \([0-9a-f]*\).*/\1/p' "$res" 2>/dev/null | tr -d '\r' || true)"
  sed -n '/^VB-BEGIN/,/^VB-END/p' "$res" | sed '1d;$d' | tr -d '\r' | base64 -d >"$work/res.tar.gz" 2>/dev/null || true
  if [[ -z "$sum" || "$(sha256sum "$work/res.tar.gz" | cut -d' ' -f1)" != "$sum" ]]; then
    fail "$label" "returned no results or damaged ones (sha256 mismatch) after $wall s"
  fi
  mkdir -p "$dest"
  tar -xzf "$work/res.tar.gz" -C "$dest"
  hostcpu_write "$dest" "$marks" "$ACCEL" >/dev/null
  for name in ${names//,/ }; do
    [[ -f "$dest/$name.hostcpu.json" ]] || fail "$label" "sent no start and end marks for $name (no host CPU time)"
  done
  printf '{"dest":"%s","started":"%s","ended":"%s","wall_s":%s,"expected_s":%s,"limit_s":%s,"accelerator":"%s","cpu_affinity":"%s","loadavg_before":"%s","loadavg_after":"%s","sha256":"%s","command":"%s"}\n' \
    "${dest#"$out"/}" "$started" "$ended" "$wall" "$expected" "$limit" "$ACCEL" "$pin" "$before" "$after" "$sum" \
    "$(printf '%q ' "${prefix[@]}" "${QEMU_PREFIX[@]}" "${cmd[@]}" | sed 's/\\/\\\\/g; s/"/\\"/g')" >>"$runs_log"
  echo "run-matrix: $(date -u +%T) ${dest#"$out"/} in $wall s of $limit allowed, load $before → $after" >&2
}

collect_disk() {
  prefix=()
  for rep in $(seq 1 "$reps"); do
    for d in ${disk_drivers//,/ }; do
      # shellcheck disable=SC2046 # device options are deliberately split into words
      run_guest "$out/disk/os=linux/driver=$d/rep=$rep" "disk run driver=$d rep=$rep" \
        "vb.mode=disk vb.workloads=$workloads vb.runtime=$runtime vb.ramp=$ramp" "$disk_expected" "$workloads" \
        -drive "file=$backing,format=raw,if=none,id=d0,cache=none,aio=threads" $(disk_device "$d")
    done
  done
}

collect_net() {
  # Servers live in the namespace, stop by themselves after the whole network half could have run,
  # and are killed with the namespace at exit.
  local bound
  bound="$(awk -v n="$n_net" -v e="$net_expected" -v s="$timeout_scale" 'BEGIN { printf "%.0f", n * e * s + 60 }')"
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip -n "$ns" tuntap add dev vbtap0 mode tap
  ip -n "$ns" addr add 10.213.0.1/24 dev vbtap0
  ip -n "$ns" link set vbtap0 up
  local server
  for server in "iperf3 -s -B 10.213.0.1" "iperf -s -B 10.213.0.1" "sockperf server -i 10.213.0.1 -p 11111" \
    "sockperf server --tcp -i 10.213.0.1 -p 11111"; do
    # shellcheck disable=SC2086 # the server's command line is split into words on purpose
    ip netns exec "$ns" timeout "$bound" "${server_prefix[@]}" $server >/dev/null 2>&1 &
  done
  prefix=(ip netns exec "$ns")
  for rep in $(seq 1 "$reps"); do
    for n in ${nics//,/ }; do
      # shellcheck disable=SC2046
      run_guest "$out/net/os=linux/nic=$n/rep=$rep" "network run nic=$n rep=$rep" \
        "vb.mode=net vb.tests=$net_tests vb.runtime=$runtime vb.ramp=$ramp vb.udprate=$udprate" \
        "$net_expected" "$net_tests" -netdev tap,id=n0,ifname=vbtap0,script=no,downscript=no $(nic_device "$n")
    done
  done
}

write_provenance() {
  local family="$1" by="$2" baseline="$3" jobs="$4"
  local dir="$out/$family"
  [[ -d "$dir" ]] || return 0
  grep "\"dest\":\"$family/" "$runs_log" >"$dir/runs.jsonl" || true
  printf '{"by": "%s", "baseline": "%s"}\n' "$by" "$baseline" >"$dir/experiment.json"
  {
    echo "# Provenance: $family"
    echo
    echo "Collected by \`$invocation\` on $(date -u +%F) (UTC), $( ((quick)) && echo 'quick mode' || echo 'full mode'), in $(awk -v s="$(seconds_since "$collection_t0")" 'BEGIN { printf "%.0f", s / 60 }') min."
    echo
    echo "- accelerator: **$ACCEL** (QEMU $(qemu-system-x86_64 --version | head -1 | sed 's/.*version //')); why: $ACCEL_REASON"
    [[ "$ACCEL" == tcg ]] && echo "  - Under TCG the guest CPU *and* its devices are emulated in software. Absolute numbers are far below hardware speed and emulation overheads are exaggerated; compare ratios, and re-collect under KVM for real-world magnitudes."
    echo "- host: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs, kernel $(uname -r); load average $load_at_start when the collection started"
    if [[ "$pin" != none ]]; then
      echo "- QEMU (all its threads) pinned to CPU $pin with \`taskset -c $pin\`${others:+; the host-side servers to CPU(s) $others}"
    else
      echo "- QEMU not pinned to a CPU"
    fi
    echo "- guest: Debian kernel $(sed -n 's/^kernel=//p' "$guest/versions.txt"), initramfs with busybox; 1 vCPU, 512 MiB"
    echo "- tools in the guest: $(sed -n 's/^fio=//p' "$guest/versions.txt"), $(sed -n 's/^iperf3=//p' "$guest/versions.txt"), $(sed -n 's/^iperf2=//p' "$guest/versions.txt"), $(sed -n 's/^sockperf=//p' "$guest/versions.txt")"
    echo "- repetitions: $reps, interleaved (rep 1 of every device, then rep 2, …); runtime ${runtime} s after ${ramp} s ramp"
    echo "- jobs: $jobs"
    echo "- host CPU: \`<workload>.hostcpu.json\` beside each tool output holds the QEMU process's user and system CPU seconds between the guest's start and end marks of that workload (format in collect/README.md)"
    echo "- every run was bounded by $timeout_scale × its expected length (boot $BOOT_S s measured by the probe, plus the tools' planned seconds and start-up)"
    echo
    echo "Every guest run, its full QEMU command line, wall time and the host's load average (1, 5, 15 min) just"
    echo "before and after it are in \`runs.jsonl\`, in run order. Files are exactly as the tools wrote them inside the"
    echo "guest (gzipped tar + base64 over a serial port, sha256-checked); they are never edited afterwards."
    echo
    echo "| run | started (UTC) | wall s | load before | load after |"
    echo "| --- | --- | ---: | --- | --- |"
    sed -E 's/.*"dest":"([^"]*)","started":"([^"]*)".*"wall_s":([0-9.]+).*"loadavg_before":"([^"]*)","loadavg_after":"([^"]*)".*/| \1 | \2 | \3 | \4 | \5 |/' "$dir/runs.jsonl"
  } >"$dir/PROVENANCE.md"
  cp "$guest/versions.txt" "$dir/guest-versions.txt"
}

mkdir -p "$out"
[[ "$only" == net ]] || collect_disk
[[ "$only" == disk ]] || collect_net
[[ "$only" == net ]] || write_provenance disk driver ide \
  "fio $(echo "$workloads" | tr , ' ') with ioengine=libaio direct=1 time_based norandommap on a 256 MiB raw file (random data, cache=none on the host); json+ output and per-second bw/iops/lat logs (log_avg_msec=1000); *-terse runs repeat randread-4k-qd1 with terse v3 output"
[[ "$only" == disk ]] || write_provenance net nic e1000 \
  "$(echo "$net_tests" | tr , ' ') from guest (10.213.0.2) to the host side of a tap device (10.213.0.1) inside network namespace $ns; iperf3 -J (TCP, TCP -R, UDP -b $udprate), iperf 2 -y C -i 1; sockperf ping-pong --mps=max --full-rtt --no-rdtsc (UDP and TCP, message size in the name) with its summary in <name>.txt and every message's round trip in <name>.csv (--full-log)"
echo "run-matrix: done in $(seconds_since "$collection_t0") s → $out" >&2
