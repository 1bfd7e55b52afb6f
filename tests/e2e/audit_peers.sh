#!/usr/bin/env bash
# The audit's peers (issue 18, goal 5): bench/peers/postgis-audit.sh, on a
# throwaway PostgreSQL 15 + PostGIS 3 cluster, answers the audit's four
# questions (posts per county, cameras within 400 m of each site, requests
# split over counties, shares by group) with sightline's answers on the real
# counties, and bench/peers/audit-check.py, which `make bench` trusts to say
# so, tells a wrong answer from a right one. The GeoPandas peer is checked the
# same way when python3-geopandas is installed (a benchmark tool, not a
# dependency). PostgreSQL is a dependency: the test fails if it cannot start.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
PEERS=$SL_SOURCE/bench/peers
PY=/usr/bin/python3
QF=$SL_SHARED_DATA/census/us-counties-quickfacts-2014.csv

# Inputs as bench/audit.sh makes them: posts and requests placed by
# population, the ICE sites; every request its own radius, ten without one.
import_counties "$WORK/base.db"
"$SL" import sites "$SL_SHARED_DATA/sites/ice-detention-facilities-uwchr.psv.gz" --category ice --id detloc \
  --text name -s "$WORK/base.db" >/dev/null 2>&1
cp "$WORK/base.db" "$WORK/gen.db"
"$SL" synth --areas counties --layer posts --count 3000 --seed 5 -s "$WORK/gen.db" >/dev/null
"$SL" synth --areas counties --layer requests --count 400 --radius 800 --seed 7 -s "$WORK/gen.db" >/dev/null
"$PY" "$PEERS/store-points.py" "$WORK/gen.db" "$WORK/posts.csv" "$WORK/sites.csv"
{
  echo "id,agency,date,lat,lon,radius_m"
  sqlite3 -csv "$WORK/gen.db" "SELECT id, lat, lon FROM requests ORDER BY id" |
    awk -F, 'BEGIN { srand(18) } { r = $1 <= 10 ? "" : sprintf("%.0f", 200 + 1400 * rand())
             printf "r%s,Test Police Department,2020-01-01,%s,%s,%s\n", $1, $2, $3, r }'
} >"$WORK/requests.csv"
# Posts near a site, so that the camera counts are not all zero.
awk -F, 'NR > 1 && NR <= 41 { printf "%.7f,%.7f\n", $1 + 0.001 * (NR % 5), $2 + 0.0015 * (NR % 3) }' \
  "$WORK/sites.csv" >>"$WORK/posts.csv"

# sightline from the same files.
S=$WORK/sl.db
cp "$WORK/base.db" "$S"
"$SL" import posts "$WORK/posts.csv" -s "$S" >/dev/null
"$SL" import requests "$WORK/requests.csv" -s "$S" >/dev/null
"$SL" join --points posts --areas counties --json -s "$S" >"$WORK/join.json"
"$SL" near --radius 400 --json -s "$S" >"$WORK/near.json"
"$SL" disparity --events posts --areas counties --bootstrap 1 --permutations 1 --json -s "$S" >"$WORK/dp.json"
"$SL" disparity --events requests --areas counties --bootstrap 1 --permutations 1 --json -s "$S" >"$WORK/dr.json"
sl_json=("$WORK/join.json" "$WORK/near.json" "$WORK/dp.json" "$WORK/dr.json")
check "sightline splits some requests between counties" \
  "$PY" -c "import json, sys; d = json.load(open(sys.argv[1])); sys.exit(not any(a['events'] != round(a['events']) for a in d['areas']))" "$WORK/dr.json"
check "some cameras lie within 400 m of a site" \
  "$PY" -c "import json, sys; d = json.load(open(sys.argv[1])); sys.exit(not sum(c['cameras_within'] for c in d['categories']))" "$WORK/near.json"

"$PEERS/postgis-audit.sh" check >"$WORK/pg.check" 2>&1 || { cat "$WORK/pg.check"; not_ok "PostgreSQL 15 + PostGIS 3 are installed"; finish; exit; }
"$PEERS/postgis-audit.sh" run "$US_ATLAS" "$QF" "$WORK/posts.csv" "$WORK/sites.csv" "$WORK/requests.csv" \
  "$WORK/pg.csv" >"$WORK/pg.out" 2>"$WORK/pg.err"
check "the PostGIS peer runs" [ $? -eq 0 ]
check "it times every step" bash -c "for s in load posts near split shares file server_cpu; do grep -q \"^\${s}_s [0-9.]*\$\" '$WORK/pg.out' || exit 1; done"
cluster=$(sed -n 's/^postgis-audit: cluster in \([^ ]*\) .*/\1/p' "$WORK/pg.err")
gone() { [ -n "$1" ] && [ ! -e "$1" ] && ! pgrep -f "postgres -D $1/data" >/dev/null; }
check "its cluster ($cluster) is stopped and removed" gone "$cluster"
"$PY" "$PEERS/audit-check.py" "$WORK/pg.out" "$WORK/pg.csv" "${sl_json[@]}" >"$WORK/pg.same" 2>/dev/null
check "PostGIS answers the four questions as sightline does ($(cat "$WORK/pg.same"))" grep -qx yes "$WORK/pg.same"

# The check must catch a wrong answer: one post moved between counties, one
# request weight off by 1e-5, one share off by 1e-5, one camera too many.
tamper() { # tamper NAME AWK-ON-CSV AWK-ON-OUT: the check on altered copies must say no
  awk -F, -v OFS=, "$2" "$WORK/pg.csv" >"$WORK/t.csv"
  awk "$3" "$WORK/pg.out" >"$WORK/t.out"
  "$PY" "$PEERS/audit-check.py" "$WORK/t.out" "$WORK/t.csv" "${sl_json[@]}" 2>/dev/null | grep -q '^no: '
}
check "the check sees a post counted in the wrong county" tamper post \
  'NR == 2 { $2 += 1 } NR == 3 { $2 -= 1 } $2 < 0 { $2 = 0 } { print }' '{ print }'
check "the check sees a request weight 1e-5 off" tamper weight \
  'NR > 1 && $3 + 0 > 0.5 && !done { $3 = $3 + 1e-5; done = 1 } { print }' '{ print }'
check "the check sees a share 1e-5 off" tamper share '{ print }' \
  '$1 == "share_requests_black" { $2 = $2 + 1e-5 } { print }'
check "the check sees one camera too many" tamper camera '{ print }' '$1 == "cameras_within" { $2 = $2 + 1 } { print }'

if "$PY" "$PEERS/geopandas-audit.py" check >/dev/null 2>&1; then
  "$PY" "$PEERS/geopandas-audit.py" run "$US_ATLAS" "$QF" "$WORK/posts.csv" "$WORK/sites.csv" "$WORK/requests.csv" \
    "$WORK/gp.csv" >"$WORK/gp.out" 2>"$WORK/gp.err"
  "$PY" "$PEERS/audit-check.py" "$WORK/gp.out" "$WORK/gp.csv" "${sl_json[@]}" >"$WORK/gp.same" 2>/dev/null
  check "GeoPandas answers the four questions as sightline does ($(cat "$WORK/gp.same"))" grep -qx yes "$WORK/gp.same"
else
  echo "note - python3-geopandas is not installed: the GeoPandas peer was not checked (not counted)"
fi
finish
