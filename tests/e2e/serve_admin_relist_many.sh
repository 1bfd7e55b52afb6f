#!/usr/bin/env bash
# serve_admin_relist_many.sh — an unlisting too wide, undone from /admin in
# one action. A spam wave named "Signer 17…" was cleared with a search for
# "Sign", which also caught 30 real signers named "Signe Berg"; /admin had
# bulk unlist but List again one signer per click (30 clicks, the real
# signers off the public list meanwhile). A search's results now offer
# "List again all found that an organiser unlisted…" and "List the ticked
# again…" (unlisted rows have Tick boxes too), each first opening a page
# naming them that changes nothing; its button (CSRF token, Origin) lists
# them again as each chose; the spam stays off.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store rl)
campaign_fixture "$DB" || exit 1
NOW=$(( $(date +%s) / 3600 * 3600 - 1 ))
# 30 real signers, then 200 spam ones, all confirmed, listed by their own choice
store_sql "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 230)
  INSERT INTO pledges(id, email, name, state, county, consent, listed, listed_choice, created, confirmed)
  SELECT i, CASE WHEN i <= 30 THEN 'real' ELSE 'troll' END || i || '@example.org',
         CASE WHEN i <= 30 THEN 'Signe Berg' ELSE 'Signer 17' || i END,
         'NY', '36061', 1, 1, 1, $((NOW - 90000)), $((NOW - 86400)) FROM n" >/dev/null
listed_n() { store_sql "$DB" "SELECT count(*) FROM pledges WHERE listed = 1 AND email LIKE '$1%'"; }
export DB; export -f listed_n # for the checks run by bash -c
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)

serve_start "$DB" || exit 1
O=(-H "Origin: $U")
curl -s -o /dev/null -c jar -X POST "${O[@]}" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin" >admin.html
CSRF=$(sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' admin.html | head -1)
post() { curl -s -b jar -X POST "${O[@]}" --data-urlencode "csrf=$CSRF" "$@"; }
# the too-wide unlisting, as the unlist-many test does it
post --data-urlencode "q=Sign" -d all=yes "$U/admin/unlist-many" >ask.html
IDS=$(grep -o 'name="id" value="[0-9]*"' ask.html | sed 's/.*value="\([0-9]*\)"/id=\1/' | paste -sd'&')
post -d "confirm=yes&$IDS" "$U/admin/unlist-many" >/dev/null
check "the setting: a search for 'Sign' unlisted the 200 and the 30 real signers" \
  bash -c "[ \$(listed_n real) = 0 ] && [ \$(listed_n troll) = 0 ]"

post --data-urlencode "q=Signe B" "$U/admin/find" >found.html
check "a search for the real ones offers to list again all found that were unlisted, and ticks on their rows" bash -c "
  grep -q 'formaction=\"/admin/relist-many\">List again all found that an organiser unlisted…</button>' found.html &&
  grep -q 'formaction=\"/admin/relist-many\">List the ticked again…</button>' found.html &&
  [ \$(grep -o '<input type=\"checkbox\" form=\"bulk\" name=\"id\" value=\"[0-9]*\" aria-label=\"Tick Signe B.\"' found.html | wc -l) = 30 ]"
post --data-urlencode "q=Signe B" -d all=yes "$U/admin/relist-many" >ask2.html
check "List all found again asks first: a page naming the 30, nothing changed yet" bash -c "
  grep -q 'List 30 signers again?' ask2.html && [ \$(grep -o '<li>Signe B.</li>' ask2.html | wc -l) = 30 ] &&
  grep -q 'List 30 signers again</button>' ask2.html && grep -q 'only if they chose to be listed' ask2.html &&
  [ \$(listed_n real) = 0 ]"
IDS2=$(grep -o 'name="id" value="[0-9]*"' ask2.html | sed 's/.*value="\([0-9]*\)"/id=\1/' | paste -sd'&')
code() { curl -s -o /dev/null -w '%{http_code}' -b jar -X POST "$@" "$U/admin/relist-many"; }
refused="$(code "${O[@]}" -d "confirm=yes&$IDS2") $(code -H 'Origin: http://evil.example' -d "csrf=$CSRF&confirm=yes&$IDS2") $(listed_n real)"
accepted=$(curl -s -o done.html -w '%{http_code}' -b jar -X POST "${O[@]}" -d "csrf=$CSRF&confirm=yes&$IDS2" "$U/admin/relist-many")
check "its button without the CSRF token or from another site: refused ($refused); with them: done ($accepted)" \
  bash -c "[ '$refused' = '403 403 0' ] && [ $accepted = 200 ] && [ \$(listed_n real) = 30 ] && [ \$(listed_n troll) = 0 ]"
check "the page says how many are listed again" grep -qF '30 signers listed again: back on the public list as they chose' done.html
curl -s "$U/api/campaign/signers" >signers.json
check "the 30 are on the public list again, the spam not" bash -c "
  python3 -c 'import json; assert json.load(open(\"signers.json\"))[\"count\"] == 30' && ! grep -q 'Signer' signers.json"
post --data-urlencode "q=Signer 17" "$U/admin/find" >found2.html
TWO=$(grep -o 'form="bulk" name="id" value="[0-9]*"' found2.html | head -2 | sed 's/.*value="\([0-9]*\)"/id=\1/' | paste -sd'&')
post -d "$TWO" "$U/admin/relist-many" >ask3.html
post -d "confirm=yes&$TWO" "$U/admin/relist-many" >done3.html
check "two ticked among the unlisted: named, then listed again, saying 2" bash -c "
  grep -q 'List 2 signers again?' ask3.html && grep -qF '2 signers listed again' done3.html && [ \$(listed_n troll) = 2 ]"
check "nothing unlisted ticked: nothing to confirm, said so" bash -c "
  curl -s -b jar -X POST -H 'Origin: $U' -d 'csrf=$CSRF' '$U/admin/relist-many' | grep -q 'Nobody to list again'"
check "the server's log holds no address and no name" bash -c "! grep -q -e 'example.org' -e 'Signe' -e 'troll' '$SLOG'"
serve_stop 2>/dev/null
finish
