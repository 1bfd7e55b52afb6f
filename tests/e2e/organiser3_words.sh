#!/usr/bin/env bash
# organiser3_words.sh — words a signer and a directory reader met (run of
# 2026-12-07, sixth): (1) an expired confirmation link's page said "links
# work for 7 days" where the mail and the page after signing say "until 7
# days after you signed": it says that too. (2) The pledge form's box "List
# me publicly … (first name, initial of the last name and county only)"
# left out the state the public list shows beside the county ("San Juan,
# PR"): it names it. (3) /directory's search near a location kept the
# point to a metre (%.5f) in its form, and the page's address carries it
# into the browser's history while the note said "kept nowhere": the
# search takes it to a hundredth of a degree (about a kilometre) and the
# note says where it stays.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store words)
campaign_demo "$DB"
"$SL" import businesses "$SL_FIXTURES/directory/businesses.csv" -s "$DB" >/dev/null || exit 1
serve_start "$DB" --quiet || exit 1
curl -s --max-time 20 "$U/campaign" >page.html
check "the public-list box names the state with the county" \
  grep -q 'List me publicly as a signer (first name, initial of the last name, county and state only)' page.html
code=$(curl -s -o bad.html -w '%{http_code}' --max-time 20 "$U/campaign/confirm?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
check "an expired or unknown link's page: a link works until 7 days after she signed, as the mail says" bash -c "
  [ $code = 400 ] && grep -q 'a link works until 7 days after you signed' bad.html && ! grep -q 'links work for 7 days' bad.html"
curl -s --max-time 20 "$U/directory?lat=40.807512&lon=-73.945634&km=2" >near.html
check "a located search keeps its point to a hundredth of a degree in its form" bash -c "
  grep -q 'name=\"lat\" value=\"40.81\"' near.html && grep -q 'name=\"lon\" value=\"-73.95\"' near.html && ! grep -q '40.8075' near.html"
check "... finds the listing nearest that point first, within 2 km" bash -c "grep -o 'href=\"/directory/[0-9]*\">[^<]*' near.html | head -1 | grep -q 'Harlem Books'"
check "... and its note says the point goes rounded and stays in the page's address" \
  grep -q "rounded to about a kilometre, as the search: it stays in the results' address and your browser's history" near.html
serve_stop
finish
