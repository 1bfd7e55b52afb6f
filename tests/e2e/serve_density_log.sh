#!/usr/bin/env bash
# serve_density_log.sh — the server's log line for the density layer read
# at start printed "(10000000 points) in 4525 ms" on a national store (run
# of 2026-12-06): counts and times now come with thousands separators, as
# every other figure sightline prints. 2,000 synthetic posts beside the
# demo's 604 make the count pass a thousand.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
"$SL" synth --areas demo-tracts --layer posts --count 2000 -s "$DB" >/dev/null 2>&1 || { echo "synth failed"; exit 1; }
serve_start "$DB" || exit 1
for _ in $(seq 300); do grep -q 'binned at 500 m' "$SLOG" && break; sleep 0.1; done
check "the layer read at start: its points with a thousands separator" \
  grep -Eq '^density: posts read, grouped and projected once \(2,604 points\) in [0-9,]+ ms$' "$SLOG"
check "... and the binning's time in ms as a count" grep -Eq '^density: posts binned at 500 m in [0-9,]+ ms$' "$SLOG"
serve_stop
finish
