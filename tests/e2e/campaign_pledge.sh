#!/usr/bin/env bash
# campaign_pledge.sh — the campaign without the server (issue #16): `campaign
# init` from a config file and `edit` from options; pledges from form bodies
# with double opt-in (one reply for a new and an already-pledged address);
# confirmation by the token of the link; public counts with small counties
# folded; export of consented signers only, formula-safe; purge and erasure;
# and no email or name in `info`, `campaign show`, the audit or summary.json.
. "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null || { echo "SKIPPED: needs sqlite3" >&2; exit 77; }
FX=$SL_FIXTURES/campaign
cd "$WORK" || exit 1
db=$(store s)
"$SL" demo -s $db >/dev/null || { echo "demo failed"; exit 1; }
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s $db >/dev/null

check "campaign show on a store without one says so" bash -c "'$SL' campaign show -s $db | grep -q 'no campaign'"
"$SL" campaign init --config "$FX/campaign.conf" -s $db >init.txt
check "init from a config file saves title and commitments" grep -q "saved with 3 commitments" init.txt
"$SL" campaign edit --title "Edited title" -s $db >/dev/null
"$SL" campaign show --json -s $db >show.json
check "edit changes the title and keeps the rest" python3 - <<'PY'
import json
c = json.load(open('show.json'))['campaign']
assert c['title'] == 'Edited title' and len(c['commitments']) == 3 and c['pledge_md'].startswith('# I pledge'), c
PY
check "a commitment key with a comma is a usage error" test "$("$SL" campaign edit --commitment 'a,b=x' -s $db >/dev/null 2>&1; echo $?)" = 2
check "an area set the store lacks is refused" test "$("$SL" campaign edit --area-set tracts -s $db >/dev/null 2>&1; echo $?)" = 2

NOW=1800000000
form() { printf '%s' "$1" > form.txt; "$SL" campaign pledge --form form.txt --now "${2:-$NOW}" -s $db; }
token_of() { # the link's token in the newest queued message to EMAIL
  store_sql $db "SELECT o.body FROM outbox o JOIN pledges p ON p.id=o.pledge_id WHERE p.email='$1' ORDER BY o.id DESC LIMIT 1" |
    grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2
}
form "email=ann%40example.org&name=Ann+Secretname&state=NY&county=36061&commitment=cancel-ring&consent=on" >new.out 2>&1; a=$?
form "email=ANN%40Example.org&state=NY&county=36061&consent=on" >again.out 2>&1; b=$?
check "a new and an already-pledged address get the same reply and status" \
  bash -c "[ $a = 0 ] && [ $b = 0 ] && cmp -s new.out again.out"
