#!/usr/bin/env bash
# campaign_versions.sh — a signer consents to the organisation the form
# named when she signed. `campaign export` wrote the organisation's current
# name on every row's consented_to, so after `campaign edit --organisation`
# a list handed to a coalition partner said the early signers consented to
# a name they never saw. Each save that changes the organisation or the
# commitments now keeps a version (campaign schema 9); the export names the
# organisation in force when each signer signed. A store made before
# version 9 keeps its content then as the first version.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
cd "$WORK" || exit 1
DB=$(store v)
campaign_fixture "$DB" || { echo "FAIL - campaign"; exit 1; }
# sign: a pledge of $1 who consents, confirmed, signed $2 seconds ago
sign() {
  printf 'email=%s%%40example.org&state=NY&county=36061&consent=1&commitment=cancel-ring' "$1" > f.txt
  "$SL" campaign pledge --form f.txt -s "$DB" >/dev/null &&
    store_sql "$DB" "UPDATE pledges SET created = created - $2, confirmed = created - $2 + 60 WHERE email = '$1@example.org'" >/dev/null
}
consented() { # consented EMAIL: the consented_to cell of EMAIL's row in the export
  "$SL" campaign export -o - -s "$DB" 2>/dev/null | python3 -c "
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r['email'] == sys.argv[1]: print(r['consented_to'])" "$1"
}
store_sql "$DB" "UPDATE campaign_versions SET made = made - 100000" >/dev/null # the campaign began a day ago
sign ann 50000
"$SL" campaign edit --organisation "Example Neighbours & Partners" -s "$DB" >/dev/null
sign bob 0
check "the edit kept a version: the two organisations, the first from a day ago" bash -c "
  [ \"\$(store_sql $DB 'SELECT organisation FROM campaign_versions ORDER BY id' | tr '\n' '|')\" = 'Example Neighbours United|Example Neighbours & Partners|' ]"
check "the export: the early signer consented to the organisation as it was named when she signed" \
  test "$(consented ann@example.org)" = "Example Neighbours United may email me about the campaign"
check "... and the later one to its new name" \
  test "$(consented bob@example.org)" = "Example Neighbours & Partners may email me about the campaign"
"$SL" campaign edit --title "Another title" -s "$DB" >/dev/null
check "an edit of neither the organisation nor the commitments keeps no version" \
  test "$(store_sql "$DB" 'SELECT count(*) FROM campaign_versions')" = 2
"$SL" campaign edit --commitment "cancel-ring=Cancel Ring for good" -s "$DB" >/dev/null
check "an edit of the commitments keeps one, with the words of each" bash -c "
  [ \$(store_sql $DB 'SELECT count(*) FROM campaign_versions') = 3 ] &&
  [ \"\$(store_sql $DB 'SELECT label FROM campaign_version_commitments WHERE version = (SELECT max(id) FROM campaign_versions)')\" = 'Cancel Ring for good' ] &&
  [ \$(store_sql $DB \"SELECT count(*) FROM campaign_version_commitments WHERE key = 'no-amazon-month'\") = 2 ]"

# a pending pledge whose commitment an edit took off the form: her link's
# page shows what she ticked in its words, not the bare key
"$SL" campaign edit --commitment "cancel-ring=Cancel Ring for good" \
  --commitment "no-amazon-month=Stop shopping on Amazon for a month" -s "$DB" >/dev/null
printf 'email=dee%%40example.org&state=NY&county=36061&commitment=no-amazon-month' > f.txt
"$SL" campaign pledge --form f.txt -s "$DB" >/dev/null
tok=$(store_sql "$DB" "SELECT body FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = 'dee@example.org'" |
  grep -o 'token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
"$SL" campaign edit --commitment "cancel-ring=Cancel Ring for good" --commitment "new-one=Something new" -s "$DB" >/dev/null
serve_start "$DB" || exit 1
curl -s --max-time 20 "$U/campaign/confirm?token=$tok" >conf.html
serve_stop
check "her link's page: the commitment in the words she ticked, said to be off the form now, not its key" bash -c "
  grep -q '<li>Stop shopping on Amazon for a month <span class=\"note\">(no longer on the form)</span>' conf.html &&
  ! grep -q '<li>no-amazon-month' conf.html"

# a store whose campaign tables are version 8: its content then is its first version
OLD=$(store old)
campaign_fixture "$OLD" || { echo "FAIL - campaign"; exit 1; }
DB=$OLD sign cid 50000
store_sql "$OLD" "DROP TABLE campaign_version_commitments; DROP TABLE campaign_versions;
  UPDATE meta SET value = '8' WHERE key = 'campaign_schema'" >/dev/null
"$SL" campaign edit --organisation "Renamed Later" -s "$OLD" >/dev/null
check "a version 8 store, edited: version 10, its old content the first version (from 0), the edit the second" bash -c "
  [ \$(store_sql $OLD \"SELECT value FROM meta WHERE key = 'campaign_schema'\") = 10 ] &&
  [ \"\$(store_sql $OLD 'SELECT CASE WHEN made = 0 THEN 1 ELSE 0 END, organisation FROM campaign_versions ORDER BY id' | tr '\n' '|')\" = '1|Example Neighbours United|0|Renamed Later|' ] &&
  [ \$(store_sql $OLD 'SELECT count(*) FROM campaign_version_commitments WHERE version = (SELECT min(id) FROM campaign_versions)') = 3 ]"
check "... and its signer's row names the organisation she signed for" \
  test "$(DB=$OLD consented cid@example.org)" = "Example Neighbours United may email me about the campaign"
finish
