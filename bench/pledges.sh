#!/usr/bin/env bash
# bench/pledges.sh — durable pledges per second through POST /campaign/pledge
# of `sightline serve`: wrk with bench/pledge.lua (each request a new
# address) on loopback for SL_BENCH_PLEDGE_SECONDS (default 10) with 64
# connections and 2 wrk threads, rate limits off. "Durable" is counted in the
# store after the server stopped: the pledges there, divided by the run's
# seconds; wrk's count of 200 answers must not exceed it (an acknowledged
# pledge is on disk). Once with 4 server threads and once with serve's
# default for a store holding a campaign, 64 (SL_BENCH_PLEDGE_THREADS: a list
# of counts, "default" for no --threads). Prints a Markdown section for
# bench/RESULTS.md on stdout; progress on stderr.
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
# run THREADS: one wrk run against a fresh store; prints a table row
run() {
  local threads=$1 db=$tmp/s-$1.db port="" total bad stored p99
  "$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s "$db" >/dev/null
  "$SL" campaign init --config "$FX/campaign.conf" -s "$db" >/dev/null
  local flag=(--threads "$threads"); [ "$threads" = default ] && flag=()
  "$SL" serve -s "$db" --port 0 --quiet --rate-forms 0 --rate-email 0 "${flag[@]}" 2>"$tmp/serve.log" &
  pid=$!
  for _ in $(seq 100); do
    port=$(sed -n 's|.*serving .* at http://[^ ]*:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.log" | head -1)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "bench/pledges.sh: serve did not start" >&2; cat "$tmp/serve.log" >&2; exit 1; }
  export ORIGIN=http://127.0.0.1:$port
  CSRF=$(curl -s "$ORIGIN/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  export CSRF
  wrk -t2 -c64 -d"${SECS}s" --timeout 10s --latency -s "$here/pledge.lua" "$ORIGIN/campaign/pledge" >"$tmp/wrk.txt"
  kill -TERM "$pid"; wait "$pid" || true; pid=""
  total=$(sed -n 's/^ *\([0-9][0-9]*\) requests in.*/\1/p' "$tmp/wrk.txt")
  bad=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$tmp/wrk.txt"); bad=${bad:-0}
  stored=$(sqlite3 "$db" "SELECT count(*) FROM pledges")
  p99=$(sed -n 's/^ *99% *\(.*\)$/\1/p' "$tmp/wrk.txt" | tr -d ' ')
  echo "bench: pledges, $threads threads: $total requests, $bad not 2xx; $stored pledges in the store" >&2
  [ $((total - bad)) -le "$stored" ] || { echo "bench/pledges.sh: more 200s than pledges stored" >&2; exit 1; }
  printf '| %s | %s | %s | %s | %.0f | %s |\n' "$threads" "$total" "$((total - bad))" "$stored" \
    "$(echo "$stored / $SECS" | bc -l)" "${p99:-?}"
}

cat <<EOM
## Durable pledges through serve (bench/pledges.sh), run of $(date -u +%Y-%m-%d)

- date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(nproc) cores; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c64 -d${SECS}s on loopback, on the same cores as the server
- each request a POST /campaign/pledge of a new address that passes the guard (origin, CSRF token; rate limits off); the store: the test campaign (tests/fixtures/campaign)
- durable: the pledges in the store after the server stopped, divided by the seconds; every 200 is among them (checked); "default" is serve without --threads, 64 for a store holding a campaign; the writer commits the pledges that queue while a commit waits for the disk as one transaction on a write-ahead log (synchronous=FULL), and each request thread waits for its commit, so the batch, and the rate, grow with \`--threads\`

| --threads | requests | 200 | stored | durable pledges/s | p99 |
|---|---|---|---|---|---|
EOM
for t in ${SL_BENCH_PLEDGE_THREADS:-4 default}; do run "$t"; done
echo
echo "Goal (issue 16): at least 2,000 durable pledges per second on 2 cores."
