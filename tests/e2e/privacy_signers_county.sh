#!/usr/bin/env bash
# privacy_signers_county.sh — a privacy reviewer reading the campaign's
# public list of signers on the real counties (us-atlas, QuickFacts 2014;
# run of 2026-12-07, eighth). The counts fold a county of fewer than 1,000
# residents into its state's other counties, "to keep each signer unknown",
# yet the list of signers who opted in named it beside a first name and an
# initial: "Ann S., Kalawao, HI" is one of 89 people. Such a signer
# is listed with her state alone, on /campaign (its older pages too) and
# /api/campaign/signers; a county of more keeps its name; the page says so.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
need_shared
need_us_atlas
cd "$WORK" || exit 1
db=$(store signers_county)
import_counties "$db"
campaign_over_counties "$db"
NOW=$(($(date +%s) - 7200)) # confirmed two hours ago: listed this hour
pledge_form_at "$db" $NOW 'email=ann%40example.org&name=Ann+Smith&state=HI&county=15005&listed=on'  # Kalawao, 89 residents
pledge_form_at "$db" $NOW 'email=bo%40example.org&name=Bo+Jones&state=HI&county=15003&listed=on'    # Honolulu
pledge_form_at "$db" $NOW 'email=cy%40example.org&name=Cy+Ray&state=TX&county=48301&listed=on'      # Loving, 86 residents
confirm_waiting "$db" $((NOW + 60))
serve_start "$db" --quiet || exit 1
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
finish
