#!/usr/bin/env bash
# serve_admin_unlist_many.sh — a spam wave cleared from the organisers' page
# (/admin) in one action, over curl on loopback: 200 confirmed, listed
# signers named "Signer 17…" among real ones; each row of the public list
# and of a search has a Tick box (labelled with the public name) belonging
# to a form under the table; "Unlist all N found" after a search, or the
# ticked, first open a page naming them that changes nothing, whose button
# (a POST with the CSRF token and an Origin of this site, refused without)
# unlists them all in one action and says how many; the pledges stay
# counted and keep their consent, the others stay listed; `campaign unlist`
# takes several addresses; no address or name reaches the server's log.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store a)
campaign_fixture "$DB" || exit 1
NOW=$(( $(date +%s) / 3600 * 3600 - 1 ))
# 100 real signers, then 200 spam ones, all confirmed, listed, consenting
store_sql "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
  INSERT INTO pledges(id, email, name, state, county, consent, listed, created, confirmed)
  SELECT i, CASE WHEN i <= 100 THEN 'real' ELSE 'troll' END || i || '@example.org',
         CASE WHEN i <= 100 THEN 'Real Person' ELSE 'Signer 17' || i END,
         'NY', '36061', 1, 1, $((NOW - 90000)), $((NOW - 86400)) FROM n" >/dev/null
listed_n() { store_sql "$DB" "SELECT count(*) FROM pledges WHERE listed = 1"; }
export DB; export -f listed_n # for the checks run by bash -c
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)

serve_start "$DB" || exit 1
O=(-H "Origin: $U")
curl -s -o /dev/null -c jar -X POST "${O[@]}" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin" >admin.html
CSRF=$(sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' admin.html | head -1)
check "each row of the public list has a Tick box, labelled with its name, of the form under the table" bash -c "
  [ \$(grep -o '<input type=\"checkbox\" form=\"bulk\" name=\"id\" value=\"[0-9]*\" aria-label=\"Tick Signer 1.\"' admin.html | wc -l) = 50 ] &&
  grep -q '<form id=\"bulk\" method=\"post\" action=\"/admin/unlist-many\"' admin.html &&
  grep -q 'Unlist the ticked signers…' admin.html"

post() { curl -s -b jar -X POST "${O[@]}" --data-urlencode "csrf=$CSRF" "$@"; }
post --data-urlencode "q=Signer 17" "$U/admin/find" >found.html
check "a search for 'Signer 17' finds the 200 and offers to unlist them all" bash -c "
  grep -q '200 signers whose name holds' found.html && grep -q 'Unlist all 200 found…' found.html &&
  grep -q 'name=\"q\" value=\"Signer 17\"' found.html"
post --data-urlencode "q=Signer 17" -d all=yes "$U/admin/unlist-many" >ask.html
check "Unlist all found asks first: a page naming the 200, nothing changed yet" bash -c "
  grep -q 'Take 200 signers off the public list?' ask.html && [ \$(grep -o '<li>Signer 1.</li>' ask.html | wc -l) = 200 ] &&
  [ \$(grep -o 'name=\"id\" value=\"[0-9]*\"' ask.html | wc -l) = 200 ] && grep -q 'Unlist 200 signers</button>' ask.html &&
  [ \$(listed_n) = 300 ]"
IDS=$(grep -o 'name="id" value="[0-9]*"' ask.html | sed 's/.*value="\([0-9]*\)"/id=\1/' | paste -sd'&')
code() { curl -s -o /dev/null -w '%{http_code}' -b jar -X POST "$@" "$U/admin/unlist-many"; }
refused="$(code "${O[@]}" -d "confirm=yes&$IDS") $(code "${O[@]}" -d "csrf=${CSRF}x&confirm=yes&$IDS")"
refused="$refused $(code -H 'Origin: http://evil.example' -d "csrf=$CSRF&confirm=yes&$IDS") $(listed_n)"
accepted=$(curl -s -o done.html -w '%{http_code}' -b jar -X POST "${O[@]}" -d "csrf=$CSRF&confirm=yes&$IDS" "$U/admin/unlist-many")
check "the confirmation without the CSRF token, a wrong one or from another site: refused ($refused); with it: done ($accepted)" \
  bash -c "[ '$refused' = '403 403 403 300' ] && [ $accepted = 200 ] && [ \$(listed_n) = 100 ]"
check "the page says how many were unlisted" grep -qF '200 signers unlisted: off the public list' done.html
curl -s "$U/api/campaign/signers" >signers.json
curl -s -b jar "$U/admin" >admin2.html
check "the 200 leave the public list, the real signers stay; every pledge still counts and consents" bash -c "
  python3 -c 'import json; assert json.load(open(\"signers.json\"))[\"count\"] == 100' && ! grep -q 'Signer' signers.json &&
  grep -q '<dt>Pledges confirmed</dt><dd>300' admin2.html && grep -q '<dt>Listed publicly</dt><dd>100' admin2.html &&
  [ \$(store_sql '$DB' \"SELECT count(*) FROM pledges WHERE email LIKE 'troll%' AND unlisted IS NOT NULL AND confirmed IS NOT NULL AND consent = 1\") = 200 ]"
# two real ones ticked on /admin
TWO=$(grep -o 'form="bulk" name="id" value="[0-9]*"' admin2.html | head -2 | sed 's/.*value="\([0-9]*\)"/id=\1/' | paste -sd'&')
post -d "$TWO" "$U/admin/unlist-many" >ask2.html
post -d "confirm=yes&$TWO" "$U/admin/unlist-many" >done2.html
check "two ticked: named on the confirmation, then unlisted, saying 2" bash -c "
  grep -q 'Take 2 signers off the public list?' ask2.html && [ \$(grep -o '<li>Real P.</li>' ask2.html | wc -l) = 2 ] &&
  grep -qF '2 signers unlisted' done2.html && [ \$(listed_n) = 98 ]"
check "nothing ticked: nothing to confirm, said so" bash -c "
  curl -s -b jar -X POST -H 'Origin: $U' -d 'csrf=$CSRF' '$U/admin/unlist-many' | grep -q 'Nobody to unlist'"
"$SL" campaign unlist real3@example.org real4@example.org troll101@example.org nobody@example.org -s "$DB" >cli.txt 2>&1
check "campaign unlist takes several addresses: each unlisted, one line of how many" bash -c "
  grep -q '^2 signers off the public list, 0 kept off it (not listed), 1 unlisted already, 1 addresses with no pledge' cli.txt &&
  [ \$(listed_n) = 96 ] && '$SL' campaign unlist --help | grep -q 'usage: sightline campaign unlist EMAIL\.\.\.'"
check "the server's log holds no address and no name" bash -c "! grep -q -e 'example.org' -e 'Signer 1' -e 'Real P' -e 'troll' '$SLOG'"
serve_stop 2>/dev/null
finish
