#!/usr/bin/env bash
# A progress line on a terminal (issue 13, point 10): imports read in
# windows, areas read through GDAL, GeoJSON points, the partnership import
# and its relink, disparity's bootstrap and placebo draws, and synth's
# points placed tell the CLI how far they are; the CLI draws one line on
# standard error, redrawn with \r, cleared before the result, and only when
# standard error is a terminal: never into a file or a pipe, even when
# standard output is a terminal. `script` (util-linux) gives the terminal.
. "$(dirname "$0")/lib.bash"
command -v script >/dev/null || { echo "SKIPPED: script (util-linux) not found" >&2; exit 77; }
DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null
DRAWS=(disparity --events requests --areas demo-tracts --bootstrap 20000 --permutations 20000 -s "$DB")

on_tty "$WORK/d.tty" "$SL" "${DRAWS[@]}"
check "disparity on a terminal: bootstrap line drawn" grep -q "disparity: bootstrap resamples [0-9,]* of 20,000" "$WORK/d.tty"
check "disparity on a terminal: placebo line drawn, then cleared before the table" \
  drawn_then_cleared "$WORK/d.tty" "disparity: placebo draws" "160 events in set"
script -qec "$(printf '%q ' "$SL" "${DRAWS[@]}") 2>'$WORK/d.err'" /dev/null >"$WORK/d.out" </dev/null
check "disparity, stderr a file (stdout a terminal): no progress in the file" \
  bash -c "[ ! -s '$WORK/d.err' ]"
check "... nor on the terminal" bash -c "! grep -q 'disparity: ' '$WORK/d.out' && grep -q '160 events in set' '$WORK/d.out'"
"$SL" "${DRAWS[@]}" 2>&1 | cat >"$WORK/d.pipe"
check "disparity into a pipe: no progress, no carriage return" \
  bash -c "! grep -q 'disparity: ' '$WORK/d.pipe' && ! grep -q $'\r' '$WORK/d.pipe'"

check "disparity on a terminal: the request split is told first" \
  grep -q "disparity: requests split [0-9,]* of 160" "$WORK/d.tty"
on_tty "$WORK/j.tty" "$SL" join --points requests --areas demo-tracts -s "$DB"
check "join --points requests on a terminal: the split is told, then cleared before the table" \
  drawn_then_cleared "$WORK/j.tty" "join: requests split [0-9,]+ of 160" "160 requests, split over"
script -qec "$(printf '%q ' "$SL" join --points requests --areas demo-tracts -s "$DB") 2>'$WORK/j.err'" /dev/null \
  >"$WORK/j.out" </dev/null
check "join, stderr a file: no progress" bash -c "[ ! -s '$WORK/j.err' ] && ! grep -q 'join: ' '$WORK/j.out'"

# A point CSV of 400,000 rows (15 MB), read in windows.
python3 - "$WORK/big.csv" <<'PY'
import random, sys
r = random.Random(1)
with open(sys.argv[1], "w") as f:
    f.write("id,lat,lon,time\n")
    for i in range(400000):
        f.write("%d,%.6f,%.6f,2020-01-01\n" % (i, 40 + r.random(), -88 + r.random()))
PY
on_tty "$WORK/i.tty" "$SL" import posts "$WORK/big.csv" -s "$(store p1)"
check "import posts on a terminal: bytes read of the file's size, cleared before the summary" \
  drawn_then_cleared "$WORK/i.tty" "import: bytes read [0-9]+ MB of 14 MB" "$WORK/big.csv: imported 400,000 posts"
script -qec "$(printf '%q ' "$SL" import posts "$WORK/big.csv" -s "$(store p2)") 2>'$WORK/i.err'" /dev/null \
  >"$WORK/i.out" </dev/null
check "import posts, stderr a file: no progress" bash -c "! grep -q 'bytes read' '$WORK/i.err' '$WORK/i.out'"
check "... and the import happened" grep -q "imported 400,000 posts" "$WORK/i.out"

# Partnerships: 3,000 rows read, then linked to the registry.
python3 - "$WORK/atlas.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("AOSNUMBER,City,County,State,Agency,Type of LEA,Summary,Type of Juris,Technology,Vendor,"
            + ",".join(f"Link {n} {k}".replace(" Url", "") for n in (1, 2, 3) for k in ("Url", "Snapshot", "Source", "Type", "Date")) + "\n")
    for i in range(3000):
        f.write(f"AOS{i:05d},Town {i},County {i},IL,Town {i} Police Department,Police,,Municipal,"
                "Ring/Neighbors Partnership,Ring" + "," * 15 + "\n")
