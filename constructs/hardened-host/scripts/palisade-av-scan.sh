#!/bin/bash
# palisade-av-scan.sh — on-demand / scheduled antivirus scan with quarantine.
#
# Usage: palisade-av-scan.sh [PATH...]
#   With no PATH, scans every UPLOAD_PATHS entry of the config file.
#
# For each PATH (a file or a directory, scanned recursively) it:
#   1. scans with clamdscan when clamd answers a ping, else with clamscan;
#   2. confirms every detection with a second scan of that one file whose
#      result cannot be confused by the file's name (see confirm_* below);
#   3. moves each confirmed-infected file into the quarantine directory
#      (directory 0700, file 0400, owned by root when run as root);
#   4. appends ONE JSON object per line to the event log:
#        {"event":"detection",...}      one per infected file
#        {"event":"scan_complete",...}  one per PATH
#        {"event":"scan_error",...}     when the scan or a quarantine failed
#      JSON is built with jq --arg, so any file name (spaces, quotes,
#      newlines, backslashes) is escaped correctly.
#
# Exit status: 0 nothing found, 1 detections found and all quarantined,
#              2 an error occurred (scan error or a file left in place).
#
# Configuration: KEY=VALUE lines in $PALISADE_AV_CONFIG
# (default /etc/palisade/av.env; written by cloud-init). The file is parsed,
# never sourced. Environment variables override it (used by the tests):
#   PALISADE_AV_SCANNER      auto (default) | clamdscan | clamscan
#   PALISADE_AV_DB_DIR       database directory passed to clamscan -d
#   PALISADE_AV_CLAMD_CONF   clamd.conf passed to clamdscan -c
#   PALISADE_AV_QUARANTINE_DIR, PALISADE_AV_LOG_FILE, PALISADE_AV_LOCK_FILE
#   PALISADE_AV_HOST         host name written in events (default: hostname)
set -euo pipefail
umask 027
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

CONFIG_FILE=${PALISADE_AV_CONFIG:-/etc/palisade/av.env}
cfg_upload_paths=""
cfg_quarantine_dir="/var/lib/palisade/quarantine"
cfg_log_file="/var/log/palisade/av-events.log"

load_config() {
  local line key value
  [[ -r "$CONFIG_FILE" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^([A-Z_]+)=(.*)$ ]] || continue
    key=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    case "$key" in
      UPLOAD_PATHS) cfg_upload_paths=$value ;;
      QUARANTINE_DIR) cfg_quarantine_dir=$value ;;
      LOG_FILE) cfg_log_file=$value ;;
    esac
  done <"$CONFIG_FILE"
}
load_config

QUARANTINE_DIR=${PALISADE_AV_QUARANTINE_DIR:-$cfg_quarantine_dir}
LOG_FILE=${PALISADE_AV_LOG_FILE:-$cfg_log_file}
LOCK_FILE=${PALISADE_AV_LOCK_FILE:-/run/lock/palisade-av-scan.lock}
SCANNER_MODE=${PALISADE_AV_SCANNER:-auto}
HOST=${PALISADE_AV_HOST:-$(hostname)}

now_iso() { date -u +%Y-%m-%dT%H:%M:%SZ; }

# emit EVENT [name=value | name:=json]...  -> one compact JSON line
emit() {
  local event=$1 arg line
  shift
  local jq_args=(--arg event "$event")
  for arg in "$@"; do
    if [[ "$arg" == *:=* && "${arg%%:=*}" =~ ^[a-z_]+$ ]]; then
      jq_args+=(--argjson "${arg%%:=*}" "${arg#*:=}")
    else
      jq_args+=(--arg "${arg%%=*}" "${arg#*=}")
    fi
  done
  jq_args+=(--arg host "$HOST" --arg time "$(now_iso)")
  line=$(jq -cn "${jq_args[@]}" '$ARGS.named')
  printf '%s\n' "$line" >>"$LOG_FILE"
  printf '%s\n' "$line"
}

fail_early() {
  # Used before the event log is known to be writable.
  echo "palisade-av-scan: $*" >&2
  exit 2
}

command -v jq >/dev/null 2>&1 || fail_early "jq is not installed"
mkdir -p -- "$(dirname -- "$LOG_FILE")" || fail_early "cannot create log directory for $LOG_FILE"
touch -- "$LOG_FILE" || fail_early "cannot write $LOG_FILE"

