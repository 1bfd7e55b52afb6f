#!/usr/bin/env bash
# report_files.sh — the files in data/ open right in QGIS and GDAL: every CSV
# has a .csvt beside it with one type per column, ids typed String so a FIPS
# code keeps its leading zero when GDAL reads the CSV; agencies.csv lists
# every partnered agency with ORI, county, the source's record id and page
# (the Atlas's AOSNUMBER and "Link 1") and a located flag (none dropped
# silently), while report.html carries neither id nor page; the partnership
# CSVs end each row with their snapshot and --tech; a store made
# before partnerships had source_url still audits, and gets the column on its
# next import; report.gpkg declares its area layers MultiPolygon, not Unknown.
. "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || { echo "SKIP: needs python3" >&2; exit 77; }
command -v ogrinfo >/dev/null || { echo "SKIP: needs ogrinfo (gdal-bin)" >&2; exit 77; }
DEMO=$(store demo)
"$SL" demo -s "$DEMO" >/dev/null
check "audit of the demo" "$SL" audit -s "$DEMO" -o "$WORK/demo" --quiet
OUTS="$WORK/demo"
if [ -d "${SL_SHARED_DATA:-/nonexistent}" ] && [ -f "${SL_SOURCE:-.}/node_modules/us-atlas/counties-10m.json" ]; then
  need_us_atlas
  DB=$(store real)
  "$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null 2>&1
  "$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1
  import_counties "$DB"
  check "audit of the real data" "$SL" audit -s "$DB" -o "$WORK/real" --tech ring --quiet
  OUTS="$OUTS $WORK/real"
else
  echo "# real data or us-atlas absent: demo only" >&2
fi

for out in $OUTS; do
  for csv in "$out"/data/*.csv; do
    t="${csv}t"
    if [ ! -f "$t" ]; then not_ok "$(basename "$csv") has a .csvt"; continue; fi
    cols=$(head -1 "$csv" | python3 -c 'import csv,sys; print(len(next(csv.reader(sys.stdin))))')
    types=$(python3 -c 'import csv,sys; print(len(next(csv.reader(open(sys.argv[1])))))' "$t")
    if [ "$cols" = "$types" ] && ! grep -qvE '^("(String|Integer64|Real|Integer\(Boolean\))",?)+$' "$t"; then ok "$(basename "$csv"): .csvt types each of its $cols columns"
    else not_ok "$(basename "$csv"): .csvt has $types types for $cols columns: $(cat "$t")"; fi
  done
  for layer in $(ogrinfo -q "$out/data/report.gpkg" | sed -n 's/^[0-9]*: \(areas_[^ ]*\).*/\1/p'); do
    g=$(ogrinfo -so "$out/data/report.gpkg" "$layer" | sed -n 's/^Geometry: //p')
    [ "$g" = "Multi Polygon" ] && ok "$layer in report.gpkg is typed MultiPolygon" || not_ok "$layer in report.gpkg is typed '$g'"
  done
  python3 - "$out" <<'PY'
