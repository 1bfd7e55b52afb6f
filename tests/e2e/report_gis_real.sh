#!/usr/bin/env bash
# report_gis_real.sh — the audit's published figures by place, on the real
# data (make demo-real's imports and audit): partnered agencies by state have
# one definition, the report's (by the registry's state, against the
# registry's agencies), in the report's table, summary.json, `partnerships
# --by state`, data/partnerships_by_state.csv and report.gpkg, whose columns
# say what they count and carry the denominator; summary.json's rows by the
# Atlas's state are named so; the partnered agencies located in no county
# (registry points in Lake Michigan, Lake Erie or the sea) are counted and
# named, in summary.json, the Methods and the state layer. The GIS files
# carry the counties as imported (every vertex, MultiPolygon; the page's map
# alone is simplified, and says so), the state outlines are valid, and GDAL
# re-joining the published agencies and sites to the published counties
# gives sightline's counts. A state whose Atlas rows are not linked (DC)
# says so beside its 0 in the state table. Skips loudly (77) without the
# real data.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
need_shared
need_us_atlas
DB=$(store real)
import_real "$DB"
check "audit of the real data" "$SL" audit -s "$DB" -o "$WORK/real" --tech ring --since 2020-05-25 --quiet
"$SL" partnerships --tech ring --by state --json -s "$DB" >"$WORK/by_state.json"
R=$WORK/real

check "partnered agencies by state: one figure (IL 163, TX 97, GA 48) in the table, summary, CLI, CSV and GeoPackage" \
  python3 - "$R" "$WORK/by_state.json" <<'PY'
import csv, json, re, sys, html as H
d, cli = sys.argv[1], json.load(open(sys.argv[2]))
s = json.load(open(f"{d}/summary.json"))
page = open(f"{d}/report.html").read()
summ = {r["state"]: r for r in s["agencies_by_state"]}
rows = {r["state"]: r for r in csv.DictReader(open(f"{d}/data/partnerships_by_state.csv"))}
reg = cli["by_registry"]
cols = ["id", "state", "counties", "residents", "registry_agencies", "city_county_agencies", "partnered_agencies",
        "partnered_per_100_agencies",
        "partnered_per_100k_residents", "partnered_without_location", "partnered_in_no_county", "rows_not_linked",
        "snapshot", "filter_tech"]
ok = list(next(csv.reader(open(f"{d}/data/partnerships_by_state.csv")))) == cols
for st, want in (("IL", 163), ("TX", 97), ("GA", 48)):
    r = rows[st]
    ok = ok and int(r["partnered_agencies"]) == summ[st]["partnered"] == reg[st]["partnered"] == want
    ok = ok and int(r["registry_agencies"]) == summ[st]["agencies"] == reg[st]["agencies"]
    ok = ok and re.search(rf"<tr><th scope=\"row\">{st}</th><td class=\"num\">{want}</td><td class=\"num\">{summ[st]['agencies']:,}</td>", page)
# every state of the registry, once, with the same figures
ok = ok and all(int(rows[k]["partnered_agencies"]) == v["partnered"] and int(rows[k]["registry_agencies"]) == v["agencies"]
                for k, v in summ.items()) and len(rows) == 56