# One scan at a time (cron + a manual run must not fight over files).
mkdir -p -- "$(dirname -- "$LOCK_FILE")"
exec 9>"$LOCK_FILE"
if ! flock -n 9; then
  emit scan_error reason="another scan holds the lock" lock_file="$LOCK_FILE"
  exit 2
fi

# ---------------------------------------------------------------- scanner
clamd_args=()
if [[ -n "${PALISADE_AV_CLAMD_CONF:-}" ]]; then
  clamd_args=(-c "$PALISADE_AV_CLAMD_CONF")
fi
clamscan_args=()
if [[ -n "${PALISADE_AV_DB_DIR:-}" ]]; then
  clamscan_args=(-d "$PALISADE_AV_DB_DIR")
fi

case "$SCANNER_MODE" in
  clamdscan | clamscan) scanner=$SCANNER_MODE ;;
  auto)
    if command -v clamdscan >/dev/null 2>&1 &&
      clamdscan "${clamd_args[@]}" --ping 1 >/dev/null 2>&1; then
      scanner=clamdscan
    else
      scanner=clamscan
    fi
    ;;
  *)
    emit scan_error reason="unknown PALISADE_AV_SCANNER" scanner="$SCANNER_MODE"
    exit 2
    ;;
esac
command -v "$scanner" >/dev/null 2>&1 || {
  emit scan_error reason="scanner not installed" scanner="$scanner"
  exit 2
}

# Bulk scan: prints "PATH: SIGNATURE FOUND" lines for infected files only.
bulk_scan() {
  if [[ "$scanner" == clamdscan ]]; then
    # --fdpass: clamd runs as user clamav and could not open the files itself.
    clamdscan "${clamd_args[@]}" --fdpass --multiscan --infected --no-summary -- "$1"
  else
    clamscan "${clamscan_args[@]}" --recursive --infected --no-summary -- "$1"
  fi
}

# The bulk output is only a list of *candidates*: ClamAV prints file names
# raw, so a name containing a newline can split a line or forge one that
# names another file. Every candidate is therefore rescanned in a way whose
# output cannot contain the file name:
#  - clamdscan: the file is streamed on stdin (cheap, clamd keeps its DB);
#  - clamscan:  one run over symlinks named 0, 1, 2... in a private temp
#    dir (clamscan follows symlinks given on its command line), so the
#    signature database is loaded once, not once per file.
# Sets confirmed_sig[i] for each infected candidate index i.
declare -a candidates=()
declare -A confirmed_sig=()

