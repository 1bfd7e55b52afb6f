#!/usr/bin/env bash
# serve_campaign_erase_hourly.sh — an erasure leaves the campaign's public
# counts at the next hour's turn, never at the moment it is made, as a
# confirmation joins them (an observer polling the counts would otherwise
# learn that someone in county X erased, at that minute). On the demo
# campaign (17 confirmed; Birchmoor County OH 5, VA's county 7), the hour's
# counts are stored at its first public read: one OH signer is erased
# through /admin, one VA signer by `campaign erase` beside the server, and
# /api/campaign/counts (also ?k=), the /campaign page's counter and table
# and `campaign counts` stay byte for byte what they were all hour, across
# a restart of the server and from a second server on the same store,
# while /admin and `campaign show` count the erasure at once, and /admin's
# and the CLI's answers say when it leaves the public counts (HH:00 UTC)
# and why. The signers' rows are gone at once: their address and name are
# nowhere in the store (sqlite3 .dump, pg_dump), and the stored counts hold
# counts per place only. When the hour turns (the stored counts moved back
# an hour, as the turn leaves the store), two servers reading at once
# answer the same, and every public figure drops by the two: Birchmoor, 4,
# folds into OH's other counties (the same threshold as before), and only
# the newest hour's counts are kept. The demo's
# campaign tables are first set back to version 5 (no stored counts): the
# first read brings them up to version 10 and works.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
PY=/usr/bin/python3
cd "$WORK" || exit 1
DB=$(store eh)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
# a store of campaign tables version 5, before the hour's counts were stored
store_sql "$DB" "DROP TABLE public_counts; DROP TABLE public_count_hours;
  UPDATE meta SET value = '5' WHERE key = 'campaign_schema'" >/dev/null
