#!/usr/bin/env bash
# places2_counts_residents.sh — the campaign's public counts where a county
# is a handful of people, on the real counties (us-atlas, QuickFacts 2014;
# run of 2026-12-07, fifth):
# - Kalawao County, HI has 89 residents: six pledges there were listed as
#   "Kalawao 6", one resident in fifteen, and each hour's step of the count
#   said that one of a few dozen neighbours had just signed. A county of
#   fewer than 1,000 residents is counted in its state's other counties.
# - Folded, Kalawao's count was still there: with HI's four other counties
#   listed, "other counties 6" could only be Kalawao's. The smallest listed
#   county of the state is folded with it. So in Delaware (three counties):
#   Kent 6 and New Castle 8 listed beside "other counties 2" said Sussex's 2.
# - A state of many counties loses nothing: Cook County, IL stays listed;
#   the organisers' `campaign counts --k 1` still lists every county.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
real_campaign residents
# confirmed two hours ago: in the public counts of this hour
NOW=$(($(date +%s) - 7200))
i=0
pledge() { # pledge STATE COUNTY N: N confirmed pledges there
  local k
  for k in $(seq "$3"); do
    i=$((i + 1))
    pledge_form_at "$db" $NOW "$(printf 'email=s%d%%40example.org&name=S&state=%s&county=%s&consent=on' $i "$1" "$2")"
  done
}
pledge HI 15005 6  # Kalawao, 89 residents
pledge HI 15001 9  # Hawaii
pledge HI 15003 12 # Honolulu
pledge HI 15007 5  # Kauai: the smallest listed
pledge HI 15009 7  # Maui
pledge DE 10001 6  # Kent
pledge DE 10003 8  # New Castle
pledge DE 10005 2  # Sussex: under k, and DE's one county left
pledge IL 17031 5  # Cook
pledge IL 17019 2  # Champaign: under k
confirm_waiting "$db" $((NOW + 60))
"$SL" campaign counts --csv -s "$db" >counts.csv
"$SL" campaign counts --csv --k 1 -s "$db" >counts_k1.csv
serve_start "$db" --quiet || exit 1
curl -s --max-time 60 "$U/api/campaign/counts" >counts.json
curl -s --max-time 60 "$U/campaign" >page.html
serve_stop

check "Kalawao (89 residents) is in no public count: CLI, JSON, page" python3 - <<'PY'
import csv, json, sys
rows = {(r["state"], r["county"]): int(r["pledges"]) for r in csv.DictReader(open("counts.csv"))}
api = json.load(open("counts.json"))
listed = {c["county"] for s in api["states"] for c in s["counties"]}
page = open("page.html").read()
table = page[page.find('id="count-table"'):]
table = table[:table.find("</table>")]
print(f"     CLI: {rows}")
sys.exit(0 if ("HI", "15005") not in rows and "15005" not in listed and "Kalawao" not in table and "Honolulu" in table else 1)
PY
check "HI's other counties are never one county's count: Kauai (5, the smallest) folded with Kalawao (6)" python3 - <<'PY'
import json, sys
hi = [s for s in json.load(open("counts.json"))["states"] if s["state"] == "HI"][0]
listed = {c["county"]: c["pledges"] for c in hi["counties"]}
print(f"     HI {hi['pledges']}: {listed}, other counties {hi['other_counties']}")
sys.exit(0 if hi["pledges"] == 39 and hi["other_counties"] == 11
         and listed == {"15001": 9, "15003": 12, "15009": 7} else 1)
PY
check "DE: Sussex's 2 is not told by subtraction: Kent (6) folded with it, New Castle (8) listed" python3 - <<'PY'
import json, sys
de = [s for s in json.load(open("counts.json"))["states"] if s["state"] == "DE"][0]
listed = {c["county"]: c["pledges"] for c in de["counties"]}
print(f"     DE {de['pledges']}: {listed}, other counties {de['other_counties']}")
sys.exit(0 if listed == {"10003": 8} and de["other_counties"] == 8 else 1)
PY
check "IL: Cook (5) listed, Champaign (2) in the other counties, as before" python3 - <<'PY'
import json, sys
il = [s for s in json.load(open("counts.json"))["states"] if s["state"] == "IL"][0]
print(f"     IL {il['pledges']}: {il['counties']}, other counties {il['other_counties']}")
sys.exit(0 if [c["county"] for c in il["counties"]] == ["17031"] and il["other_counties"] == 2 else 1)
PY
check "the organisers' --k 1 withholds nothing: Kalawao 6, Kauai 5, Sussex 2 listed" \
  bash -c "grep -q '^HI,15005,Kalawao,6$' counts_k1.csv && grep -q '^HI,15007,Kauai,5$' counts_k1.csv &&
           grep -q '^DE,10005,Sussex,2$' counts_k1.csv && ! grep -q 'other counties' counts_k1.csv"
check "the page says why a county is missing: fewer than 5 pledges or fewer than 1,000 residents" \
  grep -q "a county with fewer than 5 pledges or fewer than 1,000 residents is counted in its state's other counties" page.html
finish
