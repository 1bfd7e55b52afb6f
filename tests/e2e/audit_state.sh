#!/usr/bin/env bash
# audit_state.sh — `audit --state IL` is a report of Illinois only: on the
# real data (as make demo-real builds it) its partnership figures are those
# of `partnerships --state IL` and of counts made here from the files
# themselves, its registry denominators Illinois's agencies, its counties
# the 102 whose FIPS ids open with 17, its ICE sites those inside them (the
# rest counted as left out), and its title, lead, headlines and
# summary.json ("scope") say "Illinois (IL) only". On a small fixture: a set
# whose ids are no FIPS codes is left out and said, a state with no row is
# said and not a lead of zeros, a state with nothing is refused, and so are
# --state California (told CA) and an unknown code (exit 2, nothing
# written). Posts, cameras and police requests over IL and IN are kept to
# IL's counties (counted as `join` and `zone` count them there, none outside
# published in any file); a store of posts with no FIPS-coded area set is
# refused (exit 2, nothing written).
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
need_shared
need_us_atlas

# ---- the real data -------------------------------------------------------
DB=$(store real)
import_real "$DB"
check "audit --state il of the real data" "$SL" audit -s "$DB" -o "$WORK/il" --tech ring --since 2020-05-25 --state il --quiet
"$SL" partnerships --tech ring --state IL --json -s "$DB" >"$WORK/p.json"
"$SL" partnerships --tech ring --state IL --since 2020-05-25 --json -s "$DB" >"$WORK/ps.json"
"$SL" join --points sites --areas counties --json -s "$DB" >"$WORK/join.json"

PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" "$SL_SHARED_DATA" "$US_ATLAS" <<'PY'
import csv, json, os, re, sys
from checks import need, done
from report_page import map_data
w, data, atlas = sys.argv[1:4]
s = json.load(open(f"{w}/il/summary.json"))
html = open(f"{w}/il/report.html").read()
p, ps = json.load(open(f"{w}/p.json")), json.load(open(f"{w}/ps.json"))

need(s.get("scope", {}).get("states") == ["IL"] and s["scope"].get("label") == "Illinois (IL) only",
     f"summary.json carries the scope: {s.get('scope')}")
t = s.get("partnerships", {})
for k in ("snapshot", "total", "agencies", "linked", "unlinked", "by_year", "share"):
    need(t.get(k) == p.get(k), f"partnerships.{k} is `partnerships --state IL`'s: {t.get(k)!r} / {p.get(k)!r}")
need(t.get("since", {}).get("count") == ps["since"]["count"] and t["since"].get("month_or_year") == ps["since"]["month_or_year"],
     f"the count since 25 May 2020 is `partnerships --state IL --since`'s: {t.get('since')}")
# independently, from the files: the Atlas's Illinois rows of Ring, the
# registry's Illinois agencies
rows = [r for r in csv.DictReader(open(f"{data}/partnerships/atlas-of-surveillance-2020-10-07.csv", encoding="utf-8-sig"))
        if r["State"].strip().upper() == "IL" and re.search(r"\bring\b", r["Technology"], re.I)]
need(t.get("total") == len(rows) == 163, f"163 Atlas rows of Ring in IL: {t.get('total')} / {len(rows)}")
reg = [r for r in csv.DictReader(open(f"{data}/agencies/fbi-cde-agencies-2018.csv", encoding="utf-8-sig")) if r["state_abbr"] == "IL"]
cc = [r for r in reg if r["agency_type_name"] in ("City", "County")]
share = {x["denominator"]: x for x in t.get("share", [])}
need(share.get("all registry agencies", {}).get("agencies") == len(reg) == 934
     and share.get("city and county agencies", {}).get("agencies") == len(cc),
     f"the shares are over the registry's Illinois agencies ({len(reg)}, {len(cc)} city and county): {t.get('share')}")
by_state = s.get("agencies_by_state", [])
need([r["state"] for r in by_state] == ["IL"] and by_state[0]["agencies"] == len(reg)
     and by_state[0]["partnered"] == share["all registry agencies"]["partnered"],
     f"the table by state is Illinois's row alone, its partnered agencies the share's: {by_state}")
