#!/usr/bin/env bash
# audit_through_cameras.sh — the audit counts posts through their cameras
# (issue 18): each camera at 0 m sits exactly on its posts, is located in
# the areas once, and carries its posts as a weight, so the posts are not
# read and located again for the join, nor projected again for the density
# map. Here 30,000 synthetic posts over the US counties plus posts stacked
# on shared locations (three at latitude 41.1, whose summed mean is an ulp
# off it; a stack on a county line): the audit's posts per county, outside
# and total equal `sightline join`'s, which reads and locates every post;
# the camera disparity's events equal `sightline disparity --events
# cameras`'s; and the density map counts every placed post once, in a cell
# or outside the cells, never fewer posts than cameras in a cell.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
DB=$(store s)
import_counties "$DB"
check "30,000 posts synthesised" "$SL" synth --areas counties --layer posts --count 30000 --seed 5 -s "$DB" >/dev/null
{
  echo "id,lat,lon,text"
  for i in 1 2 3; do echo "stack$i,41.1,-87.7,three on one doorstep"; done
  for i in 1 2 3 4 5 6 7; do echo "line$i,41.469,-87.5253,seven on the Illinois-Indiana line"; done
  echo "far1,0.1,-160.3,in no county"
  echo "far2,0.1,-160.3,in no county"
} >"$WORK/stacks.csv"
check "stacked posts imported" "$SL" import posts "$WORK/stacks.csv" -s "$DB"
check "audit (exact, k 1: no count is withheld)" "$SL" audit -s "$DB" -o "$WORK/out" --exact --k 1 --bootstrap 200 --quiet
check "join of the posts" "$SL" join --points posts --areas counties --format json -o "$WORK/join.json" -s "$DB"
check "camera disparity" "$SL" disparity --events cameras --areas counties --bootstrap 20 --format json \
  -o "$WORK/disp.json" -s "$DB"
python3 - "$WORK/out/summary.json" "$WORK/join.json" "$WORK/disp.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); j = json.load(open(sys.argv[2])); d = json.load(open(sys.argv[3]))
a = next(x for x in s["areas"] if x["set"] == "counties")["joins"]["posts"]
cam = next(x for x in s["disparity"] if x["set"] == "counties" and x["events_kind"] == "cameras")
dens = s["density"]
mine = {r["id"]: r["count"] for r in a["areas"]}
theirs = {r["id"]: r["count"] for r in j["areas"]}
checks = [
    (f"posts counted: audit {a['points']}, join {j['points']}", a["points"] == j["points"] == 30012),
    (f"posts outside every county: audit {a['outside']}, join {j['outside']}", a["outside"] == j["outside"] >= 2),
    ("posts per county: the audit's are the join's, county by county", mine == theirs),
    ("the county line's stack is counted in one county, whole", sum(mine.values()) + a["outside"] == 30012),
    (f"camera events: audit {cam['events']}, disparity {d['events']}", cam["events"] == d["events"]),
    (f"camera events outside: audit {cam.get('events_outside')}, disparity {d.get('events_outside')}",
     cam.get("events_outside") == d.get("events_outside")),
    ("camera events per county equal", [r.get("events") for r in cam["areas"]] == [r.get("events") for r in d["areas"]]),
    (f"cameras: {dens['cameras']} (30,000 + 1 stack of 3 + 1 of 7 + 1 of 2)", dens["cameras"] == 30003),
]
hexes = json.load(open(sys.argv[1].replace("summary.json", "data/camera_density.geojson")))["features"]
in_cells = sum(h["properties"]["posts"] for h in hexes)
checks += [
    (f"every post once: {in_cells} in cells shown + {dens['suppressed_posts']} in cells withheld + "
     f"{dens['posts_outside_camera_cells']} outside = {dens['posts']}",
     in_cells + dens["suppressed_posts"] + dens["posts_outside_camera_cells"] == dens["posts"] == 30012),
    ("no cell holds fewer posts than cameras", all(h["properties"]["posts"] >= h["properties"]["cameras"] for h in hexes)),
    ("every cell is shown at k 1", dens["suppressed_posts"] == 0 and in_cells == 30012),
    ("the stack of seven is in one cell, whole", any(h["properties"]["posts"] >= 7 for h in hexes)),
]
bad = [c for c, ok in checks if not ok]
for c, ok in checks: print(("ok   " if ok else "FAIL ") + c)
sys.exit(1 if bad else 0)
PY
