#!/bin/sh
# Install the Debian packages fincheck builds and tests with, if missing.
# Idempotent and silent when everything is present.  Needs root (or sudo)
# only when something is missing.
set -u
pkgs="build-essential pkg-config clang libclang-rt-14-dev libyaml-dev libexpat1-dev zlib1g-dev libssl-dev
libjansson-dev libsqlite3-dev sqlite3 libpq-dev postgresql libmicrohttpd-dev libxlsxwriter-dev
libcairo2-dev libpango1.0-dev libargon2-dev fonts-noto-cjk poppler-utils python3
curl chromium wrk"
missing=""
# node and npm may come from elsewhere than Debian (a newer Node.js): take any
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
	echo "deps: apt-get install failed for:$missing" >&2
	exit 1
}