confirm_candidates() {
  local i out line
  confirmed_sig=()
  [[ ${#candidates[@]} -gt 0 ]] || return 0
  if [[ "$scanner" == clamdscan ]]; then
    for i in "${!candidates[@]}"; do
      out=$(clamdscan "${clamd_args[@]}" --no-summary - <"${candidates[$i]}" 2>/dev/null) || true
      if [[ "$out" =~ :\ ([^[:space:]]+)\ FOUND$ ]]; then
        confirmed_sig[$i]=${BASH_REMATCH[1]}
      fi
    done
  else
    local links=()
    for i in "${!candidates[@]}"; do
      ln -s -- "${candidates[$i]}" "$work_dir/$i"
      links+=("$work_dir/$i")
    done
    out=$(clamscan "${clamscan_args[@]}" --infected --no-summary -- "${links[@]}" 2>/dev/null) || true
    while IFS= read -r line; do
      if [[ "$line" =~ ^.*/([0-9]+):\ ([^[:space:]]+)\ FOUND$ ]]; then
        confirmed_sig[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
      fi
    done <<<"$out"
    rm -f -- "${links[@]}"
  fi
}

sanitize_name() {
  local base=${1##*/}
  base=${base//[^A-Za-z0-9._-]/_}
  printf '%s' "${base:0:80}"
}

# quarantine FILE -> prints the quarantine path; non-zero if the file stayed.
quarantine() {
  local src=$1 dest
  dest=$(mktemp -- "$QUARANTINE_DIR/$(date -u +%Y%m%dT%H%M%SZ)-$(sanitize_name "$src").XXXXXX") || return 1
  if ! mv -f -- "$src" "$dest"; then
    rm -f -- "$dest"
    return 1
  fi
  # Called in an `if` condition, where bash ignores set -e: check each step.
  chmod 0400 -- "$dest" || return 1
  if [[ $(id -u) -eq 0 ]]; then
    chown root:root -- "$dest" || return 1
  fi
  printf '%s' "$dest"
}

# ------------------------------------------------------------------- main
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  read -r -a targets <<<"${cfg_upload_paths//:/ }"
fi
if [[ ${#targets[@]} -eq 0 ]]; then
  emit scan_error reason="no scan path given and UPLOAD_PATHS is empty" config="$CONFIG_FILE"
  exit 2
fi

if ! mkdir -p -- "$QUARANTINE_DIR" || ! chmod 0700 -- "$QUARANTINE_DIR"; then
  emit scan_error reason="cannot prepare quarantine directory" quarantine_dir="$QUARANTINE_DIR"
  exit 2
fi

work_dir=$(mktemp -d)
trap 'rm -rf -- "$work_dir"' EXIT

status=0
for target in "${targets[@]}"; do
  [[ "$target" == /* ]] || target="$PWD/$target"
  started=$(date +%s)
  if [[ ! -e "$target" ]]; then
    emit scan_error reason="path does not exist" path="$target" scanner="$scanner"
    status=2
    continue
  fi

  scanned=$(find "$target" -type f -printf x 2>/dev/null | wc -c)
  rc=0
  bulk_out=$(bulk_scan "$target" 2>"$work_dir/stderr") || rc=$?

  candidates=()
  declare -A seen=()
  unresolved=0
  while IFS= read -r line; do
    if [[ "$line" =~ ^(.+):\ ([^[:space:]]+)\ FOUND$ ]]; then
      p=${BASH_REMATCH[1]}
      if [[ -f "$p" && ! -L "$p" && -z "${seen[$p]:-}" ]]; then
        seen[$p]=1
        candidates+=("$p")
      elif [[ ! -e "$p" ]]; then
        unresolved=$((unresolved + 1))
      fi
    elif [[ -n "$line" ]]; then
      unresolved=$((unresolved + 1)) # continuation of a name with a newline
    fi
  done <<<"$bulk_out"
  if [[ $unresolved -gt 0 ]]; then
    # Names with newlines cannot be read back from the bulk output: add
    # every such file as a candidate; confirmation sorts them out.
    while IFS= read -r -d '' p; do
      if [[ -z "${seen[$p]:-}" ]]; then
        seen[$p]=1
        candidates+=("$p")
      fi
    done < <(find "$target" -type f -name $'*\n*' -print0 2>/dev/null)
  fi
  unset seen

  confirm_candidates

  infected=0
  quarantined=0
  for i in "${!candidates[@]}"; do
    [[ -n "${confirmed_sig[$i]:-}" ]] || continue
    infected=$((infected + 1))
    src=${candidates[$i]}
    if qpath=$(quarantine "$src"); then
      quarantined=$((quarantined + 1))
      emit detection path="$src" signature="${confirmed_sig[$i]}" action=quarantined \
        quarantine_path="$qpath" scanner="$scanner"
    else
      emit detection path="$src" signature="${confirmed_sig[$i]}" action=quarantine_failed \
        scanner="$scanner"
      emit scan_error reason="could not move infected file to quarantine" path="$src" \
        quarantine_dir="$QUARANTINE_DIR" scanner="$scanner"
      status=2
    fi
  done

  # clamscan/clamdscan: 0 clean, 1 virus found, 2 some error occurred.
  if [[ $rc -ge 2 ]]; then
    detail=$(head -c 1000 -- "$work_dir/stderr")
    emit scan_error reason="scanner reported an error" path="$target" scanner="$scanner" \
      exit_code:="$rc" detail="$detail"
    status=2
  elif [[ $rc -eq 1 && $infected -eq 0 ]]; then
    emit scan_error reason="scanner reported a detection that could not be confirmed" \
      path="$target" scanner="$scanner" exit_code:="$rc"
    status=2
  fi

  emit scan_complete path="$target" scanner="$scanner" scanned:="$scanned" \
    infected:="$infected" quarantined:="$quarantined" \
    duration_seconds:="$(($(date +%s) - started))"
  if [[ $infected -gt 0 && $status -eq 0 ]]; then
    status=1
  fi
done

exit "$status"
