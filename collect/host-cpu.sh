# Host-side CPU time of the QEMU process per workload; sourced by run-matrix.sh.
# The guest writes "VB-MARK start|end NAME OUTPUT" on its third serial port around each tool run
# (fio: from exec_prerun/exec_postrun, so fio's own start-up is left out). QEMU forwards that port to
# a FIFO pair (-serial pipe:PATH reads PATH.in, writes PATH.out); marks_watch reads PATH.out and, at
# each mark, snapshots the wall clock, /proc/<qemu pid>/stat (utime, stime) and /proc/loadavg.
# hostcpu_write then pairs the marks into <NAME>.hostcpu.json files (format: collect/README.md).

# marks_watch FIFO PIDFILE — one line per mark on stdout:
#   start|end NAME OUTPUT EPOCH_S UTIME_TICKS STIME_TICKS PID CPU_AFFINITY LOAD1 LOAD5 LOAD15
# until the line VB-HOST-DONE arrives (the host writes it once QEMU has exited).
marks_watch() {
  local fifo="$1" pidfile="$2" line t pid="" affinity="-" stat load1 load5 load15 kind name output
  # Opened read-write, so the open never blocks, even if QEMU dies before opening its end.
  exec 3<>"$fifo"
  while IFS= read -r -u 3 line; do
    t=$EPOCHREALTIME
    line="${line%$'\r'}"
    [[ "$line" == VB-HOST-DONE ]] && break
    read -r kind name output _ <<<"${line#VB-MARK }"
    [[ "$line" == "VB-MARK "* && "$kind" =~ ^(start|end)$ && "$name" =~ ^[A-Za-z0-9._-]+$ ]] || continue
    if [[ -z "$pid" ]]; then
      pid="$(<"$pidfile")"
      affinity="$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$pid/status" || true)"
    fi
    read -r stat <"/proc/$pid/stat" || continue
    read -r load1 load5 load15 _ <"/proc/loadavg"
    # Fields after "pid (comm) " start at field 3 (state); utime and stime are fields 14 and 15.
    # shellcheck disable=SC2086 # split on purpose
    set -- ${stat##*) }
    echo "$kind $name ${output:--} $t ${12} ${13} $pid $affinity $load1 $load5 $load15"
  done
  exec 3<&-
}

# hostcpu_write DEST MARKS ACCEL — writes DEST/<NAME>.hostcpu.json for every start/end pair in MARKS
# (the output of marks_watch) and prints the names it wrote. The tool's planned seconds come from
# workload_seconds (run-matrix.sh) so that readers can tell ramp from measured time.
hostcpu_write() {
  local dest="$1" marks="$2" accel="$3" ticks name secs
  ticks="$(getconf CLK_TCK)"
  while read -r name; do
    secs="$(workload_seconds "$name")"
    awk -v want="$name" -v ticks="$ticks" -v accel="$accel" -v ramp="${secs% *}" -v runtime="${secs#* }" '
      $1 == "start" && $2 == want { s = $0; split($0, a) }
      $1 == "end" && $2 == want && s != "" {
        split($0, b)
        printf "{\"vbench_host_cpu\": 1, \"workload\": \"%s\", \"tool_output\": \"%s\", ", want, b[3]
        printf "\"process\": \"qemu-system-x86_64\", \"pid\": %d, \"source\": \"/proc/%d/stat\", ", b[7], b[7]
        printf "\"clock_ticks_per_s\": %d, \"user_s\": %.2f, \"system_s\": %.2f, \"wall_s\": %.3f, ", ticks,
          (b[5] - a[5]) / ticks, (b[6] - a[6]) / ticks, b[4] - a[4]
        printf "\"cpu_affinity\": \"%s\", \"loadavg_before\": \"%s %s %s\", \"loadavg_after\": \"%s %s %s\", ",
          b[8], a[9], a[10], a[11], b[9], b[10], b[11]
        printf "\"accelerator\": \"%s\", \"ramp_s\": %s, \"runtime_s\": %s}\n", accel, ramp, runtime
        exit
      }' "$marks" >"$dest/$name.hostcpu.json.tmp"
    if [[ -s "$dest/$name.hostcpu.json.tmp" ]]; then
      mv "$dest/$name.hostcpu.json.tmp" "$dest/$name.hostcpu.json"
      echo "$name"
    else
      rm -f "$dest/$name.hostcpu.json.tmp"
    fi
  done < <(awk '$1 == "end" { print $2 }' "$marks" | awk '!seen[$0]++')
}
