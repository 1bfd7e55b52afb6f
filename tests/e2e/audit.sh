#!/usr/bin/env bash
# audit.sh — `sightline audit` on the synthetic demo: summary.json carries
# every figure with version, seed and hashed inputs; camera cells with fewer
# than k cameras appear nowhere (GeoJSON, GeoPackage, the report's map data);
# --exact adds the warning banner; CSV cells cannot run as formulas; post
# texts holding markup are escaped; a failing audit leaves DIR untouched.
set -euo pipefail
: "${SL:?path to the sightline CLI}"
command -v python3 >/dev/null && command -v sqlite3 >/dev/null || { echo "SKIP: needs python3 and sqlite3" >&2; exit 77; }
. "$(dirname "$0")/lib.bash"
tmp=$WORK
DB=$(store demo)
fail() { echo "FAIL: $*" >&2; exit 1; }

"$SL" demo -s "$DB" >/dev/null
"$SL" audit -s "$DB" -o "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr" || { cat "$tmp/stderr"; fail "audit exit"; }
# The store is named by its file name only: a published report must not
# reveal the author's folders.
grep -q "$tmp" "$tmp/out/report.html" "$tmp/out/summary.json" && fail "the report names the store's folder $tmp"
grep -q "\"store\": \"$(store_label demo)\"" "$tmp/out/summary.json" || fail "summary.json does not name the store $(store_label demo)"
grep -q "^report: $tmp/out/report.html" "$tmp/stdout" || fail "path not printed"
grep -q '\[#' "$tmp/stderr" && fail "progress bar drawn on a non-terminal"
for f in report.html summary.json data/report.gpkg data/camera_density.geojson data/areas_demo-tracts.geojson \
         data/areas_demo-tracts.csv data/sites.geojson data/agencies.geojson; do
  [ -s "$tmp/out/$f" ] || fail "missing $f"
done
# Without --tech the lead counts every technology, and says so: a reader must
# not take it for a count of Ring partnerships.
grep -q '"lead": "By 7 October 2020, [0-9,]* agencies had at least one surveillance technology on record (every technology in the data, not one vendor' "$tmp/out/summary.json" ||
  fail "the lead without --tech does not say it counts every technology"
# Residents' post texts are counted by the filters, never published without --exact.
[ -e "$tmp/out/data/filter_children_posts.csv" ] && fail "post texts written to data/ without --exact"
grep -q 'class="post-text"' "$tmp/out/report.html" && fail "post texts in the report without --exact"
grep -q "texts are not published here" "$tmp/out/report.html" || fail "the filters section does not say the texts are left out"
[ "$(stat -c %a "$tmp/out")" != 700 ] || fail "report directory left with mkdtemp's 0700"

# summary.json: version, seed, k, inputs with sha256, figures with denominators and dates.
python3 - "$tmp/out" <<'PY'
import json, re, sys
out = sys.argv[1]
s = json.load(open(f"{out}/summary.json"))
def need(cond, what):
    if not cond: sys.exit(f"FAIL: summary.json: {what}")
