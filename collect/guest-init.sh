#!/bin/busybox sh
# /init of the benchmark guest. The host passes the job on the kernel command line:
#   vb.mode=disk vb.workloads=randread-4k-qd1,... vb.runtime=4 vb.ramp=1
#   vb.mode=net  vb.tests=iperf3-tcp,iperf3-tcp-reverse,iperf3-udp,iperf2-tcp vb.runtime=4 vb.udprate=20M
# Results leave the guest byte-exact: a tar of /results, base64 on the second serial port (ttyS1),
# between BEGIN/END markers with the tar's sha256, which the host checks.
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
for m in $(cat /etc/modules.order); do insmod "/lib/modules/$m" 2>/dev/null; done
for kv in $(cat /proc/cmdline); do
  case "$kv" in vb.*=*) k="${kv%%=*}"; k="${k#vb.}"; eval "VB_$k=\"\${kv#*=}\"" ;; esac
done
log() { echo "vb-guest: $*"; }
cd /results

run_disk() {
  dev=""
  for d in /dev/vda /dev/sda; do
    for i in 1 2 3 4 5 6 7 8 9 10; do [ -b "$d" ] && break; sleep 0.5; done
    [ -b "$d" ] && { dev="$d"; break; }
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
    set -- --name="$base" --filename="$dev" --direct=1 --ioengine=libaio --rw="$rw" --bs="$bs" \
      --iodepth="$qd" --time_based --runtime="$VB_runtime" --ramp_time="$VB_ramp" --norandommap --randrepeat=0
    if [ "$w" != "$base" ]; then
      fio "$@" --output-format=terse --terse-version=3 --output="$w.txt"
    else
      fio "$@" --output-format=json+ --output="$w.json" --log_avg_msec=1000 \
        --write_bw_log="$w" --write_iops_log="$w" --write_lat_log="$w"
    fi
    log "done $w"
  done
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
      iperf3-tcp) iperf3 -c "$host" -t "$VB_runtime" -J >"$t.json" ;;
      iperf3-tcp-reverse) iperf3 -c "$host" -t "$VB_runtime" -R -J >"$t.json" ;;
      iperf3-udp) iperf3 -c "$host" -t "$VB_runtime" -u -b "$VB_udprate" -J >"$t.json" ;;
      iperf2-tcp) iperf -c "$host" -t "$VB_runtime" -i 1 -y C >"$t.csv" ;;
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
tar -cf /tmp/results.tar -C /results .
sum="$(sha256sum /tmp/results.tar | cut -d' ' -f1)"
{
  echo "VB-BEGIN $sum"
  base64 /tmp/results.tar
  echo "VB-END"
} >/dev/ttyS1
sync
log "results sent ($sum)"
poweroff -f