# summary.json's rows by the Atlas's state are named as rows, not as the states' figure
ok = ok and "partnerships_by_state" not in s and s["partnership_rows_by_state"]["TX"] == 100
# located in no county: counted, named, and in the state layer
out = s["areas"][0]
ok = ok and out["partnered_outside"] == 11 and {"IL0492400", "IL0491600"} <= set(out["partnered_outside_ori"])
ok = ok and int(rows["IL"]["partnered_in_no_county"]) == 2 and sum(int(r["partnered_in_no_county"]) for r in rows.values()) == 11
ok = ok and sum(int(r["partnered_without_location"]) for r in rows.values()) == s["agencies_map"]["partnered_without_location"] == 6
agencies = list(csv.DictReader(open(f"{d}/data/agencies.csv")))
outside = {a["ori"] for a in agencies if a["located"] == "true" and not a["area_id"]}
ok = ok and outside == set(out["partnered_outside_ori"])
methods = H.unescape(re.sub(r"<[^>]+>", "", page[page.find('<section id="methods">'):]))
ok = ok and "11 located partnered agencies lie in no area of “counties”" in methods
ok = ok and "The registry gives 6 partnered agencies no location" in methods
ok = ok and "By state, an agency counts in the state the registry gives it" in methods
areas = H.unescape(re.sub(r"<[^>]+>", "", page[page.find('<section id="areas"'):page.find('</section>', page.find('<section id="areas"'))]))
ok = ok and "11 located partnered agencies lie in none (data/agencies.csv: no area_id)" in areas
ok = ok and "1 of the sites lies outside every area of “counties” and counts in none." in areas
print(f"     IL {rows['IL']['partnered_agencies']}/{rows['IL']['registry_agencies']}, TX {rows['TX']['partnered_agencies']}, "
      f"GA {rows['GA']['partnered_agencies']}; in no county {out['partnered_outside']}")
sys.exit(0 if ok else 1)
PY
# Cuyahoga's Census point, which the registry gives its agencies, lies in
# Lake Erie: by point the county counted 4 Ring partners while 2 more of
# its own lay in no county, and the note said only "11 … lie in none". The
# counts stay the points'; the note names the counties whose figures leave
# such agencies out, by each one's registry county (run of 2026-12-08).
check "the agencies in no county are named by the county their registry record gives (Cuyahoga, OH: 2 more than its 4)" \
  python3 - "$R" <<'PY'
import csv, html as H, json, re, sys
d = sys.argv[1]
out = json.load(open(f"{d}/summary.json"))["areas"][0]
named = {(c["name"], c["state"]): c for c in out["partnered_outside_counties"]}
cuy = named.get(("Cuyahoga", "OH"), {})
ok = cuy.get("id") == "39035" and cuy.get("agencies") == ["Pepper Pike Police Department", "Rocky River Police Department"]
# every agency in no county is in one named county or counted apart, once
ok = ok and sum(len(c["agencies"]) for c in named.values()) + out["partnered_outside_county_unnamed"] == out["partnered_outside"]
ag = {a["name"]: a for a in csv.DictReader(open(f"{d}/data/agencies.csv")) if a["located"] == "true" and not a["area_id"]}
ok = ok and all(a in ag and ag[a]["state"] == c["state"] and c["name"].upper() in ag[a]["county"].upper()
                for c in named.values() for a in c["agencies"])
counties = {r["id"]: r for r in csv.DictReader(open(f"{d}/data/areas_counties.csv"))}
ok = ok and counties["39035"]["partners"] == "4"
page = open(f"{d}/report.html").read()
areas = H.unescape(re.sub(r"<[^>]+>", "", page[page.find('<section id="areas"'):page.find('</section>', page.find('<section id="areas"'))]))
ok = ok and ("Their registry records name the counties whose figures here leave them out: Lake, IL (1), "
             "Barnstable, MA (1), New Hanover, NC (1), Cuyahoga, OH (2), Lake, OH (1)") in areas
print("     named:", ", ".join(f"{n}, {s} ({len(c['agencies'])})" for (n, s), c in named.items()),
      "; apart:", out["partnered_outside_county_unnamed"])
sys.exit(0 if ok else 1)
PY
# ... and a state's report names the agencies themselves, being few
check "Ohio's report names Cuyahoga's two and Lake's one under its areas' table" bash -c '
  "$1" audit -s "$2" -o "$3" --tech ring --state OH --quiet &&
  python3 - "$3" <<"PY"