PY
on_tty "$WORK/a.tty" "$SL" import partnerships "$WORK/atlas.csv" --preset atlas --snapshot 2020-10-07 -s "$(store a1)"
check "import partnerships on a terminal: rows read, then cleared" \
  drawn_then_cleared "$WORK/a.tty" "import: rows read [0-9,]+" "imported 3,000 partnership rows"
check "... and rows linked" grep -q "import: rows linked [0-9,]* of 3,000" "$WORK/a.tty"
"$SL" import partnerships "$WORK/atlas.csv" --preset atlas --snapshot 2020-10-07 -s "$(store a2)" >"$WORK/a.out" 2>"$WORK/a.err"
check "import partnerships, stderr a file: no progress" bash -c "! grep -q 'rows' '$WORK/a.err'"

# Requests: 3,000 rows read.
python3 - "$WORK/req.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,agency,state,date,lat,lon,radius_m\n")
    for i in range(3000):
        f.write(f"r{i},Town Police Department,IL,2020-01-05,{41 + i / 1e4:.4f},-87.9,500\n")
PY
on_tty "$WORK/r.tty" "$SL" import requests "$WORK/req.csv" -s "$(store r1)"
check "import requests on a terminal: requests read, then cleared" \
  drawn_then_cleared "$WORK/r.tty" "import: requests read [0-9,]+" "imported 3,000 requests"
"$SL" import requests "$WORK/req.csv" -s "$(store r2)" >"$WORK/r.out" 2>"$WORK/r.err"
check "import requests, stderr a file: no progress" bash -c "! grep -q 'requests read' '$WORK/r.err'"

# Areas through GDAL: the us-atlas counties (3,231 features), features read
# of the layer's count; and a GeoJSON point file, features read.
COUNTIES="$SL_SOURCE/node_modules/us-atlas/counties-10m.json"
if [ -f "$COUNTIES" ]; then
  on_tty "$WORK/c.tty" "$SL" import areas "$COUNTIES" --layer counties --set counties --id id --name name \
    -s "$(store c1)"
  check "import areas on a terminal: areas read of the layer's features, then cleared" \
    drawn_then_cleared "$WORK/c.tty" "import: areas read [0-9,]+ of 3,231" "$COUNTIES: imported 3,230 areas"
  "$SL" import areas "$COUNTIES" --layer counties --set counties --id id --name name -s "$(store c2)" \
    >"$WORK/c.out" 2>"$WORK/c.err"
  check "import areas, stderr a file: no progress" bash -c "! grep -q 'areas read' '$WORK/c.err' '$WORK/c.out'"
fi
python3 - "$WORK/pts.geojson" <<'PY'
import json, random, sys
r = random.Random(2)
fs = [{"type": "Feature", "properties": {"id": i}, "geometry": {"type": "Point",
      "coordinates": [-88 + r.random(), 40 + r.random()]}} for i in range(20000)]
json.dump({"type": "FeatureCollection", "features": fs}, open(sys.argv[1], "w"))
PY
on_tty "$WORK/gj.tty" "$SL" import posts "$WORK/pts.geojson" -s "$(store gj)"
check "import posts from GeoJSON on a terminal: features read, then cleared" \
  drawn_then_cleared "$WORK/gj.tty" "import: features read [0-9,]+ of 20,000" "$WORK/pts.geojson: imported 20,000 posts"

# The real FBI registry (18,702 agencies), then the relink of the Atlas rows.
if [ -d "${SL_SHARED_DATA:-/nonexistent}" ]; then
  on_tty "$WORK/g.tty" "$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde \
    -s "$(store a1)"
  check "import agencies on a terminal: agencies read, then cleared" \
    drawn_then_cleared "$WORK/g.tty" "import: agencies read [0-9,]+" "imported 18,702 agencies"
  check "... and the 3,000 partnership rows relinked" grep -q "import: rows linked [0-9,]* of 3,000" "$WORK/g.tty"
fi

# synth of 300,000 points (half a second here; ten million take half a
# minute): the points placed are told, then cleared; in a pipe, nothing.
on_tty "$WORK/sy.tty" "$SL" synth --layer posts --count 300000 --areas demo-tracts --seed 9 -s "$DB"
check "synth on a terminal: points placed, then cleared before its line" \
  drawn_then_cleared "$WORK/sy.tty" "synth: points placed [0-9,]+ of 300,000" "added 300,000 synthetic posts"
"$SL" synth --layer posts --count 300000 --areas demo-tracts --seed 10 -s "$DB" 2>&1 | cat >"$WORK/sy.pipe"
check "synth into a pipe: no progress" bash -c "! grep -q 'synth: ' '$WORK/sy.pipe' && ! grep -q $'\r' '$WORK/sy.pipe'"
finish
