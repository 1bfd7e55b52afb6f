#!/usr/bin/env bash
# Install sightline's build dependencies (Debian 12 packages) when missing.
# As root it runs apt-get; otherwise it prints the one line to run.
set -eu
pkgs="build-essential cmake pkg-config libsqlite3-dev libgdal-dev gdal-bin libgeos-dev
libproj-dev libgsl-dev libpcre2-dev libjansson-dev libcmocka-dev zlib1g-dev sqlite3 python3
valgrind clang libclang-rt-14-dev"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "sightline: installing build dependencies:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq $missing >/dev/null
else
  echo "sightline: missing build dependencies. Run:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
