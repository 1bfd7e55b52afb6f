#!/usr/bin/env bash
# serve_campaign_hourly.sh — the campaign's public counts move once an hour,
# never at the moment a pledge is confirmed (differencing: someone who knows
# when a person meant to sign, watching the counter and her county's row
# before and after, would learn that she signed and where, even unlisted).
# On the demo campaign, a pending signer who chose not to be listed (OH,
# Birchmoor County, 5 confirmed there) confirms through serve's button:
# /api/campaign/counts (the counter's and the map's data), the /campaign
# page's counter and table, `campaign counts` and /api/info stay byte for
# byte what they were, while /admin (behind its login) and `campaign show`
# count her at once; the page says which hour the figures are of, and the
# thank-you page says from when hers counts and why; the counts and the page
# are sent no-store and never kept by the server's cache, so no answer
# outlives its hour. Once her confirmation
# time is set back before the hour's start and the counts stored at the
# hour's first read are moved back an hour (in the store, as the hour's
# turn would leave it), every public figure counts her.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
PY=/usr/bin/python3
cd "$WORK" || exit 1
DB=$(store h)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
# The checks compare answers within one hour: a run that would straddle its
# turn starts just after it instead.
m=$(date -u +%M); s=$(date -u +%S)
if [ $((10#$m)) -ge 58 ]; then sleep $(( (60 - 10#$m) * 60 - 10#$s + 2 )); fi
HOUR=$(date -u +%H)
NEXT=$(printf '%02d' $(( (10#$HOUR + 1) % 24 )))

serve_start "$DB" || exit 1
public() { # public TAG: every public count as it stands, into TAG.*
  curl -s --max-time 20 "$U/api/campaign/counts" >"$1.counts.json"
  curl -s --max-time 20 "$U/api/campaign/counts?k=5" >"$1.counts5.json"
  curl -s --max-time 20 "$U/api/info" >"$1.info.json"
  curl -s --max-time 20 "$U/campaign" | sed -n '/<section aria-labelledby="count-h">/,/<\/section>/p' >"$1.counter.html"
  "$SL" campaign counts --json -s "$DB" >"$1.cli.json"
  "$SL" campaign counts --csv -s "$DB" >"$1.cli.csv"
  # the data API's ETags: one of the store's state told a poller of any write
  for api in info 'partnerships?tech=ring' 'join?points=posts&areas=demo-tracts'; do
    curl -s -D - -o /dev/null --max-time 20 "$U/api/$api" | tr -d '\r' | grep -i '^ETag:'
  done >"$1.etags.txt"
}
confirmed_json() { $PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["confirmed"])' "$1"; }
birchmoor() { $PY -c 'import json,sys
rows = json.load(open(sys.argv[1]))["rows"]
print([r["pledges"] for r in rows if r["county"] == "39990"][0])' "$1"; }
admin_confirmed() {
  curl -s --max-time 20 -b jar "$U/admin" | grep -o '<dt>Pledges confirmed</dt><dd>[0-9,]*' | sed 's/.*<dd>//'
}
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"

public before
check "before: 17 confirmed in public, Birchmoor County 5, /admin 17" bash -c "
  [ $(confirmed_json before.counts.json) = 17 ] && [ $(birchmoor before.counts.json) = 5 ] && [ '$(admin_confirmed)' = 17 ] &&
  grep -q '<span id=\"counter\" class=\"big\">17</span>' before.counter.html"
check "the page says the figures are counted each hour, and of which hour" bash -c "
  grep -q 'Counted each hour: pledges confirmed before <span id=\"count-before\">$HOUR:00</span> UTC' before.counter.html &&
  grep -q 'joins or leaves the figures at <span id=\"count-next\">$NEXT:00</span> UTC' before.counter.html &&
  grep -q 'nobody watching them can tell who has just signed or erased' before.counter.html"
check "/api/campaign/counts names the hour it counts to" \
  grep -q "\"counted_before\": \"$(date -u +%Y-%m-%d)T$HOUR:00:00Z\"" before.counts.json
check "the counts and the page are answered afresh, and sent no-store: no cache keeps an hour's figures past it" bash -c "
  curl -s -D - -o /dev/null --max-time 20 '$U/api/campaign/counts' | tr -d '\\r' | grep -qi '^Cache-Control: no-store' &&
  curl -s -D - -o /dev/null --max-time 20 '$U/campaign' | tr -d '\\r' | grep -qi '^Cache-Control: no-store'"
check "/api/info gives no live campaign total (only whether one is set up)" bash -c "
  $PY -c 'import json,sys; assert json.load(open(\"before.info.json\"))[\"campaign\"] == {\"closed\": None, \"set_up\": True}'"

# she confirms, unlisted, through the link's page and its button
tok=$(store_sql "$DB" "SELECT o.body FROM outbox o JOIN pledges p ON p.id = o.pledge_id
  WHERE p.email = 'signer19@example.org' AND o.sent IS NULL" | grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2)
curl -s --max-time 20 "$U/campaign/confirm?token=$tok" >link.html
check "the link's page says her pledge counts from the next full hour, and why" \
  grep -q "It then counts in the campaign's public figures from the next full hour (they are counted once an hour, so that nobody can tell who signed by watching them)" link.html
csrf=$(grep -o 'name="csrf" value="[^"]*"' link.html | sed 's/.*value="//; s/"$//')
code=$(curl -s -o thanks.html -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary "token=$tok&csrf=$csrf" "$U/campaign/confirm")
check "the button confirms her pledge, unlisted" bash -c "[ $code = 200 ] &&
  [ \"\$(store_sql '$DB' \"SELECT listed, CASE WHEN confirmed IS NULL THEN 0 ELSE 1 END FROM pledges WHERE email = 'signer19@example.org'\")\" = '0|1' ]"
check "the thank-you page says from when it counts and why, never that it counts now" bash -c "
  grep -q 'your pledge is confirmed' thanks.html && ! grep -q 'now counts' thanks.html &&
  grep -q 'It counts in the public figures of the campaign from $NEXT:00 UTC, the next full hour' thanks.html &&
  grep -q 'so that nobody watching the counter can tell that you signed, nor where' thanks.html"

public after
for f in counts.json counts5.json info.json counter.html cli.json cli.csv etags.txt; do
  check "confirmed within the hour, she is in no public count: $f the same byte for byte" cmp before.$f after.$f
done
check "the data API's ETags are 3 and of the answers' bytes: a poller's If-None-Match of before gets 304" bash -c "
  [ \$(wc -l <before.etags.txt) = 3 ] &&
  [ \$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -H \"If-None-Match: \$(sed -n 2p before.etags.txt | cut -d' ' -f2)\" '$U/api/partnerships?tech=ring') = 304 ]"
check "... while /admin (the organisers' page, behind its login) counts her at once: 18" test "$(admin_confirmed)" = 18
check "... and so does campaign show" bash -c "'$SL' campaign show -s '$DB' | grep -q '^pledges: 20 (18 confirmed,'"
check "/admin without the login shows no count" bash -c "
  [ \$(curl -s -o anon.html -w '%{http_code}' --max-time 20 '$U/admin') != 200 ] || ! grep -q 'Pledges confirmed' anon.html"

# the hour turns for her: her confirmation before the start of this one,
# and the counts stored at this hour's first read the hour before's
store_sql "$DB" "UPDATE pledges SET confirmed = $(( $(date -u +%s) / 3600 * 3600 - 1 )) WHERE email = 'signer19@example.org'" >/dev/null
counts_hour_back "$DB"
public turned
check "confirmed before the hour's start, she counts: 18 in /api/campaign/counts, Birchmoor County 6" bash -c "
  [ $(confirmed_json turned.counts.json) = 18 ] && [ $(birchmoor turned.counts.json) = 6 ] && [ $(confirmed_json turned.counts5.json) = 18 ]"
check "... on the page's counter and in its table" bash -c "
  grep -q '<span id=\"counter\" class=\"big\">18</span>' turned.counter.html &&
  grep -q '<th scope=\"row\" class=\"sub\">Birchmoor County (synthetic)<span class=\"visually-hidden\">, OH</span></th><td class=\"num\">6</td>' turned.counter.html"
check "... and in campaign counts" bash -c "[ $(confirmed_json turned.cli.json) = 18 ] && grep -q '^OH,39990,Birchmoor County (synthetic),6$' turned.cli.csv"
check "... still unlisted: the public list does not name her" bash -c "
  ! curl -s --max-time 20 '$U/api/campaign/signers' | grep -q 'Parker'"
serve_stop
check "the server stopped cleanly" test "$SRC" = 0
finish
