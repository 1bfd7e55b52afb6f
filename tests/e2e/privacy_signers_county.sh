#!/usr/bin/env bash
# privacy_signers_county.sh — a privacy reviewer reading the campaign's
# public list of signers on the real counties (us-atlas, QuickFacts 2014;
# run of 2026-12-07, eighth). The counts fold a county of fewer than 1,000
# residents into its state's other counties, "to keep each signer unknown",
# yet the list of signers who opted in named it beside a first name and an
# initial: "Ann S., Kalawao, HI" is one of 89 people. Such a signer
# is listed with her state alone, on /campaign (its older pages too) and
# /api/campaign/signers; a county of more keeps its name; the page, her
# confirmation and her manage page say so.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
real_campaign signers_county
NOW=$(($(date +%s) - 7200)) # confirmed two hours ago: listed this hour
pledge_form_at "$db" $NOW 'email=ann%40example.org&name=Ann+Smith&state=HI&county=15005&listed=on'  # Kalawao, 89 residents
pledge_form_at "$db" $NOW 'email=bo%40example.org&name=Bo+Jones&state=HI&county=15003&listed=on'    # Honolulu
pledge_form_at "$db" $NOW 'email=cy%40example.org&name=Cy+Ray&state=TX&county=48301&listed=on'      # Loving, 86 residents
link() { store_sql "$db" "SELECT body FROM outbox" | grep -o "campaign/$1?$2=[A-Za-z0-9_-]*" | head -"$3" | tail -1 | cut -d= -f2; }
serve_start "$db" --quiet || exit 1
# what Ann's link confirms, and her pledge as her manage link shows it, beside Bo's (Honolulu)
curl -s --max-time 60 "$U/campaign/confirm?token=$(link confirm token 1)" >ann_confirm.html
curl -s --max-time 60 "$U/campaign/confirm?token=$(link confirm token 2)" >bo_confirm.html
serve_stop
ann_key=$(link manage key 1) bo_key=$(link manage key 2) # the mails' bodies go once the pledges are confirmed
confirm_waiting "$db" $((NOW + 60))
serve_start "$db" --quiet || exit 1
curl -s --max-time 60 "$U/campaign/manage?key=$ann_key" >ann_manage.html
curl -s --max-time 60 "$U/campaign/manage?key=$bo_key" >bo_manage.html
curl -s --max-time 60 "$U/api/campaign/signers" >signers.json
curl -s --max-time 60 "$U/campaign" >page.html
serve_stop
check "/api/campaign/signers: Ann S. (Kalawao, 89 residents) and Cy R. (Loving, 86) with their state alone, Bo J. with Honolulu" python3 - <<'PY'
import json, sys
s = {r["name"]: (r["state"], r["county"]) for r in json.load(open("signers.json"))["signers"]}
print(f"     {s}")
sys.exit(0 if s == {"Ann S.": ("HI", ""), "Cy R.": ("TX", ""), "Bo J.": ("HI", "Honolulu")} else 1)
PY
names() { grep -o '<ul class="signers">.*</ul>' "$1" | sed -e 's/<\/li>/\n/g; s/<[^>]*>//g'; } # the list, one signer a line
names page.html >page.txt
check "/campaign lists Ann S. and Cy R. by their state alone, Bo J. by Honolulu (its older pages, the same way)" bash -c "
  grep -qx 'Ann S., HI' page.txt && grep -qx 'Cy R., TX' page.txt && grep -qx 'Bo J., Honolulu, HI' page.txt &&
  ! grep -Eq 'Kalawao|Loving' page.txt"
check "/campaign says a listed signer of a county under 1,000 residents is shown with her state alone" bash -c "
  sed -e 's/<[^>]*>//g' page.html | tr -s ' \n' ' ' |
  grep -q 'where the county has fewer than 1,000 residents, its state alone, as the counts fold it'"
check "Ann's confirmation page says she is listed with her state, her county not named; Bo's, with his county" bash -c "
  grep -q 'Yes, as “Ann S.” with your state (the first name and the initial of the last; your county, of fewer than 1,000 residents, is not named)' ann_confirm.html &&
  grep -q 'Yes, as “Bo J.” with your county (the first name' bo_confirm.html"
check "... and her manage page too" bash -c "
  grep -q 'Yes, as “Ann S.” with your state (your county, of fewer than 1,000 residents, is not named)' ann_manage.html &&
  grep -q 'Yes, as “Bo J.” with your county<' bo_manage.html"
finish
