#!/usr/bin/env bash
# serve_campaign_manage.sh — a signer who changes her mind, on the demo's
# campaign served by `sightline serve`, with curl and a local SMTP sink.
# Rosa signs (the organisation may email her, list her name) and confirms;
# her confirmation mail holds, beside its link, a link to manage her pledge
# (key=, not stored: only its hash). Weeks later, with it: (1) no more
# email, the pledge kept (counted, listed, out of `campaign export`);
# (2) her name off the public list, still counted, and an organiser's
# relisting leaves her off; (3) erased: nowhere in the store, the public
# counts unchanged within the hour and one fewer at its turn, the link dead.
# Opening the link changes nothing; a button without its box ticked changes
# nothing; a cross-site or token-less POST is refused. The page reached from
# /campaign asks for a link by email: the same answer for a signer's address
# and an unknown one, a link mailed only to the signer, once a quarter hour,
# the per-address limit as the pledge's. The pages are no-store with
# Referrer-Policy strict-origin; serve's log holds no key nor address. A
# signer who writes in instead: /admin's found signer has a button that
# withdraws her consent, her pledge kept, after a page naming her asks to
# confirm (nothing gives consent back). The
# demo's campaign tables are set back to version 7 first: the first write
# brings them to 8.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
PY=/usr/bin/python3
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "SKIPPED: needs python3-aiosmtpd (Debian)" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store mg)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
store_sql "$DB" "DROP TABLE manage_links; DROP TABLE pledge_changes;
  UPDATE meta SET value = '7' WHERE key = 'campaign_schema'" >/dev/null