check "the confirmation goes to the outbox, the link's token is stored only hashed" bash -c "
  t=\$(store_sql $db \"SELECT o.body FROM outbox o\" | grep -o 'token=[A-Za-z0-9_-]*' | tail -1 | cut -d= -f2)
  [ \${#t} = 43 ] && [ -z \"\$(store_sql $db \"SELECT 1 FROM pledges WHERE token_hash='\$t'\")\" ]"
tok=$(token_of ann@example.org)
"$SL" campaign confirm --token "$tok" --now $((NOW + 60)) -s $db >conf.txt
check "confirm takes the link's token" grep -q "pledge confirmed" conf.txt
check "a link works once (exit 1 the second time)" \
  test "$("$SL" campaign confirm --token "$tok" --now $((NOW + 61)) -s $db >/dev/null 2>&1; echo $?)" = 1
form "email=late%40example.org&state=NY&county=36061" >/dev/null
check "an expired link is refused" \
  test "$("$SL" campaign confirm --token "$(token_of late@example.org)" --now $((NOW + 8 * 86400)) -s $db >/dev/null 2>&1; echo $?)" = 1

for i in 1 2 3 4; do
  form "email=m$i%40example.org&name=Member+$i&state=NY&county=36061" >/dev/null
  "$SL" campaign confirm --token "$(token_of m$i@example.org)" --now $((NOW + 60)) -s $db >/dev/null
done
form "email=k1%40example.org&name=%3DHYPERLINK(%22http%3A%2F%2Fx%22)&state=NY&county=36047&consent=on" >/dev/null
"$SL" campaign confirm --token "$(token_of k1@example.org)" --now $((NOW + 60)) -s $db >/dev/null
# the public figures of the hour after the confirmations (at NOW + 60)
"$SL" campaign counts --csv --now $((NOW + 3600)) -s $db >counts.csv
check "counts of the confirmations' own hour hold none of them" bash -c "
  [ \"\$('$SL' campaign counts --csv --now $((NOW + 60)) -s $db)\" = 'state,county,name,pledges' ]"
# NY has two counties in this set: New York County's 5 beside "other
# counties 1" would be Kings County's 1, so both are folded
check "counts: Kings County (1) folded into NY, and New York County (5), NY's other county, with it" python3 - <<'PY'
import csv
rows = list(csv.DictReader(open('counts.csv')))
got = {(r['state'], r['county']): int(r['pledges']) for r in rows}
assert got == {('NY', ''): 6}, got
PY
check "counts --k 1 shows Kings County" bash -c "'$SL' campaign counts --k 1 --csv --now $((NOW + 3600)) -s $db | grep -q '^NY,36047,Kings County,1'"

"$SL" campaign export -o export.csv -s $db 2>export.err
check "export holds confirmed, consented signers only" python3 - <<'PY'
import csv
rows = list(csv.DictReader(open('export.csv')))
assert sorted(r['email'] for r in rows) == ['ann@example.org', 'k1@example.org'], rows
k1 = [r for r in rows if r['email'] == 'k1@example.org'][0]
assert k1['first_name'].startswith("'="), k1   # formula neutralised
assert k1['county'] == 'Kings County' and k1['confirmed_utc'].startswith('2027-'), k1
PY

"$SL" info --json -s $db >info.json
"$SL" info -s $db >info.txt
"$SL" campaign show -s $db >show.txt
"$SL" audit -s $db -o rep --quiet >/dev/null 2>&1
check "the audit ran on the store with pledges" test -f rep/summary.json
check "no email or name in info, campaign show, the audit or summary.json" bash -c "
  ! grep -rIl -e 'example.org' -e 'Secretname' -e 'Member 1' info.json info.txt show.txt rep |
    grep -v '^show.txt$' && ! grep -e '@example.org' -e 'Secretname' show.txt | grep -v -e 'hello@example.org' -e 'pledge@example.org'"

before=$(store_sql $db "SELECT count(*) FROM pledges")
"$SL" campaign purge --purge-after 7 --now $((NOW + 8 * 86400)) -s $db >purge.txt
check "purge deletes the unconfirmed pledge only" bash -c "grep -q '^1 unconfirmed' purge.txt && [ \$(store_sql $db 'SELECT count(*) FROM pledges') = $((before - 1)) ]"
"$SL" campaign erase Ann@Example.org -s $db >erase.txt
check "erase removes every byte of the signer from the file and logs it without them" bash -c "
  grep -q 'erased' erase.txt && ! grep -qa -e 'ann@example.org' -e 'Secretname' $db &&
  [ \"\$(store_sql $db 'SELECT count(*) FROM erasures')\" = 1 ] &&
  [ \"\$(store_sql $db 'SELECT * FROM erasures' | grep -c -e ann -e Secret)\" = 0 ]"

printf 'email=x%%40example.org&state=NY&county=36061&name=%%00' > nul.txt
"$SL" campaign pledge --form nul.txt -s $db >/dev/null 2>nul.err; rc=$?
check "a form with a NUL byte: exit 1, 'sightline: FILE: ...', nothing echoed" \
  bash -c "[ $rc = 1 ] && grep -q '^sightline: nul.txt: form field .name.: a NUL byte' nul.err"
printf 'email=x%%40example.org&state=NY&county=36061&commitment=fly' > unk.txt
"$SL" campaign pledge --form unk.txt -s $db >/dev/null 2>unk.err; rc=$?
check "an unknown commitment: exit 1 with a sentence for the signer" \
  bash -c "[ $rc = 1 ] && grep -q 'a commitment the campaign does not offer' unk.err"
finish