need(s.get("partnership_rows_by_state") == {"IL": 163}, f"rows by state: IL only: {s.get('partnership_rows_by_state')}")

# the counties: those of us-atlas whose FIPS id opens with 17
topo = json.load(open(atlas))
il_ids = [g["id"] for g in topo["objects"]["counties"]["geometries"] if str(g.get("id", "")).startswith("17")]
areas = {e["set"]: e for e in s.get("areas", [])}
c = areas.get("counties", {})
need(c.get("areas") == len(il_ids) == 102, f"102 Illinois counties measured: {c.get('areas')} / {len(il_ids)}")
need(c.get("areas", 0) + c.get("areas_left_out_of_scope", 0) == 3230, f"the rest are counted as left out: {c.get('areas_left_out_of_scope')}")
need(s.get("scope", {}).get("area_sets") == ["counties"], "the scope names the sets it kept")
# the sites: those inside Illinois's counties, as `join --points sites` counts them per county
j = json.load(open(f"{w}/join.json"))
in_il = sum(r["count"] for r in j["areas"] if r["id"].startswith("17"))
sites = c.get("joins", {}).get("sites", {})
need(sites.get("points") == in_il == s["scope"].get("sites") and in_il > 0,
     f"the sites in Illinois's counties ({in_il}) are the report's: {sites.get('points')}, {s['scope'].get('sites')}")
need(s["scope"].get("sites") + s["scope"].get("sites_left_out") == j["points"] == 1522,
     f"the sites left out are counted: {s['scope']}")
m = map_data(html)
need(len(m.get("sites", [])) == in_il, f"the map draws Illinois's sites only: {len(m.get('sites', []))}")
ids = [f["properties"]["id"] for a in m.get("areas", []) for f in a["features"]["features"]]
need(len(ids) == 102 and all(str(i).startswith("17") for i in ids), f"the map draws Illinois's counties only: {len(ids)}")
need(f"Only the areas in Illinois (IL) are counted: 3,128 more of the set lie elsewhere and are left out, and so are "
     f"the {1522 - in_il:,} sensitive sites outside them ({in_il} are inside)." in html, "the page says what it left out")

# the scope, said wherever a figure could be quoted
need(s.get("lead", "").startswith("Illinois (IL) only: by 7 October 2020, 163 law enforcement agencies had partnered with Ring"),
     f"the lead opens on the scope: {s.get('lead')!r}")
need("The 19.3% is 163 of the registry's 845 city and county agencies in Illinois (IL); of all its 934 agencies, 163 "
     "(17.5%)" in s.get("lead_notes", ""), f"the notes under the lead name the state's denominators: {s.get('lead_notes')!r}")
need(s["headlines"] and all(h["text"].startswith("Illinois (IL) only: ") for h in s["headlines"]),
     f"every headline says the scope: {[h['text'][:40] for h in s['headlines']]}")
readme = open(f"{w}/il/README.md", encoding="utf-8").read() if os.path.exists(f"{w}/il/README.md") else ""
need("**Illinois (IL) only:** every file holds the partnerships, agencies, areas and sites of Illinois (IL) alone" in readme,
     "data/'s README.md says the scope, for a file passed on alone")
need("\n1 row: one row per state" in readme and "Every partnership row is linked to the registry." in readme
     and "The 0 partnership rows" not in readme, "... and counts its rows in words: 1 row, no '0 partnership rows'")
need("<title>sightline audit — Police partnerships with Ring — Illinois (IL) only</title>" in html, "the page's title says what it counts (as its heading) and the scope")
need(re.search(r'<h1>Police partnerships with Ring: <span class="scope" id="scope">Illinois \(IL\) only</span></h1>', html),
     "the heading says the scope")
bs = list(csv.DictReader(open(f"{w}/il/data/partnerships_by_state.csv")))
need([(r["state"], r.get("filter_state")) for r in bs] == [("IL", "IL")],
     f"data/partnerships_by_state.csv is Illinois's row, and says its filter: {[(r['state'], r.get('filter_state')) for r in bs]}")
