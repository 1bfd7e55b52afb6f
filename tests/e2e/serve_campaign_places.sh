#!/usr/bin/env bash
# serve_campaign_places.sh — /campaign for signers of the places national
# maps get wrong, on the real data (run of 2026-12-07): each figure a signer
# of DC, Guam or Puerto Rico is shown, checked against the Atlas of
# Surveillance file itself.
# - DC and Guam are one county each and the Atlas leaves their County empty:
#   their county list held nothing ("No surveillance technology of an agency
#   of this county") beside DC's Metropolitan Police Department's five
#   technologies; in a state of one county every record is that county's.
# - A record naming no county of the map (the Atlas's "Farjardo County",
#   territory-wide fusion centres) is in no county's list: the page says so
#   under the list, so Fajardo's "none" is not the whole truth.
# - DC's and the territories' records are none of them linked to the
#   registry: "0.0% (0 of 3)" was shown as DC's share; it is "not known".
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
need_shared
need_us_atlas
cd "$WORK" || exit 1
db=$(store places)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s $db >/dev/null 2>&1
"$SL" import partnerships "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas \
  -s $db >/dev/null 2>&1
import_counties $db
"$SL" campaign init --title "Places" --pledge "I pledge." --privacy "We keep your address to confirm your pledge." \
  --commitment cancel=Cancel --organisation "Test" --contact test@example.org --area-set counties \
  --base-url https://example.org/ --sender test@example.org -s $db >/dev/null
serve_start $db --quiet || exit 1
for q in DC:11001 GU:66010 PR:72053 IL:17031; do
  curl -s --max-time 60 "$U/api/campaign/local?state=${q%:*}&county=${q#*:}" >"${q#*:}.json"
  curl -s --max-time 60 "$U/campaign?state=${q%:*}&county=${q#*:}" >"${q#*:}.html"
done

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
serve_stop
finish
