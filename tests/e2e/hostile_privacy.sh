#!/usr/bin/env bash
# hostile_privacy.sh — issue #19 points 3, 4 and 15 and issue #14 point 6:
# what the audit publishes never pins a home. k counts distinct camera
# locations (five rows of one camera are one); hexagons under 100 m are
# refused without --exact (audit and density); density and the audit hide
# the same cells (one doorbell with five posts is hidden by both); zone,
# area and site counts under k read "< k" in report.html and are null with
# <key>_suppressed in summary.json and data/ (CSV, GeoJSON, GPKG); no
# site's distance to its nearest camera is published; cameras spread over
# the globe all land in hexagons.
set -uo pipefail
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null && command -v sqlite3 >/dev/null || { echo "SKIP: needs python3 and sqlite3" >&2; exit 77; }
cd "$WORK"

# One camera recorded five times, a doorbell with five posts, a site 2 m
# from a camera, and an area holding one camera next to one holding six.
printf 'id,lat,lon\n' >cams.csv
for i in 1 2 3 4 5; do printf 'c%s,41.8812345,-87.6543219\n' "$i" >>cams.csv; done
printf 'id,lat,lon,time,text\n' >posts.csv
for i in 1 2 3 4 5; do printf 'p%s,41.9012345,-87.6343219,2020-01-0%sT10:00:00Z,post %s\n' "$i" "$i" "$i" >>posts.csv; done
printf 'id,lat,lon,name\nice-1,41.90125,-87.6343219,Processing office\n' >sites.csv
cat >areas.geojson <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"A","pop":1000},"geometry":{"type":"Polygon","coordinates":[[[-87.70,41.85],[-87.60,41.85],[-87.60,41.89],[-87.70,41.89],[-87.70,41.85]]]}},
{"type":"Feature","properties":{"id":"B","pop":1000},"geometry":{"type":"Polygon","coordinates":[[[-87.70,41.89],[-87.60,41.89],[-87.60,41.95],[-87.70,41.95],[-87.70,41.89]]]}}]}
JSON
"$SL" import cameras cams.csv -s "$(store s)" >/dev/null 2>&1 || not_ok "import cameras"
"$SL" import posts posts.csv -s "$(store p)" >/dev/null 2>&1 || not_ok "import posts"
"$SL" import sites sites.csv --category ice -s "$(store p)" >/dev/null 2>&1 || not_ok "import sites"
"$SL" import areas areas.geojson --set tracts --id id --pop pop -s "$(store p)" >/dev/null 2>&1 || not_ok "import areas"

# Point 3: five copies of one camera do not make k=5, at any hexagon size.
"$SL" audit -s "$(store s)" -o rep --quiet >/dev/null 2>err
check "five rows of one camera: no cell shown" python3 -c "
import json,sys; f=json.load(open('rep/data/camera_density.geojson'))['features']; d=json.load(open('rep/summary.json'))['density']
sys.exit(f or d['camera_locations'] != 1 or d['suppressed_cells'] != 1)"
check "the camera's coordinates appear in no output" sh -c '! grep -rqE "41\.88123|87\.65432" rep'
# an empty map of thinly spread cameras read as no cameras (the national
# walk: 1M posts over the country, every 500 m cell under k): said, with
# what draws them
check "... and the headlines say why the map is empty and what shows more" python3 -c "
import json,sys; h=[x['text'] for x in json.load(open('rep/summary.json'))['headlines']]
sys.exit(not any(t.startswith('No hexagon of 0.65 km² holds 5 distinct camera locations, so the map shows none') and '--hex' in t for t in h))"
rc() { "$@" >/dev/null 2>err; echo $?; }
check "audit --hex 0.05 is a usage error" test "$(rc "$SL" audit -s "$(store s)" -o small --hex 0.05)" = 2
check "... with a sentence naming the floor" grep -q "under the 100 m privacy floor" err
check "... and writes nothing" test ! -e small
check "audit --hex 99 is a usage error" test "$(rc "$SL" audit -s "$(store s)" -o small --hex 99)" = 2
check "density --hex 0.05 is a usage error" test "$(rc "$SL" density --hex 0.05 --points cameras -s "$(store s)" -o d.geojson)" = 2
check "... and writes no file" test ! -e d.geojson
check "audit --hex 0.05 --exact is allowed" test "$(rc "$SL" audit -s "$(store s)" -o small --hex 0.05 --exact --quiet)" = 0
check "density --hex 0.05 --exact is allowed" test "$(rc "$SL" density --hex 0.05 --exact --points cameras -s "$(store s)" -o d.geojson)" = 0