import csv, json, sys
out = sys.argv[1]
s = json.load(open(f"{out}/summary.json"))
rows = list(csv.DictReader(open(f"{out}/data/agencies.csv")))
m = s["agencies_map"]
want = m["partnered_placed"] + m["partnered_without_location"]
ok = len(rows) == want and {"ori", "name", "type", "state", "county", "start", "technology", "located", "lon", "lat"} <= set(rows[0])
ok = ok and sum(r["located"] == "false" for r in rows) == m["partnered_without_location"]
ok = ok and all(r["lon"] == "" for r in rows if r["located"] == "false") and all(r["ori"] for r in rows)
print(("ok   - " if ok else "FAIL - ") + f"agencies.csv: all {want} partnered agencies with ORI, county, located flag ({len(rows)} rows)")
ids = sum(bool(r.get("record_id")) for r in rows)
urls = [r["source_url"] for r in rows if r.get("source_url")]
page = open(f"{out}/report.html", encoding="utf-8").read()
real = out.endswith("/real")
ok2 = ids == len(rows) and (not real or (len(urls) > 0.9 * len(rows) and all(u.startswith("http") for u in urls)))
ok2 = ok2 and '"record_id"' not in page and '"source_url"' not in page and not any(u in page for u in urls[:50])
print(("ok   - " if ok2 else "FAIL - ") + f"agencies.csv: record id on {ids} of {len(rows)} rows, source URL on {len(urls)}; neither in report.html")
# the county holding each located agency (its FIPS code on the real data),
# text of five digits whose state prefix names the agency's state
placed = [r for r in rows if r["located"] == "true"]
tagged = [r for r in placed if r.get("area_id")]
# (the demo's invented agencies lie partly outside its grid of tracts)
ok3 = len(tagged) > (0.95 * len(placed) if real else 0) and all(r["area_set"] for r in tagged)
ok3 = ok3 and '"area_id"' not in page
if real:
    STATES = {"01": "AL", "06": "CA", "12": "FL", "17": "IL", "36": "NY", "48": "TX", "15": "HI", "53": "WA"}
    ok3 = ok3 and all(r["area_set"] == "counties" and len(r["area_id"]) == 5 and r["area_id"].isdigit() for r in tagged)
    known = [r for r in tagged if r["area_id"][:2] in STATES]
    ok3 = ok3 and len(known) > 100 and sum(STATES[r["area_id"][:2]] == r["state"] for r in known) > 0.98 * len(known)
    types = open(f"{out}/data/agencies.csvt").read().strip().split(",")
    ok3 = ok3 and types[list(rows[0]).index("area_id")] == '"String"'
print(("ok   - " if ok3 else "FAIL - ") + f"agencies.csv: the area holding {len(tagged)} of {len(placed)} located agencies (county FIPS, as text, in the agency's state); not in report.html")
sys.exit(0 if ok and ok2 and ok3 else 1)
PY
  [ $? -eq 0 ] && ok "agencies.csv complete" || not_ok "agencies.csv complete"
  # A reader handed the directory, not its maker, finds what each file
  # holds: README.md names every file of data/ and every CSV column (none
  # left to "see report.html"), the CRS, text ids, the withheld cells and
  # the formula apostrophe, the sources, and why agencies.csv holds fewer
  # agencies than the lead
  check "$(basename "$out")/README.md says what every file and column of data/ holds" python3 - "$out" <<'PY'
import csv, glob, json, os, re, sys
out = sys.argv[1]
r = open(f"{out}/README.md", encoding="utf-8").read()
s = json.load(open(f"{out}/summary.json"))
bad = []
for f in sorted(glob.glob(f"{out}/data/*.csv") + glob.glob(f"{out}/data/*.geojson")):
    name = "data/" + os.path.basename(f)
    sec = r.split(f"### {name}\n", 1)
    if len(sec) < 2: bad.append(f"no section {name}"); continue
    sec = sec[1].split("\n### ", 1)[0]
    if f.endswith(".csv"):
        cols = next(csv.reader(open(f)))
        bad += [f"{name}: {c}" for c in cols if not re.search(r"^  - `%s`: (?!see summary)" % re.escape(c), sec, re.M)]
        n = sum(1 for _ in open(f)) - 1
        if not sec.lstrip("\n").startswith(f"{n:,} {'row' if n == 1 else 'rows'}: "): bad.append(f"{name}: row count")
for need in ["EPSG:4326", "leading zeros", "k = %d distinct" % s["k"], "_suppressed` true", "apostrophe",
             "## Sources", s["command"]]:
    if need not in r: bad.append("says " + need)
unlinked = s["partnerships"]["unlinked"]
if f"The {unlinked:,} partnership row" not in r if unlinked else "Every partnership row is linked" not in r:
    bad.append("the unlinked rows")
if out.endswith("/real") and "Atlas of Surveillance" not in r.split("## Sources", 1)[1]: bad.append("the Atlas credited")
print("    ", bad[:8])
sys.exit(1 if bad else 0)
PY
done
check "an audit again into the same directory replaces its README.md (the manifest lists it)" bash -c "
  grep -qx README.md '$WORK/demo/.sightline-report' && '$SL' audit -s '$DEMO' -o '$WORK/demo' --quiet && [ -s '$WORK/demo/README.md' ]"