need(re.fullmatch(r"\d+\.\d+\.\d+", s["sightline_version"]), "sightline_version")
need(s["seed"] == 2018 and s["k"] == 5 and s["exact"] is False and s["synthetic"] is True, "seed/k/exact/synthetic")
need(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", s["generated_at"]), "generated_at")
need(len(s["inputs"]) >= 7 and all(re.fullmatch(r"[0-9a-f]{64}", i["sha256"]) and i["file"].startswith("synthetic-") for i in s["inputs"]), "inputs with sha256")
kinds = {i["kind"] for i in s["inputs"]}
need({"agencies", "partnerships", "areas", "posts", "sites"} <= kinds, f"input kinds {kinds}")
p = s["partnerships"]
need(p["snapshot"] == "2020-10-07" and p["since"]["date"] == "2019-10-07", "tracker snapshot and since date")
share = [r for r in p["share"] if r["denominator"] == "city and county agencies"][0]
need(share["agencies"] == 28 and share["partnered"] == 24, "share denominator")
want = {"new": 7, "ended": 1, "changed": 1, "in_from": 19, "in_to": 25, "rows_from": 19, "rows_to": 25}
need({k: s["diff"]["counts"].get(k) for k in want} == want
     and "caveat" not in s["diff"] and "rows_note" not in s["diff"], "diff counts")
d = s["density"]
need(d["cameras"] == s["cameras"]["cameras"] > 0 and d["k"] == 5, "density cameras")
need(d["cells"] == d["cells_shown"] + d["suppressed_cells"] and d["suppressed_cells"] > 0 and d["cells_shown"] > 0, "density cells add up")
need(len(s["sites"]) == 2 and [n["radius_m"] for n in s["sites"]] == [80, 400], "near radii 80 and 400 m")
f = s["filters"][0]
need(f["name"] == "children" and 0 < f["posts"] < f["of_posts"] == s["layers"]["posts"], "children filter with denominator")
need(abs(f["share"] - f["posts"] / f["of_posts"]) < 1e-12, "filter share")
for r in s.get("disparity", []):
    need(r["seed"] == 2018 and r["set"] == "demo-tracts", "disparity seed and set")
    for g in r["groups"]:
        need(g["ci_low"] is None or g["ci_low"] <= g["share"] <= g["ci_high"], f"interval of {g['group']}")
need(len(s["headlines"]) >= 5 and all(h["text"] and "figures" in h for h in s["headlines"]), "headlines with figures")
need(any("of the 28 city and county agencies" in h["text"] and "7 October 2020" in h["text"] for h in s["headlines"]), "partnership headline with denominator and date")
# The demo is invented throughout: each headline says so briefly, by layer (its files are under Sources).
need(all(re.search(r"\(synthetic demo data: [a-z ,]+\)$", h["text"]) and "synthetic-" not in h["text"] and h.get("synthetic")
         for h in s["headlines"]), "demo headlines name their invented layers, not file names")
need(any(h["text"].endswith("(synthetic demo data: partnerships and agencies)") for h in s["headlines"]) and
     any(h["text"].endswith("(synthetic demo data: police requests and areas)") for h in s["headlines"]), "demo notes read as words")
need(any(x["analysis"] == "zones" for x in s["skipped"]), "skipped analyses listed")
PY

# k-suppression everywhere: GeoJSON, GeoPackage, the report's map data.
check_k() { # DIR K
  python3 - "$1" "$2" <<'PY'
import json, re, sys
out, k = sys.argv[1], int(sys.argv[2])
cells = json.load(open(f"{out}/data/camera_density.geojson"))["features"]
assert cells, "no cell shown at all"
bad = [c["properties"]["cameras"] for c in cells if 0 < c["properties"]["cameras"] < k]
assert not bad, f"GeoJSON cells under k={k}: {bad}"
html = open(f"{out}/report.html", encoding="utf-8").read()
m = re.search(r'<script type="application/json" id="sl-map"[^>]*>(.*?)</script>', html, re.S)
data = json.loads(m.group(1))
assert all(c["properties"]["cameras"] >= k for c in data["hexes"]["features"]), "report map cell under k"
assert "cameras_exact" not in data, "exact cameras in a default report"
for name in ("areas_demo-tracts", "camera_density", "sites", "agencies"):
    json.load(open(f"{out}/data/{name}.geojson"))
print(len(cells))
PY
}
n5=$(check_k "$tmp/out" 5)
[ "$(sqlite3 "$tmp/out/data/report.gpkg" 'SELECT count(*) FROM camera_density WHERE cameras > 0 AND cameras < 5')" = 0 ] || fail "GeoPackage cell under k"
[ "$(sqlite3 "$tmp/out/data/report.gpkg" 'SELECT count(*) FROM camera_density')" = "$n5" ] || fail "GeoPackage and GeoJSON differ"
sqlite3 "$tmp/out/data/report.gpkg" "SELECT table_name FROM gpkg_contents" | grep -qx areas_demo-tracts || fail "gpkg areas layer"
if command -v ogrinfo >/dev/null; then ogrinfo -ro -so "$tmp/out/data/report.gpkg" >/dev/null || fail "ogrinfo cannot open report.gpkg"; fi
ls "$tmp/out/data" | grep -q cameras_exact && fail "exact cameras written without --exact"
grep -q 'id="exact-warning"' "$tmp/out/report.html" && fail "exact banner without --exact"
grep -q 'SYNTHETIC DEMO DATA' "$tmp/out/report.html" || fail "synthetic banner"

"$SL" audit -s "$DB" -o "$tmp/k3" --k 3 --quiet >"$tmp/quiet"
[ "$(wc -l <"$tmp/quiet")" = 1 ] || fail "--quiet prints more than the path"
n3=$(check_k "$tmp/k3" 3)
[ "$n3" -gt "$n5" ] || fail "--k 3 should show more cells ($n3 vs $n5)"

# --exact: exact points and a visible warning banner.
"$SL" audit -s "$DB" -o "$tmp/exact" --exact --quiet >/dev/null
grep -q 'id="exact-warning"' "$tmp/exact/report.html" || fail "--exact without banner"
[ -s "$tmp/exact/data/cameras_exact.geojson" ] || fail "--exact without cameras_exact.geojson"
grep -q '"exact": true' "$tmp/exact/summary.json" || fail "--exact not in summary"
[ -s "$tmp/exact/data/filter_children_posts.csv" ] || fail "--exact without the filter's texts"

# CSV: no cell starts with = + - @ (the demo has an =HYPERLINK post, whose
# text only --exact writes).
python3 - "$tmp/out/data" "$tmp/exact/data" <<'PY'
import csv, glob, sys
seen = False
for path in glob.glob(sys.argv[1] + "/*.csv") + glob.glob(sys.argv[2] + "/*.csv"):
    for row in csv.reader(open(path, encoding="utf-8", newline="")):
        for cell in row:
            if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not cell[1:2].isdigit()):
                sys.exit(f"FAIL: {path}: formula cell {cell!r}")
            seen |= cell.startswith("'=HYPERLINK")
