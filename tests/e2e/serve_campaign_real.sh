#!/usr/bin/env bash
# serve_campaign_real.sh — the campaign's local facts on the real data
# (issue #16, point 2): a campaign over the US counties of a store holding
# the Atlas of Surveillance and the FBI registry; for Cook County, IL the
# page's JSON gives the same state figures as `sightline partnerships
# --state IL --json` (agencies, shares over IL's registry agencies) and the
# county's own partnered agencies; the server-rendered page (no JavaScript)
# shows the same; a county outside its state and an unknown state are 400.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
need_shared
need_us_atlas
cd "$WORK" || exit 1
db=$(store real)
import_atlas "$db"
import_counties $db
check "a campaign over the real counties" campaign_over_counties "$db" "Real-data test campaign"
"$SL" partnerships --state IL --json -s $db >il.json
serve_start $db --quiet || exit 1

curl -s --max-time 60 "$U/api/campaign/local?state=IL&county=17031" >cook.json
check "Cook County, IL: the state's figures are partnerships --state IL's, the county's agencies its own" \
  python3 - <<'PY'
import json, sys
c, il = json.load(open("cook.json")), json.load(open("il.json"))
ok = c["state"] == "IL" and c["county"]["id"] == "17031" and c["county"]["name"] == "Cook"
ok = ok and c["partnered_agencies"] == il["agencies"] and c["share"] == il["share"]
ok = ok and il["share"][0]["agencies"] < 2000  # IL's registry agencies, not the nation's 18,702
names = {a["agency"] for a in c["county_agencies"]}
ok = ok and "Chicago Police Department" in names and len(names) > 10
print(f"     IL: {c['partnered_agencies']} agencies, {il['share'][0]['partnered']} of {il['share'][0]['agencies']} "
      f"registry agencies; Cook County: {len(names)} agencies")
sys.exit(0 if ok else 1)
PY
# Agencies whose records name several counties are in each (Houston PD:
# "Montgomery County, Fort Bend County, Harris County"): the campaign's
# county list, the dashboard's (/api/partnerships/links?areas=) and
# `partnerships --links --areas` hold the same rows.
"$SL" partnerships --links --areas counties --json -s $db >links_cli.json
curl -s --max-time 60 "$U/api/partnerships/links?areas=counties" >links_api.json
curl -s --max-time 60 "$U/api/campaign/local?state=TX&county=48201" >harris.json
curl -s --max-time 60 "$U/campaign?state=TX&county=48201" >harris.html
check "Harris County, TX lists Houston PD (it names three counties); page, API and CLI hold the same rows" \
  python3 - <<'PY'
import json, sys, html
cli, api, h = json.load(open("links_cli.json")), json.load(open("links_api.json")), json.load(open("harris.json"))
page = html.unescape(open("harris.html").read())
def rows(links, area):
    return sorted((r["agency"], r["technology"]) for r in links["rows"] if area in r["areas"].split())
camp = sorted((r["agency"], r["technology"]) for r in h["county_agencies"])
ring = [r for r in rows(cli, "48201") if "Ring" in r[1]]
hou = [r for r in h["county_agencies"] if r["agency"] == "Houston Police Department"]
print(f"     Harris: {len(camp)} rows ({len(ring)} Ring), Houston's counties {[r['counties'] for r in hou][:1]}; "
      f"Cook: {len(rows(cli, '17031'))} rows; in no county {cli['areas']['in_none']}, in several {cli['areas']['in_several']}")
ok = cli == api and camp == rows(cli, "48201") and len(ring) == 9 and hou and all(r["counties"] == 3 for r in hou)
ok = ok and ("Houston Police Department", "Ring/Neighbors Partnership") in ring
ok = ok and "Houston Police Department <span class=\"note\">(3 counties)</span>" in page
ok = ok and "An agency whose records name several counties is listed in each of them" in page
# each of Houston's counties holds it, and the Ring rows naming Cook are all in Cook
for area in ("48157", "48339"):
    ok = ok and ("Houston Police Department", "Ring/Neighbors Partnership") in rows(cli, area)
cook = [r for r in cli["rows"] if "Ring" in r["technology"] and "cook" in (r["county"] + (r["registry_county"] or "")).lower()
        and r["state"] == "IL"]
ok = ok and all("17031" in r["areas"].split() for r in cook) and len(cook) == 74
sys.exit(0 if ok else 1)
PY
# DC's Atlas rows are not linked to the registry: its share is "not known"
# (no longer 0.0%: serve_campaign_places.sh) and says why, with and without
# JavaScript (the JSON's sentence is what campaign.js shows).
curl -s --max-time 60 "$U/api/campaign/local?state=DC" >dc.json
curl -s --max-time 60 "$U/campaign?state=DC" >dc.html
check "DC: beside its share, that its 7 Atlas rows are not linked (JSON and page)" python3 - <<'PY'
import json, sys
j, page = json.load(open("dc.json")), open("dc.html").read()
# in a signer's words: she runs no command (places2_words.sh)
note = "7 records in DC could not be matched to an agency of the registry, so no share counts them."
ok = j["unlinked_note"] == note and j["share"][0]["partnered"] == 0
ok = ok and f"not known</dd><dd class=\"note\">{note}</dd>" in page and j["share_known"] is False
il = json.load(open("cook.json"))
ok = ok and il["unlinked_note"].startswith("15 records in IL could not be matched")
sys.exit(0 if ok else 1)
PY
check "--areas wants a set of county FIPS ids" bash -c "! '$SL' partnerships --links --areas nosuchset -s $db 2>/dev/null"
curl -s --max-time 60 "$U/campaign?state=IL&county=17031" >page.html
check "without JavaScript the page shows Cook County's figures" \
  bash -c "grep -q 'Cook' page.html && grep -q 'Chicago Police Department' page.html"
