#!/usr/bin/env bash
# The spatial commands on real layers (NYC tracts, FiveThirtyEight points as
# posts, ICE facilities and schools as sites), checked against brute-force
# computations in plain Python.
. "$(dirname "$0")/lib.bash"
need_shared
D=$SL_SHARED_DATA
DB=$(store s)
check "import nyc tracts" "$SL" import areas "$D/census/nyc-tracts-acs2008-12.shp" --set nyc --id '{borocode}{ct2010:06}' --pop poptot --black african --hispanic hispanic -s "$DB"
check "import posts" "$SL" import posts "$D/points/police-killings-2015-fivethirtyeight.csv" --text cause -s "$DB"
check "import ice sites" "$SL" import sites "$D/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc --text name -s "$DB"
check "import schools" "$SL" import sites "$D/sites/schools-wapo-school-shootings.csv" --category school -s "$DB"

"$SL" near --radius 25000 --json -s "$DB" > "$WORK/near.json"
"$SL" zone --bbox -90,30,-80,40 --json -s "$DB" > "$WORK/zone.json"
"$SL" zone --circle 40.7,-74.0,30000 --json -s "$DB" > "$WORK/circle.json"
"$SL" cameras --json -s "$DB" > "$WORK/cameras.json"
"$SL" cameras --csv -s "$DB" > "$WORK/cameras.csv"
check "cameras --csv carries the posts-per-camera counts the table prints" python3 -c "
import csv, json, sys
row = next(csv.DictReader(open('$WORK/cameras.csv'))); j = json.load(open('$WORK/cameras.json'))['posts_per_camera']
sys.exit(0 if int(row['cameras_with_1_post']) == j['1'] and int(row['cameras_with_10_or_more_posts']) == j['10+'] else 1)"
"$SL" cameras --top 2 -s "$DB" >/dev/null 2>"$WORK/cam_top.err"
cam_top=$?
check "cameras --top is refused (exit 2), not ignored: it prints one summary" bash -c "[ $cam_top -eq 2 ] && grep -q 'not a table' '$WORK/cam_top.err'"
# No cameras layer: the zone says nothing of one, rather than "0 points".
check "zone without a cameras layer: no cameras-layer count" bash -c "
  '$SL' zone --bbox -90,30,-80,40 -s '$DB' > '$WORK/zone.txt' && grep -q '^zone of .* unique cameras (merge radius 0 m)\$' '$WORK/zone.txt' &&
  python3 -c 'import json,sys; sys.exit(json.load(open(\"$WORK/zone.json\"))[\"cameras_layer\"] is not False)'"
NOPOSTS=$(store_copy "$DB" noposts)
"$SL" rm 2 -s "$NOPOSTS" >/dev/null # the posts
check "a corridor with no cameras or posts in the store: nothing to measure (exit 1), not '0 cameras along'" bash -c "
  '$SL' near --corridor NYARTHC,ALBCONY --width 40000 -s '$NOPOSTS' >'$WORK/corr.out' 2>'$WORK/corr.err'; [ \$? -eq 1 ] &&
  grep -q 'nothing to measure: no cameras or posts imported' '$WORK/corr.err' && [ ! -s '$WORK/corr.out' ]"
check "... and so do join --points posts and disparity --events posts or cameras, not a table of zeros or n/a" bash -c "
  for c in 'join --points posts --areas nyc' 'disparity --events posts --areas nyc' 'disparity --events cameras --areas nyc'; do
    '$SL' \$c -s '$NOPOSTS' >'$WORK/np.out' 2>'$WORK/np.err'; [ \$? -eq 1 ] && grep -q 'nothing to measure: no' '$WORK/np.err' &&
      [ ! -s '$WORK/np.out' ] || { echo \"\$c\"; exit 1; }
  done"
CAM=$(store_copy "$DB" cams)
"$SL" import cameras "$D/points/police-killings-2015-fivethirtyeight.csv" -s "$CAM" >/dev/null
check "... and with one, counts its points in the zone" bash -c "
  '$SL' zone --bbox -90,30,-80,40 -s '$CAM' | grep -Eq '; [0-9,]+ points of the cameras layer\$'"
"$SL" near --corridor NYARTHC,ALBCONY --width 40000 --json -s "$DB" > "$WORK/corridor.json"
"$SL" join --points posts --areas nyc --json -s "$DB" > "$WORK/join.json"
"$SL" join --points posts --areas nyc --where '^gunshot$' --json -s "$DB" > "$WORK/join_gun.json"
"$SL" density --hex 50000 --min-count 3 -o "$WORK/hex.geojson" -s "$DB" 2>/dev/null
check "density writes a file" test -s "$WORK/hex.geojson"

python3 - "$WORK" "$D" <<'PY'
import csv, gzip, io, json, math, sys
w, d = sys.argv[1], sys.argv[2]
def num(x):
    try:
        v = float(x)
        return v if math.isfinite(v) else None
    except ValueError:
        return None
def hav(a, b, c, e):
    p1, p2 = math.radians(a), math.radians(c)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(e - b) / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1, math.sqrt(x)))
