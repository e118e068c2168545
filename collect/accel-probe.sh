#!/usr/bin/env bash
# Chooses QEMU's accelerator by booting the real guest (vb.mode=probe): KVM counts only when its guest
# prints VB-PROBE-OK within VB_PROBE_TIMEOUT seconds. /dev/kvm can exist and still be useless (a nested
# host whose guests hang after "Probing EDD"), so opening it proves nothing. Otherwise TCG, with the
# reason. The chosen accelerator's probe time is the boot overhead that run-matrix.sh's timeouts use.
# No -cpu option is ever passed: `-cpu host` aborts on such hosts (MSR 0x10a).
#
#   bash collect/accel-probe.sh            prints accel=…, reason=…, boot_s=… (builds the guest if needed)
#
# Environment:
#   VB_ACCEL=kvm|tcg      use this accelerator, no fallback (it is still booted once, for the boot time)
#   VB_PROBE=fail         the KVM probe's guest is told to stay silent, as on a host that cannot boot
#                         guests; without /dev/kvm the silent guest runs under TCG, so the fallback path
#                         (timeout, no marker, reason) is exercised everywhere
#   VB_PROBE_TIMEOUT=30   seconds the KVM probe may take
#   VB_TCG_PROBE_TIMEOUT=180  seconds the TCG probe may take (a guest slower than that is broken)
# run-matrix.sh sources this file and calls probe_accel GUEST_DIR WORK_DIR; QEMU_PREFIX (an array,
# e.g. taskset) is put in front of QEMU as for the real runs.

# probe_boot ACCEL MODE LIMIT GUEST WORK — boots the guest once; sets PROBE_S (seconds), PROBE_RC
# (QEMU's or timeout's exit code) and PROBE_ERR (QEMU's first stderr line); true if the marker came.
probe_boot() {
  local accel="$1" mode="$2" limit="$3" guest="$4" work="$5" t0
  local console="$work/probe-$accel.log" err="$work/probe-$accel.err"
  rm -f "$console" "$err"
  t0=$EPOCHREALTIME
  PROBE_RC=0
  timeout -k 5 "$limit" "${QEMU_PREFIX[@]}" qemu-system-x86_64 -accel "$accel" -m 512 -smp 1 -display none \
    -monitor none -no-reboot -kernel "$guest/vmlinuz" -initrd "$guest/initramfs.gz" \
    -append "console=ttyS0 quiet panic=-1 vb.mode=$mode" -serial "file:$console" </dev/null 2>"$err" ||
    PROBE_RC=$?
  PROBE_S="$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')"
  PROBE_ERR="$(grep -m1 . "$err" 2>/dev/null | tr -d '\r' | cut -c1-160 || true)"
  grep -q '^VB-PROBE-OK' "$console" 2>/dev/null
}

# probe_failure ACCEL LIMIT — why a probe that printed no marker failed, in words.
probe_failure() {
  if ((PROBE_RC == 124 || PROBE_RC == 137)); then
    echo "$1 guest printed no marker within $2 s"
  else
    echo "$1 guest printed no marker: QEMU exited with code $PROBE_RC after $PROBE_S s${PROBE_ERR:+ ($PROBE_ERR)}"
  fi
}

# probe_accel GUEST WORK — sets ACCEL (kvm|tcg), ACCEL_REASON (a sentence for provenance) and BOOT_S.
probe_accel() {
  local guest="$1" work="$2" forced="${VB_ACCEL:-}" kvm_limit="${VB_PROBE_TIMEOUT:-30}"
  local tcg_limit="${VB_TCG_PROBE_TIMEOUT:-180}" why=""
  case "$forced" in
    "" | kvm | tcg) ;;
    *) echo "accel-probe: VB_ACCEL/--accel must be kvm or tcg, not '$forced'" >&2; return 2 ;;
  esac
  if [[ "$forced" == tcg ]]; then
    why="TCG forced (--accel tcg / VB_ACCEL=tcg)"
  elif [[ "${VB_PROBE:-}" == fail ]]; then
    local stand_in=kvm
    [[ -w /dev/kvm ]] || stand_in=tcg
    probe_boot "$stand_in" probe-hang "$kvm_limit" "$guest" "$work" || true
    why="$(probe_failure KVM "$kvm_limit") (forced by VB_PROBE=fail: the probe guest, run under $stand_in, was told to stay silent)"
  elif [[ ! -e /dev/kvm && "$forced" != kvm ]]; then
    why="no /dev/kvm"
  elif [[ ! -w /dev/kvm && "$forced" != kvm ]]; then
    why="/dev/kvm is not writable by this user"
  elif probe_boot kvm probe "$kvm_limit" "$guest" "$work"; then
    ACCEL=kvm
    ACCEL_REASON="a KVM guest booted and printed its marker in $PROBE_S s"
    [[ "$forced" == kvm ]] && ACCEL_REASON="KVM forced (--accel kvm / VB_ACCEL=kvm); $ACCEL_REASON"
    BOOT_S="$PROBE_S"
    return 0
  else
    why="$(probe_failure KVM "$kvm_limit")"
    ((PROBE_RC == 124 || PROBE_RC == 137)) && why="$why (nested KVM that cannot boot guests?)"
  fi
  if [[ "$forced" == kvm ]]; then
    echo "accel-probe: KVM was forced but cannot be used: $why" >&2
    return 1
  fi
  if ! probe_boot tcg probe "$tcg_limit" "$guest" "$work"; then
    echo "accel-probe: the guest does not boot under TCG either: $(probe_failure TCG "$tcg_limit"); last console lines: $(tail -3 "$work/probe-tcg.log" 2>/dev/null | tr -d '\r' | paste -sd'|' || true)" >&2
    return 1
  fi
  ACCEL=tcg
  ACCEL_REASON="$why; a TCG guest booted and printed its marker in $PROBE_S s"
  BOOT_S="$PROBE_S"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  export LC_ALL=C
  QEMU_PREFIX=()
  guest="$(bash "$(dirname "$0")/build-guest.sh")"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  probe_accel "$guest" "$work"
  printf 'accel=%s\nreason=%s\nboot_s=%s\n' "$ACCEL" "$ACCEL_REASON" "$BOOT_S"
fi