check "a county outside the state is 400" \
  test "$(status '/api/campaign/local?state=IN&county=17031')" = 400
check "an unknown state is 400" test "$(status '/api/campaign/local?state=ZZ')" = 400
check "a campaign over real data has no synthetic banner" bash -c "! grep -q 'banner synthetic' page.html"
curl -s --max-time 60 "$U/campaign" >whole.html
# every county is listed twice (the figures' form and the pledge's, both
# without JavaScript): a state on each option made the page 362 kB
check "/campaign over 3,230 counties stays under 270 kB for a phone ($(stat -c %s whole.html) bytes)" \
  bash -c "[ \$(stat -c %s whole.html) -lt 270000 ] && [ \$(grep -o '<option value=\"[0-9]' whole.html | wc -l) -gt 6000 ]"
check "the state's first Ring start reads as a year, not beside counts as one" \
  grep -q "<dt>Year the state's first Ring partnership started</dt><dd>20[0-9][0-9]</dd>" page.html
# A `synth` layer beside the real imports: the page says some figures are
# invented, not that the whole campaign is a fictional demo.
"$SL" synth --areas counties --layer requests --count 50 -s $db >/dev/null
curl -s --max-time 60 "$U/campaign?state=IL&county=17031" >synth.html
check "with a synth layer: 'some figures ... invented by sightline synth', not FICTIONAL DEMO CAMPAIGN" bash -c "
  grep -q 'SYNTHETIC DATA IN THIS STORE — some figures on this page rest on data invented by <code>sightline synth</code>' synth.html &&
  ! grep -q 'FICTIONAL' synth.html"
# synth's requests have a place and no state: each counts in the state of
# the county holding it, as many as join puts in Illinois' counties (FIPS
# 17...), where they counted in no state at all.
"$SL" join --points requests --areas counties --json -s $db >synth_join.json
curl -s --max-time 60 "$U/api/campaign/local?state=IL" >il_synth.json
curl -s --max-time 60 "$U/api/campaign/local?state=IL&county=17031" >cook_synth.json
check "requests with a place and no state count in the state where they lie" python3 -c "
import json,sys
j=json.load(open('synth_join.json')); r=json.load(open('il_synth.json'))['requests']
il=round(sum(a['count'] for a in j['areas'] if str(a['id']).startswith('17')))
print(r, il); sys.exit(0 if il > 0 and r['state'] == il else 1)"
# Requests whose state is written " il" and "Il ": counted in IL, as the
# registry's and the Atlas's states are (one spelling per state).
printf 'agency,state,date,lat,lon\nChicago Police Department, il,2020-05-01,41.88,-87.63\nEvanston Police Department,Il ,2020-06-01,42.04,-87.69\n' >req.csv
"$SL" import requests req.csv -s $db >/dev/null
curl -s --max-time 60 "$U/api/campaign/local?state=IL" >il_req.json
check "requests written ' il' and 'Il ' count in IL" python3 -c "
import json,sys; r=json.load(open('il_req.json'))['requests']; s=json.load(open('il_synth.json'))['requests']
print(r, s); sys.exit(0 if r['state'] == s['state'] + 2 else 1)"
# Cook County's own requests: those whose centre lies in it, whoever made
# them, beside those its agencies made wherever they asked. Of the three
# written ones, Chicago's and Evanston's lie in Cook, Gary's (IN) does not.
printf 'agency,state,date,lat,lon\nGary Police Department,IN,2020-05-01,41.60,-87.34\n' >gary.csv
"$SL" import requests gary.csv -s $db >/dev/null
curl -s --max-time 60 "$U/api/campaign/local?state=IL&county=17031" >cook_req.json
curl -s --max-time 60 "$U/campaign?state=IL&county=17031" >cook_req.html
check "Cook County: the requests lying in it, by their centre, beside those of its agencies" python3 - <<'PY'
import json, re, sys
before, r = json.load(open("cook_synth.json"))["requests"], json.load(open("cook_req.json"))["requests"]
page = open("cook_req.html").read()
def shown(label, after="Police requests for footage in the state"):
    # the first row of LABEL after the row AFTER ("in the county" is also a site row)
    m = re.search(re.escape(after) + r"</dt><dd>[0-9,]+</dd>(?:<dt>[^<]*</dt><dd>[0-9,]+</dd>)*?<dt>" + re.escape(label) + r"</dt><dd>([0-9,]+)</dd>", page)
    return int(m.group(1).replace(",", "")) if m else None
inside, made = shown("in the county"), shown("made by agencies of the county, wherever they asked")
print("    ", before, r, inside, made)
# synth's requests name no registry agency: whose they are is unknown (null,
# no row on the page), not 0; once two linked requests are in, it counts
ok = before["county"] is None and r["county"] == 2
ok = ok and r["located_in_county"] == before["located_in_county"] + 2 and r["located_in_county"] <= r["state"]
ok = ok and inside == r["located_in_county"] and made == r["county"]
sys.exit(0 if ok else 1)
PY
serve_stop
finish
