#!/usr/bin/env bash
# campaign_end.sh — an organiser whose campaign ends. On the demo campaign
# (20 pledges: 17 confirmed, 8 of them consented to contact; 3 unconfirmed,
# their links queued): `campaign close` stops the pledges while /campaign
# keeps its text and public counts (no form; a pledge posted from a page
# served before is refused, a month-old or pending link says the campaign
# has closed), deletes the unconfirmed pledges with their links and queued
# messages (none left for `campaign send`), and `reopen` takes pledges
# again. `campaign erase --all` keeps the
# privacy notice's promise: refused while open, without --confirm N (the
# number of pledges) or with another N, changing nothing; then every
# signer's address and name leave the store (no byte of them in the SQLite
# file), logged without them, while every public count (the hour's, the next
# hour's, /campaign's counter) stays 17, and the page says the names were
# deleted. A store of campaign tables version 6 is brought up to 8 by close.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
PY=/usr/bin/python3
cd "$WORK" || exit 1
# The public counts are compared within one hour: a run that would straddle
# its turn starts just after it instead.
m=$(date -u +%M); s=$(date -u +%S)
if [ $((10#$m)) -ge 58 ]; then sleep $(( (60 - 10#$m) * 60 - 10#$s + 2 )); fi
DB=$(store ce)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
# a store whose campaign tables are version 6, before a campaign could close
store_sql "$DB" "DROP TABLE IF EXISTS campaign_closed; DROP TABLE IF EXISTS kept_counts;
  UPDATE meta SET value = '6' WHERE key = 'campaign_schema'" >/dev/null
PENDING=$(store_sql "$DB" "SELECT email FROM pledges WHERE confirmed IS NULL ORDER BY id LIMIT 1")
ptoken=$(store_sql "$DB" "SELECT o.body FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = '$PENDING'" |
  grep -o 'token=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
check "the demo: 20 pledges, 17 confirmed, 3 messages queued, a pending link" bash -c "
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledges') = 20 ] && [ \$(store_sql '$DB' 'SELECT count(*) FROM outbox WHERE sent IS NULL') = 3 ] &&
  [ -n '$ptoken' ]"
"$SL" campaign counts --json -s "$DB" >counts.before.json

serve_start "$DB" || exit 1
curl -s --max-time 20 "$U/campaign" >open.html
curl -s --max-time 20 "$U/api/info" >open.info.json # served, and cached, while open
csrf=$(grep -o 'name="csrf" value="[^"]*"' open.html | head -1 | sed 's/.*value="//; s/"$//')

# ---- erase --all is for a closed campaign only ------------------------------
"$SL" campaign erase --all --confirm 20 -s "$DB" >open.out 2>&1; rc=$?
check "erase --all while the campaign is open: refused (exit 1: the store's state, not the command line), saying close first, nothing erased" bash -c "
  [ $rc = 1 ] && grep -q 'close it first (sightline campaign close)' open.out &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledges') = 20 ]"

# ---- close -------------------------------------------------------------------
"$SL" campaign close -s "$DB" >close.out 2>&1; rc=$?
check "close: exit 0, says the page stays and 3 unconfirmed pledges went with their links and messages" bash -c "
  [ $rc = 0 ] && grep -q '^campaign closed: /campaign keeps its text, public counts' close.out &&
  grep -q '^3 unconfirmed pledges deleted, with their links and queued messages' close.out &&
  grep -q 'campaign erase --all' close.out"
check "... the unconfirmed pledges, their links and messages are gone; the 17 confirmed stay" bash -c "
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledges') = 17 ] && [ \$(store_sql '$DB' 'SELECT count(*) FROM outbox') = 0 ] &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledge_links l JOIN pledges p ON p.id = l.pledge_id WHERE p.confirmed IS NULL') = 0 ] &&
  ! store_text '$DB' | grep -qF '$PENDING'"
check "close brought the campaign tables from version 6 to 8" \
  test "$(store_sql "$DB" "SELECT value FROM meta WHERE key = 'campaign_schema'")" = 10
if sqlite_only "the pending address's bytes in the file"; then
  check "... and the pending address is overwritten in the SQLite file" bash -c "! grep -qaF '$PENDING' '$DB'"
fi
"$SL" campaign close -s "$DB" >close2.out 2>&1; rc=$?
check "close again: exit 0, closed since when, nothing changed" bash -c "
  [ $rc = 0 ] && grep -q '^the campaign has been closed since 20[0-9-]* [0-9:]* UTC; nothing changed' close2.out"
printf 'host = 127.0.0.1\nport = 9\ntls = none\nfrom = pledge@example.org\n' >smtp.conf # nothing listens there
"$SL" campaign send --smtp-config smtp.conf -s "$DB" >send.out 2>&1
check "campaign send finds nothing to send, and says nothing (cron would mail it)" bash -c '[ ! -s send.out ]'
"$SL" campaign show -s "$DB" >show.out
check "campaign show says closed since when" grep -q '^closed since 20[0-9-]* [0-9:]* UTC: /campaign takes no pledge' show.out
printf 'email=late%%40example.net&state=OH&county=39990' >late.txt
"$SL" campaign pledge --form late.txt -s "$DB" >late.out 2>&1; rc=$?
check "a pledge from the command line is refused: the campaign closed on DATE (exit 1: the campaign's answer, not a usage error)" bash -c "
  [ $rc = 1 ] && grep -q 'the campaign closed on 20[0-9-]* and takes no more pledges' late.out &&
  [ \$(store_sql '$DB' \"SELECT count(*) FROM pledges WHERE email = 'late@example.net'\") = 0 ]"

curl -s --max-time 20 "$U/campaign" >closed.html
curl -s --max-time 20 "$U/api/info" >closed.info.json
check "/api/info said open, and after close says the campaign has closed and since when (a widget reading it stops inviting signers)" \
  python3 -c 'import json, sys; o = json.load(open("open.info.json"))["campaign"]; c = json.load(open("closed.info.json"))["campaign"]
assert o == {"closed": None, "set_up": True}, o
assert c["set_up"] is True and c["closed"].startswith(sys.argv[1]) and "pledges" not in c, c' "$(date -u +%Y-%m-%d)"
check "/campaign: the notice that it has closed, no pledge form, the counter and the list still there" bash -c "
  grep -q '<h2 id=\"sign-h\">The campaign has closed</h2>' closed.html && ! grep -q 'action=\"/campaign/pledge\"' closed.html &&
  grep -q '<span id=\"counter\" class=\"big\">17</span>' closed.html && grep -q '<ul class=\"signers\">' closed.html"
code=$(curl -s -o post.html -w '%{http_code}' --max-time 20 -H "Origin: $U" \
  --data-binary "csrf=$csrf&email=late%40example.net&state=OH&county=39990" "$U/campaign/pledge")
check "a pledge posted from the page served before it closed: 403, the campaign has closed, nothing stored" bash -c "
  [ $code = 403 ] && grep -q '<h1>The campaign has closed</h1>' post.html && ! grep -q 'late@example' post.html &&
  [ \$(store_sql '$DB' \"SELECT count(*) FROM pledges WHERE email = 'late@example.net'\") = 0 ]"
code=$(curl -s -o link.html -w '%{http_code}' --max-time 20 "$U/campaign/confirm?token=$ptoken")
check "the pending pledge's link: 410, the campaign has closed and this link confirms nothing" bash -c "
  [ $code = 410 ] && grep -q '<h1>The campaign has closed</h1>' link.html && grep -q 'confirms nothing' link.html"
"$SL" campaign confirm --token "$ptoken" -s "$DB" >/dev/null 2>&1; rc=$?
check "... and confirms nothing from the command line either (exit 1)" test $rc = 1

# ---- erase --all --------------------------------------------------------------
EMAILS=$(store_sql "$DB" "SELECT email FROM pledges")
NAMES=$(store_sql "$DB" "SELECT name FROM pledges WHERE name <> ''")
"$SL" campaign erase --all -s "$DB" </dev/null >noconf.out 2>&1; rc=$?
check "erase --all without --confirm (no terminal): exit 2, naming --confirm N and the 17 pledges, nothing erased" bash -c "
  [ $rc = 2 ] && grep -q 'give --confirm N, N the number of pledges the store holds (17' noconf.out &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledges') = 17 ]"
"$SL" campaign erase --all --confirm 20 -s "$DB" >wrong.out 2>&1; rc=$?
check "erase --all --confirm 20 (the count before close): exit 1, the store holds 17, nothing erased" bash -c "
  [ $rc = 1 ] && grep -q 'the store holds 17 pledges, not 20: nothing erased' wrong.out &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledges') = 17 ]"
"$SL" campaign erase --all x@example.org --confirm 17 -s "$DB" >both.out 2>&1; rc=$?
check "erase --all with an address too: a usage error" bash -c "[ $rc = 2 ] && grep -q 'give no EMAIL' both.out"
"$SL" campaign erase --all --confirm 17 -s "$DB" >all.out 2>&1; rc=$?
check "erase --all --confirm 17: exit 0, 17 erased, kept as counts per county, backups and exports named" bash -c "
  [ $rc = 0 ] && grep -q '^17 pledges erased' all.out && grep -q '^17 confirmed pledges stay in the public counts' all.out &&
  grep -q 'sightline backup' all.out && grep -q 'campaign export' all.out"
check "... no pledge, link or message is left, 17 erasures logged without a field of a signer" bash -c "
  [ \$(store_sql '$DB' 'SELECT count(*) FROM pledges') = 0 ] && [ \$(store_sql '$DB' 'SELECT count(*) FROM pledge_links') = 0 ] &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM outbox') = 0 ] && [ \$(store_sql '$DB' 'SELECT count(*) FROM erasures') = 17 ]"
check "... no signer's address or name anywhere in the store's rows" bash -c "
  store_text '$DB' >rows.txt; for e in $(echo $EMAILS); do grep -qF \"\$e\" rows.txt && exit 1; done
  while IFS= read -r n; do [ -n \"\$n\" ] && grep -qF \"\$n\" rows.txt && exit 1; done <<<'$NAMES'; exit 0"
if sqlite_only "the erased bytes in the file"; then
  check "... nor in the SQLite file's bytes (overwritten)" bash -c "
    for e in $(echo $EMAILS); do grep -qaF \"\$e\" '$DB' && exit 1; done; exit 0"
fi
"$SL" campaign counts --json -s "$DB" >counts.after.json
"$SL" campaign counts --json --now $(( $(date +%s) + 3600 )) -s "$DB" >counts.next.json
check "the public counts are the same: this hour's, and the next hour's counted from the kept counts" bash -c "
  cmp counts.before.json counts.after.json && $PY - <<'PY'
import json
a, b = json.load(open('counts.before.json')), json.load(open('counts.next.json'))
assert b['confirmed'] == 17 and a['rows'] == b['rows'], (a, b)
PY"
check "kept_counts holds counts per place only" test "$(store_sql "$DB" "SELECT state, county, pledges FROM kept_counts ORDER BY state, county" | tr '\n' ' ')" = "CA|06990|2 OH|39990|5 TX|48990|3 VA|51990|7 "
check "... and tells a signer she can still manage her pledge herself (/campaign/manage)" \
  grep -q 'Signed? You can still stop the organisation.s emails, leave the public list or erase your pledge yourself, without writing to anyone: <a href="/campaign/manage">Manage your pledge</a>' closed.html
curl -s --max-time 20 "$U/campaign" >erased.html
check "/campaign after: counter 17, the names deleted at the campaign's end, the promise said" bash -c "
  grep -q '<span id=\"counter\" class=\"big\">17</span>' erased.html &&
  grep -q 'The names on this list were deleted at the campaign' erased.html &&
  grep -q 'every signer.s address and name have been deleted since' erased.html && ! grep -q 'Signed? You can still' erased.html"
check "... and its 'What is stored' says that since it closed every address, name and answer was deleted" \
  grep -q "Since the campaign closed, no pledge is taken, and every signer's address, name and answers have been deleted" erased.html
check "... which it did not say while the addresses were still there" bash -c "
  ! grep -q 'answers have been deleted' closed.html && grep -q 'Since the campaign closed, no pledge is taken.</strong> The addresses' closed.html"
"$SL" campaign export -o export2.csv -s "$DB" 2>/dev/null
check "an export now holds no signer" test "$(wc -l <export2.csv)" = 1
"$SL" campaign show -s "$DB" >show2.out
check "campaign show counts the 17 kept" grep -q '^17 confirmed pledges of signers erased at the campaign.s end are kept' show2.out

# ---- erase --all on a terminal: the number typed at its prompt ------------------
T2=$(store ce2)
"$SL" demo --campaign -s "$T2" >/dev/null 2>&1
"$SL" campaign close -s "$T2" >/dev/null
(sleep 1; printf '16\n') | script -qec "$(printf '%q ' "$SL" campaign erase --all -s "$T2")" /dev/null >tty1.out 2>&1
check "on a terminal erase --all says what goes and asks for the number; 16 typed: nothing erased" bash -c "
  grep -q 'the address, name and answers of all 17 signers' tty1.out && grep -q 'Type the number of pledges (17) to go on' tty1.out &&
  grep -q 'not 16: nothing erased' tty1.out && [ \$(store_sql '$T2' 'SELECT count(*) FROM pledges') = 17 ]"
(sleep 1; printf '17\n') | script -qec "$(printf '%q ' "$SL" campaign erase --all -s "$T2")" /dev/null >tty2.out 2>&1
check "... 17 typed: all 17 erased" bash -c "
  grep -q '^17 pledges erased' tty2.out && [ \$(store_sql '$T2' 'SELECT count(*) FROM pledges') = 0 ]"

# ---- reopen --------------------------------------------------------------------
"$SL" campaign reopen -s "$DB" >reopen.out 2>&1; rc=$?
check "reopen: exit 0, says since when it had been closed" bash -c "
  [ $rc = 0 ] && grep -q '^campaign open again (it had been closed since 20' reopen.out"
"$SL" campaign pledge --form late.txt --now $(( $(date +%s) - 7200 )) -s "$DB" >late2.out 2>&1; rc=$?
ltoken=$(store_sql "$DB" "SELECT o.body FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = 'late@example.net'" |
  grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2)
"$SL" campaign confirm --token "$ltoken" --now $(( $(date +%s) - 7200 )) -s "$DB" >/dev/null 2>&1
"$SL" campaign counts --json --now $(( $(date +%s) + 3600 )) -s "$DB" >counts.reopen.json
check "reopened: a pledge is taken and confirmed, and the next hour counts 18 (17 kept + 1)" bash -c "
  [ $rc = 0 ] && [ \$($PY -c 'import json; print(json.load(open(\"counts.reopen.json\"))[\"confirmed\"])') = 18 ]"
curl -s --max-time 20 "$U/campaign" >reopened.html
check "/campaign has its form again" grep -q 'action="/campaign/pledge"' reopened.html
"$SL" campaign reopen -s "$DB" >reopen2.out 2>&1
check "reopen of an open campaign: nothing changed" grep -q '^the campaign is open; nothing changed' reopen2.out

# ---- /admin: close and reopen from the organisers' page ---------------------------
printf 'email=pending%%40example.net&state=OH&county=39990' >pending.txt
"$SL" campaign pledge --form pending.txt -s "$DB" >/dev/null 2>&1
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin" >admin_open.html
acsrf=$(grep -o 'action="/admin/close"><input type="hidden" name="csrf" value="[^"]*"' admin_open.html | sed 's/.*value="//; s/"$//')
check "/admin of an open campaign: a Close button behind a box saying what closing does (1 unconfirmed pledge)" bash -c "
  [ -n '$acsrf' ] && grep -q 'the 1 unconfirmed pledge and its messages are deleted' admin_open.html"
curl -s -b jar -H "Origin: $U" --data-binary "csrf=$acsrf" "$U/admin/close" >admin_nobox.html
check "... sent without the box ticked: not closed, saying why" bash -c "
  grep -q 'Not closed: tick the box' admin_nobox.html && ! grep -q 'Closed since' admin_nobox.html &&
  grep -q 'action=\"/campaign/pledge\"' <(curl -s '$U/campaign')"
curl -s -b jar -H "Origin: $U" --data-binary "csrf=$acsrf&understood=on" "$U/admin/close" >admin_closed.html
check "... with it: closed, the pledge waiting deleted, and a Reopen button" bash -c "
  grep -q 'The campaign is closed: its page keeps its counts and list and takes no pledge; 1 unconfirmed pledge deleted' admin_closed.html &&
  grep -q 'Closed since' admin_closed.html && grep -q 'action=\"/admin/reopen\"' admin_closed.html &&
  grep -q 'The campaign has closed' <(curl -s '$U/campaign') &&
  [ \$(store_sql '$DB' \"SELECT count(*) FROM pledges WHERE email = 'pending@example.net'\") = 0 ]"
curl -s -b jar -H "Origin: $U" --data-binary "csrf=$acsrf" "$U/admin/reopen" >admin_reopened.html
check "... Reopen: open again, the form back on /campaign" bash -c "
  grep -q 'The campaign is open again' admin_reopened.html && grep -q 'action=\"/campaign/pledge\"' <(curl -s '$U/campaign')"
finish
