#!/usr/bin/env bash
# serve_pledge_steps.sh — a signer's steps through the pledge of `sightline
# serve`, on the demo's campaign, with curl on loopback: signing again (or
# Back and Sign again) while the first message waits queues no second one
# and leaves the first link working; once the message was sent, signing
# again sends a further link and both confirm the one pledge; the "check
# your email" page names the address (escaped), the link's page shows what
# it confirms (place, commitments, public-list choice) but never the
# address, and both carry the demo's banner; an empty form names every
# required field at once, the first focused; the per-address limit says it
# is about the address; a store of the versions before keeps its links.
# Someone who knows a pending signer's address and signs again with other
# answers changes nothing her link confirms (its page, then its button), and
# cannot put her on the public list or among the consenting signers; the
# reply is the same page whatever the address's state; an erased pledge's
# link reads as a link that never was; serve deletes, as it starts, the
# unconfirmed pledges whose link has expired.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
PY=/usr/bin/python3
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "SKIPPED: needs python3-aiosmtpd (Debian)" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
"$SL" demo --campaign -s $db >/dev/null
# a pledge nobody confirmed, signed 8 days ago: its link expired a day ago
printf 'email=stale%%40example.net&name=Stale+Signer&state=OH&county=39990' >stale.txt
"$SL" campaign pledge --form stale.txt --now $(($(date +%s) - 8 * 86400)) -s $db >/dev/null
serve_start $db --rate-email 3 --rate-forms 1000 || exit 1
for _ in $(seq 50); do [ "$(store_sql $db "SELECT count(*) FROM pledges WHERE email = 'stale@example.net'")" = 0 ] && break; sleep 0.2; done
check "serve deletes, as it starts, the unconfirmed pledges whose link has expired" bash -c "
  [ \$(store_sql $db \"SELECT count(*) FROM pledges WHERE email = 'stale@example.net'\") = 0 ] &&
  ! store_text $db | grep -q -e 'stale@example.net' -e 'Stale Signer'"
curl -s --max-time 20 "$U/campaign" >page.html
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
post() { code=$(curl -s -o reply.html -D reply.h -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary "$1" "$U/campaign/pledge"); }
queued() { store_sql $db "SELECT count(*) FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = '$1' AND o.sent IS NULL"; }
tokens() { store_sql $db "SELECT o.body FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = '$1' AND o.sent IS NULL" |
  grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2; }
F="csrf=$csrf&state=OH&county=39990"
# The per-address limit counts per calendar minute: stay inside one.
s=$(date +%S); s=$((10#$s)); [ "$s" -lt 40 ] || sleep $((61 - s))

# the figures of a county whose list holds a technology other than Ring:
# its date is a cited source's ("dated"), only a Ring row's a start
curl -s --max-time 20 "$U/campaign?state=OH&county=39990" >oh.html
check "the local figures say 'dated' for a non-Ring row, 'started' for Ring's, with the note" bash -c "
  grep -q '<td>Face Recognition</td><td class=\"nowrap\">dated 2019</td>' oh.html &&
  grep -q '<td>Ring/Neighbors Partnership</td><td class=\"nowrap\">started 20' oh.html &&
  grep -q 'say when a source reported them, not when use started' oh.html &&
  ! grep -q -e '>Since<' -e 'surveillance partnership<' -e 'first partnership began' oh.html &&
  grep -q \"<dt>Year the state's first Ring partnership started</dt><dd>2019</dd>\" oh.html"
curl -s --max-time 20 "$U/api/campaign/local?state=OH&county=39990" >oh.json
check "... and the API marks each row" bash -c "$PY -c '
import json; j = json.load(open(\"oh.json\"))
rows = j[\"county_agencies\"]
assert all(r[\"dated_by_source\"] == (\"Ring\" not in r[\"technology\"]) for r in rows) and any(r[\"dated_by_source\"] for r in rows)
assert j[\"dated_note\"] and j[\"ring_first_year\"] == \"2019\" and \"first_year\" not in j'"

post "email=bob%40example.net&name=Bob+Quill&$F&commitment=cancel-ring&listed=on"; first=$code
tok1=$(tokens bob@example.net)
post "email=bob%40example.net&name=Bob+Quill&$F&commitment=cancel-ring&listed=on"
check "signing twice while the message waits: one message queued, the first link kept ($first, $code)" \
  bash -c "[ $first = 200 ] && [ $code = 200 ] && [ $(queued bob@example.net) = 1 ] && [ '$(tokens bob@example.net)' = '$tok1' ] && [ ${#tok1} = 43 ]"
check "the reply names the address the link goes to" grep -q 'goes to <strong class="address">bob@example.net</strong>' reply.html
check "... under the demo's banner" grep -q 'FICTIONAL DEMO CAMPAIGN' reply.html
post "email=%3Cb%3Ex%40example.net&$F"
check "an address is shown escaped (or refused), never as markup" bash -c "! grep -q '<b>x@' reply.html"

curl -s --max-time 20 -o conf.html -w '%{http_code}' "$U/campaign/confirm?token=$tok1" >conf.code
check "the first link opens its page" bash -c "[ \$(cat conf.code) = 200 ] && grep -q 'Confirm my pledge' conf.html"
check "the page shows what it confirms: county, state, commitments, the public-list choice" bash -c "
  grep -q '<dt>Your county</dt><dd>[^<]*, OH</dd>' conf.html && grep -q 'Cancel my Ring subscription' conf.html &&
  grep -q '<dt>Public list of signers</dt><dd>Yes' conf.html"
check "... never the address or the full name, and under the demo's banner" bash -c "
  ! grep -qi -e 'bob@' -e 'example.net' -e 'Quill' conf.html && grep -q 'FICTIONAL DEMO CAMPAIGN' conf.html"
# whoever signed with her address typed the name: she sees it as the
# public list would show it before she presses (it said only "Yes")
check "... and, listed, the name as the public list would show it" \
  grep -q '<dt>Public list of signers</dt><dd>Yes, as “Bob Q.” with your county' conf.html

# the organisers send the outbox; then Bob, tired of waiting, signs again
smtp_sink_start 120
"$SL" campaign send --smtp-config smtp.conf -s $db >send.txt 2>&1
kill $SINK; wait $SINK 2>/dev/null
check "the outbox was sent" bash -c "[ $(queued bob@example.net) = 0 ] && grep -q 'messages sent, 0 failed' send.txt"
post "email=bob%40example.net&name=Bob+Quill&$F&commitment=cancel-ring&listed=on"
tok2=$(tokens bob@example.net)
check "signing again after the message was sent queues a further link" \
  bash -c "[ $code = 200 ] && [ $(queued bob@example.net) = 1 ] && [ ${#tok2} = 43 ] && [ '$tok2' != '$tok1' ]"
post "email=bob%40example.net&name=Bob+Quill&$F"; c4=$code
retry=$(tr -d '\r' < reply.h | sed -n 's/^Retry-After: //Ip')
check "the 4th pledge a minute for one address: 429 that says so ($c4, $retry)" \
  bash -c "[ $c4 = 429 ] && grep -q 'Too many pledges for this address' reply.html && ! grep -q 'came from here' reply.html"
for t in "$tok1" "$tok2"; do curl -s --max-time 20 "$U/campaign/confirm?token=$t"; done >both.html
check "both links lead to the pledge, neither is dead" bash -c "[ \$(grep -c 'Confirm my pledge</button>' both.html) = 2 ] &&
  ! grep -q 'This link does not work' both.html"
ccsrf=$(grep -o 'name="csrf" value="[^"]*"' conf.html | sed 's/.*value="//; s/"$//')
code=$(curl -s -o cpost.html -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary "token=$tok1&csrf=$ccsrf" "$U/campaign/confirm")
check "the first link confirms, under the demo's banner" bash -c "[ $code = 200 ] && grep -q 'your pledge is confirmed' cpost.html &&
  grep -q 'FICTIONAL DEMO CAMPAIGN' cpost.html"
curl -s --max-time 20 "$U/campaign/confirm?token=$tok2" >conf2.html
check "the later link then says confirmed already, and its unsent message is dropped" bash -c "
  grep -q 'confirmed already' conf2.html && [ $(queued bob@example.net) = 0 ] &&
  [ \$(store_sql $db \"SELECT count(*) FROM pledges WHERE email = 'bob@example.net' AND confirmed IS NOT NULL\") = 1 ]"

# Someone who knows a pending signer's address signs again with answers of
# their own: her link confirms her answers, whatever the pledge's later
# sign-ups said, and the reply is the same page whatever the address's state
V="csrf=$csrf&email=vera%40example.net"
post "$V&name=Vera+Quiet&state=VA&county=51990&commitment=cancel-ring"; cp reply.html reply_new.html
tokv=$(tokens vera@example.net)
post "$V&name=Vera+Quiet+supports+Amazon&state=CA&county=06990&consent=on&listed=on"; cp reply.html reply_queued.html
curl -s --max-time 20 "$U/campaign/confirm?token=$tokv" >vera1.html
check "a sign-up of another while her message waits: her link still shows her answers" bash -c "
  grep -q '<dt>Your county</dt><dd>Ashgrove County (synthetic), VA</dd>' vera1.html &&
  grep -q '<dt>Public list of signers</dt><dd>No' vera1.html && grep -q '<dt>Emails about the campaign</dt><dd>No' vera1.html &&
  ! grep -q 'Vera' vera1.html"
smtp_sink_start 120
"$SL" campaign send --smtp-config smtp.conf -s $db >send2.txt 2>&1
kill $SINK; wait $SINK 2>/dev/null
vcsrf=$(grep -o 'name="csrf" value="[^"]*"' vera1.html | sed 's/.*value="//; s/"$//')
# she opens her link; before she presses its button, the other signs again
curl -s --max-time 20 "$U/campaign/confirm?token=$tokv" >vera2.html
post "$V&name=Vera+Quiet+supports+Amazon&state=CA&county=06990&consent=on&listed=on"; cp reply.html reply_pending.html
toka=$(tokens vera@example.net)
curl -s --max-time 20 "$U/campaign/confirm?token=$tokv" >vera3.html
check "... and after the message was sent, the further sign-up leaves her link's page as it was" bash -c "
  grep -q '<dt>Your county</dt><dd>Ashgrove County (synthetic), VA</dd>' vera3.html &&
  cmp <(sed 's/name=\"csrf\" value=\"[^\"]*\"//' vera1.html) <(sed 's/name=\"csrf\" value=\"[^\"]*\"//' vera3.html) &&
  cmp <(sed 's/name=\"csrf\" value=\"[^\"]*\"//' vera2.html) <(sed 's/name=\"csrf\" value=\"[^\"]*\"//' vera3.html)"
code=$(curl -s -o vpost.html -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary "token=$tokv&csrf=$vcsrf" "$U/campaign/confirm")
check "her button confirms her answers: not listed, no consent, her county and name ($code)" bash -c "[ $code = 200 ] &&
  [ \"\$(store_sql $db \"SELECT name, state, county, commitments, consent, listed FROM pledges
      WHERE email = 'vera@example.net' AND confirmed IS NOT NULL\")\" = 'Vera Quiet|VA|51990|cancel-ring|0|0' ]"
curl -s --max-time 20 "$U/api/campaign/signers" >signers.json
check "... so she is not on the public list, nor among the consenting signers" bash -c "
  ! grep -q 'Vera' signers.json &&
  [ \$(store_sql $db \"SELECT count(*) FROM pledges WHERE email = 'vera@example.net' AND (consent = 1 OR listed = 1)\") = 0 ]"
curl -s --max-time 20 "$U/campaign/confirm?token=$toka" >vera4.html
check "the other's link then confirms nothing: her pledge is confirmed already" grep -q 'confirmed already' vera4.html
# (a third post for her address this minute is the limit's: another address, confirmed, signs again)
post "csrf=$csrf&email=wren%40example.net&state=OH&county=39990"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary "token=$(tokens wren@example.net)&csrf=$vcsrf" "$U/campaign/confirm")
post "csrf=$csrf&email=wren%40example.net&state=OH&county=39990"; cp reply.html reply_confirmed.html
for r in new queued pending confirmed; do sed -e 's/vera@example.net//g; s/wren@example.net//g' reply_$r.html | md5sum; done |
  sort -u >replies.md5
check "the reply is the same page for a new, a waiting, a pending and a confirmed address" [ "$(wc -l <replies.md5)" = 1 ]
# the organisers erase her on request: her old link no longer says it counts
"$SL" campaign erase vera@example.net -s $db >/dev/null 2>&1
curl -s --max-time 20 "$U/campaign/confirm?token=$tokv" >erased.html
curl -s --max-time 20 "$U/campaign/confirm?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" >unknown.html
check "an erased pledge's link says the pledge may be withdrawn or erased, never that it counts" bash -c "
  grep -qi 'erased' erased.html && ! grep -qi -e 'confirmed and counts' -e 'is confirmed' erased.html"
check "... the same page as a link that never was: it tells nobody that she had signed" cmp erased.html unknown.html

code=$(curl -s -o empty.html -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary "csrf=$csrf&email=&state=&county=" "$U/campaign/pledge")
check "an empty form is refused naming every required field at once" bash -c "[ $code = 400 ] &&
  grep -q 'role=\"alert\"><p>Please give your email address; please pick your state; please pick your county.' empty.html"
check "... each field marked invalid and described by the message, the first alone focused" bash -c "
  grep -q 'id=\"p-email\"[^>]* aria-invalid=\"true\" aria-describedby=\"form-error\" autofocus' empty.html &&
  grep -q 'id=\"p-state\"[^>]* aria-invalid=\"true\" aria-describedby=\"form-error\">' empty.html &&
  grep -q 'id=\"p-county\"[^>]* aria-invalid=\"true\" aria-describedby=\"form-error\">' empty.html &&
  [ \$(grep -o autofocus empty.html | wc -l) = 1 ]"
code=$(curl -s -o half.html -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary "csrf=$csrf&email=c%40example.net&state=OH&county=" "$U/campaign/pledge")
check "one field missing: that one alone" bash -c "[ $code = 400 ] && grep -q 'role=\"alert\"><p>Please pick your county.</p>' half.html &&
  grep -q 'id=\"p-county\"[^>]* aria-invalid=\"true\" aria-describedby=\"form-error\" autofocus' half.html &&
  ! grep -q 'id=\"p-email\"[^>]* aria-invalid' half.html"
# a store of version 2 (links without answers of their own): a pending
# link then confirms the pledge's answers, as it did
post "email=ezra%40example.net&$F&listed=on"
tok4=$(tokens ezra@example.net)
for c in name state county commitments consent listed; do
  store_sql $db "ALTER TABLE pledge_links DROP COLUMN $c" >/dev/null
done
store_sql $db "UPDATE meta SET value = '2' WHERE key = 'campaign_schema'" >/dev/null
curl -s --max-time 20 "$U/campaign/confirm?token=$tok4" >v2.html
check "a version 2 store's pending link shows its pledge's answers, and the store is version 10 after" bash -c "
  grep -q '<dt>Your county</dt><dd>Birchmoor County (synthetic), OH</dd>' v2.html &&
  grep -q '<dt>Public list of signers</dt><dd>Yes' v2.html &&
  [ \$(store_sql $db \"SELECT value FROM meta WHERE key = 'campaign_schema'\") = 10 ]"
# a store written by the version before that (campaign tables 1: one link
# per pledge, in pledges.token_hash) keeps its pending links working
post "email=dora%40example.net&$F"
tok3=$(tokens dora@example.net)
store_sql $db "ALTER TABLE pledges ADD COLUMN token_hash text" >/dev/null
store_sql $db "UPDATE pledges SET token_hash = (SELECT min(token_hash) FROM pledge_links l WHERE l.pledge_id = pledges.id)" >/dev/null
store_sql $db "DROP TABLE pledge_links" >/dev/null
store_sql $db "UPDATE meta SET value = '1' WHERE key = 'campaign_schema'" >/dev/null
curl -s --max-time 20 "$U/campaign/confirm?token=$tok3" >old.html
check "a version 1 store's pending link still opens its page, and the store is version 10 after" bash -c "
  grep -q 'Confirm my pledge</button>' old.html && grep -q '<dt>Your county</dt><dd>Birchmoor County (synthetic), OH</dd>' old.html &&
  [ \$(store_sql $db \"SELECT value FROM meta WHERE key = 'campaign_schema'\") = 10 ] &&
  [ \$(store_sql $db \"SELECT count(*) FROM pledges WHERE token_hash IS NOT NULL\") = 0 ] &&
  [ \$(store_sql $db 'SELECT count(*) FROM pledge_links') -ge 3 ]"
# a store whose campaign tables a newer sightline made (a colleague upgraded
# while this server ran): the signer was told 400, her form shown as if she
# had got it wrong, and the pledge lost. Now it comes back as when the store
# is busy, filled in, and the CLI says what to do.
store_sql $db "UPDATE meta SET value = '99' WHERE key = 'campaign_schema'" >/dev/null
post "email=newer%40example.net&$F"
check "campaign tables of a newer sightline: the pledge comes back filled in (503), not refused as her mistake ($code)" bash -c "
  [ $code = 503 ] && grep -q 'could not be saved just now, and nothing was recorded' reply.html &&
  grep -q 'value=\"newer@example.net\"' reply.html && ! grep -q 'campaign tables have version' reply.html"
check "... and a change from the CLI (campaign erase) says to use a newer sightline" bash -c "
  ! '$SL' campaign erase nobody@example.net -s '$db' 2>err.txt && grep -q 'this sightline knows up to [0-9]* (use a newer sightline)' err.txt"
store_sql $db "UPDATE meta SET value = '10' WHERE key = 'campaign_schema'" >/dev/null
serve_stop
check "the server log holds no address and no token" bash -c "! grep -q -e 'example.net' -e '$tok1' -e '$tok2' '$SLOG'"
finish