raw = open(f"{d}/points/police-killings-2015-fivethirtyeight.csv", "rb").read().decode("latin-1").replace("\r\n", "\n").replace("\r", "\n")
posts = [r for r in csv.DictReader(io.StringIO(raw))]
pts = [(float(r["latitude"]), float(r["longitude"])) for r in posts]
cams = sorted(set(pts))
ice = [r for r in csv.DictReader(io.StringIO(gzip.open(f"{d}/sites/ice-detention-facilities-uwchr.psv.gz").read().decode("utf-8", "replace")), delimiter="|") if num(r["lat"]) is not None and num(r["long"]) is not None]
schools = [r for r in csv.DictReader(open(f"{d}/sites/schools-wapo-school-shootings.csv", encoding="utf-8", errors="replace")) if num(r["lat"]) is not None and num(r["long"]) is not None]
near = json.load(open(f"{w}/near.json"))
fails = 0
def eq(what, got, want):
    global fails
    ok = got == want
    fails += not ok
    print(("ok   - " if ok else "FAIL - ") + f"{what}: got {got}, expected {want}")
eq("cameras from posts", near["cameras_from"], "posts (unique locations)")
eq("unique camera locations", near["cameras"], len(cams))
for cat, sites in (("ice", ice), ("school", schools)):
    within = [sum(hav(float(s["lat"]), float(s["long"]), c[0], c[1]) <= 25000 for c in cams) for s in sites]
    row = [c for c in near["categories"] if c["category"] == cat][0]
    eq(f"{cat}: sites", row["sites"], len(sites))
    eq(f"{cat}: site-camera pairs within 25 km (sum over sites)", row["site_camera_pairs"], sum(within))
    # distinct cameras: ICE sites cluster, so the sum counts one camera many times
    distinct = sum(any(hav(float(s["lat"]), float(s["long"]), c[0], c[1]) <= 25000 for s in sites) for c in cams)
    eq(f"{cat}: distinct cameras within 25 km of a site", row["cameras_within"], distinct)
    eq(f"{cat}: sites with a camera", row["sites_with_camera"], sum(x > 0 for x in within))
ours = {s["id"]: s for s in near["sites"] if s["category"] == "ice"}
eq("ice: site ids kept", len(ours), len({s["detloc"] for s in ice}))
worst = 0
for site in ice:
    best = min(hav(float(site["lat"]), float(site["long"]), c[0], c[1]) for c in cams)
    worst = max(worst, abs(best - ours[site["detloc"]]["nearest_m"]))
eq("ice: nearest camera distance, every site (within 0.1 m)", worst <= 0.1, True)
zone = json.load(open(f"{w}/zone.json"))
eq("bbox zone posts", zone["posts"], sum(-90 <= lo <= -80 and 30 <= la <= 40 for la, lo in pts))
eq("bbox zone unique cameras", zone["cameras"], len({p for p in pts if -90 <= p[1] <= -80 and 30 <= p[0] <= 40}))
circle = json.load(open(f"{w}/circle.json"))
eq("circle zone posts", circle["posts"], sum(hav(40.7, -74.0, la, lo) <= 30000 for la, lo in pts))
cam = json.load(open(f"{w}/cameras.json"))
eq("cameras: posts", cam["posts"], len(pts))
eq("cameras: unique", cam["cameras"], len(cams))
join = json.load(open(f"{w}/join.json"))
eq("join: points", join["points"], len(pts))
eq("join: inside + outside = points", sum(a["count"] for a in join["areas"]) + join["outside"], len(pts))
# FiveThirtyEight records each point's tract: NYC ones must land in that tract.
boro = {"36061": "1", "36005": "2", "36047": "3", "36081": "4", "36085": "5"}
want = {}
for r in posts:
    g = r["geo_id"].zfill(11)
    if g[:5] in boro:
        key = boro[g[:5]] + g[5:]
        want[key] = want.get(key, 0) + 1
