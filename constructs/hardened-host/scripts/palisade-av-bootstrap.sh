#!/bin/bash
# palisade-av-bootstrap.sh — first-boot setup of the antivirus agent, run by
# cloud-init (runcmd) after the packages are installed. Idempotent: safe to
# re-run by hand or from the self-check.
#
# Usage:
#   palisade-av-bootstrap.sh                      full setup (default)
#   palisade-av-bootstrap.sh configure-clamd      only merge the on-access
#                                                 settings into clamd.conf
#   palisade-av-bootstrap.sh merge-clamd-conf FRAGMENT CONF
#                                                 merge FRAGMENT into CONF
#                                                 (pure file operation)
#
# Full setup:
#   1. quarantine dir (0700), event log (0640 root:adm), upload dirs
#   2. on-access settings merged into /etc/clamav/clamd.conf (Debian
#      generates clamd.conf from debconf and clamd has no include directive,
#      so the managed block is replaced in place)
#   3. freshclam: the package's daemon is disabled (updates run from
#      /etc/cron.d/palisade-av on the configured schedule); one update now so
#      clamd has a database to load
#   4. clamav-daemon and clamav-clamonacc enabled and started
#   5. Amazon CloudWatch agent installed from the regional S3 .deb and
#      started with the Palisade config
#   6. palisade-av-selfcheck.sh as a smoke test
# Exits non-zero if any step failed (cloud-init then reports the failure),
# after attempting all of them.
set -euo pipefail
umask 022
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

CONFIG_FILE=${PALISADE_AV_CONFIG:-/etc/palisade/av.env}
FRAGMENT=${PALISADE_AV_CLAMD_FRAGMENT:-/etc/palisade/clamd-onaccess.conf}
CLAMD_CONF=${PALISADE_AV_CLAMD_CONF:-/etc/clamav/clamd.conf}
BEGIN_MARK="# BEGIN palisade on-access (managed by palisade-av-bootstrap.sh)"
END_MARK="# END palisade on-access"

cfg_upload_paths=""
cfg_quarantine_dir="/var/lib/palisade/quarantine"
cfg_log_file="/var/log/palisade/av-events.log"
cfg_region=""
cfg_cw_agent_config="/opt/aws/amazon-cloudwatch-agent/etc/palisade-av.json"

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
      REGION) cfg_region=$value ;;
      CW_AGENT_CONFIG) cfg_cw_agent_config=$value ;;
    esac
  done <"$CONFIG_FILE"
}

log() { echo "palisade-av-bootstrap: $*"; }

# merge_clamd_conf FRAGMENT CONF: drop every line of CONF that sets a key the
# fragment sets (and any previous managed block), then append the fragment
# between markers. Keys that clamd allows to repeat (OnAccessIncludePath)
# are therefore fully owned by the fragment.
merge_clamd_conf() {
  local fragment=$1 conf=$2 keys tmp
  [[ -r "$fragment" ]] || { echo "palisade-av-bootstrap: cannot read $fragment" >&2; return 1; }
  [[ -r "$conf" ]] || { echo "palisade-av-bootstrap: cannot read $conf" >&2; return 1; }
  keys=$(awk '$0 !~ /^[[:space:]]*#/ && NF { print $1 }' "$fragment" | sort -u | paste -sd '|' -)
  [[ "$keys" =~ ^[A-Za-z|]+$ ]] || { echo "palisade-av-bootstrap: unexpected keys in $fragment" >&2; return 1; }
  tmp=$(mktemp "${conf}.XXXXXX") || return 1
  {
    awk -v begin="$BEGIN_MARK" -v end="$END_MARK" -v keys="^(${keys})([[:space:]]|$)" '
      $0 == begin { skip = 1; next }
      $0 == end { skip = 0; next }
      skip { next }
      $0 ~ keys { next }
      { print }
    ' "$conf"
    echo "$BEGIN_MARK"
    grep -v '^[[:space:]]*#' "$fragment" | grep -v '^[[:space:]]*$'
    echo "$END_MARK"
  } >"$tmp" || { rm -f "$tmp"; return 1; }
  chmod --reference="$conf" "$tmp" 2>/dev/null || chmod 0644 "$tmp"
  mv -f "$tmp" "$conf" || return 1
}