# The audit's partnership CSVs carry their context as `partnerships --csv`
# does: constant columns after the data, the snapshot (the diff's two, each
# with its file) and
# filter_tech only when --tech was given; a file lifted out of data/ still
# says what it counts. Other CSVs carry none. (The demo's files, invented
# all, end with the column "synthetic" naming them: set aside here,
# synth_data_files.sh checks it.)
check "audit of the demo with --tech ring" "$SL" audit -s "$DEMO" -o "$WORK/demo_ring" --tech ring --quiet
check "data/ partnership CSVs end every row with snapshot (from_/to_snapshot) and, under --tech, filter_tech" \
  python3 - "$WORK/demo" "$WORK/demo_ring" <<'PY'
import csv, sys
every, ring = sys.argv[1:]
def tail(d, name, n):
    rows = list(csv.reader(open(f"{d}/data/{name}.csv")))
    if rows[0][-1] == "synthetic":
        assert all(r[-1].startswith("synthetic-") for r in rows[1:]), name
        rows = [r[:-1] for r in rows]
    return rows[0][-n:], {tuple(r[-n:]) for r in rows[1:]}, len(rows)
ok = True
for d, tech in ((every, []), (ring, ["ring"])):
    n = 1 + len(tech)
    for name in ("partnerships_by_county", "agencies"):
        head, vals, rows = tail(d, name, n)
        ok = ok and head == ["snapshot"] + ["filter_tech"] * len(tech) and vals == {tuple(["2020-10-07"] + tech)} and rows > 1
    head, vals, rows = tail(d, "partnerships_diff", n + 3)
    ok = ok and head == ["from_snapshot", "from_file", "to_snapshot", "to_file"] + ["filter_tech"] * len(tech)
    ok = ok and vals == {tuple(["2020-01-15", "synthetic-partnerships-2020-01-15.csv", "2020-10-07",
                                "synthetic-partnerships-2020-10-07.csv"] + tech)} and rows > 1
    ok = ok and "snapshot" not in next(csv.reader(open(f"{d}/data/sites.csv")))
sys.exit(0 if ok else 1)
PY
# A privacy flag column reads true or false, never empty: pandas reads it
# as a boolean column, and a filter on it does not meet NaN
check "every _suppressed and _protects column of data/*.csv reads true or false" python3 - "$WORK/demo" <<'PY'
import csv, glob, sys
seen, bad = 0, []
for f in glob.glob(sys.argv[1] + "/data/*.csv"):
    rows = list(csv.DictReader(open(f)))
    for c in rows[0] if rows else []:
        if c.endswith("_suppressed") or c.endswith("_protects"):
            seen += 1
            bad += [(f.rsplit("/", 1)[1], c, r[c]) for r in rows if r[c] not in ("true", "false")][:1]
print("    ", seen, "flag columns;", bad[:4])
sys.exit(0 if seen >= 4 and not bad else 1)
PY
# ... typed as GDAL's booleans in the .csvt (QGIS read "true" as text), as is
# agencies.csv's located
check "every flag column and agencies.csv's located are Integer(Boolean) in their .csvt, and GDAL reads them so" python3 - "$WORK/demo" <<'PY'
import csv, glob, subprocess, sys
seen, bad = 0, []
for f in glob.glob(sys.argv[1] + "/data/*.csv"):
    head = next(csv.reader(open(f)))
    types = next(csv.reader(open(f + "t")))
    for c, t in zip(head, types):
        if c.endswith("_suppressed") or c.endswith("_protects") or (f.endswith("/agencies.csv") and c == "located"):
            seen += 1
            if t != "Integer(Boolean)": bad.append((f.rsplit("/", 1)[1], c, t))
info = subprocess.run(["ogrinfo", "-ro", "-so", f"{sys.argv[1]}/data/agencies.csv", "agencies"], capture_output=True, text=True).stdout
if "located: Integer(Boolean)" not in info: bad.append(("ogrinfo agencies.csv", info[-200:]))
print("    ", seen, "boolean columns;", bad[:4])
sys.exit(0 if seen >= 5 and not bad else 1)
PY
# ... and so do the GeoJSON files' and report.gpkg's: a feature not withheld
# read no flag in the GeoJSON, NULL in the gpkg, which a QGIS filter
# "posts_suppressed = false" misses
check "every flag of data/*.geojson is true or false on every feature, and 0 or 1 in report.gpkg" python3 - "$WORK/demo" <<'PY'
import glob, json, sqlite3, sys
seen, bad = 0, []
db = sqlite3.connect(sys.argv[1] + "/data/report.gpkg")
for f in glob.glob(sys.argv[1] + "/data/*.geojson"):
    feats = json.load(open(f))["features"]
    keys = {k for x in feats for k in x["properties"] if k.endswith("_suppressed") or k.endswith("_protects")}
    layer = f.rsplit("/", 1)[1][:-len(".geojson")]
    for k in keys:
        seen += 1
        bad += [(layer, k, "geojson")] if any(not isinstance(x["properties"].get(k), bool) for x in feats) else []
        vals = {v for (v,) in db.execute(f'SELECT DISTINCT "{k}" FROM "{layer}"')}
        bad += [(layer, k, "gpkg", sorted(map(str, vals)))] if not vals <= {0, 1} else []
