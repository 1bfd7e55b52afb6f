#!/usr/bin/env bash
# bench/pledges.sh — durable pledges per second through POST /campaign/pledge
# of `sightline serve`: wrk with bench/pledge.lua (each request a new
# address) on loopback for SL_BENCH_PLEDGE_SECONDS (default 10) with 64
# connections and 2 threads, rate limits off. "Durable" is counted in the
# store after the server stopped: the pledges there, divided by the run's
# seconds; wrk's count of 200 answers must not exceed it (an acknowledged
# pledge is on disk). Prints one Markdown table row on stdout.
#
#   bench/pledges.sh [BUILD]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${1:-$root/build}
SL=$BUILD/sightline
SECS=${SL_BENCH_PLEDGE_SECONDS:-10}
FX=$root/tests/fixtures/campaign
command -v wrk >/dev/null || { echo "bench/pledges.sh: wrk missing" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench/pledges.sh: sqlite3 missing" >&2; exit 1; }
tmp=$(mktemp -d /tmp/sightline-bench-pledges.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
db=$tmp/s.db
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s "$db" >/dev/null
"$SL" campaign init --config "$FX/campaign.conf" -s "$db" >/dev/null
"$SL" serve -s "$db" --port 0 --quiet --rate-forms 0 --rate-email 0 ${SL_BENCH_SERVE_OPTS:-} 2>"$tmp/serve.log" &
pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's|.*serving .* at http://[^ ]*:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "bench/pledges.sh: serve did not start" >&2; cat "$tmp/serve.log" >&2; exit 1; }
U=http://127.0.0.1:$port
export ORIGIN=$U
export CSRF=$(curl -s "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
wrk -t2 -c64 -d"${SECS}s" --timeout 10s --latency -s "$here/pledge.lua" "$U/campaign/pledge" >"$tmp/wrk.txt"
kill -TERM "$pid"; wait "$pid" || true; pid=""
total=$(sed -n 's/^ *\([0-9][0-9]*\) requests in.*/\1/p' "$tmp/wrk.txt")
bad=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$tmp/wrk.txt"); bad=${bad:-0}
stored=$(sqlite3 "$db" "SELECT count(*) FROM pledges")
p99=$(sed -n 's/^ *99% *\(.*\)$/\1/p' "$tmp/wrk.txt")
echo "bench: wrk: $total requests, $bad not 2xx; $stored pledges in the store" >&2
[ $((total - bad)) -le "$stored" ] || { echo "bench/pledges.sh: more 200s than pledges stored" >&2; exit 1; }
printf '| %s s | %s | %s | %s | %.0f | %s |\n' "$SECS" "$total" "$((total - bad))" "$stored" \
  "$(echo "$stored / $SECS" | bc -l)" "${p99:-?}"