import html as H, re, sys
page = open(f"{sys.argv[1]}/report.html").read()
text = H.unescape(re.sub(r"<[^>]+>", "", page))
want = ("3 located partnered agencies lie in none (data/agencies.csv: no area_id). Their registry records name the "
        "counties whose figures here leave them out: Cuyahoga, OH (2: Pepper Pike Police Department and Rocky River "
        "Police Department) and Lake, OH (1: Mentor Police Department).")
print("     " + (want if want in text else "not found"))
sys.exit(0 if want in text else 1)
PY' _ "$SL" "$DB" "$WORK/oh"
if command -v ogrinfo >/dev/null; then
  info=$(ogrinfo -so "$R/data/report.gpkg" partnerships_by_state 2>/dev/null)
  check "report.gpkg's state layer: MultiPolygon, 56 states, the denominator beside the count" sh -c '
    printf "%s" "$1" | grep -q "Geometry: Multi Polygon" && printf "%s" "$1" | grep -q "Feature Count: 56" &&
    printf "%s" "$1" | grep -q "^partnered_agencies: Integer" && printf "%s" "$1" | grep -q "^registry_agencies: Integer" &&
    printf "%s" "$1" | grep -q "^partnered_in_no_county: Integer"' _ "$info"
  check "report.gpkg: IL 163 of 934, as the CSV" bash -c "
    ogrinfo -ro -q '$R/data/report.gpkg' -sql \"SELECT partnered_agencies, registry_agencies FROM partnerships_by_state WHERE state = 'IL'\" |
    grep -q 'partnered_agencies (Integer[0-9]*) = 163' &&
    ogrinfo -ro -q '$R/data/report.gpkg' -sql \"SELECT registry_agencies FROM partnerships_by_state WHERE state = 'IL'\" |
    grep -q 'registry_agencies (Integer[0-9]*) = 934'"
else echo "note: ogrinfo missing: report.gpkg not read"; fi

# The GIS files carry the areas as imported (the geometry counted on), not
# the page's simplified outlines; a GIS re-join gives sightline's counts.
check "data/ holds every county whole: MultiPolygon, Cook as us-atlas draws it, Adams, CO with its 26 vertices" \
  python3 - "$R" "$US_ATLAS" "$WORK" <<'PY'
import json, os, subprocess, sys
d, atlas, w = sys.argv[1:4]
feats = json.load(open(f"{d}/data/areas_counties.geojson"))["features"]
by = {f["properties"]["id"]: f["geometry"] for f in feats}
nv = lambda g: sum(len(r) for p in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]) for r in p)
ok = {f["geometry"]["type"] for f in feats} == {"MultiPolygon"} and len(feats) == 3230
ok = ok and nv(by["08001"]) == 26 and sum(nv(g) for g in by.values()) > 68000
states = json.load(open(f"{d}/data/partnerships_by_state.geojson"))["features"]
ok = ok and {f["geometry"]["type"] for f in states} == {"MultiPolygon"}
# us-atlas's own coordinates, read by GDAL's TopoJSON driver when there is one
if subprocess.run(["ogr2ogr", "-f", "GeoJSON", f"{w}/atlas.geojson", atlas, "counties"], capture_output=True).returncode == 0:
    u = {f["properties"]["id"]: f["geometry"] for f in json.load(open(f"{w}/atlas.geojson"))["features"]}
    cook = u["17031"]
    ok = ok and by["17031"]["coordinates"] == (cook["coordinates"] if cook["type"] == "MultiPolygon" else [cook["coordinates"]])
    same = sum(nv(by[k]) == nv(u[k]) for k in by)
    print(f"     {same} of {len(by)} counties with us-atlas's vertices (the rest repaired at import)")
    ok = ok and same >= len(by) - 22