# The checks compare public counts within one hour: a run that would
# straddle its turn starts just after it instead.
m=$(date -u +%M); s=$(date -u +%S)
if [ $((10#$m)) -ge 56 ]; then sleep $(( (60 - 10#$m) * 60 - 10#$s + 2 )); fi
serve_start "$DB" --rate-email 3 --rate-forms 1000 || exit 1
smtp_sink_start 120
counts() { curl -s --max-time 20 "$U/api/campaign/counts" | $PY -c 'import json,sys; print(json.load(sys.stdin)["confirmed"])'; }
listed_rosa() { curl -s --max-time 20 "$U/api/campaign/signers" | grep -c 'Rosa W'; }
row() { store_sql "$DB" "SELECT consent, listed, CASE WHEN confirmed IS NULL THEN 0 ELSE 1 END FROM pledges WHERE email = 'rosa@example.net'"; }
exported() { "$SL" campaign export -s "$DB" 2>/dev/null | grep -c '^rosa@example.net,'; }
send() { "$SL" campaign send --smtp-config smtp.conf -s "$DB" >>send.txt 2>&1; }
mail_to() { for f in mail/*.eml; do grep -q "^X-Rcpt: $1" "$f" && tr -d '\r' <"$f"; done; }
export -f counts listed_rosa row exported status
export DB U PY

curl -s --max-time 20 "$U/campaign" >page.html
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
check "/campaign says she can stop the emails, leave the list or erase herself, and links the page" bash -c "
  grep -q 'To stop the emails, leave the public list or erase your pledge at any time, without writing to anyone' page.html &&
  grep -q '<a href=\"/campaign/manage\">Manage your pledge</a>' page.html && ! grep -q 'To withdraw your pledge at any time, write to' page.html"
code=$(curl -s -o signed.html -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary \
  "csrf=$csrf&email=rosa%40example.net&name=Rosa+Walker&state=OH&county=39990&commitment=cancel-ring&consent=on&listed=on" \
  "$U/campaign/pledge")
check "she signs, ticking 'may email me' and 'list my name'" bash -c "[ $code = 200 ] && [ \"\$(row)\" = '1|1|0' ]"
check "the first write brought the campaign tables from version 7 to 8" \
  test "$(store_sql "$DB" "SELECT value FROM meta WHERE key = 'campaign_schema'")" = 10
send
mail_to rosa@example.net >rosa1.txt
ctok=$(grep -o 'campaign/confirm?token=[A-Za-z0-9_-]*' rosa1.txt | cut -d= -f2)
key=$(grep -o 'campaign/manage?key=[A-Za-z0-9_-]*' rosa1.txt | cut -d= -f2)
check "her confirmation mail holds a link to manage her pledge later, and says what it does" bash -c "
  [ ${#key} = 43 ] && [ '$key' != '$ctok' ] &&
  grep -q 'Keep this message: to stop the organisation.s emails, to take your' rosa1.txt &&
  grep -q \"^http://127.0.0.1:$PORT/campaign/manage?key=$key\$\" rosa1.txt"
check "the key is stored hashed, as the confirmation token: not as it is, and the message's body is gone once sent" bash -c "
  ! store_text '$DB' | grep -q -e '$key' -e '$ctok' &&
  [ \"\$(store_sql '$DB' \"SELECT count(*) FROM manage_links WHERE token_hash = '\$(printf %s '$key' | sha256sum | cut -d' ' -f1)'\")\" = 1 ]"
curl -s --max-time 20 "$U/campaign/confirm?token=$ctok" >conf.html
ccsrf=$(grep -o 'name="csrf" value="[^"]*"' conf.html | sed 's/.*value="//; s/"$//')
curl -s -o confirmed.html --max-time 20 -H "Origin: $U" --data-binary "token=$ctok&csrf=$ccsrf" "$U/campaign/confirm"
check "the thank-you page of her confirmation says how to change her mind later, herself" bash -c "
  grep -q 'your pledge is confirmed' confirmed.html &&
  grep -q 'Changed your mind later? The second link in the same email (for 30 days), or Manage your pledge' confirmed.html"
# weeks later: her confirmation is long before this hour (the hour's counts made again)
store_sql "$DB" "UPDATE pledges SET confirmed = confirmed - 30 * 86400 WHERE email = 'rosa@example.net'" >/dev/null
counts_hour_back "$DB"
c0=$(counts)
check "confirmed, counted and listed, and in the organisers' export" bash -c "
  [ \"\$(row)\" = '1|1|1' ] && [ $c0 = 18 ] && [ \$(listed_rosa) = 1 ] && [ \$(exported) = 1 ]"

# the link's page: what her pledge says now, three forms; opening it changes nothing
mcode=$(curl -s -D m.h -o m.html -w '%{http_code}' --max-time 20 "$U/campaign/manage?key=$key")
check "the link opens her page (200): county, counted, listed as 'Rosa W.', emails yes; never her address" bash -c "
  [ $mcode = 200 ] && grep -q 'Birchmoor County' m.html && grep -q 'Yes: it is confirmed' m.html &&
  grep -q 'Yes, as “Rosa W.”' m.html && grep -q 'Yes: they may email you' m.html &&
  ! grep -qi -e 'rosa@' -e 'Walker' m.html"
check "... with a form each to stop the emails, leave the list and erase, each a box to tick" bash -c "
  [ \$(grep -c '<form method=\"post\" action=\"/campaign/manage/change\"' m.html) = 3 ] &&
  [ \$(grep -c 'name=\"sure\" value=\"yes\" required' m.html) = 3 ] &&
  grep -q 'The public counts lose your pledge at [0-9][0-9]:00 UTC' m.html"
check "... no-store, Referrer-Policy strict-origin (the key stays off any Referer)" bash -c "
  grep -qi '^Cache-Control: no-store' m.h && grep -qi '^Referrer-Policy: strict-origin' m.h"
check "opening it changed nothing" test "$(row)" = "1|1|1"
mcsrf=$(grep -o 'name="csrf" value="[^"]*"' m.html | head -1 | sed 's/.*value="//; s/"$//')
change() { code=$(curl -s -o ch.html -D ch.h -w '%{http_code}' --max-time 20 -H "Origin: ${2:-$U}" --data-binary "$1" "$U/campaign/manage/change"); }

change "csrf=$mcsrf&key=$key&action=consent&sure=yes" https://evil.example
check "a cross-site POST is refused 403, nothing changed" bash -c "[ $code = 403 ] && [ \"\$(row)\" = '1|1|1' ]"
change "key=$key&action=consent&sure=yes"
check "a POST without the page's CSRF token is refused 403, nothing changed" bash -c "[ $code = 403 ] && [ \"\$(row)\" = '1|1|1' ]"
change "csrf=$mcsrf&key=$key&action=erase"
check "erase without its box ticked changes nothing and says why" bash -c "
  [ $code = 400 ] && grep -q 'Nothing was changed: tick the box' ch.html && [ \"\$(row)\" = '1|1|1' ]"

# (1) no more email, the pledge kept
change "csrf=$mcsrf&key=$key&action=consent&sure=yes"
check "(1) no more email: done at once, her pledge kept, counted and listed" bash -c "
  [ $code = 200 ] && grep -q 'No more emails from the organisation' ch.html && [ \"\$(row)\" = '0|1|1' ] &&
  [ \$(counts) = $c0 ] && [ \$(listed_rosa) = 1 ]"
check "... campaign export leaves her out from now" test "$(exported)" = 0
check "... logged without a field of hers" bash -c "
  [ \"\$(store_sql '$DB' 'SELECT what, by FROM pledge_changes')\" = 'consent withdrawn|signer' ]"
change "csrf=$mcsrf&key=$key&action=consent&sure=yes"
check "... pressing again says so, logs nothing more" bash -c "
  [ $code = 200 ] && grep -q 'No emails already' ch.html && [ \$(store_sql '$DB' 'SELECT count(*) FROM pledge_changes') = 1 ]"
curl -s --max-time 20 "$U/campaign/manage?key=$key" >m2.html
check "... her page now says no emails, and offers the two other changes and the emails again, with the form's words" bash -c "
  grep -q '<dt>Emails from the organisation</dt><dd>No</dd>' m2.html &&
  [ \$(grep -c 'action=\"/campaign/manage/change\"' m2.html) = 3 ] && ! grep -q 'value=\"consent\"' m2.html &&
  grep -q 'value=\"reconsent\"' m2.html && grep -q 'Get the organisation[^<]*s emails</h2>' m2.html &&
  grep -q 'Yes, .* may email me about the campaign</label>' m2.html"
# she changes her mind: the emails again, her box ticked, then off again for what follows
change "csrf=$mcsrf&key=$key&action=reconsent"
check "(1b) the emails again without the box ticked changes nothing" bash -c "[ $code = 400 ] && [ \"\$(row)\" = '0|1|1' ]"
change "csrf=$mcsrf&key=$key&action=reconsent&sure=yes"
check "(1b) the emails again: consent given, in the export again, logged as hers without a field of hers" bash -c "
  [ $code = 200 ] && grep -q 'The organisation may email you' ch.html && [ \"\$(row)\" = '1|1|1' ] &&
  [ \$(exported) = 1 ] && [ \"\$(store_sql '$DB' \"SELECT what || '|' || by FROM pledge_changes ORDER BY id DESC LIMIT 1\")\" = 'consent given|signer' ]"
change "csrf=$mcsrf&key=$key&action=consent&sure=yes"
check "... and stopped again" bash -c "[ $code = 200 ] && [ \"\$(row)\" = '0|1|1' ] && [ \$(exported) = 0 ]"
# the campaign renamed since she signed: her consent named the organisation on her form
sleep 1 # a version is in force from its second on: the edit a second after her pledge, as in life
"$SL" campaign edit --organisation "Another Coalition" -s "$DB" >edit.out 2>&1 || cat edit.out
curl -s --max-time 20 "$U/campaign/manage?key=$key" >m2b.html
change "csrf=$mcsrf&key=$key&action=reconsent&sure=yes"
check "(1c) once the campaign names another organisation, no emails-again form, and a forged one changes nothing" bash -c "
  ! grep -q 'value=\"reconsent\"' m2b.html && [ $code = 200 ] && grep -q 'Nothing was changed' ch.html &&
  grep -q 'erase your pledge and sign again' ch.html && [ \"\$(row)\" = '0|1|1' ]"

# (2) off the public list, still counted
change "csrf=$mcsrf&key=$key&action=unlist&sure=yes"
check "(2) off the public list at once, still counted, still out of the export" bash -c "
  [ $code = 200 ] && grep -q 'Your name is off the public list' ch.html && [ \"\$(row)\" = '0|0|1' ] &&
  [ \$(listed_rosa) = 0 ] && [ \$(counts) = $c0 ] && [ \$(exported) = 0 ]"
"$SL" campaign relist rosa@example.net -s "$DB" >relist.txt
check "... an organiser's relisting leaves her off: her own choice" bash -c "
  [ \"\$(row)\" = '0|0|1' ] && [ \$(listed_rosa) = 0 ]"

# her lost link: the page reached from /campaign mails her another
curl -s --max-time 20 "$U/campaign/manage" >ask.html
acsrf=$(grep -o 'name="csrf" value="[^"]*"' ask.html | head -1 | sed 's/.*value="//; s/"$//')
ask() { code=$(curl -s -o "$2" -D ask.h -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary "csrf=$acsrf&email=$1" "$U/campaign/manage"); }
check "/campaign/manage asks for the address she signed with" bash -c "
  grep -q '<form method=\"post\" action=\"/campaign/manage\"' ask.html && grep -q 'name=\"email\" type=\"email\"' ask.html"
before=$(store_sql "$DB" "SELECT count(*) FROM outbox")
# the limit counts a clock minute's asks: her four below inside one, even on a loaded machine
s=$(date +%S); s=$((10#$s)); [ "$s" -lt 40 ] || sleep $((61 - s))
ask "rosa%40example.net" asked1.html; c1=$code
ask "nobody%40example.net" asked2.html; c2=$code
check "the same answer for her address and an unknown one (but the address shown)" bash -c "
  [ $c1 = 200 ] && [ $c2 = 200 ] && cmp -s <(sed 's/rosa@example.net/X/' asked1.html) <(sed 's/nobody@example.net/X/' asked2.html) &&
  grep -q 'If a pledge was signed with' asked1.html"
check "... one message queued, for her pledge only" bash -c "
  [ \$(store_sql '$DB' 'SELECT count(*) FROM outbox') = $((before + 1)) ] && ! store_text '$DB' | grep -q nobody@"
ask "Rosa%40Example.net" asked3.html
check "... asked again (any spelling): no second mail within the quarter hour" \
  test "$(store_sql "$DB" "SELECT count(*) FROM outbox")" = $((before + 1))
ask "rosa%40example.net" asked3b.html # her third ask this minute (--rate-email 3)
ask "rosa%40example.net" asked4.html
check "the 4th ask a minute for one address is 429, as the pledge's limit" bash -c "[ $code = 429 ] && grep -qi '^Retry-After:' ask.h"
send
mail_to rosa@example.net | sed -n '/Manage your pledge/,$p' >rosa2.txt
key2=$(grep -o 'campaign/manage?key=[A-Za-z0-9_-]*' rosa2.txt | tail -1 | cut -d= -f2)
check "the mailed link is a new one, working for 2 days" bash -c "
  [ ${#key2} = 43 ] && [ '$key2' != '$key' ] && grep -q 'It works for 2 days' rosa2.txt"

# (3) erased
c_before=$(counts)
erasures=$(store_sql "$DB" "SELECT count(*) FROM erasures WHERE was_confirmed = 1")
curl -s --max-time 20 "$U/campaign/manage?key=$key2" >m3.html
mcsrf=$(grep -o 'name="csrf" value="[^"]*"' m3.html | head -1 | sed 's/.*value="//; s/"$//')
change "csrf=$mcsrf&key=$key2&action=erase&sure=yes"
check "(3) erased: the page says so, and when the public counts lose it" bash -c "
  [ $code = 200 ] && grep -q 'Your pledge is erased' ch.html && grep -q 'lose your pledge at [0-9][0-9]:00 UTC' ch.html"
check "... nowhere in the store: address, name, links, messages; logged with its time only" bash -c "
  ! store_text '$DB' | grep -qi -e 'rosa@' -e 'Rosa Walker' &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM manage_links m LEFT JOIN pledges p ON p.id = m.pledge_id WHERE p.id IS NULL') = 0 ] &&
  [ \$(store_sql '$DB' 'SELECT count(*) FROM erasures WHERE was_confirmed = 1') = $((erasures + 1)) ]"
check "... the public counts the same within the hour (an erasure shows at the turn only)" test "$(counts)" = "$c_before"
counts_hour_back "$DB"
check "... and one fewer at the hour's turn" test "$(counts)" = $((c_before - 1))
for k in "$key" "$key2"; do
  check "her links lead nowhere now (400, as an unknown one)" bash -c "
    [ \$(status '/campaign/manage?key=$k') = 400 ] && [ \$(status '/campaign/manage?key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA') = 400 ]"
done
check "serve's log holds no key, token nor address" bash -c "
  ! grep -q -e '$key' -e '$key2' -e '$ctok' -e 'rosa@' -e 'nobody@' '$SLOG' && grep -q 'campaign/manage' '$SLOG'"
# a signer who writes in instead: /admin withdraws her consent, her pledge kept
TOKEN=$("$SL" campaign token -s "$DB" 2>/dev/null)
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
ACSRF=$(curl -s -b jar "$U/admin" | sed -n 's|.*name="csrf" value="\([^"]*\)".*|\1|p' | head -1)
curl -s -b jar -X POST -H "Origin: $U" --data-urlencode "csrf=$ACSRF" --data-urlencode "q=signer02@example.org" \
  "$U/admin/find" >found.html
check "/admin: a found signer who consented has a button to withdraw it, saying the pledge stays" bash -c "
  grep -q '<form method=\"post\" action=\"/admin/unconsent\">' found.html &&
  grep -q 'Withdraw their consent to be emailed' found.html && grep -q 'the pledge stays, counted and listed' found.html"
curl -s -b jar -X POST -H "Origin: $U" --data-urlencode "csrf=$ACSRF" --data-urlencode "email=signer02@example.org" \
  "$U/admin/unconsent" >ask.html
check "... pressed: nothing withdrawn yet, a page naming the signer asks to confirm, saying only they give it again" bash -c "
  [ \"\$(store_sql '$DB' \"SELECT consent FROM pledges WHERE email = 'signer02@example.org'\")\" = 1 ] &&
  grep -q 'Withdraw their consent to be emailed?' ask.html && grep -qF 'signer02@example.org' ask.html &&
  grep -q 'Only they can give it again, from the link to manage their pledge' ask.html && grep -q 'name=\"confirm\" value=\"yes\"' ask.html &&
  grep -q '<a href=\"/admin\">Cancel</a>' ask.html"
curl -s -b jar -X POST -H "Origin: $U" --data-urlencode "csrf=$ACSRF" --data-urlencode "email=nobody@example.org" \
  "$U/admin/unconsent" >ask_none.html
check "... an address no pledge has: the organisers' page says so, nothing asked" \
  grep -q 'No pledge has this address; nothing changed.' ask_none.html
curl -s -b jar -X POST -H "Origin: $U" --data-urlencode "csrf=$ACSRF" --data-urlencode "email=signer02@example.org" \
  --data-urlencode "confirm=yes" "$U/admin/unconsent" >unconsent.html
check "... confirmed: consent withdrawn, the pledge still confirmed, out of the export, logged as the organiser's" bash -c "
  grep -q 'Their consent to be emailed is withdrawn' unconsent.html &&
  [ \"\$(store_sql '$DB' \"SELECT consent, CASE WHEN confirmed IS NULL THEN 0 ELSE 1 END FROM pledges WHERE email = 'signer02@example.org'\")\" = '0|1' ] &&
  ! '$SL' campaign export -s '$DB' 2>/dev/null | grep -q '^signer02@' &&
  [ \"\$(store_sql '$DB' \"SELECT by FROM pledge_changes WHERE by = 'organiser'\")\" = organiser ]"
curl -s -b jar -X POST -H "Origin: https://evil.example" --data-urlencode "csrf=$ACSRF" \
  --data-urlencode "email=signer04@example.org" --data-urlencode "confirm=yes" -o /dev/null "$U/admin/unconsent"
check "... a cross-site POST changes nothing" \
  test "$(store_sql "$DB" "SELECT consent FROM pledges WHERE email = 'signer04@example.org'")" = 1
serve_stop
check "the server stopped cleanly" test "$SRC" = 0
finish