prepare_dirs() {
  local p log_dir
  # Called from `cmd || failed+=(...)`, where bash ignores set -e: every
  # step checks its own status.
  install -d -m 0700 -o root -g root "$cfg_quarantine_dir" || return 1
  chmod 0700 "$cfg_quarantine_dir" || return 1
  log_dir=$(dirname "$cfg_log_file")
  install -d -m 0750 -o root -g adm "$log_dir" || return 1
  if [[ ! -e "$cfg_log_file" ]]; then
    install -m 0640 -o root -g adm /dev/null "$cfg_log_file" || return 1
  fi
  for p in ${cfg_upload_paths//:/ }; do
    # Upload directories normally come from the application; create missing
    # ones so clamonacc can watch them from the start.
    if [[ ! -e "$p" ]]; then
      install -d -m 0755 "$p" || return 1
    fi
  done
}

setup_clamav() {
  systemctl disable --now clamav-freshclam.service >/dev/null 2>&1 || true
  local i
  for i in 1 2 3; do
    if freshclam --quiet; then
      break
    fi
    log "freshclam attempt $i failed"
    [[ $i -eq 3 ]] && return 1
    sleep 20
  done
  systemctl daemon-reload || return 1
  systemctl enable clamav-daemon.service || return 1
  systemctl restart clamav-daemon.service || return 1
  # clamd answers only once the whole database is loaded.
  clamdscan --ping 90:2 >/dev/null || return 1
  systemctl enable clamav-clamonacc.service || return 1
  systemctl restart clamav-clamonacc.service || return 1
}

install_cloudwatch_agent() {
  local arch url tmp
  if ! dpkg-query -W -f='${db:Status-Abbrev}' amazon-cloudwatch-agent 2>/dev/null | grep -q '^ii'; then
    [[ "$cfg_region" =~ ^[a-z]{2}(-gov)?-[a-z]+-[0-9]+$ ]] || {
      echo "palisade-av-bootstrap: REGION '$cfg_region' is not a valid AWS region" >&2
      return 1
    }
    arch=$(dpkg --print-architecture)
    url="https://amazoncloudwatch-agent-${cfg_region}.s3.${cfg_region}.amazonaws.com/ubuntu/${arch}/latest/amazon-cloudwatch-agent.deb"
    tmp=$(mktemp -d) || return 1
    log "downloading $url"
    curl -fsSL --proto '=https' --retry 5 --retry-delay 5 -o "$tmp/amazon-cloudwatch-agent.deb" "$url" || return 1
    dpkg -i "$tmp/amazon-cloudwatch-agent.deb" || return 1
    rm -rf "$tmp"
  fi
  # The agent runs as cwagent; adm lets it read the event log and clamav logs.
  if id cwagent >/dev/null 2>&1; then
    usermod -a -G adm cwagent || return 1
  fi
  /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl \
    -a fetch-config -m ec2 -s -c "file:${cfg_cw_agent_config}"
}

main() {
  local failed=()
  load_config
  prepare_dirs || failed+=("directories")
  merge_clamd_conf "$FRAGMENT" "$CLAMD_CONF" || failed+=("clamd.conf")
  setup_clamav || failed+=("clamav services")
  install_cloudwatch_agent || failed+=("cloudwatch agent")
  /usr/local/sbin/palisade-av-selfcheck.sh || failed+=("self-check")
  if [[ ${#failed[@]} -gt 0 ]]; then
    echo "palisade-av-bootstrap: FAILED: ${failed[*]}" >&2
    exit 1
  fi
  log "done"
}

case "${1:-all}" in
  all) main ;;
  configure-clamd) merge_clamd_conf "$FRAGMENT" "$CLAMD_CONF" ;;
  merge-clamd-conf)
    [[ $# -eq 3 ]] || { echo "usage: $0 merge-clamd-conf FRAGMENT CONF" >&2; exit 2; }
    merge_clamd_conf "$2" "$3"
    ;;
  *) echo "usage: $0 [all|configure-clamd|merge-clamd-conf FRAGMENT CONF]" >&2; exit 2 ;;
esac