sizes = {n: os.path.getsize(f"{d}/data/{n}") for n in ("areas_counties.geojson", "partnerships_by_state.geojson", "report.gpkg")}
print("     sizes:", ", ".join(f"{n} {v / 1e6:.1f} MB" for n, v in sizes.items()))
ok = ok and sizes["areas_counties.geojson"] < 5e6 and sizes["report.gpkg"] < 5e6 and os.path.getsize(f"{d}/report.html") < 1.3e6
sys.exit(0 if ok else 1)
PY
if command -v ogrinfo >/dev/null && ogrinfo -ro -q "$R/data/report.gpkg" -dialect SQLite -sql "SELECT ST_IsValid(geom) FROM partnerships_by_state LIMIT 1" >/dev/null 2>&1; then
  q() { ogrinfo -ro -q "$R/data/report.gpkg" -dialect SQLite -sql "$1"; }
  check "report.gpkg: every state outline valid (Alaska too)" bash -c "
    ogrinfo -ro -q '$R/data/report.gpkg' -dialect SQLite -sql 'SELECT count(*) AS n FROM partnerships_by_state WHERE NOT ST_IsValid(geom)' |
    grep -q 'n (Integer) = 0'"
  q "SELECT c.id AS id, count(*) AS n FROM areas_counties c JOIN agencies a ON ST_Intersects(c.geom, a.geom) GROUP BY c.id" >"$WORK/rejoin_agencies.txt"
  q "SELECT c.id AS id, count(*) AS n FROM areas_counties c JOIN sites a ON ST_Intersects(c.geom, a.geom) GROUP BY c.id" >"$WORK/rejoin_sites.txt"
  q "SELECT count(*) AS n FROM agencies a WHERE NOT EXISTS (SELECT 1 FROM areas_counties c WHERE ST_Intersects(c.geom, a.geom))" >"$WORK/out_agencies.txt"
  q "SELECT count(*) AS n FROM sites a WHERE NOT EXISTS (SELECT 1 FROM areas_counties c WHERE ST_Intersects(c.geom, a.geom))" >"$WORK/out_sites.txt"
  check "GDAL re-joining the published agencies and sites to the published counties gives sightline's counts" \
    python3 - "$R" "$WORK" <<'PY'
import csv, json, re, sys
d, w = sys.argv[1:3]
def per(name):
    return {m[0]: int(m[1]) for m in re.findall(r"id \(String\) = (\S+)\n\s+n \(Integer\) = (\d+)", open(f"{w}/{name}").read())}
def one(name):
    return int(re.search(r"n \(Integer\) = (\d+)", open(f"{w}/{name}").read()).group(1))
ag, si = per("rejoin_agencies.txt"), per("rejoin_sites.txt")
rows = list(csv.DictReader(open(f"{d}/data/areas_counties.csv")))
s = json.load(open(f"{d}/summary.json"))["areas"][0]
bad_a = [r["id"] for r in rows if int(r["partners"] or 0) != ag.get(r["id"], 0)]
bad_s = [r["id"] for r in rows if int(r["sites"] or 0) != si.get(r["id"], 0)]
print(f"     agencies: {sum(ag.values())} in counties, {one('out_agencies.txt')} in none (sightline {s['partnered_outside']}), "
      f"{len(bad_a)} counties differ; sites: {sum(si.values())} in counties, {one('out_sites.txt')} in none "
      f"(sightline {s['joins']['sites']['outside']}), {len(bad_s)} counties differ")
ok = not bad_a and not bad_s and one("out_agencies.txt") == s["partnered_outside"] == 11
ok = ok and one("out_sites.txt") == s["joins"]["sites"]["outside"]
sys.exit(0 if ok else 1)
PY
else echo "note: ogrinfo with SpatiaLite missing: the GIS re-join was not checked"; fi
# Every technology: DC's 7 Atlas rows are not linked to the registry, and
# its 0 of 3 says so beside it (the table's column and the sentence).
# us-atlas's Falls Church (51610) has no shape: skipped, and every total of
# residents leaves its people out. "1 skipped (no geometry)" did not say whose.
check "the report's sources name the county skipped and what it costs (51610 Falls Church)" grep -qF \
  "3,230 of the file’s 3,231 features imported; 1 skipped (no geometry: 51610 Falls Church; no figure counts what lies in it)." "$WORK/real/report.html"
