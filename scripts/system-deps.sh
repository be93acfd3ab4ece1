#!/usr/bin/env bash
# Install the system packages the tests use, only when missing: Debian's Chromium (driven by
# Playwright; never a downloaded browser), nginx (the real static host in the deploy tests),
# a Java runtime (the Nu Html Checker), rsync, curl (the build hook call of rebuild.yml) and
# faketime (host builds on a fixed clock, so a scheduled post's test never depends on today).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v rsync >/dev/null 2>&1 || missing+=(rsync)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "Please install these packages (as root): apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
