#!/usr/bin/env bash
# signer3_places.sh — /campaign on the real counties as a signer reads it
# (run of 2026-12-07, sixth):
# - the public list of signers named a county without its state: "Rosa W.,
#   San Juan" is in Puerto Rico or in New Mexico (and "Hawaii" a county or
#   the state); it now says "San Juan, PR", as the figures' heading does;
# - DC and Guam are one county each: their figures said "Sensitive sites
#   on record in DC 2" and under it "in the county 2", the same sites again,
#   and titled the table "agencies in the county"; the counts table listed
#   "other counties" of DC, which has none. The county's figures are said
#   once, in the place's words ("in DC", "in the territory"), with and
#   without JavaScript (the JSON's one_county, which campaign.js reads).
# - the counts table's caption, the table's name to a screen reader, was a
#   sentence of 45 words; it names the table, and the rule of the fold is a
#   note under it (signer3_browser.sh: the state picker at 390 px).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
real_campaign places real
# confirmed two hours ago: in the public counts and list of this hour
NOW=$(($(date +%s) - 7200))
i=0
pledge() { # pledge STATE COUNTY NAME: a confirmed pledge there, listed
  i=$((i + 1))
  pledge_form_at "$db" $NOW "$(printf 'email=s%d%%40example.org&name=%s&state=%s&county=%s&listed=on' $i "$3" "$1" "$2")"
}
pledge PR 72127 Rosa+Walker  # San Juan, PR
pledge NM 35045 Ana+Lopez    # San Juan County, NM
pledge HI 15001 Kai+Akana    # Hawaii County
pledge DC 11001 Dee+Carter
confirm_waiting "$db" $((NOW + 60))
serve_start "$db" --quiet || exit 1
curl -s --max-time 60 "$U/campaign" >page.html
curl -s --max-time 60 "$U/campaign?state=DC&county=11001" >dc.html
curl -s --max-time 60 "$U/campaign?state=CA&county=06037" >la.html
for p in "DC&county=11001" "GU&county=66010" "CA&county=06037"; do
  curl -s --max-time 60 "$U/api/campaign/local?state=$p" >"local_${p%%&*}.json"
done
curl -s --max-time 20 "$U/assets/campaign.js" >campaign.js

check "the public list names each county with its state: San Juan, PR and San Juan, NM apart; Hawaii, HI" bash -c "
  grep -q '<li>Rosa W., San Juan, PR</li>' page.html && grep -q '<li>Ana L., San Juan, NM</li>' page.html &&
  grep -q '<li>Kai A., Hawaii, HI</li>' page.html && grep -q '<li>Dee C., District of Columbia, DC</li>' page.html"
check "DC's figures say its sites once, in DC's words, and title its table 'agencies in DC'" bash -c "
  grep -q '<dt>Sensitive sites on record in DC</dt><dd>2</dd>' dc.html && ! grep -q '<dt>in the county</dt>' dc.html &&
  grep -q '<caption>Surveillance technologies of agencies in DC</caption>' dc.html &&
  ! grep -q 'agencies in the county' dc.html"
check "... a county of many (Los Angeles) keeps its own line and its table's title" bash -c "
  grep -q '<dt>in the county</dt><dd>20</dd>' la.html &&
  grep -q '<caption>Surveillance technologies of agencies in the county</caption>' la.html"
check "the JSON says DC and Guam are one county (campaign.js reads it), Los Angeles not" python3 - <<'PY'
import json, sys
one = {s: json.load(open(f"local_{s}.json")).get("one_county") for s in ("DC", "GU", "CA")}
print(f"     one_county: {one}")
js = open("campaign.js").read()
sys.exit(0 if one == {"DC": True, "GU": True, "CA": False} and "j.one_county === true" in js else 1)
PY
check "the counts table lists no 'other counties' of DC, which has none; HI's stay" bash -c "
  grep -q '<th scope=\"row\">DC</th><td class=\"num\">1</td>' page.html &&
  ! grep -q 'other counties<span class=\"visually-hidden\"> of DC<' page.html &&
  grep -q 'other counties<span class=\"visually-hidden\"> of HI</span></th><td class=\"num\">1</td>' page.html"
check "the counts table's caption names it; the fold's rule is a note under it, which the table points to" bash -c "
  grep -q '<table id=\"count-table\" aria-describedby=\"count-fold\"><caption>Confirmed pledges by state and county</caption>' page.html &&
  grep -q '<p class=\"note\" id=\"count-fold\">A county missing? To keep each signer unknown, a county with fewer than 5 pledges or fewer than 1,000 residents is counted in its state.s other counties, with the state.s smallest listed county when it would be alone there.</p>' page.html"
finish
