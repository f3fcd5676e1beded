#!/bin/bash
# palisade-av-selfcheck.sh — daily compliance check run by SSM State Manager.
#
# Usage: palisade-av-selfcheck.sh [--no-repair] [--only CHECK[,CHECK...]]
#   CHECK is one of: packages, signatures, clamd, onaccess (default: all)
#
# Checks, in order, and repairs what it can:
#   packages    clamav, clamav-daemon, clamav-freshclam, clamdscan installed
#               (repair: apt-get install)
#   signatures  the daily signature database is younger than
#               SIG_MAX_AGE_HOURS; age = "Build time" from `sigtool --info`,
#               or the file's mtime when sigtool cannot read a build time
#               (repair: freshclam)
#   clamd       clamav-daemon active and answering a ping (repair: restart)
#   onaccess    clamd.conf has OnAccessIncludePath for every upload path and
#               OnAccessPrevention yes; clamonacc (clamav-clamonacc.service)
#               is active (repair: `palisade-av-bootstrap.sh configure-clamd`
#               for config drift, restart for the services)
#
# Prints one line per repair, then exactly one verdict line:
#   "palisade-av-selfcheck: OK ..."                 exit 0
#   "palisade-av-selfcheck: NONCOMPLIANT: <reason>" exit 1 (to stderr)
# and appends a {"event":"selfcheck",...} JSON line to the event log.
#
# Configuration: KEY=VALUE lines in $PALISADE_AV_CONFIG (default
# /etc/palisade/av.env), parsed, never sourced. Environment overrides:
#   PALISADE_AV_DB_DIR (default /var/lib/clamav)
#   PALISADE_AV_CLAMD_CONF (default /etc/clamav/clamd.conf)
#   PALISADE_AV_BOOTSTRAP (default /usr/local/sbin/palisade-av-bootstrap.sh)
#   PALISADE_AV_SIG_MAX_AGE_HOURS, PALISADE_AV_LOG_FILE, PALISADE_AV_HOST
set -euo pipefail
umask 027
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

CONFIG_FILE=${PALISADE_AV_CONFIG:-/etc/palisade/av.env}
cfg_upload_paths=""
cfg_log_file="/var/log/palisade/av-events.log"
cfg_sig_max_age_hours=24

load_config() {
  local line key value
  [[ -r "$CONFIG_FILE" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^([A-Z_]+)=(.*)$ ]] || continue
    key=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    case "$key" in
      UPLOAD_PATHS) cfg_upload_paths=$value ;;
      LOG_FILE) cfg_log_file=$value ;;
      SIG_MAX_AGE_HOURS) cfg_sig_max_age_hours=$value ;;
    esac
  done <"$CONFIG_FILE"
}
load_config

DB_DIR=${PALISADE_AV_DB_DIR:-/var/lib/clamav}
CLAMD_CONF=${PALISADE_AV_CLAMD_CONF:-/etc/clamav/clamd.conf}
BOOTSTRAP=${PALISADE_AV_BOOTSTRAP:-/usr/local/sbin/palisade-av-bootstrap.sh}
MAX_AGE_HOURS=${PALISADE_AV_SIG_MAX_AGE_HOURS:-$cfg_sig_max_age_hours}
LOG_FILE=${PALISADE_AV_LOG_FILE:-$cfg_log_file}
HOST=${PALISADE_AV_HOST:-$(hostname)}
REQUIRED_PACKAGES=(clamav clamav-daemon clamav-freshclam clamdscan)