# The checks compare answers within one hour: a run that would straddle its
# turn starts just after it instead.
m=$(date -u +%M); s=$(date -u +%S)
if [ $((10#$m)) -ge 57 ]; then sleep $(( (60 - 10#$m) * 60 - 10#$s + 2 )); fi
HOUR=$(date -u +%H)
NEXT=$(printf '%02d' $(( (10#$HOUR + 1) % 24 )))

serve_start "$DB" || exit 1
public() { # public TAG [BASE]: every public count as it stands, into TAG.*
  local u=${2:-$U}
  curl -s --max-time 20 "$u/api/campaign/counts" >"$1.counts.json"
  curl -s --max-time 20 "$u/api/campaign/counts?k=6" >"$1.counts6.json"
  curl -s --max-time 20 "$u/campaign" | sed -n '/<section aria-labelledby="count-h">/,/<\/section>/p' >"$1.counter.html"
  "$SL" campaign counts --json -s "$DB" >"$1.cli.json"
  "$SL" campaign counts --csv -s "$DB" >"$1.cli.csv"
}
KINDS="counts.json counts6.json counter.html cli.json cli.csv"
same_as() { # same_as A B WHAT: every public count of A and B the same byte for byte
  for f in $KINDS; do check "$3: $f the same byte for byte" cmp "$1.$f" "$2.$f"; done
}
confirmed_json() { $PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["confirmed"])' "$1"; }
row() { # row FILE COUNTY: the pledges of COUNTY's row ("" when it is not listed)
  $PY -c 'import json,sys
rows = [r["pledges"] for r in json.load(open(sys.argv[1]))["rows"] if r["county"] == sys.argv[2]]
print(rows[0] if rows else "")' "$1" "$2"; }
other_oh() { $PY -c 'import json,sys
print([s["other_counties"] for s in json.load(open(sys.argv[1]))["states"] if s["state"] == "OH"][0])' "$1"; }
admin_confirmed() {
  curl -s --max-time 20 -b jar "$U/admin" | grep -o '<dt>Pledges confirmed</dt><dd>[0-9,]*' | sed 's/.*<dd>//'
}
admin_login() { curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"; }
admin_login

public before
check "before: 17 confirmed in public, Birchmoor County 5, VA's county 7, /admin 17" bash -c "
  [ $(confirmed_json before.counts.json) = 17 ] && [ '$(row before.counts.json 39990)' = 5 ] &&
  [ '$(row before.counts.json 51990)' = 7 ] && [ '$(admin_confirmed)' = 17 ] &&
  grep -q '<span id=\"counter\" class=\"big\">17</span>' before.counter.html"
check "the first read brought the campaign tables from version 5 to 8" \
  test "$(store_sql "$DB" "SELECT value FROM meta WHERE key = 'campaign_schema'")" = 10
check "... and stored this hour's counts: one hour, counts per place only" bash -c "
  [ \"\$(store_sql '$DB' 'SELECT hour FROM public_count_hours')\" = $(( $(date -u +%s) / 3600 * 3600 )) ] &&
  [ \"\$(store_sql '$DB' 'SELECT state, county, pledges FROM public_counts ORDER BY state, county' | tr '\n' ' ')\" = \
'CA|06990|2 OH|39990|5 TX|48990|3 VA|51990|7 ' ]"
check "the page says the figures are counted each hour, erasures too" bash -c "
  grep -q 'Counted each hour: pledges confirmed before <span id=\"count-before\">$HOUR:00</span> UTC' before.counter.html &&
  grep -q 'A pledge confirmed or erased since then' before.counter.html"
check "precondition: the two signers' address and name are in the store" bash -c "
  store_text '$DB' >pre.txt; grep -q signer11@example.org pre.txt && grep -q 'Indigo Synthetic' pre.txt &&
  grep -q signer06@example.org pre.txt && grep -q 'Emery Fiction' pre.txt"

# an OH signer of Birchmoor County erased through /admin, a VA one by the CLI
CSRF=$(curl -s -b jar "$U/admin" | sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' | head -1)
curl -s -b jar -X POST -H "Origin: $U" --data-urlencode "csrf=$CSRF" --data-urlencode "email=signer11@example.org" \
  "$U/admin/erase" >erase_admin.html
check "/admin erase: erased now, and it says when the public counts lose it ($NEXT:00 UTC) and why" bash -c "
  grep -q 'pledge and messages are erased now' erase_admin.html &&
  grep -q 'The public counts lose the pledge at $NEXT:00 UTC, the next full hour' erase_admin.html &&
  grep -q 'nobody watching them can tell that someone has just erased, nor where' erase_admin.html"
"$SL" campaign erase signer06@example.org -s "$DB" >erase_cli.txt 2>&1
check "campaign erase beside the server: erased, and it says when the public counts lose it and why" bash -c "
  grep -q 'pledge and messages are erased' erase_cli.txt &&
  grep -q '^the public counts lose it at $NEXT:00 UTC, the next full hour' erase_cli.txt &&
  grep -q 'nobody watching them can tell that someone has just erased, nor where' erase_cli.txt"
check "their rows are gone at once: no address or name of theirs in the store (a dump of every row)" bash -c "
  store_text '$DB' >post.txt; ! grep -qiE 'signer11@|Indigo Synthetic|signer06@|Emery Fiction' post.txt &&
  grep -q signer12@example.org post.txt"
check "/admin (behind its login) counts the erasures at once: 15" test "$(admin_confirmed)" = 15
check "... and so does campaign show" bash -c "'$SL' campaign show -s '$DB' | grep -q '^pledges: 18 (15 confirmed,'"

public erased
same_as before erased "erased within the hour, both still count in public"
check "... Birchmoor County still 5, VA's county 7" bash -c "
  [ '$(row erased.counts.json 39990)' = 5 ] && [ '$(row erased.counts.json 51990)' = 7 ]"

serve_stop
check "the server stopped cleanly" test "$SRC" = 0
serve_start "$DB" || exit 1
public restarted
same_as before restarted "a server restarted within the hour counts nothing again"
U1=$U SPID1=$SPID
serve_start "$DB" || exit 1
public second "$U"
same_as before second "a second server on the same store serves the same hour's counts"
kill -TERM "$SPID" && wait "$SPID"
U=$U1 SPID=$SPID1
admin_login

# the hour turns: the stored counts are the hour before's, as the turn leaves them
counts_hour_back "$DB"
# two servers read the new hour's counts at once, each several times: the
# first to store them wins, the other reads them (no error, one hour kept)
serve_start "$DB" || exit 1
U2=$U SPID2=$SPID
readers=()
for i in 1 2 3 4 5 6; do
  curl -s --max-time 20 -o "race1.$i.json" "$U1/api/campaign/counts" & readers+=($!)
  curl -s --max-time 20 -o "race2.$i.json" "$U2/api/campaign/counts" & readers+=($!)
done
wait "${readers[@]}"
kill -TERM "$SPID2" && wait "$SPID2"
U=$U1 SPID=$SPID1
check "two servers reading the new hour at once answer the same counts, 15, every time" bash -c "
  for f in race*.json; do cmp -s race1.1.json \$f || exit 1; done; [ \$(ls race*.json | wc -l) = 12 ] &&
  [ $(confirmed_json race1.1.json 2>/dev/null || echo x) = 15 ]"
public turned
check "at the next hour both erasures show: 15 in /api/campaign/counts, on the counter and in campaign counts" bash -c "
  [ $(confirmed_json turned.counts.json) = 15 ] && [ $(confirmed_json turned.counts6.json) = 15 ] &&
  [ $(confirmed_json turned.cli.json) = 15 ] && grep -q '<span id=\"counter\" class=\"big\">15</span>' turned.counter.html"
check "... VA's county 6; Birchmoor County, 4 now, is under the threshold: counted in OH's other counties" bash -c "
  [ '$(row turned.counts.json 51990)' = 6 ] && [ '$(row turned.counts.json 39990)' = '' ] &&
  [ $(other_oh turned.counts.json) = 4 ] && ! grep -q 'Birchmoor' turned.counter.html &&
  grep -q '<th scope=\"row\" class=\"sub\">other counties<span class=\"visually-hidden\"> of OH</span></th><td class=\"num\">4</td>' turned.counter.html &&
  ! grep -q '39990' turned.cli.csv"
check "... with ?k=6 VA's county (6) is listed, and Birchmoor folded as before" bash -c "
  [ '$(row turned.counts6.json 51990)' = 6 ] && [ '$(row turned.counts6.json 39990)' = '' ]"
check "only the newest hour's counts are kept" bash -c "
  [ \"\$(store_sql '$DB' 'SELECT count(*) FROM public_count_hours')\" = 1 ] &&
  [ \"\$(store_sql '$DB' 'SELECT count(DISTINCT hour) FROM public_counts')\" = 1 ] &&
  [ \"\$(store_sql '$DB' 'SELECT hour FROM public_count_hours')\" = $(( $(date -u +%s) / 3600 * 3600 )) ]"
check "the erased signers are nowhere in the store after the turn either" bash -c "
  ! store_text '$DB' | grep -qiE 'signer11@|Indigo Synthetic|signer06@|Emery Fiction'"
serve_stop
check "the server stopped cleanly" test "$SRC" = 0
finish