got = {a["id"]: a["count"] for a in join["areas"] if a["count"]}
eq("join: NYC points land in their recorded tracts", got, want)
gun = json.load(open(f"{w}/join_gun.json"))
eq("join --where keeps matching texts only", gun["points"], sum(r["cause"].lower() == "gunshot" for r in posts))
cor = json.load(open(f"{w}/corridor.json"))
a = next(s for s in ice if s["detloc"] == "NYARTHC"); b = next(s for s in ice if s["detloc"] == "ALBCONY")
la, loa, lb, lob = float(a["lat"]), float(a["long"]), float(b["lat"]), float(b["long"])
def seg(p):
    return min(hav(p[0], p[1], la + t / 400 * (lb - la), loa + t / 400 * (lob - loa)) for t in range(401))
brute = [seg(c) for c in cams]
near_edge = sum(abs(d - 20000) < 200 for d in brute)
eq("corridor: cameras within 20 km of the segment (brute force)", abs(cor["cameras"] - sum(d <= 20000 for d in brute)) <= near_edge, True)
hexes = json.load(open(f"{w}/hex.geojson"))
eq("density: every feature has >= 3 points", all(f["properties"]["count"] >= 3 for f in hexes["features"]), True)
sys.exit(1 if fails else 0)
PY
check "spatial figures match brute force" [ $? -eq 0 ]

# Rates in units a person reads: 467 points over 3,230 counties are 0.002
# per km2 at most; the table gives them per 1,000 km2 (x 1,000), JSON keeps km2.
need_us_atlas
C=$(store counties)
"$SL" import areas "$US_ATLAS" --layer counties --set counties --id id --name name -s "$C" >/dev/null 2>&1
"$SL" import posts "$D/points/police-killings-2015-fivethirtyeight.csv" -s "$C" >/dev/null 2>&1
"$SL" join --points posts --areas counties --top 1 -s "$C" > "$WORK/cj.txt"
"$SL" join --points posts --areas counties --json -s "$C" > "$WORK/cj.json"
check "join over counties: per 1,000 km2 in the table, per km2 in JSON, the same figure" python3 - "$WORK/cj.txt" "$WORK/cj.json" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
head, first = lines[1], lines[2].split()
j = {a["id"]: a for a in json.load(open(sys.argv[2]))["areas"]}
ok = head.rstrip().endswith("per 1,000 km2") and "per km2" not in head
ok = ok and abs(float(first[-1]) - 1000 * j[first[0]]["per_km2"]) < 0.01
print("    ", head.strip(), "|", lines[2].strip())
sys.exit(0 if ok else 1)
PY

# A zone given in the other order answered 0 and nothing else: a circle at
# latitude -74 and longitude 40.7, a box in Antarctica.
"$SL" zone --circle -74.0,40.7,30000 -s "$DB" >"$WORK/sw.txt" 2>"$WORK/sw.err"; rc=$?
n=$(python3 -c "import json; print(json.load(open('$WORK/circle.json'))['posts'])")
check "a circle given LON,LAT: 0, with a note that LAT,LON would hold the $n posts" bash -c "
  [ $rc = 0 ] && grep -q ' 0 posts ' '$WORK/sw.txt' &&
  grep -q \"note: nothing lies in this zone, but $n points would with latitude and longitude swapped: --circle takes LAT,LON\" '$WORK/sw.err'"
check "a box given S,W,N,E: the same note for the box" bash -c "
  '$SL' zone --bbox 30,-90,40,-80 -s '$DB' 2>&1 >/dev/null | grep -q 'would with the box read as S,W,N,E: --bbox takes W,S,E,N'"
check "no note when the zone holds points, or when nothing lies either way" bash -c "
  '$SL' zone --circle 40.7,-74.0,30000 -s '$DB' 2>&1 >/dev/null | wc -c | grep -qx 0 &&
  '$SL' zone --circle 10,10,1000 -s '$DB' 2>&1 >/dev/null | wc -c | grep -qx 0"
# The audit publishes such a zone as "< k": the person drawing it is told
# by name before the report is written, and without the count.
"$SL" audit -s "$DB" -o "$WORK/swaudit" --quiet --zone 'Midtown=circle:-74.0,40.7,30000' \
  --zone 'Harlem=circle:40.81,-73.95,1500' >/dev/null 2>"$WORK/swaudit.err"; rc=$?
check "audit: a zone given LON,LAT is named in a note, the rightly ordered one is not" bash -c "
  [ $rc = 0 ] && grep -q \"note: zone 'Midtown' holds no post or camera, but would with latitude and longitude swapped: circle: takes LAT,LON\" '$WORK/swaudit.err' &&
  ! grep -q Harlem '$WORK/swaudit.err' && ! grep -q '[0-9] points' '$WORK/swaudit.err'"
finish
