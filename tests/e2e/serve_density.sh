#!/usr/bin/env bash
# serve_density.sh — `sightline serve` bins the default density map (posts,
# 500 m) in the background as it starts, keeps binnings least recently used
# first out with the layer they come from read and projected once, and every
# answer is byte for byte `sightline density` (issue 15): at the warmed
# edge, at new edges (binned from the kept layer: one layer read in all),
# back at an edge kept, and for requests asking for one new edge at once
# (one binning, the others wait for it: no error). Past its slots the memo
# lets the oldest binning go, and asking for it again bins it again.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: curl missing" >&2; exit 77; }

DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
serve_start "$DB" || exit 1
for _ in $(seq 300); do grep -q 'binned at 500 m' "$SLOG" && break; sleep 0.1; done
check "the default map is binned in the background at start, before any request" \
  bash -c "grep -q 'binned at 500 m' '$SLOG' && ! grep -q 'GET /api/density' '$SLOG'"

# same NAME QUERY CLI-ARGS...: the API's body equals `sightline density`'s output.
same() {
  local name=$1 query=$2; shift 2
  curl -s --max-time 120 "$U/api/density?$query" >"$WORK/api.out"
  "$SL" density "$@" -s "$DB" >"$WORK/cli.out" 2>/dev/null
  if [ -s "$WORK/cli.out" ] && cmp -s "$WORK/api.out" "$WORK/cli.out"; then ok "$name: $query = sightline density $*"
  else not_ok "$name: $query differs from sightline density $*"; fi
}
same "warmed edge" "points=posts&hex=500&bbox=-78.2,38.0,-77.9,38.2" --points posts --hex 500 --bbox=-78.2,38.0,-77.9,38.2
same "new edge" "points=posts&hex=1000&bbox=-78.2,38.0,-77.9,38.2" --points posts --hex 1000 --bbox=-78.2,38.0,-77.9,38.2
same "new edge, whole map" "points=posts&hex=300" --points posts --hex 300
same "back at a kept edge" "points=posts&hex=500&bbox=-78.3,38.0,-77.8,38.3" --points posts --hex 500 --bbox=-78.3,38.0,-77.8,38.3
same "kept edge, whole map" "points=posts&hex=1000" --points posts --hex 1000
same "wide edge" "hex=64000" --hex 64000
same "another layer" "points=sites&hex=2000" --points sites --hex 2000
check "one read of posts for every edge, one binning per edge (500 m not binned again)" bash -c "
  [ \$(grep -c 'posts read, grouped and projected' '$SLOG') = 1 ] && [ \$(grep -c 'posts binned at 500 m' '$SLOG') = 1 ] &&
  [ \$(grep -c 'posts binned at 1000 m' '$SLOG') = 1 ] && [ \$(grep -c 'posts binned at 300 m' '$SLOG') = 1 ]"

# eight requests for one new edge at once, each its own box (no answer cache)
pids=()
for i in 0 1 2 3 4 5 6 7; do
  curl -s -o "$WORK/c$i.out" -w '%{http_code}\n' "$U/api/density?points=posts&hex=700&bbox=-78.$i,38.0,-77.5,38.3" >"$WORK/c$i.code" &
  pids+=($!)
done
wait "${pids[@]}" # not the server's
codes=$(cat "$WORK"/c?.code | sort -u | tr '\n' ' ')
check "eight requests at once for a new edge all answer 200 (got: $codes)" test "$codes" = "200 "
check "... with one binning among them" test "$(grep -c 'posts binned at 700 m' "$SLOG")" = 1
"$SL" density --points posts --hex 700 --bbox=-78.3,38.0,-77.5,38.3 -s "$DB" >"$WORK/c3.cli" 2>/dev/null
check "... and the CLI's bytes" cmp -s "$WORK/c3.out" "$WORK/c3.cli"

# more edges than the memo keeps binnings (8): the oldest goes, and comes back by a new binning
for hex in 400 450 550 600 650 750 800 850; do curl -s -o /dev/null "$U/api/density?points=posts&hex=$hex&bbox=0,0,1,1"; done
same "an edge let go, binned again" "points=posts&hex=300&bbox=-78.2,38.0,-77.9,38.2" --points posts --hex 300 \
  --bbox=-78.2,38.0,-77.9,38.2
check "the memo is bounded: the oldest binning (300 m) was let go and binned again; posts still read once" bash -c "
  [ \$(grep -c 'posts binned at 300 m' '$SLOG') = 2 ] && [ \$(grep -c 'posts read, grouped and projected' '$SLOG') = 1 ]"
serve_stop
check "the server stops cleanly (status $SRC)" test "$SRC" = 0
finish