need("--state IL" in s.get("command", ""), f"the command that remakes the report keeps --state: {s.get('command')}")
done()
PY
[ $? = 0 ] && ok "the IL report's figures are partnerships --state IL's and the files'" || not_ok "the IL report's figures"

# a state the list has no Ring row of: said, no lead of zeros
check "audit --state AS of the real data" "$SL" audit -s "$DB" -o "$WORK/as" --tech ring --state AS --quiet
check "American Samoa's report says it holds no Ring row, and has no lead" python3 -c "
import json, sys
s = json.load(open('$WORK/as/summary.json'))
why = [x['why'] for x in s['skipped'] if x['analysis'] == 'partnerships']
sys.exit(0 if 'lead' not in s and 'partnerships' not in s and why and 'holds no row of “ring” in American Samoa (AS)' in why[0]
         and '\`sightline partnerships --tech ring --state AS\`' in why[0] else 1)"

# ---- refusals -----------------------------------------------------------
out=$("$SL" audit -s "$DB" -o "$WORK/ca" --state California 2>&1); rc=$?
refused() { # refused WHAT RC WANT TEXT DIR WORDS: RC is WANT, TEXT holds WORDS and DIR was not written
  if [ "$2" = "$3" ] && grep -qF -- "$6" <<<"$4" && [ ! -e "$5" ]; then ok "$1"; else not_ok "$1 (exit $2: $4)"; fi
}
refused "--state California: exit 2, told --state CA, as partnerships tells it" $rc 2 "$out" "$WORK/ca" "not 'California': --state CA"
check "partnerships gives the same words" bash -c "'$SL' partnerships --state California -s '$DB' 2>&1 | grep -qF \"not 'California': --state CA\""
"$SL" audit -s "$DB" -o "$WORK/zz" --state IL,ZZ >/dev/null 2>&1; rc=$?
check "--state IL,ZZ: exit 2, nothing written" bash -c "[ $rc = 2 ] && [ ! -e '$WORK/zz' ] && ! ls -a '$WORK' | grep -q '^\.zz'"

# ---- a small fixture ------------------------------------------------------
F=$SL_FIXTURES/state_report
FX=$(store fx)
"$SL" import agencies "$F/fbi.csv" --preset fbi-cde -s "$FX" >/dev/null 2>&1
"$SL" import partnerships "$F/atlas-2020-10-07.csv" --preset atlas -s "$FX" >/dev/null 2>&1
"$SL" import areas "$F/counties.geojson" --set counties --id id --name name --pop pop --black black -s "$FX" >/dev/null 2>&1
"$SL" import areas "$F/wards.geojson" --set wards --id id --name name --pop pop --black black -s "$FX" >/dev/null 2>&1
"$SL" import sites "$F/sites.csv" --category ice --id id --text name -s "$FX" >/dev/null 2>&1
check "audit --state IL of the fixture" "$SL" audit -s "$FX" -o "$WORK/fil" --tech ring --state IL --quiet
check "fixture: IL's 2 Ring rows over IL's 4 agencies (3 city and county), Cook and DuPage, 2 sites kept and 2 left out, the wards left out and said" python3 -c "
import json, sys
s = json.load(open('$WORK/fil/summary.json'))
sh = {x['denominator']: (x['partnered'], x['agencies']) for x in s['partnerships']['share']}
areas = {e['set']: e for e in s['areas']}
why = ' '.join(x['why'] for x in s['skipped'] if x['analysis'] == 'areas')
ok = (s['partnerships']['total'] == 2 and sh == {'all registry agencies': (2, 4), 'city and county agencies': (2, 3)}
      and list(areas) == ['counties'] and areas['counties']['areas'] == 2 and areas['counties']['areas_left_out_of_scope'] == 1
      and s['scope']['sites'] == 2 and s['scope']['sites_left_out'] == 2
      and '“wards” are not US FIPS codes' in why and 'cannot be known' in why
      and [r['state'] for r in s['agencies_by_state']] == ['IL'])
