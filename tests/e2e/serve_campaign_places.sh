#!/usr/bin/env bash
# serve_campaign_places.sh — /campaign for signers of the places national
# maps get wrong, on the real data (run of 2026-12-07): each figure a signer
# of DC, Guam, Puerto Rico or a Virginia independent city is shown, checked
# against the Atlas of Surveillance file itself.
# - DC and Guam are one county each and the Atlas leaves their County empty:
#   their county list held nothing ("No surveillance technology of an agency
#   of this county") beside DC's Metropolitan Police Department's five
#   technologies; in a state of one county every record is that county's.
# - A record naming no county of the map (the Atlas's "Farjardo County",
#   territory-wide fusion centres) is in no county's list: the page says so
#   under the list, so Fajardo's "none" is not the whole truth.
# - DC's and the territories' records are none of them linked to the
#   registry: "0.0% (0 of 3)" was shown as DC's share; it is "not known".
# - us-atlas names Richmond city and Richmond County, VA, both "Richmond"
#   (and Baltimore, St. Louis, Fairfax, Franklin, Roanoke): the picker
#   offered two alike; the city is "Richmond city" in the picker, the
#   heading, the dashboard's map and the organisers' export.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
real_campaign places atlas
serve_start $db --quiet || exit 1
for q in DC:11001 GU:66010 PR:72053 IL:17031 VA:51760; do
  curl -s --max-time 60 "$U/api/campaign/local?state=${q%:*}&county=${q#*:}" >"${q#*:}.json"
  curl -s --max-time 60 "$U/campaign?state=${q%:*}&county=${q#*:}" >"${q#*:}.html"
done
curl -s --max-time 60 "$U/api/campaign/places" >places.json
curl -s --max-time 60 "$U/api/areas/counties.geojson" >counties.geojson

# The Atlas's own rows of DC and Guam (the file, not sightline, says what they are)
python3 - "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" >atlas_rows.json <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", errors="replace", newline="")))
print(json.dumps({st: sorted([r["Agency"], r["Technology"]] for r in rows if r["State"] == st) for st in ("DC", "GU")}))
PY
check "DC and Guam, one county each: their county lists hold every record of the Atlas there, on the page too" \
  python3 - <<'PY'
import json, sys, html
want = json.load(open("atlas_rows.json"))
ok = True
for st, fips in (("DC", "11001"), ("GU", "66010")):
    got = sorted([r["agency"], r["technology"]] for r in json.load(open(fips + ".json"))["county_agencies"])
    page = html.unescape(open(fips + ".html").read())
    print(f"     {st}: the Atlas {len(want[st])} rows, the county list {len(got)}")
    ok = ok and got == want[st] and len(got) > 0 and "No surveillance technology of an agency" not in page
    ok = ok and all(a in page for a, t in want[st])
sys.exit(0 if ok else 1)
PY
check "Fajardo, PR: 'none' with the sentence that 2 records of PR name no county of the map; Cook County none" \
  python3 - <<'PY'
import json, sys, html
f, cook = json.load(open("72053.json")), json.load(open("17031.json"))
page = html.unescape(open("72053.html").read())
note = f.get("unplaced_note") or ""
print(f"     {note}")
sys.exit(0 if f["county_agencies"] == [] and note.startswith("2 records in PR name no county of this map")
         and note in page and cook.get("unplaced_note", 0) is None else 1)
PY
check "DC's share is 'not known' (none of its records linked), not 0.0%; Illinois's is a measurement" \
  python3 - <<'PY'
import json, sys, html, re
dc, il = json.load(open("11001.json")), json.load(open("17031.json"))
page = html.unescape(open("11001.html").read())
shares = re.findall(r"<dt>Share of [^<]*</dt><dd>([^<]*)</dd>", page)
print(f"     DC: {shares}")
sys.exit(0 if dc.get("share_known") is False and il.get("share_known") is True and shares
         and all(s == "not known" for s in shares) else 1)
PY
check "no two counties of a state alike in the picker; 51760 is 'Richmond city' (picker, heading, map), 51159 'Richmond'" \
  python3 - <<'PY'
import json, sys, html
from collections import Counter
p = json.load(open("places.json"))
dup = [(g["state"], n) for g in p["states"] for n, k in Counter(c["name"] for c in g["counties"]).items() if k > 1]
va = {c["id"]: c["name"] for g in p["states"] if g["state"] == "VA" for c in g["counties"]}
titles = {f["properties"]["id"]: f["properties"].get("title") for f in json.load(open("counties.geojson"))["features"]}
page = html.unescape(open("51760.html").read())
print(f"     alike: {dup}; VA {va.get('51760')!r} / {va.get('51159')!r}; map {titles.get('51760')!r}, {titles.get('24510')!r}")
sys.exit(0 if not dup and va.get("51760") == "Richmond city" and va.get("51159") == "Richmond"
         and "<h3>Richmond city, VA</h3>" in page and titles.get("51760") == "Richmond city, VA"
         and titles.get("24510") == "Baltimore city, MD" and titles.get("32510") == "Carson City, NV" else 1)
PY
serve_stop
NOW=1800000000
printf 'email=rva%%40example.org&name=Rva+Signer&state=VA&county=51760&consent=on' >form.txt
"$SL" campaign pledge --form form.txt --now $NOW -s $db >/dev/null
tok=$(store_sql $db "SELECT o.body FROM outbox o" | grep -o 'token=[A-Za-z0-9_-]*' | tail -1 | cut -d= -f2)
"$SL" campaign confirm --token "$tok" --now $((NOW + 60)) -s $db >/dev/null
"$SL" campaign export -o export.csv --now $((NOW + 120)) -s $db >/dev/null 2>&1
check "a signer of Richmond city is exported as of 'Richmond city', not 'Richmond'" \
  grep -q ',VA,51760,Richmond city,' export.csv
finish