check "audit of every technology" "$SL" audit -s "$DB" -o "$WORK/all" --quiet
check "the report's state table: DC 0 of 3, no rate (not 0.0: its police partners), its 7 rows not linked, and the sentence under it" python3 - "$WORK/all" <<'PY'
import csv, json, sys
d = sys.argv[1]
page, s = open(f"{d}/report.html").read(), json.load(open(f"{d}/summary.json"))
note = "7 records in DC are not linked to the agency registry, so no share counts them: “sightline import links” links them."
dc = [r for r in s["agencies_by_state"] if r["state"] == "DC"][0]
ok = '<tr><th scope="row">DC</th><td class="num">0</td><td class="num">3</td><td class="num">—</td><td class="num">7</td></tr>' in page
ok = ok and f'<p class="note unlinked">{note}</p>' in page and dc["unlinked_rows"] == 7 and dc["unlinked_note"] == note
ok = ok and "rows in IL are not linked" not in page  # IL has partnered agencies: its column says it
rows = {r["state"]: r for r in csv.DictReader(open(f"{d}/data/partnerships_by_state.csv"))}
ok = ok and rows["DC"]["rows_not_linked"] == "7" and rows["PR"]["rows_not_linked"] == "10"
ok = ok and rows["DC"]["partnered_per_100_agencies"] == "" and dc["per_100_agencies"] is None
# no --tech: the context is the snapshot alone
ok = ok and all(r["snapshot"] == "2020-10-07" and "filter_tech" not in r for r in rows.values())
sys.exit(0 if ok else 1)
PY
# Every technology's coarse dates since 7 October 2019 are mostly a bare
# year in the Atlas's date column, not months from the summary: the report lead's
# notes and the headline say both counts (Ring's, all from the summary, keep
# their one sentence: report_story.sh). By hand from the raw Atlas, a
# summary's month counted only where the cell gives no year or that same
# year (16 rows of other technologies name another): 181 and 1,085.
check "every technology: the coarse dates' two origins, 181 from the summary and 1,085 from the date column" python3 - "$WORK/all" <<'PY'
import json, sys
s = json.load(open(f"{sys.argv[1]}/summary.json"))
since = s["partnerships"]["since"]
notes = s["lead_notes"]
ok = since["month_or_year"] == 1266 and since["month_or_year_in_date_column"] == 1085
ok = ok and ("The 1,266 dated only to a month or year: 181 read from the summary text where the date column gives no "
             "day, 1,085 so in the date column itself.") in notes
ok = ok and "The 1,266 dated only to a month or year are read from the summary text" not in notes
ok = ok and any("1,266 of them are dated only to a month or year, 181 read from the summary text where the date column "
                "gives no day, 1,085 so in the date column itself;" in h["text"] for h in s["headlines"])