print(json.dumps([s['partnerships']['total'], sh, {k: (e['areas'], e.get('areas_left_out_of_scope')) for k, e in areas.items()}, s['scope'], why]), file=sys.stderr)
sys.exit(0 if ok else 1)"
check "fixture: a report of no --state is of every state, and says so" bash -c "
  '$SL' audit -s '$FX' -o '$WORK/fall' --tech ring --quiet &&
  python3 -c \"import json,sys; s=json.load(open('$WORK/fall/summary.json')); sys.exit(0 if s['scope'] == {'states': None, 'label': 'every state in the store'} and s['partnerships']['total'] == 4 else 1)\""
check "fixture: IN has no drone row: said, no lead; its county is measured" bash -c "
  '$SL' audit -s '$FX' -o '$WORK/fin' --tech drone --state IN --quiet &&
  python3 -c \"import json,sys; s=json.load(open('$WORK/fin/summary.json')); sys.exit(0 if 'lead' not in s and [e['areas'] for e in s['areas']] == [1] else 1)\""
out=$("$SL" audit -s "$FX" -o "$WORK/fwy" --state WY 2>&1); rc=$?
refused "fixture: WY has no row and no area: refused (exit 1), nothing written" $rc 1 "$out" "$WORK/fwy" \
  "no partnership row and no area in Wyoming (WY)"

# ---- posts, cameras and police requests over two states -------------------
# posts.csv: 11 in Cook and DuPage (IL), 7 in Lake (IN), 2 in Seattle;
# cameras.csv: 7 in IL, 5 in IN, 1 in Seattle; requests.csv: 3 that lie in
# IL (two points, a circle), an IN point, an IN polygon, a circle mostly in
# IN (a third of it over the line in Cook), a Chicago request made in IN and
# one in Seattle. A state's report keeps each to the areas of IL, by the
# rule that keeps the sites (and, for requests, the split the disparity uses).
POSTS=$(store_copy "$FX" fposts)
"$SL" import posts "$F/posts.csv" --text text --date date -s "$POSTS" >/dev/null 2>&1
"$SL" import requests "$F/requests.csv" -s "$POSTS" >/dev/null 2>&1
CAMS=$(store_copy "$POSTS" fcams)
"$SL" import cameras "$F/cameras.csv" -s "$CAMS" >/dev/null 2>&1
ZONE=south=bbox:-88.0,41.61,-87.2,41.98 # over Cook and Lake (IN); in IL, Cook's part: -88.0..-87.5
for x in posts cams; do
  db=$POSTS; [ $x = cams ] && db=$CAMS
  check "fixture with $x: audit --state IL keeps them to IL" "$SL" audit -s "$db" -o "$WORK/s$x" --tech ring --state IL \
    --k 3 --zone "$ZONE" --quiet
  check "fixture with $x: the same with --exact --k 1 (every cell and camera drawn)" "$SL" audit -s "$db" -o "$WORK/e$x" \
    --tech ring --state IL --exact --k 1 --hex 1000 --zone "$ZONE" --quiet
  for l in posts requests $([ $x = cams ] && echo cameras); do
    "$SL" join --points $l --areas counties --json -s "$db" >"$WORK/j$x-$l.json"
  done
  "$SL" zone --bbox -88.0,41.61,-87.5,41.98 --json -s "$db" >"$WORK/z$x.json"
  "$SL" zone --bbox -88.0,41.61,-87.2,41.98 --json -s "$db" >"$WORK/zall$x.json"
  "$SL" cameras --json -s "$db" >"$WORK/c$x.json" 2>/dev/null
done
PYTHONPATH="$SL_SOURCE/tests/e2e" python3 - "$WORK" "$F" <<'PY'
import csv, glob, json, os, sqlite3, sys
from checks import need, done
from report_page import map_data
w, f = sys.argv[1:3]
IL = ("17031", "17043")
box = (-88.3, 41.6, -87.5, 42.1) # Cook and DuPage
def inside(lon, lat, pad=0.0):
    return box[0] - pad <= lon <= box[2] + pad and box[1] - pad <= lat <= box[3] + pad
def rows(path):
    return list(csv.DictReader(open(path)))
