#!/bin/bash
# Installs the Debian tools the test suite runs for real (cloud-init schema
# validation, shellcheck, the ClamAV engine, jq, chromium), pinned to exact
# versions so a test run is reproducible.
#
# Idempotent: when every package is already installed at its pinned version
# it exits without touching apt (fast on re-run). Non-interactive.
#
# Pins are for Debian 12 (bookworm) + bookworm-security. When Debian ships a
# security update the old version can disappear from the mirror; apt then
# fails with "Version '...' for '...' was not found" and this script says
# which pin to bump (`apt-cache policy <pkg>` shows the new candidate).
set -euo pipefail

PINS=(
  "cloud-init=22.4.2-1+deb12u4"
  "shellcheck=0.9.0-1"
  "clamav=1.4.6+dfsg-0+deb12u1"
  "clamav-base=1.4.6+dfsg-0+deb12u1"
  "clamav-freshclam=1.4.6+dfsg-0+deb12u1"
  "libclamav12=1.4.6+dfsg-0+deb12u1"
  "clamav-daemon=1.4.6+dfsg-0+deb12u1"
  "clamdscan=1.4.6+dfsg-0+deb12u1"
  "jq=1.6-2.1+deb12u3"
  "libjq1=1.6-2.1+deb12u3"
  "chromium=156.0.8078.108-1~deb12u1"
)

installed_version() {
  dpkg-query -W -f='${db:Status-Abbrev}|${Version}' "$1" 2>/dev/null | awk -F'|' '$1 ~ /^ii/ {print $2}'
}

missing=()
for pin in "${PINS[@]}"; do
  pkg=${pin%%=*}
  want=${pin#*=}
  have=$(installed_version "$pkg" || true)
  if [[ "$have" != "$want" ]]; then
    missing+=("$pin")
    echo "setup-tools: $pkg is ${have:-not installed}, want $want"
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup-tools: all ${#PINS[@]} pinned packages already installed"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  SUDO=(sudo)
fi

# Installing clamav-freshclam/clamav-daemon must not start daemons: freshclam
# would try to reach the signature mirrors, and the test suite only ever uses
# an offline database it builds itself. Debian's policy-rc.d mechanism stops
# maintainer scripts from starting services; add one only for the duration
# of the install if the machine does not already have one.
POLICY=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e "$POLICY" ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null
  "${SUDO[@]}" chmod 0755 "$POLICY"
  created_policy=1
fi
cleanup() {
  if [[ $created_policy -eq 1 ]]; then
    "${SUDO[@]}" rm -f "$POLICY"
  fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

if ! "${SUDO[@]}" apt-get install "${apt_opts[@]}" --allow-downgrades "${missing[@]}"; then
  echo "setup-tools: install failed; refreshing package lists and retrying" >&2
  "${SUDO[@]}" apt-get update -q
  if ! "${SUDO[@]}" apt-get install "${apt_opts[@]}" --allow-downgrades "${missing[@]}"; then
    echo "setup-tools: could not install ${missing[*]}." >&2
    echo "setup-tools: if apt said a version was not found, Debian replaced it; bump the pin in scripts/setup-tools.sh to the candidate 'apt-cache policy <pkg>' shows." >&2
    exit 1
  fi
fi

for pin in "${PINS[@]}"; do
  pkg=${pin%%=*}
  want=${pin#*=}
  have=$(installed_version "$pkg" || true)
  if [[ "$have" != "$want" ]]; then
    echo "setup-tools: after install $pkg is ${have:-not installed}, expected $want" >&2
    exit 1
  fi
done
echo "setup-tools: installed ${missing[*]}"
