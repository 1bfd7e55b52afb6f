#!/usr/bin/env bash
# `sightline cameras --merge-radius M` counts posts chained within M meters
# as one camera; `disparity --events cameras` and `near` (and its corridor)
# take the same option and measure the same cameras, and say where their
# cameras came from. Before, they measured the unique locations only, so a
# desk that counted 162 cameras at 50 m met 168 in the disparity. The demo
# store's synthetic posts.
. "$(dirname "$0")/lib.bash"
DB=$(store demo)
check "demo store" "$SL" demo -s "$DB"
cams() { "$SL" cameras -s "$DB" --json "$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["cameras"])'; }
N0=$(cams)
N50=$(cams --merge-radius 50)
check "50 m chains some posts: fewer cameras ($N50 < $N0)" [ "$N50" -lt "$N0" ]

"$SL" disparity --events cameras --areas demo-tracts --groups black --bootstrap 10 --permutations 10 --json -s "$DB" > "$WORK/d0.json"
"$SL" disparity --events cameras --areas demo-tracts --groups black --bootstrap 10 --permutations 10 --merge-radius 50 \
  --json -s "$DB" > "$WORK/d50.json"
"$SL" disparity --events cameras --areas demo-tracts --groups black --bootstrap 10 --permutations 10 --merge-radius 50 \
  -s "$DB" > "$WORK/d50.txt"
"$SL" near --radius 400 --json -s "$DB" > "$WORK/n0.json"
"$SL" near --radius 400 --merge-radius 50 --json -s "$DB" > "$WORK/n50.json"
"$SL" near --radius 400 --merge-radius 50 -s "$DB" > "$WORK/n50.txt"
"$SL" near --corridor clinic-2,school-5 --width 400 --json -s "$DB" > "$WORK/c0.json"
"$SL" near --corridor clinic-2,school-5 --width 400 --merge-radius 50 --json -s "$DB" > "$WORK/c50.json"
python3 - "$WORK" "$N0" "$N50" <<'PY'
import json, sys
w, n0, n50 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d0, d50, near0, near50, c0, c50 = (json.load(open(f"{w}/{n}.json")) for n in ("d0", "d50", "n0", "n50", "c0", "c50"))
checks = [
    ("disparity at 0 m: the unique locations, as `cameras` counts them", d0["events"] == n0),
    ("... says so", d0.get("cameras_from") == "posts (unique locations)" and "merge_radius_m" not in d0),
    ("disparity --merge-radius 50: the cameras `cameras --merge-radius 50` counts", d50["events"] == n50),
    ("... and says so", d50.get("cameras_from") == "posts (chained within the merge radius)" and d50.get("merge_radius_m") == 50),
    ("near at 0 m: the unique locations", near0["cameras"] == n0 and "merge_radius_m" not in near0),
    ("near --merge-radius 50: the same cameras", near50["cameras"] == n50 and near50.get("merge_radius_m") == 50),
    ("... no more cameras near any category than at 0 m",
     all(b["cameras_within"] <= a["cameras_within"] for a, b in zip(near0["categories"], near50["categories"]))),
    ("corridor --merge-radius 50: no more cameras, and says the radius",
     c50["cameras"] <= c0["cameras"] and c50.get("merge_radius_m") == 50 and "merge_radius_m" not in c0),
]
for n, ok in checks: print(("ok   - " if ok else "FAIL - ") + n)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PY
check "the same cameras everywhere" [ $? -eq 0 ]
check "disparity's table names them" grep -q '^cameras from: posts (chained within 50 m)$' "$WORK/d50.txt"
check "near's table names them" grep -q "(cameras from: posts (chained within 50 m), $N50)" "$WORK/n50.txt"

"$SL" disparity --events posts --areas demo-tracts --merge-radius 50 -s "$DB" > /dev/null 2> "$WORK/posts.err"
check "--merge-radius with --events posts is refused (exit 2)" [ $? -eq 2 ]
check "... saying it goes with cameras" grep -q 'it goes with --events cameras' "$WORK/posts.err"
"$SL" near --radius 400 --merge-radius -1 -s "$DB" > /dev/null 2>&1
check "a negative radius is refused (exit 2)" [ $? -eq 2 ]

# A cameras layer is measured as imported: chaining its points is not what
# the option says, so it is refused rather than applied or ignored.
printf 'id,lon,lat\nc1,-73.99,40.73\nc2,-73.9901,40.7301\n' > "$WORK/cams.csv"
CAMS=$(store_copy "$DB" cams)
check "import a cameras layer" "$SL" import cameras "$WORK/cams.csv" -s "$CAMS"
"$SL" near --radius 400 --merge-radius 50 -s "$CAMS" > /dev/null 2> "$WORK/layer.err"
check "--merge-radius over a cameras layer is refused (exit 2)" [ $? -eq 2 ]
check "... naming the layer" grep -q 'this store has a cameras layer (2 cameras), which is measured as imported' "$WORK/layer.err"
"$SL" disparity --events cameras --areas demo-tracts --merge-radius 50 -s "$CAMS" > /dev/null 2>&1
check "... in disparity too" [ $? -eq 2 ]
finish