print("    ", seen, "flag columns;", bad[:4])
sys.exit(0 if seen >= 4 and not bad else 1)
PY
# The GeoJSON files and report.gpkg's layers carry the same constant
# columns: a map layer lifted out of data/ still says which list it counts
check "agencies and partnerships_by_* GeoJSON and report.gpkg layers carry snapshot and, under --tech, filter_tech" \
  python3 - "$WORK/demo" "$WORK/demo_ring" <<'PY'
import glob, json, sqlite3, sys
ok = True
for d, tech in zip(sys.argv[1:], ([], ["ring"])):
    db = sqlite3.connect(f"{d}/data/report.gpkg")
    for f in glob.glob(f"{d}/data/agencies.geojson") + glob.glob(f"{d}/data/partnerships_by_*.geojson"):
        props = [x["properties"] for x in json.load(open(f))["features"]]
        want = {"snapshot": "2020-10-07", **({"filter_tech": "ring"} if tech else {})}
        good = props and all(all(p.get(k) == v for k, v in want.items()) for p in props)
        good = good and all(("filter_tech" in p) == bool(tech) for p in props)
        layer = f.rsplit("/", 1)[1][:-8]
        cols = [r[1] for r in db.execute(f'PRAGMA table_info("{layer}")')]
        good = good and all(k in cols for k in want)
        print("    ", f.rsplit("/", 2)[1], layer, "ok" if good else "missing")
        ok = ok and good
sys.exit(0 if ok else 1)
PY
# A store from before partnerships.source_url: reads go on without it (no
# URL), and the next import adds the column.
OLD=$(store_copy "$DEMO" old)
store_sql "$OLD" "ALTER TABLE partnerships DROP COLUMN source_url"
has_url() { # has_url STORE: whether its partnerships table has the column
  case $1 in
  postgresql://*) [ "$(store_sql "$1" "SELECT count(*) FROM pg_attribute WHERE attrelid = 'sightline.partnerships'::regclass
                                      AND attname = 'source_url' AND NOT attisdropped")" = 1 ] ;;
  *) [ "$(store_sql "$1" "SELECT count(*) FROM pragma_table_info('partnerships') WHERE name = 'source_url'")" = 1 ] ;;
  esac
}
! has_url "$OLD" || not_ok "the column was not dropped"
check "an old store without partnerships.source_url audits" "$SL" audit -s "$OLD" -o "$WORK/old" --quiet
check "its agencies.csv has an empty source_url column" python3 -c "
import csv,sys; r=list(csv.DictReader(open('$WORK/old/data/agencies.csv'))); sys.exit(not (r and all(x['source_url']=='' and x['record_id'] for x in r)))"
! has_url "$OLD" && ok "reading an old store leaves it as it was" || not_ok "reading an old store added source_url"
printf 'id,name,lat,lon\nx-1,clinic,38.9,-77.0\n' >"$WORK/one.csv"
"$SL" import sites "$WORK/one.csv" --category clinic --id id --text name -s "$OLD" >/dev/null 2>&1
has_url "$OLD" && ok "the next import adds partnerships.source_url" || not_ok "an import left the old store without source_url"
if [ -d "$WORK/real" ]; then
  id=$(ogrinfo -q -where "id = '04015'" "$WORK/real/data/areas_counties.csv" areas_counties 2>/dev/null | sed -n 's/^ *id (String) = //p')
  [ "$id" = "04015" ] && ok "GDAL reads FIPS 04015 as text from areas_counties.csv" || not_ok "FIPS 04015 read by GDAL as '$id'"
fi
finish
