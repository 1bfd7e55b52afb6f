#!/usr/bin/env bash
# publish_leaks.sh — what a review of the published outputs found, each
# closed (docs/methodology.md, "Privacy: what a published report says"):
# no site's nearest camera in any output (the 50 m rings of neighbouring
# sites intersected at the cameras); no count of a site whose circle
# overlaps another's, nor at 400 m of one whose ring between its circles
# holds fewer than k; a category's totals withheld when any of its sites
# is, its median distance when it holds fewer than k sites; the report
# ranks only the sites whose count is published; a text filter's
# count per area withheld where the area's posts are or where its own
# matching posts lie at fewer than k locations (tables, CSV, the map);
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

# 1. No site's nearest camera, anywhere; a category's median only of k sites.
check "1: no site's nearest distance in summary.json" python3 -c "
import json,sys
for near in json.load(open('rep/summary.json'))['sites']:
    if any('nearest_m' in r for r in near['sites']): sys.exit('per-site distance published')"
check "1: ... nor in data/ (CSV, GeoJSON)" sh -c '! grep -rqi nearest rep/data/*.csv rep/data/*.geojson'
check "1: ... nor in report.html's site table" python3 -c "
import sys; h=open('rep/report.html',encoding='utf-8').read(); t=h[h.index('Sites with the most cameras'):]; t=t[:t.index('</section>')]
sys.exit('nearest camera (m)' in t or '0–50' in t)"
check "1: the median of 2 clinics is withheld, of 5 schools binned" python3 -c "
import json,sys
c={r['category']:r for r in json.load(open('rep/summary.json'))['sites'][0]['categories']}
print(c['clinic']['median_nearest_m'], c['school']['median_nearest_m'])
sys.exit(not (c['clinic']['median_nearest_m'] is None and c['clinic']['median_nearest_m_suppressed'] is True
  and c['school']['median_nearest_m'] % 50 == 0 and c['school']['median_nearest_m'] > 1000))"

# 1b. The counts left per site are safe from the same kind of subtraction:
# a site 20 m from another (their circles overlap: the crescent between
# them is a sliver) has no count, nor has its neighbour; one at the same
# place as another shares its count; a site's 400 m count is withheld when
# its 80-400 m ring holds fewer than k (6 within 80 m, 7 within 400 m).
python3 - <<'PY'
cams = ["id,lat,lon"]
for i in range(6):
    cams.append(f"x{i},{41.8000 + 0.0001 * i:.4f},-87.6000")
cams.append("xr,41.8000,-87.5960")
for i in range(6):
    cams.append(f"y{i},{41.7000 + 0.0001 * i:.4f},-87.6000")
open("cams.csv", "w").write("\n".join(cams) + "\n")
open("near.csv", "w").write("id,lat,lon,name\nx,41.8000,-87.6000,X\nxsame,41.8000,-87.6000,X again\n"
                            "y,41.7000,-87.6000,Y\nz,41.7000,-87.60024,Z 20 m east\n")
PY
Q=$(store q)
"$SL" import cameras cams.csv -s "$Q" >/dev/null 2>&1 || not_ok "import cameras"
"$SL" import sites near.csv --category office --text name -s "$Q" >/dev/null 2>&1 || not_ok "import sites"
"$SL" audit -s "$Q" -o repq --quiet >/dev/null 2>err || { cat err; not_ok "audit of overlapping sites"; }
check "1b: overlapping circles withheld, a shared place shared, a thin ring withheld" python3 -c "
import json,sys
small,large=[{r['id']:r for r in n['sites']} for n in json.load(open('repq/summary.json'))['sites']]
print({i:(small[i]['within'],large[i]['within']) for i in small})
sys.exit(not (small['x']['within']==6 and small['xsame']['within']==6 and large['x']['within'] is None and
  large['x']['within_suppressed'] and all(small[i]['within'] is None and small[i]['within_suppressed'] for i in 'yz')))"
check "1b: the map's popups say withheld, not < 5, for a site's withheld count" grep -q "describe(s.name || s.id, s, 'withheld')" repq/report.html

# 2. A category's totals: withheld when a site is (4 offices with 1 camera each;
# a clinic with 6 beside one with 2), whatever the total; the sites with at
# least k cameras always counted.
check "2: 4 offices of 1 camera each: cameras within, sites with a camera and pairs all withheld" python3 -c "
import json,sys
for near in json.load(open('rep/summary.json'))['sites']:
    c={r['category']:r for r in near['categories']}['ice']
    if any(c[k] is not None or c[k+'_suppressed'] is not True for k in ('cameras_within','sites_with_camera','site_camera_pairs')): sys.exit(c)
    if c['sites_published'] != 0: sys.exit(c)"
