#!/usr/bin/env bash
# serve_admin_signers.sh — the campaign on the organisers' page of `sightline
# serve` (/admin), over curl on loopback: the page opens on the campaign's
# state (confirmed, waiting, listed, messages in the outbox and refused),
# the numbers with thousands separators and equal to `campaign show`'s; the
# public list of signers is there as /campaign shows it, newest first, in
# pages of 50, names escaped; Unlist (a POST with the CSRF token, refused
# without it) takes a spam name off /campaign and /api/campaign/signers
# while the pledge stays counted and consenting; signing again does not put
# it back, nor does a later confirmation of a pending pledge unlisted
# before; the search finds a signer by a part of the name in any case;
# `campaign unlist EMAIL` does the same from the command line; List again
# (a POST with the CSRF token, on a found signer's row and page) and
# `campaign relist EMAIL` undo an unlisting as far as the signer's own
# choice goes: one who chose the list is back on it, one who chose not to
# be stays off, a pending one's confirmation follows its link again, and
# one unlisted in a version 4 store (which overwrote the choice) stays off,
# saying so; no address or name reaches the server's log.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
FX=$SL_FIXTURES/campaign
cd "$WORK" || exit 1
DB=$(store a)
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s "$DB" >/dev/null || exit 1
"$SL" campaign init --config "$FX/campaign.conf" -s "$DB" >/dev/null || exit 1
# the pledges are confirmed before this hour's start: the public list, as
# the counts, names a signer from the hour after she confirmed
NOW=$(( $(date +%s) / 3600 * 3600 - 1 ))
pledge() { printf '%s' "$1" >form.txt; "$SL" campaign pledge --form form.txt --now "$2" -s "$DB" >/dev/null; }
token_of() { store_sql "$DB" "SELECT o.body FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = '$1'
  ORDER BY o.id DESC LIMIT 1" | grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2; }
confirm() { "$SL" campaign confirm --token "$(token_of "$1")" --now "$2" -s "$DB" >/dev/null; }
listed() { store_sql "$DB" "SELECT listed FROM pledges WHERE email = '$1'"; }
export DB; export -f listed # for the checks run by bash -c
F="state=NY&county=36061&commitment=cancel-ring"
pledge "email=ann%40example.org&name=Ann+Adams&$F&consent=on&listed=on" $((NOW - 200))
# a thousand listed signers, confirmed a day ago (ids under the others': the
# public list, newest id first, shows the others on top)
store_sql "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
  INSERT INTO pledges(id, email, name, state, county, consent, listed, created, confirmed)
  SELECT 1 + i, 'bulk' || i || '@example.org', 'Bulk Signer', 'NY', '36061', 0, 1, $((NOW - 90000)), $((NOW - 86400)) FROM n" >/dev/null
pledge "email=bob%40example.org&name=Bob+Brown&$F" $((NOW - 200))
pledge "email=hostile%40example.org&name=%3Cscript%3Ex%3C%2Fscript%3E+Hostile&$F&listed=on" $((NOW - 200))
pledge "email=cat%40example.org&name=Cat+Cole&$F&listed=on" $((NOW - 200))
pledge "email=spam%40example.org&name=Buy+Cheap+Pills&$F&consent=on&listed=on" $((NOW - 100))
confirm ann@example.org $((NOW - 100)); confirm bob@example.org $((NOW - 100)); confirm hostile@example.org $((NOW - 100))
confirm spam@example.org "$NOW"
# cat's message is refused by the mail server (nothing listens on its port)
SP=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'host = 127.0.0.1\nport = %s\ntls = none\nfrom = pledge@example.org\ntimeout = 5\n' "$SP" >smtp.conf
"$SL" campaign send --smtp-config smtp.conf -s "$DB" >send.txt 2>&1
check "the setting: 1,004 confirmed, cat waiting, her message refused once" bash -c "grep -q '0 messages sent, 1 failed' send.txt &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL') = 1004 ] &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM outbox WHERE sent IS NULL AND last_error IS NOT NULL') = 1 ]"
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)

