#!/usr/bin/env bash
# Install sightline's build dependencies (Debian 12 packages) when missing.
# As root it runs apt-get; otherwise it prints the one line to run.
set -eu
cd "$(dirname "$0")/.."

# Leaflet (embedded into report.html at build time), playwright-core (browser
# test) and us-atlas (make demo-real) from npm into the gitignored
# node_modules/. Never fatal: without them the report draws its own SVG map
# and the browser test skips loudly.
npm_assets() {
  command -v npm >/dev/null || return 0
  [ -f node_modules/leaflet/dist/leaflet.js ] && [ -d node_modules/playwright-core ] && [ -d node_modules/us-atlas ] &&
    [ -f node_modules/leaflet.markercluster/dist/leaflet.markercluster.js ] && return 0
  echo "sightline: npm install (leaflet, leaflet.markercluster, playwright-core, us-atlas, axe-core) into node_modules/" >&2
  npm install --no-package-lock --no-audit --no-fund --silent >/dev/null 2>&1 ||
    echo "sightline: npm install failed; the report will use its plain SVG map" >&2
}
pkgs="build-essential cmake pkg-config libsqlite3-dev libgdal-dev gdal-bin libgeos-dev
libproj-dev libgsl-dev libpcre2-dev libjansson-dev libcmocka-dev libcmark-dev libidn2-dev libcurl4-openssl-dev zlib1g-dev libssl-dev sqlite3 python3
time nodejs chromium poppler-utils valgrind clang libclang-rt-14-dev libmicrohttpd-dev curl wrk python3-fastapi python3-uvicorn python3-aiosmtpd nginx-light openssl
libpq-dev postgresql-15 postgresql-15-postgis-3"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Debian's npm package only when there is no npm at all (a NodeSource nodejs
# ships its own and conflicts with it).
command -v npm >/dev/null || missing="$missing npm"
if [ -z "$missing" ]; then
  npm_assets
  exit 0
fi
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
npm_assets