check "2: clinics 6 + 2 cameras: the total of 8 withheld too, 1 site with at least 5" python3 -c "
import json,sys
c={r['category']:r for r in json.load(open('rep/summary.json'))['sites'][0]['categories']}['clinic']
print(c); sys.exit(not (c['cameras_within'] is None and c['sites_with_camera'] is None and c['site_camera_pairs'] is None
  and c['sites_published'] == 1))"
check "2: report.html says withheld, not < 5, for those totals" python3 -c "
import re,sys; h=open('rep/report.html',encoding='utf-8').read(); t=h[h.index('<h3>Cameras within 80 m</h3>'):]; t=t[:t.index('</table>')]
row=[r for r in re.findall(r'<tr>(.*?)</tr>',t) if '>clinic<' in r][0]
print(row); sys.exit(not (row.count('>withheld<') == 3 and '&lt;' not in row and '>1<' in row))"
check "2: the headline counts the sites with at least k cameras" python3 -c "
import json,sys
h=[x['text'] for x in json.load(open('rep/summary.json'))['headlines'] if 'category “clinic”' in x['text']]
print(h); sys.exit(h != ['At least 1 of 2 sensitive sites of category “clinic” have 5 camera locations or more within 80 m (a count of fewer than 5, or of a site whose circle overlaps another\\'s, is withheld to protect residents).'])"

# 3. The ranking lists only published counts and counts the others.
check "3: the site table lists the clinic with 6 alone, the 10 others in a sentence" python3 -c "
import re,sys; h=open('rep/report.html',encoding='utf-8').read(); t=h[h.index('Sites with the most cameras'):]; t=t[:t.index('</table>')]
rows=[c for c in (re.findall(r'<(?:td|th scope=\"row\")[^>]*>([^<]*)</t[dh]>',r) for r in re.findall(r'<tr>(.*?)</tr>',t)) if c]
print(rows); sys.exit(not (rows == [['big','Big clinic','clinic','6']] and
  '10 sites hold fewer than 5 distinct camera locations within 80 m, or lie within 160 m of another site, whose circle overlaps: their counts are withheld, and not ranked here.' in t))"

# 4. Text filters per area: B's posts are withheld (4 locations), so is its
# 1 kid; A's 2 kids lie at 2 locations: withheld. A's 8 posts and 6 packages
# are withheld too, marked so (_protects): the published totals less them
# gave B's 4 posts and its package (sl_privacy_hide_below).
check "4: data/areas_tracts.csv withholds the filter counts" python3 -c "
import csv,sys
r={x['id']:x for x in csv.DictReader(open('rep/data/areas_tracts.csv'))}
print(r); a,b=r['A'],r['B']
sys.exit(not (b['posts']=='' and b['filter_children']=='' and b['filter_children_suppressed']=='true'
  and a['posts']=='' and a['posts_protects']=='true' and b['posts_protects']=='false'
  and a['filter_children']=='' and a['filter_children_suppressed']=='true'
  and a['filter_pkg']=='' and a['filter_pkg_protects']=='true' and b['filter_pkg']=='' and b['filter_pkg_suppressed']=='true'))"
check "4: ... and so does the map in report.html" python3 -c "
import sys; sys.path.insert(0, '$SL_SOURCE/tests/e2e')
from report_page import map_data
d=map_data(open('rep/report.html',encoding='utf-8').read())
p={f['properties']['id']:f['properties'] for f in d['areas'][0]['features']['features']}
print(p); sys.exit(not (p['B'].get('filter_children') is None and p['B']['filter_children_suppressed'] and
  p['A'].get('filter_children') is None and p['A']['filter_children_suppressed'] and p['A'].get('filter_pkg') is None
  and p['A']['filter_pkg_protects']))"
check "4: the map colours a withheld area apart from no data, and its legend says why" bash -c "
  grep -q \"if (props\\[metric + '_suppressed'\\]) return WITHHELD;\" rep/report.html && grep -q 'withheld to protect residents' rep/report.html"
check "4: ... and the GeoPackage" bash -c "command -v sqlite3 >/dev/null || exit 0
  [ \"\$(sqlite3 rep/data/report.gpkg \"SELECT count(*) FROM areas_tracts WHERE filter_children IS NULL AND filter_children_suppressed\")\" = 2 ]"

# 5. Every CSV has every column: the first row (A, clinic big) withholds nothing.
check "5: areas CSV has the flags of rows after the first" python3 -c "
import csv,sys
h=next(csv.reader(open('rep/data/areas_tracts.csv')))
print(h); sys.exit(not {'posts_suppressed','posts_per_100k_residents_suppressed','filter_children_suppressed'} <= set(h))"
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