# One rule: density hides the doorbell with five posts, as the audit does.
"$SL" density --hex 500 -s "$(store p)" -o posts.geojson 2>density.err
check "density says what it hid, in words" grep -qx '5 posts at 1 distinct location (points within 2 m are one) in 1 hexagon of 0.65 km2; 1 of them (5 posts) holds fewer than 5 locations and is suppressed' density.err
check "density: one doorbell with five posts is hidden" python3 -c "
import json,sys; sys.exit(len(json.load(open('posts.geojson'))['features']))"
"$SL" density --hex 500 --k 1 -s "$(store p)" -o posts_k1.geojson 2>density.err; rc=$?
check "density --k 1 without --exact is refused, as the audit's (it kept every cell)" bash -c "
  [ $rc = 2 ] && [ ! -e posts_k1.geojson ] && grep -q 'under the privacy floor of 3' density.err"
check "density --k 2 too" test "$(rc "$SL" density --hex 500 --k 2 -s "$(store p)" -o posts_k2.geojson)" = 2
"$SL" density --hex 500 --min-count 1 --exact -s "$(store p)" -o posts1.geojson 2>/dev/null
check "density: its cell counts 5 posts at 1 location" python3 -c "
import json,sys; p=json.load(open('posts1.geojson'))['features'][0]['properties']; sys.exit(not (p['count']==5 and p['locations']==1))"

# Point 4: zones, areas and sites under k.
# (The circle and the box about the doorbell overlap: one audit each, as
# overlapping zones are refused; publish_leaks.sh.)
"$SL" audit -s "$(store p)" -o prep --quiet --zone 'home=circle:41.9012345,-87.6343219,30' \
  >/dev/null 2>err || { cat err; not_ok "audit with zones"; }
"$SL" audit -s "$(store p)" -o pbox --quiet --zone 'box=bbox:-87.63433,41.90122,-87.63431,41.90124' \
  >/dev/null 2>err || { cat err; not_ok "audit with zones"; }
check "zones: counts withheld in summary.json" python3 -c "
import json,sys
for z in json.load(open('prep/summary.json'))['zones'] + json.load(open('pbox/summary.json'))['zones']:
    if not (z['posts'] is None and z['cameras'] is None and z['posts_suppressed'] and z['cameras_suppressed']): sys.exit(z)
    if 'post_locations' in z: sys.exit('distinct count published')"
check "zones: report.html shows < 5" python3 -c "
import re,sys
for d in ('prep', 'pbox'):
    h=open(d+'/report.html',encoding='utf-8').read(); t=h[h.index('<h3>Zones</h3>'):]; t=t[:t.index('</table>')]
    if not (t.count('&lt; 5') == 2 and not re.search(r'<td class=\"num\">[1-4]</td>', t)): sys.exit(d)"
check "areas: no count or rate under k in summary.json" python3 -c "
import json,sys
rows=json.load(open('prep/summary.json'))['areas'][0]['joins']['posts']['areas']
sys.exit(not all(r['count'] is None and r['count_suppressed'] and r['per_1000'] is None for r in rows if r['id']=='B'))"
check "areas CSV: no count of 1-4" python3 -c "
import csv,sys
rows=list(csv.DictReader(open('prep/data/areas_tracts.csv')))
b=[r for r in rows if r['id']=='B'][0]
sys.exit(not (b['posts']=='' and b['posts_per_100k_residents']=='' and b['posts_suppressed']=='true'))"
check "areas GeoPackage: the count of area B is NULL" test "$(sqlite3 prep/data/report.gpkg "SELECT count(*) FROM areas_tracts WHERE id = 'B' AND posts IS NULL AND posts_suppressed")" = 1
check "areas GeoJSON: the count is null, flagged" python3 -c "
import json,sys
p=[f['properties'] for f in json.load(open('prep/data/areas_tracts.geojson'))['features'] if f['properties']['id']=='B'][0]
sys.exit(not (p['posts'] is None and p['posts_suppressed'] is True))"
check "areas: report.html ranks no withheld count, and says so" python3 -c "
import sys; h=open('prep/report.html',encoding='utf-8').read(); t=h[h.index('<h3>Areas with the most posts</h3>'):]; t=t[:t.index('</section>')]
sys.exit(not ('2 areas hold fewer than 5 distinct camera locations: their counts are withheld. Withheld counts are not ranked here.' in t and '<table' not in t))"

