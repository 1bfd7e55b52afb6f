#!/usr/bin/env bash
# publish_leaks.sh — what a review of the published outputs found, each
# closed (docs/methodology.md, "Privacy: what a published report says"):
# every CSV has every column any row has; k under 3 and overlapping zones
# only with --exact.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
cd "$WORK"

# Area A holds 8 posts' locations: 6 within 80 m of clinic "big" (2 of
# them about kids), 2 within 80 m of clinic "small". Area B holds 4: one
# camera 30 m north of each of 4 ICE offices, one post about a kid. Five
# schools 2-6 km west of everything.
python3 - <<'PY'
posts = [("id", "lat", "lon", "time", "text")]
for i in range(6):
    posts.append((f"big{i}", f"{41.8700 + 0.0001 * i:.4f}", "-87.6500", "2020-01-01T10:00:00Z",
                  "kids at the door" if i < 2 else "package left"))
for i in range(2):
    posts.append((f"small{i}", f"{41.8600 + 0.0001 * i:.4f}", "-87.6500", "2020-01-01T10:00:00Z", "package left"))
for i, lon in enumerate((-87.68, -87.66, -87.64, -87.62)):
    posts.append((f"ice{i}", "41.92027", f"{lon:.2f}", "2020-01-01T10:00:00Z", "a kid rang" if i == 0 else "package left"))
open("posts.csv", "w").write("".join(",".join(r) + "\n" for r in posts))
sites = [("id", "lat", "lon", "name"), ("big", "41.8700", "-87.6500", "Big clinic"),
         ("small", "41.8600", "-87.6500", "Small clinic")]
open("clinics.csv", "w").write("".join(",".join(r) + "\n" for r in sites))
ice = [("id", "lat", "lon", "name")] + [(f"o{i}", "41.9200", f"{lon:.2f}", f"Office {i}")
                                        for i, lon in enumerate((-87.68, -87.66, -87.64, -87.62))]
open("ice.csv", "w").write("".join(",".join(r) + "\n" for r in ice))
schools = [("id", "lat", "lon", "name")] + [(f"s{i}", "41.8700", f"{-87.68 - 0.012 * i:.3f}", f"School {i}")
                                            for i in range(5)]
open("schools.csv", "w").write("".join(",".join(r) + "\n" for r in schools))
PY
cat >areas.geojson <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"A","pop":1000},"geometry":{"type":"Polygon","coordinates":[[[-87.80,41.85],[-87.60,41.85],[-87.60,41.89],[-87.80,41.89],[-87.80,41.85]]]}},
{"type":"Feature","properties":{"id":"B","pop":1000},"geometry":{"type":"Polygon","coordinates":[[[-87.80,41.89],[-87.60,41.89],[-87.60,41.95],[-87.80,41.95],[-87.80,41.89]]]}}]}
JSON
S=$(store p)
"$SL" import posts posts.csv --text text -s "$S" >/dev/null 2>&1 || not_ok "import posts"
"$SL" import sites clinics.csv --category clinic --text name -s "$S" >/dev/null 2>&1 || not_ok "import clinics"
"$SL" import sites ice.csv --category ice --text name -s "$S" >/dev/null 2>&1 || not_ok "import ice"
"$SL" import sites schools.csv --category school --text name -s "$S" >/dev/null 2>&1 || not_ok "import schools"
"$SL" import areas areas.geojson --set tracts --id id --pop pop -s "$S" >/dev/null 2>&1 || not_ok "import areas"
"$SL" audit -s "$S" -o rep --quiet --filter 'pkg=package' >/dev/null 2>err || { cat err; not_ok "audit"; }

# 5. Every CSV has every column: the first row (A, clinic big) withholds nothing.
check "5: areas CSV has the flags of rows after the first" python3 -c "
import csv,sys
h=next(csv.reader(open('rep/data/areas_tracts.csv')))
print(h); sys.exit(not {'posts_suppressed','posts_per_1000_suppressed'} <= set(h))"
check "5: sites.csv has within_small_suppressed and within_large_suppressed" python3 -c "
import csv,sys
rows=list(csv.DictReader(open('rep/data/sites.csv')))
print(list(rows[0])); sys.exit(not (rows[0]['id']=='big' and rows[0]['within_small']=='6' and
  'within_large_suppressed' in rows[0] and rows[1]['within_large']=='' and rows[1]['within_large_suppressed']=='true'))"
check "5: every .csvt has a type per column" python3 -c "
import csv,glob,sys
for f in glob.glob('rep/data/*.csv'):
    if len(next(csv.reader(open(f)))) != len(next(csv.reader(open(f[:-4]+'.csvt'))) ): sys.exit(f)"

# 6. k under 3 withholds too little: only with --exact, marked.
rc() { "$@" >/dev/null 2>err; echo $?; }
check "6: --k 1 is a usage error" test "$(rc "$SL" audit -s "$S" -o k1 --k 1)" = 2
check "... naming the floor" grep -q -- "--k 1 is under the privacy floor of 3" err
check "... and writes nothing" test ! -e k1
check "6: --k 2 is a usage error" test "$(rc "$SL" audit -s "$S" -o k2 --k 2)" = 2
check "6: --k 3 is allowed" test "$(rc "$SL" audit -s "$S" -o k3 --k 3 --quiet)" = 0
check "6: --k 1 --exact is allowed, with the warning banner" bash -c "
  '$SL' audit -s '$S' -o k1x --k 1 --exact --quiet >/dev/null 2>&1 && grep -q 'id=\"exact-warning\"' k1x/report.html"
check "6: audit --help says so" bash -c "'$SL' audit --help | grep -q 'under 3 only with --exact'"

# 7. Zones that overlap: the difference of their counts is a count too.
check "7: nested zones are a usage error" test "$(rc "$SL" audit -s "$S" -o z1 --zone 'a=circle:41.8700,-87.6500,40' --zone 'b=circle:41.8700,-87.6500,60')" = 2
check "... naming both" grep -q -- "--zone b overlaps --zone a" err
check "... and writes nothing" test ! -e z1
check "7: a box over a circle too" test "$(rc "$SL" audit -s "$S" -o z2 --zone 'a=circle:41.8700,-87.6500,40' --zone 'c=bbox:-87.66,41.86,-87.6499,41.88')" = 2
check "7: boxes that share an edge are not overlapping" test "$(rc "$SL" audit -s "$S" -o z3 --quiet --zone 'w=bbox:-87.70,41.85,-87.65,41.89' --zone 'e=bbox:-87.65,41.85,-87.60,41.89')" = 0
check "7: circles apart are allowed" test "$(rc "$SL" audit -s "$S" -o z4 --quiet --zone 'a=circle:41.8700,-87.6500,40' --zone 'b=circle:41.8600,-87.6500,40')" = 0
check "7: nested zones with --exact are allowed" test "$(rc "$SL" audit -s "$S" -o z5 --quiet --exact --zone 'a=circle:41.8700,-87.6500,40' --zone 'b=circle:41.8700,-87.6500,60')" = 0
check "7: audit --help says so" bash -c "'$SL' audit --help | grep -q 'zones may not overlap'"
finish