repair=1
only="packages,signatures,clamd,onaccess"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-repair) repair=0 ;;
    --only)
      [[ $# -ge 2 ]] || { echo "palisade-av-selfcheck: --only needs a value" >&2; exit 2; }
      only=$2
      shift
      ;;
    --only=*) only=${1#--only=} ;;
    *) echo "palisade-av-selfcheck: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

if ! [[ "$MAX_AGE_HOURS" =~ ^[1-9][0-9]*$ ]]; then
  echo "palisade-av-selfcheck: NONCOMPLIANT: SIG_MAX_AGE_HOURS must be a positive integer, got '$MAX_AGE_HOURS'" >&2
  exit 1
fi

wanted() { [[ ",$only," == *",$1,"* ]]; }
notes=()
note() { notes+=("$1"); echo "palisade-av-selfcheck: $1"; }

log_event() {
  # Best effort: a missing jq or an unwritable log must not mask the verdict.
  local status=$1 detail=$2 line
  command -v jq >/dev/null 2>&1 || return 0
  line=$(jq -cn --arg event selfcheck --arg status "$status" --arg detail "$detail" \
    --arg host "$HOST" --arg time "$(date -u +%Y-%m-%dT%H:%M:%SZ)" '$ARGS.named') || return 0
  { mkdir -p -- "$(dirname -- "$LOG_FILE")" && printf '%s\n' "$line" >>"$LOG_FILE"; } 2>/dev/null || true
}

noncompliant() {
  local reason="$*"
  log_event fail "$reason"
  echo "palisade-av-selfcheck: NONCOMPLIANT: $reason" >&2
  exit 1
}

# ------------------------------------------------------------- packages
missing_packages() {
  local pkg out=()
  for pkg in "${REQUIRED_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii'; then
      out+=("$pkg")
    fi
  done
  echo "${out[*]}"
}

check_packages() {
  local missing
  missing=$(missing_packages)
  [[ -z "$missing" ]] && return 0
  [[ $repair -eq 1 ]] || noncompliant "packages not installed: $missing"
  note "repair: installing $missing"
  # shellcheck disable=SC2086 # $missing is a list of package names
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1 || true
  fi
  missing=$(missing_packages)
  [[ -z "$missing" ]] || noncompliant "packages not installed and apt-get install failed: $missing"
}

# ----------------------------------------------------------- signatures
# Prints the newest daily database file, or nothing.
daily_db() {
  local f newest="" newest_mtime=0 m
  for f in "$DB_DIR"/daily.cld "$DB_DIR"/daily.cvd "$DB_DIR"/daily.cud; do
    [[ -f "$f" ]] || continue
    m=$(stat -c %Y -- "$f")
    if [[ $m -gt $newest_mtime ]]; then
      newest=$f
      newest_mtime=$m
    fi
  done
  printf '%s' "$newest"
}

# Prints "<epoch> <source>" for the database's build time (sigtool) or mtime.
db_time() {
  local f=$1 build epoch
  if command -v sigtool >/dev/null 2>&1; then
    build=$(sigtool --info="$f" 2>/dev/null | sed -n 's/^Build time: //p' | head -n 1)
    if [[ -n "$build" ]] && epoch=$(date -d "$build" +%s 2>/dev/null); then
      echo "$epoch build-time"
      return 0
    fi
  fi
  echo "$(stat -c %Y -- "$f") mtime"
}

# Sets sig_problem (empty when fresh) and sig_summary.
sig_problem=""
sig_summary=""
evaluate_signatures() {
  local f t source age
  sig_problem=""
  f=$(daily_db)
  if [[ -z "$f" ]]; then
    sig_problem="no daily signature database (daily.cld/cvd/cud) in $DB_DIR"
    return 0
  fi
  read -r t source <<<"$(db_time "$f")"
  age=$(($(date +%s) - t))
  if [[ $age -gt $((MAX_AGE_HOURS * 3600)) ]]; then
    sig_problem="signatures are $((age / 3600))h old (limit ${MAX_AGE_HOURS}h, $source of ${f##*/})"
  fi
  sig_summary="signatures $((age / 3600))h old ($source of ${f##*/})"
}

check_signatures() {
  evaluate_signatures
  [[ -n "$sig_problem" ]] || return 0
  [[ $repair -eq 1 ]] || noncompliant "$sig_problem"
  note "repair: $sig_problem; running freshclam"
  freshclam --quiet >/dev/null 2>&1 || true
  evaluate_signatures
  [[ -z "$sig_problem" ]] || noncompliant "$sig_problem, and freshclam did not fix it"
}

# ---------------------------------------------------------------- clamd
clamd_ok() {
  systemctl is-active --quiet clamav-daemon && clamdscan --ping 3:2 >/dev/null 2>&1
}

check_clamd() {
  clamd_ok && return 0
  [[ $repair -eq 1 ]] || noncompliant "clamav-daemon is not running or not answering"
  note "repair: restarting clamav-daemon"
  systemctl enable clamav-daemon >/dev/null 2>&1 || true
  systemctl restart clamav-daemon >/dev/null 2>&1 || true
  # clamd loads the full database before it answers: allow up to 3 minutes.
  if ! { systemctl is-active --quiet clamav-daemon && clamdscan --ping 90:2 >/dev/null 2>&1; }; then
    noncompliant "clamav-daemon does not start (see journalctl -u clamav-daemon)"
  fi
}

# ------------------------------------------------------------- onaccess
onaccess_config_problem() {
  local p missing=()
  [[ -r "$CLAMD_CONF" ]] || { echo "cannot read $CLAMD_CONF"; return 0; }
  for p in ${cfg_upload_paths//:/ }; do
    grep -qxF "OnAccessIncludePath $p" "$CLAMD_CONF" || missing+=("$p")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "on-access scanning not configured for ${missing[*]} in $CLAMD_CONF"
    return 0
  fi
  grep -qx 'OnAccessPrevention yes' "$CLAMD_CONF" || echo "OnAccessPrevention is not enabled in $CLAMD_CONF"
}

check_onaccess() {
  local problem
  [[ -n "$cfg_upload_paths" ]] || noncompliant "UPLOAD_PATHS is empty in $CONFIG_FILE"
  problem=$(onaccess_config_problem)
  if [[ -n "$problem" ]]; then
    [[ $repair -eq 1 ]] || noncompliant "$problem"
    # A clamav-daemon package upgrade can regenerate clamd.conf from debconf
    # and drop the managed on-access block: merge it again, restart clamd.
    note "repair: $problem; re-merging on-access settings"
    "$BOOTSTRAP" configure-clamd >/dev/null 2>&1 || noncompliant "$problem, and $BOOTSTRAP configure-clamd failed"
    problem=$(onaccess_config_problem)
    [[ -z "$problem" ]] || noncompliant "$problem, and re-merging did not fix it"
    systemctl restart clamav-daemon >/dev/null 2>&1 || true
    clamdscan --ping 90:2 >/dev/null 2>&1 || noncompliant "clamav-daemon does not come back after the on-access config repair"
    systemctl restart clamav-clamonacc >/dev/null 2>&1 || true
  fi
  if systemctl is-active --quiet clamav-clamonacc && pgrep -x clamonacc >/dev/null; then
    return 0
  fi
  [[ $repair -eq 1 ]] || noncompliant "clamonacc (on-access scanner) is not running"
  note "repair: restarting clamav-clamonacc"
  systemctl enable clamav-clamonacc >/dev/null 2>&1 || true
  systemctl restart clamav-clamonacc >/dev/null 2>&1 || true
  local i
  for i in 1 2 3 4 5 6 7 8 9 10; do
    if systemctl is-active --quiet clamav-clamonacc && pgrep -x clamonacc >/dev/null; then
      return 0
    fi
    [[ $i -eq 10 ]] || sleep 3
  done
  noncompliant "clamonacc (on-access scanner) does not start (see journalctl -u clamav-clamonacc)"
}

for check in ${only//,/ }; do
  case "$check" in
    packages | signatures | clamd | onaccess) ;;
    *) echo "palisade-av-selfcheck: unknown check '$check'" >&2; exit 2 ;;
  esac
done
if wanted packages; then check_packages; fi
if wanted signatures; then check_signatures; fi
if wanted clamd; then check_clamd; fi
if wanted onaccess; then check_onaccess; fi

summary="checks: $only"
if [[ -n "$sig_summary" ]]; then summary="$summary; $sig_summary"; fi
if [[ ${#notes[@]} -gt 0 ]]; then summary="$summary; repaired: ${#notes[@]}"; fi
log_event ok "$summary"
echo "palisade-av-selfcheck: OK ($summary)"