left = [r for r in rows(f"{f}/posts.csv") if not inside(float(r["lon"]), float(r["lat"]))]
left += [r for r in rows(f"{f}/cameras.csv") if not inside(float(r["lon"]), float(r["lat"]))]
need(len(left) == 15, f"the fixture's points outside IL: {len(left)}")
for x in ("posts", "cams"):
    s = json.load(open(f"{w}/s{x}/summary.json"))
    sc = s["scope"]
    j = {l: json.load(open(f"{w}/j{x}-{l}.json")) for l in ("posts", "cameras", "requests") if os.path.exists(f"{w}/j{x}-{l}.json")}
    def il(l): return sum(r["count"] for r in j[l]["areas"] if r["id"] in IL)
    # the counts kept, as `join` counts them in IL's counties, and those left out
    need(sc.get("posts") == il("posts") == 11 and sc.get("posts_left_out") == j["posts"]["points"] - 11 == 9,
         f"{x}: the posts kept are those `join` puts in IL's counties: {sc}")
    if x == "cams":
        need(sc.get("cameras") == il("cameras") == 7 and sc.get("cameras_left_out") == 6,
             f"{x}: the cameras kept are those `join` puts in IL's counties: {sc}")
    else:
        need("cameras" not in sc, f"{x}: no cameras layer, none counted: {sc}")
    need(s["layers"]["posts"] == 11 and s["layers"]["cameras"] == (7 if x == "cams" else 0), f"{x}: layers: {s['layers']}")
    # requests: three lie in IL; the circle a third in Cook is left out, so
    # `join`'s Cook holds 2 and that third
    cook = [r["count"] for r in j["requests"]["areas"] if r["id"] == "17031"][0]
    need(sc.get("requests") == 3 and sc.get("requests_left_out") == 5 and 2.2 < cook < 2.5,
         f"{x}: 3 requests kept, 5 left out (the circle mostly in IN among them): {sc}, join's Cook {cook}")
    c = {e["set"]: e for e in s["areas"]}["counties"]["joins"]
    need([(r["id"], r["count"]) for r in c["requests"]["areas"]] == [("17031", 2.0), ("17043", 1.0)],
         f"{x}: requests per county: {c['requests']['areas']}")
    need(c["posts"]["points"] == 11 and c["posts"]["left_out_of_scope"] == 0, f"{x}: the posts' join: {c['posts']}")
    need("at least half" in sc.get("requests_rule", "") and sc.get("point_sets") == ["counties"], f"{x}: the rule is said: {sc}")
    # the unique cameras, the zone, the text filter and the disparity are of IL's points
    z, zall = json.load(open(f"{w}/z{x}.json")), json.load(open(f"{w}/zall{x}.json"))
    zr = s["zones"][0]
    need(zr["posts"] == z["posts"] == 8 and zr["cameras"] == z["cameras"] and zall["posts"] > 8,
         f"{x}: the zone counts IL's part as `zone` does: {zr} / {z['posts']}, {z['cameras']} (whole box {zall['posts']})")
    if x == "cams":
        need(zr["camera_points"] == z["camera_points"] == 5, f"{x}: the zone's cameras: {zr}")
    need(s["cameras"]["posts"] == 11 and s["cameras"]["cameras"] == 9, f"{x}: 11 posts, 9 unique locations: {s['cameras']}")
    fl = s["filters"][0]
    need(fl["posts"] == 3 and fl["of_posts"] == 11, f"{x}: the children filter counts IL's posts: {fl}")
    d = {e["events_kind"] if "events_kind" in e else e.get("kind"): e for e in s["disparity"]}
    need(s["disparity"] and all(e["events"] in (3, 7, 9) for e in s["disparity"]),
         f"{x}: the disparity counts IL's events: {[(e.get('events_kind'), e['events']) for e in s['disparity']]}")
    html = open(f"{w}/s{x}/report.html").read()
    need("3 of the store&#39;s 8 police requests (5 left out)" in html or "3 of the store's 8 police requests (5 left out)" in html,
         f"{x}: the page says what it kept and left out")
    # nothing published carries a point outside IL: every file of the
    # --exact --k 1 report (each camera and cell drawn), and the page's map
    e = f"{w}/e{x}"
    for path in glob.glob(f"{e}/data/*.geojson"):
        g = json.load(open(path))
        for ft in g["features"]:
            geom = ft.get("geometry") or {}
            if geom.get("type") == "Point":
                need(inside(*geom["coordinates"]), f"{x}: {os.path.basename(path)} has a point outside IL: {geom}")
            p = ft.get("properties", {})
            if "lon" in p and "lat" in p and os.path.basename(path).startswith("camera_density"):
                need(inside(p["lon"], p["lat"], 0.02), f"{x}: a hexagon outside IL: {p}")
    cells = rows(f"{e}/data/camera_density.csv")
    need(cells and all(inside(float(r["lon"]), float(r["lat"]), 0.02) for r in cells),
         f"{x}: camera_density.csv: every cell in IL ({len(cells)})")
    exact = json.load(open(f"{e}/data/cameras_exact.geojson"))["features"]
    need(len(exact) == (7 if x == "cams" else 9), f"{x}: the exact cameras are IL's: {len(exact)}")
    gp = sqlite3.connect(f"{e}/data/report.gpkg")
    for (t,) in gp.execute("SELECT table_name FROM gpkg_contents"):
        src = f"{e}/data/{t}.geojson"
        if os.path.exists(src):
            n = gp.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            need(n == len(json.load(open(src))["features"]), f"{x}: report.gpkg's {t} is the GeoJSON's {n} features")
    m = map_data(open(f"{e}/report.html").read())
    for ft in m.get("hexes", {}).get("features", []):
        ring = ft["geometry"]["coordinates"][0]
        lon, lat = sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
        need(inside(lon, lat, 0.02), f"{x}: the page's map draws a hexagon outside IL at {lon}, {lat}")
    need(m.get("hexes", {}).get("features"), f"{x}: the --exact --k 1 map draws its hexagons")
    for path in glob.glob(f"{e}/**/*", recursive=True):
        if os.path.isfile(path) and not path.endswith(".gpkg"):
            t = open(path, encoding="utf-8", errors="replace").read()
            for r in left:
                need(f'{r["lon"]}, {r["lat"]}' not in t and f'[{r["lon"]},{r["lat"]}]' not in t,
                     f"{x}: {os.path.basename(path)} carries {r['id']} ({r['lon']}, {r['lat']}), outside IL")
