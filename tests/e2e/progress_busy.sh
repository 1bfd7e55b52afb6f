#!/usr/bin/env bash
# cameras and density at national scale (ten million posts, run of
# 2026-12-06) sat silent for 4.6 and 7.4 s on a terminal: their analyses
# tell no progress. A busy line now says what they do ("cameras: reading
# the posts and grouping them into unique cameras...", redrawn with the
# seconds taken), cleared before the result, and only when standard error
# is a terminal. `script` (util-linux) gives the terminal; the demo store is
# small, so the line is checked as drawn and cleared, not its seconds.
. "$(dirname "$0")/lib.bash"
command -v script >/dev/null || { echo "SKIPPED: script (util-linux) not found" >&2; exit 77; }
DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null

on_tty "$WORK/c.tty" "$SL" cameras -s "$DB"
check "cameras on a terminal: a busy line says what it does, cleared before the result" \
  drawn_then_cleared "$WORK/c.tty" "cameras: reading the posts and grouping them into unique cameras\\.\\.\\." "604 posts -> 168 unique cameras"
"$SL" cameras -s "$DB" 2>&1 | cat >"$WORK/c.pipe"
check "cameras into a pipe: no busy line, no carriage return" \
  bash -c "! grep -q 'cameras: reading' '$WORK/c.pipe' && ! grep -q $'\r' '$WORK/c.pipe' && grep -q 'unique cameras' '$WORK/c.pipe'"
on_tty "$WORK/cj.tty" "$SL" cameras --json -s "$DB"
check "cameras --json on a terminal: the line is cleared before the JSON" \
  drawn_then_cleared "$WORK/cj.tty" "cameras: reading" "{"

script -qec "$(printf '%q ' "$SL" density --hex 1000 -s "$DB") >'$WORK/d.geojson'" /dev/null >"$WORK/d.tty" 2>&1 </dev/null
check "density on a terminal (map to a file): a busy line with the hexagon size, cleared before the summary" \
  drawn_then_cleared "$WORK/d.tty" "density: reading the posts and binning them into hexagons of 1,000 m\\.\\.\\." "604 posts at 168 distinct locations"
check "... and the map is whole GeoJSON, no progress in it" \
  python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$WORK/d.geojson"
"$SL" density --hex 1000 -s "$DB" 2>"$WORK/d.err" >/dev/null
check "density, stderr a file: no busy line" bash -c "! grep -q 'density: reading' '$WORK/d.err' && ! grep -q $'\r' '$WORK/d.err'"
finish