serve_start "$DB" || exit 1
O=(-H "Origin: $U")
curl -s -o /dev/null -c jar -X POST "${O[@]}" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin" >admin.html
CSRF=$(sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' admin.html | head -1)
export CSRF U
figure() { grep -o "<dt>$1</dt><dd>[^<]*" "${2:-admin.html}" | sed 's/.*<dd>//; s/ $//'; }
check "the state: confirmed, waiting, listed, in the outbox, refused, with thousands separators" bash -c "
  [ '$(figure 'Pledges confirmed')' = 1,004 ] && [ '$(figure 'Waiting for confirmation')' = 1 ] &&
  [ '$(figure 'Listed publicly')' = 1,003 ] && [ '$(figure 'Messages in the outbox')' = 1 ] &&
  [ '$(figure 'Messages that failed')' = 1 ]"
"$SL" campaign show --json -s "$DB" >show.json
check "... the same totals as campaign show, and a link to /campaign" bash -c "python3 -c '
import json; t = json.load(open(\"show.json\"))[\"totals\"]
assert (t[\"confirmed\"], t[\"pledges\"] - t[\"confirmed\"], t[\"listed\"], t[\"outbox_pending\"], t[\"outbox_failed\"]) == (1004, 1, 1003, 1, 1), t
' && grep -q '<a href=\"/campaign\">' admin.html"
SPAM=$(store_sql "$DB" "SELECT id FROM pledges WHERE email = 'spam@example.org'")
check "the public list on /admin: the spam name first, as /campaign shows it, with Unlist" bash -c "
  grep -o '<tr><td>[^<]*</td>' admin.html | head -1 | grep -qF 'Buy P.' &&
  grep -q 'Newest first: 1–50 of 1,003' admin.html &&
  grep -F 'Buy P.' admin.html | grep -q 'action=\"/admin/unlist\".*name=\"id\" value=\"$SPAM\"' &&
  grep -F 'Buy P.' admin.html | grep -q 'New York County, NY' &&
  curl -s '$U/campaign' | grep -qF 'Buy P.'"
check "a name that is markup is escaped on /admin" bash -c "
  grep -qF '&lt;script&gt;x&lt;/script&gt; H.' admin.html && ! grep -q '<script>x' admin.html"
check "50 to a page, with a link to the next 50" bash -c "
  [ \$(grep -c 'action=\"/admin/unlist\"' admin.html) = 50 ] && grep -q 'href=\"/admin?from=50#listed\">Next 50<' admin.html &&
  curl -s -b jar '$U/admin?from=50' | grep -q 'Newest first: 51–100 of 1,003'"

search() { curl -s -b jar -X POST "${O[@]}" --data-urlencode "csrf=$CSRF" --data-urlencode "q=$1" "$U/admin/find"; }
search 'CHEAP pills' >found.html
check "find by a part of the name, in any case: public name, county, status, listed, Unlist and Erase" bash -c "
  grep -q '1 signer whose name holds' found.html && grep -qF '<tr><td>Buy P.</td>' found.html &&
  grep -q 'name=\"q\"[^>]* value=\"CHEAP pills\"' found.html &&
  grep -F 'Buy P.' found.html | grep -q 'New York County, NY.*confirmed 20[0-9-]*.*>listed<.*/admin/unlist.*Erase…' &&
  ! grep -q 'spam@example.org' found.html"
check "... a part found nowhere says so" bash -c "curl -s -b jar -X POST -H 'Origin: $U' --data-urlencode 'csrf=$CSRF' \
  --data-urlencode 'q=zzzz' '$U/admin/find' | grep -q 'No signer.s name holds'"

code() { curl -s -o /dev/null -w '%{http_code}' -b jar -X POST "$@" "$U/admin/unlist"; }
export -f code
refused="$(code -H "Origin: $U" -d "id=$SPAM") $(code -H "Origin: $U" -d "csrf=${CSRF}x&id=$SPAM")"
refused="$refused $(code -H 'Origin: http://evil.example' -d "csrf=$CSRF&id=$SPAM") $(listed spam@example.org)"
accepted=$(curl -s -o unlist.html -w '%{http_code}' -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$SPAM" "$U/admin/unlist")
check "Unlist without the CSRF token, a wrong one or from another site: refused, nothing changed ($refused); with it: done ($accepted)" \
  bash -c "[ '$refused' = '403 403 403 1' ] && [ $accepted = 200 ] && [ \$(listed spam@example.org) = 0 ]"
check "Unlist says so, naming the signer as the public list does" grep -qF '“Buy P.” is off the public list' unlist.html
curl -s "$U/campaign" >campaign.html
curl -s "$U/api/campaign/signers" >signers.json
check "... the name leaves /campaign's list and /api/campaign/signers (1,002 listed)" bash -c "
  ! grep -qF 'Buy P.' campaign.html && grep -qF '&lt;script&gt;x&lt;/script&gt; H.' campaign.html &&
  ! grep -qF 'Buy P.' signers.json && grep -qF 'x</script> H.' signers.json &&
  python3 -c 'import json; assert json.load(open(\"signers.json\"))[\"count\"] == 1002'"
curl -s -b jar "$U/admin" >admin2.html
curl -s -b jar "$U/admin/export.csv" >export.csv
check "... while the pledge still counts (1,004 confirmed) and keeps its consent (in the export)" bash -c "
  [ '$(figure 'Pledges confirmed' admin2.html)' = 1,004 ] && [ '$(figure 'Listed publicly' admin2.html)' = 1,002 ] &&
  ! grep -qF 'Buy P.' admin2.html && grep -q '^spam@example.org,' export.csv &&
  [ \$(store_sql '$DB' \"SELECT count(*) FROM pledges WHERE email = 'spam@example.org' AND confirmed IS NOT NULL AND consent = 1\") = 1 ]"
csrf=$(curl -s "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o resign.html -H "Origin: $U" --data-binary "csrf=$csrf&email=spam%40example.org&name=Buy+Cheap+Pills&$F&listed=on" "$U/campaign/pledge"
check "signing again with the unlisted address does not list it again" bash -c "
  [ \$(listed spam@example.org) = 0 ] && ! curl -s '$U/api/campaign/signers' | grep -qF 'Buy P.'"
search cole >cat.html
CAT=$(grep -F 'Cat C.' cat.html | grep -o 'name="id" value="[0-9]*"' | head -1 | grep -o '[0-9]*')
check "a pending signer is found too, waiting for confirmation, with Unlist" bash -c "
  [ -n '$CAT' ] && grep -F 'Cat C.' cat.html | grep -q 'waiting for confirmation'"
curl -s -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$CAT" "$U/admin/unlist" >/dev/null
confirm cat@example.org "$((NOW - 50))"
check "... unlisted before her link confirmed it, she stays off the list (and counts)" bash -c "
  [ \$(listed cat@example.org) = 0 ] && ! curl -s '$U/api/campaign/signers' | grep -qF 'Cat C.' &&
  [ \$(store_sql '$DB' \"SELECT count(*) FROM pledges WHERE email = 'cat@example.org' AND confirmed IS NOT NULL\") = 1 ]"
search 'cat@example.org' >catpage.html
check "her page says when she was unlisted, and shows her public name, not her full name" bash -c "
  grep -q '<dt>Listed publicly</dt><dd>no: unlisted by an organiser on 20' catpage.html &&
  grep -q '<dt>Public name</dt><dd>Cat C.</dd>' catpage.html && ! grep -q 'Cole' catpage.html"

"$SL" campaign unlist HOSTILE@example.org -s "$DB" >cli1.txt 2>&1; c1=$?
"$SL" campaign unlist hostile@example.org -s "$DB" >cli2.txt 2>&1
"$SL" campaign unlist nobody@example.org -s "$DB" >cli3.txt 2>&1
"$SL" campaign unlist -s "$DB" >cli4.txt 2>&1; c4=$?
check "campaign unlist EMAIL: off the list, still counted; again: nothing changes; unknown: says so; none: usage" bash -c "
  [ $c1 = 0 ] && grep -q 'off the public list; the pledge still counts' cli1.txt && [ \$(listed hostile@example.org) = 0 ] &&
  ! curl -s '$U/api/campaign/signers' | grep -qF 'x</script> H.' && grep -q 'unlisted already; nothing changed' cli2.txt &&
  grep -q 'no pledge with this address' cli3.txt && [ $c4 = 2 ] && grep -q 'unlist needs the signer' cli4.txt &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledges WHERE confirmed IS NOT NULL') = 1005 ]"
check "campaign unlist --help says what it keeps" bash -c "'$SL' campaign unlist --help | grep -q 'usage: sightline campaign unlist EMAIL' &&
  '$SL' campaign unlist --help | grep -q 'stays counted'"

# ---- List again ----------------------------------------------------------------
search 'cheap' >spamrow.html
check "an unlisted signer found has List again (with the CSRF token), not Unlist; so has her page" bash -c "
  grep -F 'Buy P.' spamrow.html | grep -q 'action=\"/admin/relist\".*name=\"csrf\" value=\"$CSRF\".*name=\"id\" value=\"$SPAM\".*>List again<' &&
  ! grep -F 'Buy P.' spamrow.html | grep -q '/admin/unlist' && grep -q 'action=\"/admin/relist\"' catpage.html"
rcode() { curl -s -o /dev/null -w '%{http_code}' -b jar -X POST "$@" "$U/admin/relist"; }
refused="$(rcode -H "Origin: $U" -d "id=$SPAM") $(rcode -H 'Origin: http://evil.example' -d "csrf=$CSRF&id=$SPAM")"
refused="$refused $(listed spam@example.org)"
curl -s -o relist.html -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$SPAM" "$U/admin/relist"
curl -s -o relist2.html -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$SPAM" "$U/admin/relist"
check "List again without the CSRF token or from another site: refused ($refused); with it the signer who chose the list is on it again" bash -c "
  [ '$refused' = '403 403 0' ] && grep -qF '“Buy P.” is on the public list again' relist.html &&
  [ \$(listed spam@example.org) = 1 ] && curl -s '$U/api/campaign/signers' | grep -qF 'Buy P.' &&
  curl -s '$U/campaign' | grep -qF 'Buy P.' && grep -qF '“Buy P.” was not unlisted by an organiser; nothing changed' relist2.html"
BOB=$(store_sql "$DB" "SELECT id FROM pledges WHERE email = 'bob@example.org'")
curl -s -o /dev/null -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$BOB" "$U/admin/unlist"
curl -s -o bobrelist.html -b jar -X POST "${O[@]}" -d "csrf=$CSRF&id=$BOB" "$U/admin/relist"
"$SL" campaign relist bob@example.org -s "$DB" >bob.txt 2>&1
check "a signer who chose not to be listed stays off when listed again, on /admin and from the command line" bash -c "
  grep -qF '“Bob B.” stays off the public list: they chose not to be listed; nothing changed' bobrelist.html &&
  grep -q 'the signer chose not to be listed; nothing changed' bob.txt && [ \$(listed bob@example.org) = 0 ] &&
  ! curl -s '$U/api/campaign/signers' | grep -qF 'Bob B.' && ! curl -s '$U/campaign' | grep -qF 'Bob B.'"
"$SL" campaign relist cat@example.org -s "$DB" >catrelist.txt 2>&1; c5=$?
"$SL" campaign relist HOSTILE@example.org -s "$DB" >hostilerelist.txt 2>&1
check "campaign relist EMAIL: a signer unlisted before confirming the list is on it again, so is one unlisted after" bash -c "
  [ $c5 = 0 ] && grep -q 'on the public list again, as they chose' catrelist.txt && [ \$(listed cat@example.org) = 1 ] &&
  curl -s '$U/api/campaign/signers' | grep -qF 'Cat C.' && grep -q 'on the public list again' hostilerelist.txt &&
  curl -s '$U/api/campaign/signers' | grep -qF 'x</script> H.'"
pledge "email=dan%40example.org&name=Dan+Dee&$F" "$((NOW - 40))"
pledge "email=eve%40example.org&name=Eve+Eng&$F&listed=on" "$((NOW - 40))"
for who in dan eve; do "$SL" campaign unlist $who@example.org -s "$DB" >/dev/null; done
"$SL" campaign relist dan@example.org -s "$DB" >dan.txt 2>&1
"$SL" campaign relist eve@example.org -s "$DB" >eve.txt 2>&1
confirm dan@example.org $((NOW - 20)); confirm eve@example.org $((NOW - 20))
check "pending signers unlisted and listed again: the confirmation follows the link (Dan chose to stay off, Eve the list)" bash -c "
  grep -q 'has not confirmed yet' dan.txt && grep -q 'has not confirmed yet' eve.txt &&
  [ \$(listed dan@example.org) = 0 ] && [ \$(listed eve@example.org) = 1 ] &&
  curl -s '$U/api/campaign/signers' | grep -qF 'Eve E.' && ! curl -s '$U/api/campaign/signers' | grep -qF 'Dan D.'"
"$SL" campaign relist nobody@example.org -s "$DB" >r3.txt 2>&1
"$SL" campaign relist -s "$DB" >r4.txt 2>&1; r4=$?
check "campaign relist: an unknown address says so, none is a usage error, --help says whom it lists" bash -c "
  grep -q 'no pledge with this address; nothing changed' r3.txt && [ $r4 = 2 ] && grep -q 'relist needs the signer' r4.txt &&
  '$SL' campaign relist --help | grep -q 'usage: sightline campaign relist EMAIL' &&
  '$SL' campaign relist --help | grep -q 'never lists anyone who did not ask'"
serve_stop
check "the server's log holds no address and no name" bash -c "
  ! grep -qi -e 'example.org' -e 'Buy' -e 'Pills' -e 'Cole' -e 'cheap' '$SLOG'"
# campaign tables of version 4: an unlisting then overwrote the signer's
# choice, which is not known now: relisting leaves them off, saying so
"$SL" campaign unlist ann@example.org -s "$DB" >/dev/null
store_sql "$DB" "ALTER TABLE pledges DROP COLUMN listed_choice" >/dev/null
store_sql "$DB" "UPDATE meta SET value = '4' WHERE key = 'campaign_schema'" >/dev/null
"$SL" campaign relist ann@example.org -s "$DB" >v4.txt 2>&1; c4=$?
check "a version 4 store: a signer unlisted then stays off when relisted, saying why; the store becomes version 10" bash -c "
  [ $c4 = 0 ] && grep -q 'whether they chose to be listed is not known; nothing changed' v4.txt &&
  [ \$(listed ann@example.org) = 0 ] && [ \$(store_sql '$DB' \"SELECT value FROM meta WHERE key = 'campaign_schema'\") = 10 ] &&
  [ \$(store_sql '$DB' \"SELECT count(*) FROM pledges WHERE email = 'ann@example.org' AND unlisted IS NOT NULL\") = 1 ]"
# campaign tables of version 3 (no unlisting yet): read as never unlisted,
# brought to version 10 by the next write, which unlists
store_sql "$DB" "ALTER TABLE pledges DROP COLUMN unlisted" >/dev/null
store_sql "$DB" "UPDATE meta SET value = '3' WHERE key = 'campaign_schema'" >/dev/null
"$SL" campaign show --json -s "$DB" >v3.json 2>&1; c3=$?
"$SL" campaign unlist bob@example.org -s "$DB" >v3.txt 2>&1
check "a version 3 store is read (no one unlisted), and unlisting brings it to version 10" bash -c "[ $c3 = 0 ] &&
  python3 -c 'import json; t = json.load(open(\"v3.json\"))[\"totals\"]; assert t[\"unlisted\"] == 0 and t[\"confirmed\"] == 1007, t' &&
  grep -q 'was not on the public list' v3.txt &&
  [ \$(store_sql '$DB' \"SELECT value FROM meta WHERE key = 'campaign_schema'\") = 10 ] &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledges WHERE unlisted IS NOT NULL') = 1 ]"
finish
