#!/usr/bin/env bash
# bench/serve.sh — `sightline serve` against a FastAPI + uvicorn peer
# (bench/peers/fastapi_peer.py) on the same SQLite store: the real Atlas of
# Surveillance + FBI registry + US counties store of `make demo-real`, one
# filtered partnerships question, wrk on loopback (SL_BENCH_SERVE_SECONDS,
# default 30 s; 64 connections, 2 threads). Prints a Markdown section for
# bench/RESULTS.md on stdout; progress on stderr.
#
#   bench/serve.sh [BUILD]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${1:-$root/build}
SL=$BUILD/sightline
DATA=${SL_SHARED_DATA:-$root/../shared/data}
SECS=${SL_BENCH_SERVE_SECONDS:-30}
COUNTIES=$root/node_modules/us-atlas/counties-10m.json
Q='/api/partnerships?tech=ring&state=CA,TX&by=year'
PY=/usr/bin/python3 # Debian's, where python3-fastapi is installed
command -v wrk >/dev/null || { echo "bench/serve.sh: wrk missing (scripts/deps.sh)" >&2; exit 1; }
"$PY" -c 'import fastapi, uvicorn' 2>/dev/null || { echo "bench/serve.sh: python3-fastapi/uvicorn missing" >&2; exit 1; }
[ -f "$COUNTIES" ] || { echo "bench/serve.sh: needs npm us-atlas (scripts/deps.sh)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/sightline-bench-serve.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"' EXIT

db=$tmp/real.db
echo "bench: serve: building the real store ..." >&2
"$SL" import agencies "$DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$db" >/dev/null 2>&1
"$SL" import partnerships "$DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$db" >/dev/null 2>&1
"$SL" import areas "$COUNTIES" --layer counties --set counties --id id --name name \
  --demographics "$DATA/census/us-counties-quickfacts-2014.csv" --key fips --key-width 5 --pop PST045214 \
  --black RHI225214 --hispanic RHI725214 --white-nh RHI825214 --foreign-born POP645213 --percent -s "$db" >/dev/null 2>&1

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 100); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; return 1; }
# measure NAME URL: wrk's p50, p99 (ms) and requests/s, as "NAME|p50|p99|rps|errors"
measure() {
  local name=$1 url=$2 log=$tmp/$1.wrk
  curl -sf -o /dev/null "$url" # warm: the first answer is computed, as a page's first load
  echo "bench: serve: $name, wrk ${SECS}s 64 connections ..." >&2
  wrk -t2 -c64 -d"${SECS}s" --timeout 10s --latency "$url" >"$log" 2>&1
  awk -v n="$name" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    /Socket errors/ { gsub(",", ""); err = err sprintf("socket errors: connect %s, read %s, write %s, timeout %s; ", $4, $6, $8, $10) }
    /Non-2xx/ { err = err $NF " non-2xx answers; " }
    END { printf "%s|%.2f|%.2f|%.0f|%s\n", n, p50, p99, rps, err == "" ? "none" : err }' "$log"
}

port=$(free_port)
"$SL" serve -s "$db" --port "$port" --quiet & pids+=($!)
wait_up "http://127.0.0.1:$port/api/info"
curl -s "http://127.0.0.1:$port$Q" >"$tmp/sl.json"
rows=("$(measure sightline "http://127.0.0.1:$port$Q")")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

port=$(free_port)
"$SL" serve -s "$db" --port "$port" --quiet --no-cache & pids+=($!)
wait_up "http://127.0.0.1:$port/api/info"
rows+=("$(measure "sightline --no-cache" "http://127.0.0.1:$port$Q")")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

port=$(free_port)
"$PY" "$here/peers/fastapi_peer.py" "$db" "$port" >"$tmp/peer.log" 2>&1 & pids+=($!)
wait_up "http://127.0.0.1:$port$Q" || { echo "bench: serve: the peer did not start" >&2; cat "$tmp/peer.log" >&2; exit 1; }
curl -s "http://127.0.0.1:$port$Q" >"$tmp/peer.json"
rows+=("$(measure "FastAPI + uvicorn" "http://127.0.0.1:$port$Q")")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

same=$("$PY" -c "
import json; a=json.load(open('$tmp/sl.json')); b=json.load(open('$tmp/peer.json'))
print('yes' if all(a[k]==b[k] for k in ('snapshot','total','agencies','linked','by_year')) else 'NO')")
peer_rps=$(echo "${rows[2]}" | cut -d'|' -f4)
echo
echo "## sightline serve (bench/serve.sh)"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores, shared; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- store: Atlas of Surveillance 2020-10-07 + FBI agency registry 2018 + US counties (make demo-real's imports)"
echo "- question: \`GET $Q\` (= \`sightline partnerships --tech ring --state CA,TX --by year --json\`), the same for every request; wrk -t2 -c64 -d${SECS}s on loopback, on the same 2 cores as the servers"
echo "- sightline keeps each answer in memory until the store file changes (server.h), so after the first request the question costs a lookup; *--no-cache* computes every answer (opens the store, runs the tracker) to show what the cache saves. The peer runs one SQL query per request, no cache, the usual way. Its figures (snapshot, total, agencies, linked, by_year) equal sightline's: $same"
echo
echo "| server | p50 ms | p99 ms | requests/s | ÷ peer requests/s | errors |"
echo "|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r n p50 p99 rps err <<<"$r"
  echo "| $n | $p50 | $p99 | $rps | $(awk -v a="$rps" -v b="$peer_rps" 'BEGIN { printf "%.1fx", (b > 0) ? a / b : 0 }') | $err |"
done
echo
echo "Goal (issue 15): the filtered partnerships question ≤ 20 ms at p99 and ≥ 30× the peer's requests per second."

# Density viewports at 10M posts on a fresh server (issue 15, point 4), when
# a store of many posts is named (bench/serve_density.sh says how to make one).
if [ -n "${SL_BENCH_DENSITY_STORE:-}" ]; then
  "$here/serve_density.sh" "$BUILD" "$SL_BENCH_DENSITY_STORE"
fi
