#!/bin/busybox sh
# /init of the benchmark guest. The host passes the job on the kernel command line:
#   vb.mode=disk vb.workloads=randread-4k-qd1,... vb.runtime=4 vb.ramp=1
#   vb.mode=net  vb.tests=iperf3-tcp,iperf3-tcp-reverse,iperf3-udp,iperf2-tcp,sockperf-udp-64,... vb.runtime=4 vb.ramp=1 vb.udprate=20M
#   vb.mode=probe       prints VB-PROBE-OK on the console once userland runs, and powers off (the KVM probe)
#   vb.mode=probe-hang  prints nothing and never powers off (stands in for a guest that cannot boot)
# Results leave the guest byte-exact: a gzipped tar of /results (the emulated serial port moves only
# ~50-100 KB/s under TCG, and sockperf's logs compress 2.4x), base64 on the second serial port (ttyS1),
# between BEGIN/END markers with the archive's sha256, which the host checks. The third serial port (ttyS2)
# carries "VB-MARK start|end <name> <output file>" around every tool run, so the host can read the
# QEMU process's CPU time at those moments.
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
for kv in $(cat /proc/cmdline); do
  case "$kv" in vb.*=*) k="${kv%%=*}"; k="${k#vb.}"; eval "VB_$k=\"\${kv#*=}\"" ;; esac
done
[ "$VB_mode" = probe-hang ] && exec sleep 2147483647
for m in $(cat /etc/modules.order); do insmod "/lib/modules/$m" 2>/dev/null; done
log() { echo "vb-guest: $*"; }
if [ "$VB_mode" = probe ]; then
  echo "VB-PROBE-OK uptime=$(cut -d' ' -f1 /proc/uptime)"
  poweroff -f
fi
cd /results

# vb-mark start|end NAME OUTPUT — a command, so that fio's exec_prerun/exec_postrun can call it too.
printf '#!/bin/sh\necho "VB-MARK $*" >/dev/ttyS2\n' >/bin/vb-mark
chmod +x /bin/vb-mark
# measured NAME OUTPUT COMMAND... — runs one tool between a start and an end mark (stdout is the caller's).
measured() {
  local name="$1" output="$2" rc
  shift 2
  vb-mark start "$name" "$output"
  "$@"
  rc=$?
  vb-mark end "$name" "$output"
  return $rc
}

run_disk() {
  dev=""
  for i in $(seq 20); do
    for d in /dev/vda /dev/sda; do [ -b "$d" ] && dev="$d" && break 2; done
    sleep 0.5
  done
  [ -n "$dev" ] || { log "no disk found"; return 1; }
  log "disk $dev: $(cat /sys/block/${dev#/dev/}/device/model 2>/dev/null)"
  for w in $(echo "$VB_workloads" | tr , ' '); do
    # Workload names encode the job: <seq|rand><read|write>-<bs>-qd<depth>[-terse]
    base="${w%-terse}"
    pattern="${base%%-*}"
    rest="${base#*-}"
    bs="${rest%%-*}"
    qd="${rest##*-qd}"
    case "$pattern" in
      seqread) rw=read ;; seqwrite) rw=write ;; randread) rw=randread ;; randwrite) rw=randwrite ;;
      *) log "unknown workload $w"; continue ;;
    esac
    out="$w.json"
    [ "$w" != "$base" ] && out="$w.txt"
    # The marks come from fio itself, right before and after the job's I/O (ramp included), so the
    # host-CPU window leaves out fio's start-up (loading its many libraries is slow under TCG).
    set -- --name="$base" --filename="$dev" --direct=1 --ioengine=libaio --rw="$rw" --bs="$bs" \
      --iodepth="$qd" --time_based --runtime="$VB_runtime" --ramp_time="$VB_ramp" --norandommap --randrepeat=0 \
      --exec_prerun="vb-mark start $w $out" --exec_postrun="vb-mark end $w $out"
    if [ "$w" != "$base" ]; then
      fio "$@" --output-format=terse --terse-version=3 --output="$out"
    else
      fio "$@" --output-format=json+ --output="$out" --log_avg_msec=1000 \
        --write_bw_log="$w" --write_iops_log="$w" --write_lat_log="$w"
    fi
    # fio keeps the hooks' (empty) stdout in <name>.prerun.txt/.postrun.txt: harness artefacts, not results.
    rm -f "$base.prerun.txt" "$base.postrun.txt"
    log "done $w"
  done
}

# sockperf_pp NAME — NAME is sockperf-<udp|tcp>-<message bytes>: ping-pong round trips to the host's
# sockperf server. sockperf discards its first ~0.9 s (warm-up), so it runs ramp + runtime (at least 2 s).
sockperf_pp() {
  local name="$1" spec="${1#sockperf-}" secs=$((VB_ramp + VB_runtime)) flag
  [ "$secs" -ge 2 ] || secs=2
  case "${spec%%-*}" in
    udp) flag="" ;;
    tcp) flag="--tcp" ;;
    *) log "unknown sockperf protocol in $name"; return 1 ;;
  esac
  # shellcheck disable=SC2086 # $flag is empty for UDP
  measured "$name" "$name.txt" sockperf ping-pong $flag -i "$host" -p 11111 -m "${spec#*-}" -t "$secs" \
    --mps=max --no-rdtsc --full-rtt --full-log "$name.csv" >"$name.txt"
}

run_net() {
  ip link set lo up
  for i in 1 2 3 4 5 6 7 8 9 10; do [ -e /sys/class/net/eth0 ] && break; sleep 0.5; done
  ip addr add 10.213.0.2/24 dev eth0
  ip link set eth0 up
  log "nic: $(cat /sys/class/net/eth0/device/uevent 2>/dev/null | grep DRIVER)"
  host=10.213.0.1
  for i in 1 2 3 4 5 6 7 8 9 10; do ping -c 1 -W 1 "$host" >/dev/null 2>&1 && break; sleep 1; done
  for t in $(echo "$VB_tests" | tr , ' '); do
    case "$t" in
      iperf3-tcp) measured "$t" "$t.json" iperf3 -c "$host" -t "$VB_runtime" -J >"$t.json" ;;
      iperf3-tcp-reverse) measured "$t" "$t.json" iperf3 -c "$host" -t "$VB_runtime" -R -J >"$t.json" ;;
      iperf3-udp) measured "$t" "$t.json" iperf3 -c "$host" -t "$VB_runtime" -u -b "$VB_udprate" -J >"$t.json" ;;
      iperf2-tcp) measured "$t" "$t.csv" iperf -c "$host" -t "$VB_runtime" -i 1 -y C >"$t.csv" ;;
      sockperf-*) sockperf_pp "$t" ;;
      *) log "unknown test $t" ;;
    esac
    log "done $t"
    sleep 1
  done
}

case "$VB_mode" in
  disk) run_disk ;;
  net) run_net ;;
  *) log "unknown mode '$VB_mode'" ;;
esac
uname -r >/tmp/guest-kernel
tar -cf - -C /results . | gzip -1 >/tmp/results.tar.gz
sum="$(sha256sum /tmp/results.tar.gz | cut -d' ' -f1)"
{
  echo "VB-BEGIN $sum"
  base64 /tmp/results.tar.gz
  echo "VB-END"
} >/dev/ttyS1
sync
log "results sent ($sum)"
poweroff -f
