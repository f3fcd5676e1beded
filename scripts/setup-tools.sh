#!/bin/bash
# Makes sure the tools the real-tool tests run are on this machine, and says in one line what it found.
#
#   cloud-init  (cloud-init schema validation of the hosts' user data)
#   ShellCheck  (the hosts' shell scripts)
#   clamav, clamav-daemon, clamdscan  (clamscan, clamd, clamdscan, sigtool, clamconf: the antivirus scripts, run for real)
#   jq          (the antivirus scripts' JSON log lines)
#   chromium    (the HTML evidence report, rendered headless)
#
# It checks CAPABILITIES, not exact versions: Debian replaces packages with security updates and an exact pin
# disappears from the mirror. A minimum version is required only where a feature needs it. When every capability is
# present nothing is installed. Otherwise it installs Debian's current candidates with apt-get (refreshing the package
# lists first when they are missing or older than a day), which needs root or passwordless sudo, and checks again.
# It never downgrades. Exit 0 = every capability present; 1 = one is missing (one line names the package and what).
#
#   PALISADE_SETUP_TOOLS_CHECK_ONLY=1  check and report, never install
#   PALISADE_CHROMIUM=/path            the Chromium binary the report tests run (default /usr/bin/chromium)
set -euo pipefail

# package|what the tests need|check command (exit 0 = capable)
CHECKS=(
  "cloud-init|cloud-init with the 'schema --config-file' subcommand|check_cloud_init"
  "shellcheck|shellcheck >= 0.7 (--severity, --external-sources)|check_shellcheck"
  "clamav|clamscan, sigtool and clamconf >= 1.0|check_clamav"
  "clamav-daemon|clamd >= 1.0|check_clamd"
  "clamdscan|clamdscan >= 1.0|check_clamdscan"
  "jq|jq >= 1.6|check_jq"
  "chromium|chromium >= 120 (new headless mode, --print-to-pdf, --dump-dom)|check_chromium"
  "util-linux|flock|check_flock"
)

# "1.4.6" >= "1.0"? (version sort; the versions compared are the numeric part each tool prints)
at_least() { [[ -n "$1" && "$(printf '%s\n%s\n' "$2" "$1" | sort -V | sed -n 1p)" == "$2" ]]; }
# (reads all its input: an early exit would SIGPIPE the tool and fail the pipeline under pipefail)
first_version() { grep -oE '[0-9]+(\.[0-9]+)+' | sed -n 1p; }

VERSIONS=()
found() { VERSIONS+=("$1 $2"); }
report_versions() { local IFS=','; echo "setup-tools: all present: ${VERSIONS[*]}" | sed 's/,/, /g'; }

check_cloud_init() {
  command -v cloud-init >/dev/null || return 1
  [[ $(cloud-init schema --help 2>&1) == *--config-file* ]] || return 1
  found cloud-init "$(cloud-init --version 2>&1 | first_version)"
}
check_shellcheck() {
  command -v shellcheck >/dev/null || return 1
  local v; v=$(shellcheck --version | awk '/^version:/ {print $2}')
  at_least "$v" 0.7 || return 1
  found shellcheck "$v"
}
clam_version() { "$1" --version 2>/dev/null | first_version; }
check_clamav() {
  local tool v
  for tool in clamscan sigtool clamconf; do command -v "$tool" >/dev/null || return 1; done
  v=$(clam_version clamscan)
  at_least "$v" 1.0 || return 1
  [[ $(sigtool --help 2>&1) == *--sha256* ]] || return 1
  found clamav "$v"
}
check_clamd() { command -v clamd >/dev/null && at_least "$(clam_version clamd)" 1.0; }
check_clamdscan() { command -v clamdscan >/dev/null && at_least "$(clam_version clamdscan)" 1.0; }
check_jq() {
  command -v jq >/dev/null || return 1
  local v; v=$(jq --version 2>&1 | first_version)
  at_least "$v" 1.6 || return 1
  found jq "$v"
}
check_chromium() {
  local bin=${PALISADE_CHROMIUM:-/usr/bin/chromium} v
  [[ -x "$bin" ]] || return 1
  v=$("$bin" --version 2>/dev/null | first_version)
  at_least "$v" 120 || return 1
  found chromium "$v"
}
check_flock() { command -v flock >/dev/null; }

# Runs every check; fills MISSING with "package|what" entries.
run_checks() {
  MISSING=()
  VERSIONS=()
  local entry pkg what fn
  for entry in "${CHECKS[@]}"; do
    IFS='|' read -r pkg what fn <<<"$entry"
    if ! "$fn"; then MISSING+=("$pkg|$what"); fi
  done
}

run_checks
if [[ ${#MISSING[@]} -eq 0 ]]; then
  report_versions
  exit 0
fi

packages=()
for entry in "${MISSING[@]}"; do packages+=("${entry%%|*}"); done
echo "setup-tools: missing: ${packages[*]}"

if [[ "${PALISADE_SETUP_TOOLS_CHECK_ONLY:-0}" == 1 ]]; then
  for entry in "${MISSING[@]}"; do echo "setup-tools: package ${entry%%|*}: needs ${entry#*|}" >&2; done
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "setup-tools: no apt-get on this machine: install ${packages[*]} with your package manager (needs: ${MISSING[*]#*|}), or run only 'npm run test:unit'" >&2
  exit 1
fi
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "setup-tools: installing ${packages[*]} needs root or passwordless sudo; install them yourself, or run only 'npm run test:unit'" >&2
    exit 1
  fi
fi

# Installing clamav-daemon/clamav-freshclam must not start daemons: freshclam would try to reach the signature
# mirrors, and the tests use only an offline database they build themselves. Debian's policy-rc.d stops maintainer
# scripts from starting services; add one for the duration of the install if the machine has none.
POLICY=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e "$POLICY" ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null
  "${SUDO[@]}" chmod 0755 "$POLICY"
  created_policy=1
fi
cleanup() { if [[ $created_policy -eq 1 ]]; then "${SUDO[@]}" rm -f "$POLICY"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
log=$(mktemp)
trap 'cleanup; rm -f "$log"' EXIT

lists_fresh() {
  # Fresh = some Packages list was written in the last 24 hours.
  [[ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -1440 -print -quit 2>/dev/null)" ]]
}
apt_update() {
  echo "setup-tools: refreshing the package lists (apt-get update)"
  "${SUDO[@]}" apt-get update -q >"$log" 2>&1 || { tail -n 5 "$log" >&2; echo "setup-tools: apt-get update failed (output above)" >&2; exit 1; }
}
apt_install() { "${SUDO[@]}" apt-get install "${apt_opts[@]}" "${packages[@]}" >"$log" 2>&1; }

updated=0
if ! lists_fresh; then apt_update; updated=1; fi
echo "setup-tools: installing Debian's current ${packages[*]}"
if ! apt_install; then
  if [[ $updated -eq 0 ]]; then apt_update; fi
  if ! apt_install; then
    tail -n 5 "$log" >&2
    echo "setup-tools: apt-get install ${packages[*]} failed (last lines above)" >&2
    exit 1
  fi
fi
grep -E '^(Need to get|After this operation)' "$log" | sed 's/^/setup-tools: apt: /' || true

run_checks
if [[ ${#MISSING[@]} -gt 0 ]]; then
  for entry in "${MISSING[@]}"; do echo "setup-tools: package ${entry%%|*} is installed but lacks: ${entry#*|}" >&2; done
  exit 1
fi
report_versions