print("    ", notes[notes.find("The 1,266"):][:160])
sys.exit(0 if ok else 1)
PY
# A reporter opens data/areas_counties.csv in a spreadsheet: the rows in
# id order (FIPS: by state, then county), not the boundary file's (Mohave,
# Tangipahoa, Lincoln...), and residents as whole people (QuickFacts gives
# percentages; Mohave's 1.3% Black of 203,361 was 2643.693); the GeoJSON and
# the GeoPackage the same; summary.json's figures are the store's.
check "data/areas_counties.csv: rows by id, residents whole (Mohave: 2,644 Black), GeoJSON and GPKG alike" python3 - "$R" <<'PY'
import csv, json, sqlite3, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(f"{d}/data/areas_counties.csv")))
ids = [r["id"] for r in rows]
ok = len(rows) == 3230 and ids == sorted(ids) and ids[:3] == ["01001", "01003", "01005"]
people = ("pop", "black", "hispanic", "white_nh", "foreign_born")
ok = ok and all(r[k] == "" or r[k].isdigit() for r in rows for k in people)
mohave = [r for r in rows if r["id"] == "04015"][0]
ok = ok and mohave["name"] == "Mohave" and mohave["black"] == "2644" and mohave["pop"] == "203361"
ok = ok and '"Integer64","Integer64","Integer64","Integer64","Integer64"' in open(f"{d}/data/areas_counties.csvt").read()
feats = json.load(open(f"{d}/data/areas_counties.geojson"))["features"]
ok = ok and [f["properties"]["id"] for f in feats] == ids and feats[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
gp = sqlite3.connect(f"{d}/data/report.gpkg").execute("SELECT id, black FROM areas_counties WHERE id = '04015'").fetchall()
ok = ok and gp == [("04015", 2644)]
print("     first rows:", ids[:3], "Mohave:", mohave["black"], "GPKG:", gp)
sys.exit(0 if ok else 1)
PY
# ... and so do the other tables a reader looks a row up in: the states by
# FIPS code (they came in the boundary file's order: AZ, LA, ...), the
# partnered agencies by state, then name (they came in the registry's).
check "data/partnerships_by_state.csv by id (01 AL first), agencies.csv by state then name" python3 - "$R" <<'PY'
import csv, json, sys
d = sys.argv[1]
st = list(csv.DictReader(open(f"{d}/data/partnerships_by_state.csv")))
ids = [r["id"] for r in st]
ok = len(st) == 56 and ids == sorted(ids) and st[0]["state"] == "AL"
feats = json.load(open(f"{d}/data/partnerships_by_state.geojson"))["features"]
ok = ok and [f["properties"]["id"] for f in feats] == ids
ag = list(csv.DictReader(open(f"{d}/data/agencies.csv")))
keys = [(r["state"], r["name"], r["ori"]) for r in ag]
ok = ok and len(ag) > 1400 and keys == sorted(keys)
print("     states:", [r["state"] for r in st[:3]], "agencies:", [k[:2] for k in keys[:2]])
sys.exit(0 if ok else 1)
PY
# A state's residents are whole people: typed Integer64 in the .csvt (GDAL
# and QGIS read Real as a float column), whole in the GeoJSON and the
# GeoPackage, the sum of its counties' pop.
check "partnerships_by_state: residents Integer64 in the .csvt, whole in GeoJSON and GPKG, its counties' sum" python3 - "$R" <<'PY'
import csv, json, sqlite3, sys
d = sys.argv[1]
head = next(csv.reader(open(f"{d}/data/partnerships_by_state.csv")))
types = open(f"{d}/data/partnerships_by_state.csvt").read().strip().split(",")
ok = types[head.index("residents")] == '"Integer64"'
feats = json.load(open(f"{d}/data/partnerships_by_state.geojson"))["features"]
az = [f["properties"] for f in feats if f["properties"]["state"] == "AZ"][0]
counties = [r for r in csv.DictReader(open(f"{d}/data/areas_counties.csv")) if r["id"].startswith("04")]
ok = ok and type(az["residents"]) is int and az["residents"] == sum(int(r["pop"]) for r in counties)
gp = sqlite3.connect(f"{d}/data/report.gpkg").execute("SELECT typeof(residents) FROM partnerships_by_state WHERE state = 'AZ'").fetchall()
ok = ok and gp == [("integer",)]
print("     residents type:", types[head.index("residents")], "AZ:", az["residents"], "GPKG:", gp)
sys.exit(0 if ok else 1)
PY
# data/'s partnership CSVs say on every row which snapshot and technology
# they count (as `partnerships --csv`), and no since, which they ignore.
check "data/ partnership CSVs end each row with snapshot and filter_tech, no filter_since" python3 - "$R" <<'PY'
import csv, sys
d = sys.argv[1]
ok = True
for name in ("partnerships_by_state", "agencies"):
    head = next(csv.reader(open(f"{d}/data/{name}.csv")))
    rows = list(csv.DictReader(open(f"{d}/data/{name}.csv")))
    types = open(f"{d}/data/{name}.csvt").read().strip().split(",")
    ok = ok and head[-2:] == ["snapshot", "filter_tech"] and "filter_since" not in head and len(types) == len(head)
    ok = ok and types[-2:] == ['"String"', '"String"'] and all(r["snapshot"] == "2020-10-07" and r["filter_tech"] == "ring" for r in rows)
sys.exit(0 if ok else 1)
PY
# The state table and the areas' table count every Ring partnership of the
# snapshot, not only those since --since: each says so under its title, in
# the map legend's words (one sentence, summary.json's agencies_map.label).
check "the state table and the areas' table say whom they count, in the legend's words" python3 - "$R" <<'PY'
import json, sys
d = sys.argv[1]
s, page = json.load(open(f"{d}/summary.json")), open(f"{d}/report.html").read()
label = "agencies with a “ring” partnership by 7 October 2020, whatever its start (not only those since 25 May 2020)"
note = f'<p class="note agencies-counted">Counted here: {label}.</p>'
ok = s["agencies_map"]["label"] == label and page.count(note) == 2
ok = ok and f"<h3>By state, most partnered agencies first</h3>\n{note}" in page
ok = ok and f"<h3>Areas with the most partnered agencies</h3>\n{note}" in page
sys.exit(0 if ok else 1)
PY
check "summary.json's partnerships.query, run through the CLI, gives the block's total and by_year (1,501, not the 212 since)" \
  python3 - "$R" "$SL" "$DB" <<'PY'
import json, subprocess, sys
d, sl, db = sys.argv[1:]
s = json.load(open(f"{d}/summary.json"))
t = s["partnerships"]
args = [sl, "partnerships", "-s", db, "--json"]
for k, v in t["query"].items():
    args += [f"--{k}", v]
cli = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
ok = cli["total"] == t["total"] == 1501 and cli["by_year"] == t["by_year"] and cli["share"] == t["share"]
ok = ok and "since" not in t["query"] and t["since"]["date"] == "2020-05-25" and t["since"]["count"] == 212
ok = ok and " --since 2020-05-25 " in s["command"]
print(f"     query {t['query']}: CLI {cli['total']}, summary {t['total']}; since {t['since']['date']}: {t['since']['count']}")
sys.exit(0 if ok else 1)
PY
# QuickFacts gives percentages: the report says under the table of
# residents, not only in docs, that its residents by group are rounded
# estimates.
check "the Ring report says once, under the counties' residents, that residents by group are rounded estimates" \
  python3 -c 'import sys; p = open(sys.argv[1]).read(); n = "<p class=\"note\">Residents by group in <code>data/</code> are rounded estimates, not counts"; sys.exit(not (p.count(n) == 1 and p.find(n) > p.find("<h3>Areas with the most partnered agencies</h3>") and p.find(n) < p.find("<section id=\"methods\">")))' "$R/report.html"
check "the page's map says its outlines are simplified and data/ carries them whole" \
  grep -q 'Outlines are simplified on this page (“counties” by up to 13 km).*<code>data/</code> and <code>report.gpkg</code> carry whole' "$R/report.html"
# The counties span the country: the study is national, and its map holds
# every ICE site, where a city's study keeps those inside its areas (city_tracts.sh).
check "a national study: no local_areas, and data/sites.csv holds all 1,522 ICE sites" \
  test "$(python3 -c "import json; print('local_areas' in json.load(open('$R/summary.json')))") $(($(wc -l <"$R/data/sites.csv") - 1))" = "False 1522"
check "… whose lead is not marked as a list wider than the study" \
  bash -c "! grep -q 'in the whole list\|The lead counts every agency of the partnership list' '$R/report.html'"
finish