# Issue #14 point 6: the site 2 m from a camera publishes no distance at
# all (a 50 m bin was still a ring around a public address holding a
# camera: the rings of neighbouring sites intersect at it).
check "sites: no nearest distance in summary.json" python3 -c "
import json,sys
for near in json.load(open('prep/summary.json'))['sites']:
    r=near['sites'][0]
    if 'nearest_m' in r or not (r['within'] is None and r['within_suppressed']): sys.exit(r)"
check "sites: report.html gives neither 2 nor 0–50, and ranks no withheld count" python3 -c "
import sys; h=open('prep/report.html',encoding='utf-8').read(); t=h[h.index('Sites with the most cameras'):]; t=t[:t.index('</section>')]
sys.exit(not ('0–50' not in t and '>2<' not in t and '<table' not in t.split('<h3>Zones</h3>')[0]))"
check "sites CSV: within withheld" python3 -c "
import csv,sys; r=list(csv.DictReader(open('prep/data/sites.csv')))[0]; sys.exit(not (r['within_small']=='' and r['within_small_suppressed']=='true'))"
"$SL" audit -s "$(store p)" -o pexact --quiet --exact --zone 'home=circle:41.9012345,-87.6343219,30' >/dev/null 2>&1
check "--exact: zone and distance exact" python3 -c "
import json,sys; s=json.load(open('pexact/summary.json'))
sys.exit(not (s['zones'][0]['posts']==5 and abs(s['sites'][0]['sites'][0]['nearest_m']-2.1)<1))"

# Point 15: cameras spread over the globe, two at the antimeridian, all binned
# (k 1, which withholds nothing, only with --exact).
printf 'id,lat,lon\n' >globe.csv
i=0; for p in 0,180 0,-180 1,1 10,90 -10,-90 60,45 -60,-45 20,135 -20,-135 80,10 -80,-10 0,170; do
  i=$((i + 1)); printf 'g%s,%s\n' "$i" "$p" >>globe.csv; done
"$SL" import cameras globe.csv -s "$(store g)" >/dev/null 2>&1
# A point at exactly 0,0 is a failed geocode's default: skipped and named.
printf 'id,lat,lon\nz,0,0\nok,41.9,-87.6\n' >zero.csv
"$SL" import cameras zero.csv -s "$(store z)" >zero.out 2>zero.err
check "a camera at 0,0 is skipped as zero-zero, and said" bash -c "
  grep -q 'imported 1 camera from 2 records .*skipped 1 (zero-zero 1)' zero.out && grep -q 'zero.csv:2: 1 record skipped: zero-zero coordinates' zero.err"
"$SL" density --hex 500 --min-count 1 --exact --points cameras -s "$(store g)" -o globe.geojson 2>/dev/null
check "globe: every camera in a cell" python3 -c "
import json,sys; f=json.load(open('globe.geojson'))['features']; sys.exit(sum(x['properties']['count'] for x in f) != 12)"
"$SL" audit -s "$(store g)" -o grep_ --k 1 --exact --quiet >/dev/null 2>&1
check "globe: the audit's cells hold all 12" python3 -c "
import json,sys; s=json.load(open('grep_/summary.json'))['density']; f=json.load(open('grep_/data/camera_density.geojson'))['features']
sys.exit(not (s['cameras']==12 and sum(x['properties']['cameras'] for x in f)==12 and s['suppressed_cells']==0))"
finish