done()
PY
[ $? = 0 ] && ok "posts, cameras and requests are kept to IL, counted as join and zone count them, none outside it published" \
  || not_ok "posts, cameras and requests kept to IL"

# a state none of the store's requests lies in: said, no disparity of them, no error
NOREQ=$(store_copy "$FX" fnoreq)
grep -v '^q[123],' "$F/requests.csv" >"$WORK/requests_elsewhere.csv"
"$SL" import requests "$WORK/requests_elsewhere.csv" -s "$NOREQ" >/dev/null 2>&1
check "requests none of which lies in IL: audit --state IL" "$SL" audit -s "$NOREQ" -o "$WORK/fnoreq" --state IL --quiet
check "requests none of which lies in IL: the report counts them left out and says so" python3 - "$WORK" <<'PY'
import json, sys
s = json.load(open(f"{sys.argv[1]}/fnoreq/summary.json"))
sc = s["scope"]
why = [x["why"] for x in s["skipped"] if x["analysis"] == "request disparity"]
print(sc, why, file=sys.stderr)
sys.exit(0 if sc["requests"] == 0 and sc["requests_left_out"] == 5
         and why == ["none of the store's police requests for footage lies in Illinois (IL)"] else 1)
PY

# a store of posts whose only area set has no FIPS ids: which lie in IL cannot be told
NOFIPS=$(store nofips)
"$SL" import areas "$F/wards.geojson" --set wards --id id --name name --pop pop --black black -s "$NOFIPS" >/dev/null 2>&1
"$SL" import posts "$F/posts.csv" --text text --date date -s "$NOFIPS" >/dev/null 2>&1
out=$("$SL" audit -s "$NOFIPS" -o "$WORK/nofips" --state IL 2>&1); rc=$?
refused "posts and no area set with FIPS ids: --state is refused (exit 2), nothing written" $rc 2 "$out" "$WORK/nofips" \
  "no area set with US FIPS ids (counties, tracts) holds an area in Illinois (IL)"
finish