if not seen: sys.exit("FAIL: the =HYPERLINK post was not written (neutralized) to any CSV")
PY

# Escaping: the payload post (listed with --exact) is text in the page, never markup.
grep -q '&lt;script&gt;window.__pwned=1&lt;/script&gt;' "$tmp/exact/report.html" || fail "payload not shown escaped"
grep -q '&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;' "$tmp/exact/report.html" || fail "img payload not escaped"
grep -q '<script>window.__pwned' "$tmp/out/report.html" "$tmp/exact/report.html" && fail "raw payload script in the page"
grep -q '<img src=x' "$tmp/out/report.html" "$tmp/exact/report.html" && fail "raw payload img in the page"

# Atomic output: a failing audit leaves an existing report untouched and no
# temporary files. (A directory the audit did not write is never replaced:
# tests/e2e/hostile_outdir.sh.)
"$SL" audit -s "$DB" -o "$tmp/keep" --seed 7 --quiet >/dev/null
before=$(cd "$tmp/keep" && find . -type f -exec sha256sum {} + | sort | sha256sum)
set +e
"$SL" audit -s "$DB" -o "$tmp/keep" --filter 'broken=(' --quiet 2>"$tmp/err"
rc=$?
set -e
[ $rc -ne 0 ] || fail "bad --filter pattern should fail"
[ "$before" = "$(cd "$tmp/keep" && find . -type f -exec sha256sum {} + | sort | sha256sum)" ] || fail "failed audit touched DIR"
ls -a "$tmp" | grep -q '\.tmp-\|\.old-' && fail "temporary directory left behind"
# A successful one replaces it whole.
"$SL" audit -s "$DB" -o "$tmp/keep" --quiet >/dev/null
grep -q '"seed": 7,' "$tmp/keep/summary.json" && fail "old report not replaced"
[ -s "$tmp/keep/report.html" ] || fail "new report missing"
ls -a "$tmp" | grep -q '\.tmp-\|\.old-' && fail "old report left aside"

# Usage errors exit 2.
set +e
"$SL" audit -s "$DB" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no -o should exit 2"
"$SL" audit -s "$DB" -o "$tmp/x" --zone nonsense >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad --zone should exit 2"
# "-" is standard output elsewhere: a report is a directory, so it is refused
# (it made a folder named "-", exit 0).
(cd "$tmp" && "$SL" audit -s "$DB" -o - >/dev/null 2>"$tmp/dash.err"; [ $? -eq 2 ]) || fail "-o - should exit 2"
grep -q "not '-' (standard output)" "$tmp/dash.err" && [ ! -e "$tmp/-" ] || fail "-o - not refused by name, or a folder '-' made"
# A disk that fills (here a file size limit) says why, and keeps the report
# in place: it said "report.html: write error".
before=$(md5sum <"$tmp/keep/report.html")
(trap '' XFSZ; ulimit -f 200; "$SL" audit -s "$DB" -o "$tmp/keep" --quiet >/dev/null 2>"$tmp/full.err"; [ $? -eq 1 ]) || fail "a full disk should exit 1"
grep -q "cannot write the report: File too large (an earlier report in its place is left as it was)" "$tmp/full.err" ||
  { cat "$tmp/full.err"; fail "a full disk's message does not say why"; }
[ "$(md5sum <"$tmp/keep/report.html")" = "$before" ] || fail "the earlier report changed"
set -e
"$SL" audit -s "$DB" -o "$tmp/zones" --zone 'centre=circle:38.3,-78.06,3000' --quiet >/dev/null
# The 3 km zone holds one camera location: its counts are withheld (privacy.h).
python3 -c "import json,sys; z=json.load(open(sys.argv[1]))['zones'][0]; assert z['name']=='centre' and z['posts'] is None and z['posts_suppressed']" "$tmp/zones/summary.json" || fail "zone figures"
echo PASS
