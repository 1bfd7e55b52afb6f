#!/usr/bin/env bash
# newcomer3_far_sites.sh — a city's posts beside a national list of sites
# (run of 2026-12-07, sixth). README's first commands import the national
# ICE list; "Your own files" then adds the reporter's posts, of one city.
# Her report said "No count of cameras within 80 m of the 1,522 sensitive
# sites ... the median distance to the nearest camera is
# 1,322,100–1,322,150 m", a figure of where her camera data stops, with no
# word of it: a reporter could write that ICE facilities lie a median
# 1,322 km from a doorbell camera. When a category's published median
# nearest is 50 km or more, the headline and the sites' section say half of
# them lie that far, why, and what measures only the sites inside a city;
# so does `near` under its table.
. "$(dirname "$0")/lib.bash"
need_shared
DB=$(store far)
import_ice "$DB"
python3 - "$WORK/posts.csv" <<'PY'
import csv, random, sys
random.seed(7)
w = csv.writer(open(sys.argv[1], "w", newline=""))
w.writerow(["id", "lat", "lon", "created", "body"])
for i in range(1500):  # one city's posts, around Chicago's Loop and west of the lake
    w.writerow([i, round(41.88 + random.gauss(0, 0.04), 6), round(-87.68 + random.gauss(0, 0.04), 6),
                "2020-06-%02dT12:00:00Z" % (i % 28 + 1), "a post"])
PY
"$SL" import posts "$WORK/posts.csv" --text body --date created -s "$DB" >/dev/null 2>&1
"$SL" audit -s "$DB" -o "$WORK/r" --quiet >/dev/null 2>&1 || { echo "audit failed"; exit 1; }
FAR="Half of the sites lie 1,3[0-9][0-9] km or more from the nearest camera: the camera locations do not reach where they are, so no camera near one may say where the camera data stops, not that no camera is there"
check "the sites' headline in summary.json says half the ICE sites lie over 1,300 km from a camera, and why" \
  python3 -c "
import json, re, sys
h = [x['text'] for x in json.load(open('$WORK/r/summary.json'))['headlines'] if 'category “ice”' in x['text']]
sys.exit(0 if len(h) == 1 and re.search(r'$FAR', h[0]) else 1)"
check "... and gives that median in km, not as 1,322,100–1,322,150 m" \
  python3 -c "
import json, re, sys
h = [x['text'] for x in json.load(open('$WORK/r/summary.json'))['headlines'] if 'category “ice”' in x['text']]
sys.exit(0 if len(h) == 1 and re.search(r'median distance to the nearest camera is about 1,3[0-9][0-9] km', h[0]) and not re.search(r'[0-9],[0-9]{3},[0-9]{3}', h[0]) else 1)"
check "the sites' section says it under the table of the median" grep -Eq "<p class=\"note\">“ice”: $FAR" "$WORK/r/report.html"
check "... and names the study that measures only a city's sites" grep -q "a study of one city, its tracts or community areas as the areas, measures only the sites inside them" "$WORK/r/report.html"
"$SL" near --sites ice --radius 80 -s "$DB" >"$WORK/near.txt" 2>&1
check "near, on the command line, says it under its table too" grep -Eq \
  "^note: half of the ice sites lie 1,3[0-9][0-9] km or more from the nearest camera: the camera locations do not reach where they are, .*--areas SET keeps the sites inside a city's areas\$" "$WORK/near.txt"
DEMO=$(store demo)
"$SL" demo -s "$DEMO" >/dev/null 2>&1
"$SL" audit -s "$DEMO" -o "$WORK/d" --quiet >/dev/null 2>&1
"$SL" near --sites ice --radius 80 -s "$DEMO" >"$WORK/dnear.txt" 2>&1
check "the demo, its sites among its cameras, has no such sentence" bash -c "! grep -q 'km or more from the nearest camera' '$WORK/d/report.html' '$WORK/d/summary.json' '$WORK/dnear.txt'"
finish
