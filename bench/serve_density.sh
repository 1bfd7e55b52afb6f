#!/usr/bin/env bash
# bench/serve_density.sh — `/api/density` viewports on a fresh `sightline
# serve` over a store of many posts (issue 15: ≤ 100 ms a viewport at 10M
# posts). Run by bench/serve.sh when SL_BENCH_DENSITY_STORE names such a
# store (a `synth --layer posts` store over the US counties; opened
# read-only); alone: bench/serve_density.sh BUILD STORE.
#
# The server is started and asked at once for a city viewport at 500 m (the
# answer waits for the binning it starts in the background), then 40
# viewports of 0.34° × 0.2° (zoom 11 on a 1440 px screen) around ten
# cities, each new to the answer cache, at 500 m; then a new edge (1 km:
# binned from the projected layer), its 40 viewports, 250 m, and 500 m again
# (kept). Times are curl's total per request. Prints a Markdown section.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${1:-$root/build}
STORE=${2:-${SL_BENCH_DENSITY_STORE:?a store with posts}}
SL=$BUILD/sightline
tmp=$(mktemp -d /tmp/sightline-bench-density.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "${SL_BENCH_KEEP_LOG:-}" ] && cp "$tmp/serve.log" "$SL_BENCH_KEEP_LOG"; rm -rf "$tmp"' EXIT

# ten cities (lon, lat); four boxes around each
cities="-87.70,41.85 -74.00,40.72 -118.30,34.05 -95.37,29.76 -112.07,33.45 -75.16,39.95 -98.49,29.42 -117.16,32.72 -96.80,32.78 -122.42,37.77"
boxes=()
for c in $cities; do
  IFS=, read -r lon lat <<<"$c"
  for d in "0 0" "0.1 0.05" "-0.1 -0.05" "0.2 -0.1"; do
    read -r dx dy <<<"$d"
    boxes+=("$(awk -v x="$lon" -v y="$lat" -v dx="$dx" -v dy="$dy" 'BEGIN { printf "%.3f,%.3f,%.3f,%.3f", x+dx-0.17, y+dy-0.1, x+dx+0.17, y+dy+0.1 }')")
  done
done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
t_start=$(date +%s.%N)
"$SL" serve -s "$STORE" --port "$port" 2>"$tmp/serve.log" &
pid=$!
U="http://127.0.0.1:$port"
for _ in $(seq 200); do curl -sf -o /dev/null "$U/api/info" && break; sleep 0.05; done
t_up=$(date +%s.%N)

# ask HEX BOX: prints the seconds of the request
ask() { curl -s -o "$tmp/last.json" -w '%{time_total}\n' --max-time 600 "$U/api/density?points=posts&hex=$1&bbox=$2"; }
# stats of seconds on stdin: "median p90 max" in ms
stats() { sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f %.1f %.1f\n", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], v[NR] }'; }

first=$(ask 500 "${boxes[0]}")
t_first=$(date +%s.%N)
cells_first=$(python3 -c "import json; print(len(json.load(open('$tmp/last.json'))['features']))")
for b in "${boxes[@]:1}"; do ask 500 "$b"; done >"$tmp/v500"
n1000=$(ask 1000 "${boxes[1]}")
for b in "${boxes[@]:2}"; do ask 1000 "$b"; done >"$tmp/v1000"
n250=$(ask 250 "${boxes[2]}")
back500=$(ask 500 "$(awk -F, '{ printf "%.3f,%s,%s,%s", $1 + 0.001, $2, $3, $4 }' <<<"${boxes[3]}")")
rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
kill "$pid"; wait "$pid" 2>/dev/null || true
pid=""

ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }
read -r m5 p5 x5 < <(stats <"$tmp/v500")
read -r m1 p1 x1 < <(stats <"$tmp/v1000")
echo
echo "## Density viewports on a fresh server (bench/serve_density.sh)"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, shared; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- store: $(basename "$STORE"); $(grep -m1 'read, grouped' "$tmp/serve.log" | sed 's/.*density: //')"
echo "- server listening $(ms "$(awk -v a="$t_up" -v b="$t_start" 'BEGIN { print a - b }')") ms after start; the default map binned in the background: $(grep -m1 'binned at 500 m' "$tmp/serve.log" | sed 's/.*density: //')"
echo "- peak RSS of the server: ${rss} MB"
echo
echo "| request | ms | note |"
echo "|---|---|---|"
echo "| first viewport at 500 m, asked as soon as the server listened | $(ms "$first") | answered $(ms "$(awk -v a="$t_first" -v b="$t_start" 'BEGIN { print a - b }')") ms after start; $cells_first cells |"
echo "| 39 more viewports at 500 m: median / p90 / max | $m5 / $p5 / $x5 | |"
echo "| first viewport at 1 km (a new edge, from the projected layer) | $(ms "$n1000") | |"
echo "| 38 more viewports at 1 km: median / p90 / max | $m1 / $p1 / $x1 | |"
echo "| first viewport at 250 m (a new edge) | $(ms "$n250") | |"
echo "| a viewport at 500 m again (kept binning) | $(ms "$back500") | |"
echo
echo "Binnings logged by the server: $(grep -c 'binned at' "$tmp/serve.log"); layer reads: $(grep -c 'read, grouped' "$tmp/serve.log")."
