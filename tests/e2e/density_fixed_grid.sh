#!/usr/bin/env bash
# density_fixed_grid.sh — the hexagon grid stays put when an import adds a
# point beyond the data's edge. Its centre was the middle of the data's
# latitudes, so one post 1 km north of the northernmost moved every cell of
# the demo's map by ~500 m, and a smaller step by a few metres: yesterday's
# map less today's then put single cameras in the slivers between the
# cells, wherever no camera was added (adversary walk, run of 2026-12-06).
# The centre is on whole degrees now (geo/hexbin.c).
source "$(dirname "$0")/lib.bash"

DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
"$SL" density --points posts --hex 500 -s "$DB" >"$WORK/before.json" 2>/dev/null
"$SL" density --points posts --hex 2500 -s "$DB" >"$WORK/before2500.json" 2>/dev/null
check "the demo's map shows cells (the comparison below means something)" grep -q '"locations":' "$WORK/before.json"
# one post north of the demo's northernmost (38.58): alone in its cell, so hidden
printf 'lat,lon\n38.59,-78.05\n' >"$WORK/north.csv"
check "a post north of the others imports" "$SL" import posts "$WORK/north.csv" -s "$DB"
"$SL" density --points posts --hex 500 -s "$DB" >"$WORK/after.json" 2>/dev/null
"$SL" density --points posts --hex 2500 -s "$DB" >"$WORK/after2500.json" 2>/dev/null
# the cells, byte for byte (the map's totals do count the new post, hidden)
cells() { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["features"]))' "$1"; }
check "every cell of the 500 m map is where it was, with its count (the new post's cell is hidden)" \
  cmp -s <(cells "$WORK/before.json") <(cells "$WORK/after.json")
check "... and of the 2,500 m map" cmp -s <(cells "$WORK/before2500.json") <(cells "$WORK/after2500.json")
check "the totals count the new post among the withheld" python3 -c '
import json, sys
b, a = (json.load(open(f))["totals"] for f in sys.argv[1:])
sys.exit(0 if a["points"] == b["points"] + 1 and a["suppressed_points"] == b["suppressed_points"] + 1 else 1)' \
  "$WORK/before.json" "$WORK/after.json"
finish
