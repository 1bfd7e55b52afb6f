#!/usr/bin/env bash
# serve_campaign.sh — the campaign's public routes of `sightline serve`
# (issue #16) with curl on loopback: /campaign renders (Markdown through
# cmark, no raw HTML); a pledge with a valid CSRF token gets the same reply
# for a new and an already-pledged address; a cross-site POST, a missing or
# forged token are refused 403; a filled honeypot stores nothing; over-long
# fields are 400 and huge bodies 413; the rate limits answer 429 with
# Retry-After; the counter moves only after the link delivered through a
# local SMTP sink (python3-aiosmtpd) is opened and its page's button
# pressed, and the hour of the confirmation has turned (opening alone, as
# a mail scanner does, confirms nothing; a second open says confirmed
# already); a hostile name shows as
# text; no email, name or token reaches the access log or a public answer;
# "suggest a business" has the same protections.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "SKIPPED: needs sqlite3" >&2; exit 77; }
PY=/usr/bin/python3
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "SKIPPED: needs python3-aiosmtpd (Debian)" >&2; exit 77; }
FX=$SL_FIXTURES/campaign
cd "$WORK" || exit 1
db=$(store s)
"$SL" demo -s $db >/dev/null
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s $db >/dev/null

serve_start $db --rate-email 3 || exit 1
check "without a campaign /campaign is 404, also asked a question it does not answer" \
  bash -c "[ $(status /campaign) = 404 ] && [ $(status '/campaign?colour=red') = 404 ]"
curl -s --max-time 20 "$U/campaign" >none.html
check "... and its page leads to the directory, not back to /campaign" bash -c "
  grep -q 'No campaign here' none.html && grep -q '<a href=\"/directory\">' none.html && ! grep -q 'Back to the campaign' none.html"
# the directory's pages work without a campaign, and none of them links to
# /campaign, the 404 here (the honeypot's suggestion: thanked, not queued)
curl -s --max-time 20 "$U/directory/suggest" >sug0.html
tok=$(grep -o 'name="csrf" value="[^"]*"' sug0.html | sed 's/.*value="//; s/"$//')
curl -s --max-time 20 -o sug0r.html -H "Origin: $U" --data-binary "name=Spam&homepage=x&csrf=$tok" "$U/directory/suggest"
curl -s --max-time 20 -o dir0.html "$U/directory"
check "without a campaign no page links to /campaign (this 404, the directory, the suggestion form, its answer)" bash -c "
  grep -q 'href=\"/directory\"' dir0.html && ! grep -l 'href=\"/campaign' none.html dir0.html sug0.html sug0r.html && grep -q 'Thank you for the suggestion' sug0r.html &&
  grep -q 'Back to the directory' sug0r.html"
serve_stop
"$SL" campaign init --config "$FX/campaign.conf" -s $db >/dev/null
serve_start $db --rate-email 3 --rate-forms 1000 || exit 1

curl -s -D page.h -o page.html "$U/campaign"
check "/campaign is 200 HTML with the CSP, no framing and no caching" \
  bash -c "grep -q '^HTTP/1.1 200' page.h && grep -qi '^Content-Security-Policy: default-src .self.' page.h &&
           grep -qi \"^Content-Security-Policy: .*frame-ancestors 'none'\" page.h && grep -qi '^X-Frame-Options: DENY' page.h &&
           grep -qi '^Cache-Control: no-store' page.h && grep -qi '^Content-Type: text/html' page.h"
check "the pledge text is Markdown rendered by cmark" grep -q '<h1>I pledge</h1>' page.html
check "with a campaign, its masthead links to the directory and the directory's back to it" bash -c "
  grep -q 'class=\"masthead\".*<a href=\"/directory\">the directory</a>' page.html &&
  curl -s --max-time 20 '$U/directory' | grep -q '<a href=\"/campaign\">the campaign</a>'"
check "commitments are checkboxes, consent is not ticked by default" \
  bash -c "grep -q 'name=\"commitment\" value=\"cancel-ring\"' page.html && grep -q 'id=\"p-consent\" name=\"consent\" value=\"on\">' page.html"
check "the page has a privacy and methods section" grep -q 'What is stored, why, and for how long' page.html
check "... which names the record of each email sent (subject and time; the text deleted once sent)" \
  grep -q '<li><strong>The emails sent to you</strong>: the subject and time of each' page.html
check "no inline script or style (the CSP forbids them)" bash -c "! grep -qE '<script>|<script [^s]|style=' page.html"
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
check "the form carries a CSRF token" test -n "$csrf"

# post BODY [ORIGIN]: POST the pledge form (from this site unless ORIGIN), the status in $code, the page in reply.html
post() { code=$(curl -s -o reply.html -D reply.h -w '%{http_code}' --max-time 20 -H "Origin: ${2:-$U}" --data-binary "$1" "$U/campaign/pledge"); }
pledges() { store_sql $db "SELECT count(*) FROM pledges WHERE email LIKE '$1'"; }
# The limits count per calendar minute: a burst that straddled two minutes
# would start over halfway (a slow run did), so each starts well inside one.
inside_a_minute() { local s; s=$(date +%S); s=$((10#$s)); [ "$s" -lt 40 ] || sleep $((61 - s)); }
F="state=NY&county=36061&commitment=cancel-ring&csrf=$csrf"

post "email=ann%40example.org&name=Ann+Secretname&consent=on&$F"; cp reply.html new.html; a=$code
post "email=ANN%40Example.org&name=Ann+Secretname&$F"; b=$code
check "a new and an already-pledged address get the same status and the same page ($a, $b)" \
  bash -c "[ $a = 200 ] && [ $b = 200 ] && cmp -s new.html reply.html"
check "the reply says who sends the email and how long its link works, not that it is on its way" bash -c "
  grep -q 'organisers send each new signer an email' new.html && grep -q 'works until 7 days after you signed' new.html &&
  grep -q 'has confirmed its pledge already, it still counts and no new email is sent' new.html && ! grep -q 'on its way' new.html"
check "... and a signer who confirmed weeks ago and lost the mail is pointed to the page that mails her a link" \
  grep -q 'to change it, or to find its link again, <a href="/campaign/manage">Manage your pledge</a> mails you one' new.html
check "the pledge is stored once, unconfirmed" test "$(store_sql $db "SELECT count(*), sum(CASE WHEN confirmed IS NULL OR confirmed = 0 THEN 1 ELSE 0 END) FROM pledges")" = "1|1"

post "email=eve%40example.org&$F" https://evil.example
check "a cross-site POST (Origin) is refused 403 and stores nothing" bash -c "[ $code = 403 ] && [ $(pledges eve%) = 0 ]"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Referer: https://evil.example/form" --data-binary "email=eve%40example.org&$F" "$U/campaign/pledge")
check "a cross-site POST (Referer) is refused 403" test "$code" = 403
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Sec-Fetch-Site: cross-site" --data-binary "email=eve%40example.org&$F" "$U/campaign/pledge")
check "a cross-site POST (Sec-Fetch-Site) is refused 403" test "$code" = 403
post "email=eve%40example.org&state=NY&county=36061"
check "a POST without the CSRF token is refused 403" bash -c "[ $code = 403 ] && [ $(pledges eve%) = 0 ]"
post "email=eve%40example.org&state=NY&county=36061&csrf=${csrf%%.*}.00000000000000000000000000000000"
check "a forged CSRF token is refused 403" bash -c "[ $code = 403 ] && [ $(pledges eve%) = 0 ]"
post "email=eve%40example.org&state=NY&county=36061&csrf=1.${csrf#*.}"
check "a token with another time is refused 403" test "$code" = 403

post "email=bot%40example.org&homepage=http%3A%2F%2Fspam.example&$F"
check "a filled honeypot gets the ordinary reply (but the address it names) and stores nothing" \
  bash -c "[ $code = 200 ] && cmp -s <(sed 's/ann@example.org/ADDRESS/' new.html) <(sed 's/bot@example.org/ADDRESS/' reply.html) &&
           [ $(pledges bot%) = 0 ]"
post "email=long%40example.org&name=$(printf 'x%.0s' $(seq 101))&$F"
check "a name over 100 characters is 400, the form again with that field marked" \
  bash -c "[ $code = 400 ] && grep -q 'id=\"p-name\" name=\"name\"[^>]* aria-invalid=\"true\" aria-describedby=\"form-error\" autofocus' reply.html &&
           grep -q 'id=\"form-error\" role=\"alert\"><p>The name is longer than 100 characters' reply.html && [ $(pledges long%) = 0 ]"
check "... keeping what was sent: the address, the place, the commitment ticked, a new token" \
  bash -c "grep -q 'id=\"p-email\"[^>]* value=\"long@example.org\"' reply.html && grep -q '<option value=\"NY\" selected>New York (NY)</option>' reply.html &&
           grep -q 'name=\"commitment\" value=\"cancel-ring\" checked>' reply.html && grep -q 'name=\"csrf\" value=\"[0-9]' reply.html &&
           ! grep -q 'id=\"p-consent\"[^>]*checked' reply.html"
# An import holding the store's write lock: the pledge waits, then comes
# back 503 filled in, so that the signer sends it again without retyping
# (SQLite: a second writer; PostgreSQL's writers queue on rows instead).
if [ -f "$db" ]; then
  rm -f locked
  $PY -c "import sqlite3, time; c = sqlite3.connect('$db', isolation_level=None); c.execute('BEGIN IMMEDIATE')
open('locked', 'w').close(); time.sleep(9); c.execute('ROLLBACK')" & holder=$!
  for i in $(seq 50); do [ -f locked ] && break; sleep 0.1; done
  post "email=busy%40example.org&name=Bea&$F"
  check "a pledge while the store is busy: 503, the form again as filled in, saying nothing was recorded" \
    bash -c "[ $code = 503 ] && grep -q 'role=\"alert\"><p>Your form could not be saved just now, and nothing was recorded' reply.html &&
             grep -q 'id=\"p-email\"[^>]* value=\"busy@example.org\"' reply.html && grep -q 'value=\"Bea\"' reply.html &&
             grep -q 'name=\"commitment\" value=\"cancel-ring\" checked>' reply.html && grep -q 'name=\"csrf\" value=\"[0-9]' reply.html"
  wait $holder
  csrf2=$(grep -o 'name="csrf" value="[^"]*"' reply.html | head -1 | sed 's/.*value="//; s/"$//')
  post "email=busy%40example.org&name=Bea&state=NY&county=36061&commitment=cancel-ring&csrf=$csrf2"
  check "... and sent again from that page once the store is free, it is taken" bash -c "[ $code = 200 ] && [ $(pledges busy%) = 1 ]"
fi
post "email=$(printf 'a%.0s' $(seq 70))%40example.org&$F"
check "an over-long local part is 400" test "$code" = 400
head -c 20000 /dev/zero | tr '\0' a > big.txt
code=$(curl -s -D big.h -o big.html -w '%{http_code}' -H "Origin: $U" --data-binary @big.txt "$U/campaign/pledge")
check "a 20 kB body is 413" test "$code" = 413
check "... answered with a page like the form's other refusals, not JSON" \
  bash -c "grep -qi '^Content-Type: text/html' big.h && grep -q '<h1>Too much text</h1>' big.html"
code=$(curl -s -D big.h -o big.html -w '%{http_code}' --data-binary @big.txt -X GET "$U/api/info")
check "... while the API's 413 stays JSON" bash -c "[ $code = 413 ] && grep -qi '^Content-Type: application/json' big.h"
post "email=idn%40b%C3%BCcher.example&$F"
check "an internationalised domain is accepted and stored in its ASCII form" \
  bash -c "[ $code = 200 ] && [ $(pledges 'idn@xn--bcher-kva.example') = 1 ]"
post "email=not-an-address&$F"
check "a malformed address is 400" test "$code" = 400
post "email=wrong%40example.org&state=CA&county=36061&csrf=$csrf"
check "a county outside the state picked is 400, the county marked" \
  bash -c "[ $code = 400 ] && grep -q 'id=\"p-county\" name=\"county\" required aria-invalid=\"true\"' reply.html"
post "email=%3Cscript%3E%22x%40example.org&name=%3Cb%3E%22Ann&$F"
check "what is kept is escaped" bash -c "[ $code = 400 ] && ! grep -qF -e '<script>\"x' -e '<b>\"Ann' reply.html &&
  grep -q 'value=\"&lt;b&gt;&quot;Ann\"' reply.html && grep -q 'value=\"&lt;script&gt;&quot;x@example.org\"' reply.html"
check "GET /campaign/pledge is 405" test "$(status /campaign/pledge)" = 405
check "a question /campaign does not answer is 400 (a campaign here)" test "$(status '/campaign?colour=red')" = 400

inside_a_minute
for i in 1 2; do post "email=rate%40example.org&$F"; done
post "email=RATE%40example.org&$F"; c3=$code
post "email=rate%40example.org&$F"
retry=$(tr -d '\r' < reply.h | sed -n 's/^Retry-After: //Ip')
check "the 4th pledge a minute naming one address is 429 with Retry-After ($code, $retry)" \
  bash -c "[ $c3 = 200 ] && [ $code = 429 ] && [ '$retry' -ge 1 ] && [ '$retry' -le 60 ]"

# the counter: nothing public before the link is opened
counts() { curl -s "$U/api/campaign/counts" | $PY -c 'import json,sys; print(json.load(sys.stdin)["confirmed"])'; }
check "no confirmed pledge before a link is opened" test "$(counts)" = 0
post "email=hostile%40example.org&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%3Cb%3EBold&listed=on&$F"
check "a hostile name is accepted as text" test "$code" = 200

smtp_sink_start 120
check "the SMTP sink is up" test -f mail/ready
"$SL" campaign send --smtp-config smtp.conf -s $db >send.txt 2>&1
check "campaign send delivers the queued links, and says nothing is kept when nothing failed" \
  bash -c "grep -qx '[0-9]* messages sent, 0 failed' send.txt"
link_of() { for m in mail/*.eml; do if grep -q "^X-Rcpt: $1" "$m"; then tr -d '\r' < "$m" | grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2; fi; done | tail -1; }
tok=$(link_of ann@example.org)
check "the delivered message holds a link" test "${#tok}" = 43
check "a campaign's configured base URL is used as it is" bash -c "
  grep -l '^X-Rcpt: ann@example.org' mail/*.eml | xargs cat | tr -d '\r' | grep -q 'https://campaign.example.org/campaign/confirm?token=$tok'"
check "the message names the page's button and when the link ends" bash -c "
  grep -l '^X-Rcpt: ann@example.org' mail/*.eml | xargs cat | tr -d '\r' | grep -q 'open this link and press “Confirm my pledge”' &&
  grep -l '^X-Rcpt: ann@example.org' mail/*.eml | xargs cat | tr -d '\r' | grep -q '^It works until 7 days after you signed:'"
check "still 0 confirmed after sending" test "$(counts)" = 0
# a mail scanner or preview opens the link before the signer does: that
# GET (and a HEAD) confirms nothing; the page's button (a POST) does
curl -s -o conf.html -w '%{http_code}' "$U/campaign/confirm?token=$tok" >conf.code
curl -s -I "$U/campaign/confirm?token=$tok" >/dev/null
check "opening the link confirms nothing: a page with one button" bash -c "[ \$(cat conf.code) = 200 ] &&
  grep -q '<form method=\"post\" action=\"/campaign/confirm\"' conf.html && grep -q 'name=\"token\" value=\"$tok\"' conf.html &&
  grep -q 'Confirm my pledge' conf.html && [ $(counts) = 0 ]"
ccsrf=$(grep -o 'name="csrf" value="[^"]*"' conf.html | sed 's/.*value="//; s/"$//')
confirm() { code=$(curl -s -o cpost.html -w '%{http_code}' --max-time 20 -H "Origin: ${2:-$U}" --data-binary "$1" "$U/campaign/confirm"); }
confirm "token=$tok&csrf=$ccsrf" https://evil.example
check "a cross-site POST of the button is refused 403 and confirms nothing" bash -c "[ $code = 403 ] && [ $(counts) = 0 ]"
confirm "token=$tok"
check "a POST without the page's CSRF token is refused 403" bash -c "[ $code = 403 ] && [ $(counts) = 0 ]"
confirm "token=$tok&csrf=$ccsrf"
check "the button confirms: a thank-you page" bash -c "[ $code = 200 ] && grep -q 'your pledge is confirmed' cpost.html"
# the public counts are of the pledges confirmed before the hour began
# (serve_campaign_hourly.sh): the hour's turn is played by setting the
# confirmation back before its start, and the counts stored at the hour's
# first read back an hour (counts_hour_back)
hour_turns() { store_sql $db "UPDATE pledges SET confirmed = $(( $(date +%s) / 3600 * 3600 - 1 )) WHERE confirmed IS NOT NULL" >/dev/null
  counts_hour_back $db; }
# (a run in the hour's last seconds would see the hour turn by itself)
check "within the hour of the confirmation the counter has not moved" bash -c "[ $(counts) = 0 ] || [ \$(date +%M) = 00 ]"
hour_turns
check "the counter moved to 1 once its hour has turned" test "$(counts)" = 1
curl -s -o conf2.html -w '%{http_code}' "$U/campaign/confirm?token=$tok" >conf2.code
check "opening the link again says it is confirmed already, not 'sign again'" bash -c "[ \$(cat conf2.code) = 200 ] &&
  grep -q 'confirmed already' conf2.html && ! grep -qi 'sign again' conf2.html && ! grep -q '<form' conf2.html"
confirm "token=$tok&csrf=$ccsrf"
check "pressing the button twice says the same, and counts once" bash -c "[ $code = 200 ] && grep -q 'confirmed already' cpost.html && [ $(counts) = 1 ]"
queued=$(store_sql $db "SELECT count(*) FROM outbox")
post "email=ann%40example.org&name=Ann+Secretname&$F"
check "signing again with a confirmed address: the same page, nothing queued" bash -c "
  [ $code = 200 ] && cmp -s new.html reply.html && [ \$(store_sql $db 'SELECT count(*) FROM outbox') = $queued ]"
check "a bad token is a clear 400 page" test "$(status '/campaign/confirm?token=%3Cx%3E')" = 400
confirm "token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&csrf=$ccsrf"
check "an unknown token sent by POST is the same 400 page" bash -c "[ $code = 400 ] && grep -q 'This link does not work' cpost.html"
# (a confirmed pledge's links say "confirmed already": this page is for a
# link that leads to no pledge, which may have been erased, so it never
# says one counts)
check "the 400 page says the pledge may have been withdrawn or erased, never that it counts" bash -c "
  grep -q 'or the pledge may have been withdrawn or erased' cpost.html && ! grep -qi 'confirmed and counts' cpost.html"
confirm "token=$(link_of hostile@example.org)&csrf=$ccsrf"
hour_turns
curl -s "$U/campaign" > page2.html
check "the page's counter shows 2" grep -q '<span id="counter" class="big">2</span>' page2.html
kill $SINK; wait $SINK 2>/dev/null # (it holds the test's output open)
check "a hostile name shows escaped, as text, first name and initial only" \
  bash -c "grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &lt;.' page2.html && ! grep -q '<script>alert' page2.html && ! grep -q 'Bold' page2.html"

for p in counts local?state=NY\&county=36061 places signers; do curl -s "$U/api/campaign/$p"; done > api.txt
check "the public answers hold no email, no full name, no token" \
  bash -c "! grep -qiE 'example\\.org|Secretname|Bold|token' api.txt && grep -q '\"confirmed\": 2' api.txt"
check "/api/campaign/counts refuses a k under 5" test "$(status '/api/campaign/counts?k=1')" = 400

# suggest a business: the same guard
curl -s "$U/directory/suggest" > sug.html
scsrf=$(grep -o 'name="csrf" value="[^"]*"' sug.html | sed 's/.*value="//; s/"$//')
check "the suggestion form renders with a token" test -n "$scsrf"
sugg() { code=$(curl -s -o reply.html -w '%{http_code}' -H "Origin: ${2:-$U}" --data-binary "$1" "$U/directory/suggest"); }
queued() { store_sql $db "SELECT count(*) FROM business_suggestions" 2>/dev/null || echo 0; }
sugg "name=Corner+Books&category=books&state=NY&csrf=$scsrf"
check "a suggestion is queued for moderation" bash -c "[ $code = 200 ] && [ $(queued) = 1 ]"
sugg "name=Spam&homepage=x&csrf=$scsrf"
check "a suggestion with the honeypot filled is not queued" bash -c "[ $code = 200 ] && [ $(queued) = 1 ]"
sugg "name=Evil&csrf=$scsrf" https://evil.example
check "a cross-site suggestion is 403" bash -c "[ $code = 403 ] && [ $(queued) = 1 ]"
sugg "name=NoToken"
check "a suggestion without a token is 403" test "$code" = 403
sugg "name=$(printf 'n%.0s' $(seq 201))&city=Harlem&note=open+%3Clate%3E&csrf=$scsrf"
check "an over-long business name is 400, the form again with the name marked" \
  bash -c "[ $code = 400 ] && grep -q 'id=\"s-name\"[^>]* aria-invalid=\"true\"' reply.html && grep -q 'role=\"alert\"' reply.html"
check "... keeping what was sent (the note escaped)" \
  bash -c "grep -q 'id=\"s-city\"[^>]* value=\"Harlem\"' reply.html && grep -q '>open &lt;late&gt;</textarea>' reply.html &&
           [ $(queued) = 1 ]"

curl -s "$U/api/info" > info1.json
if sqlite_only "the SQLite file's journal mode (WAL)"; then
  check "after pledges the server writes through a write-ahead log" test "$(store_sql $db 'PRAGMA journal_mode')" = wal
fi
"$SL" import businesses "$FX/businesses.csv" -s $db >/dev/null 2>imp.err
check "an import while the server holds the store works" test $? = 0
check "and the API answers from the store as it is now" \
  bash -c "! grep -q businesses.csv info1.json && curl -s '$U/api/info' | grep -q businesses.csv"
serve_stop
check "the server stopped cleanly" test "$SRC" = 0
if sqlite_only "the SQLite file's write-ahead log folded back on exit"; then
  check "its log folded back into the store on exit" bash -c "[ ! -s $db-wal ]"
fi
check "the access log has no email, name, token or form body" \
  bash -c "! grep -qiE 'example\\.org|Secretname|script|token|csrf|email=' '$SLOG' && grep -q 'POST /campaign/pledge 200' '$SLOG' &&
           grep -q 'GET /campaign/confirm 200' '$SLOG' && grep -q 'POST /campaign/confirm 200' '$SLOG'"

# A form's token is the store's, not one process's: several serve processes
# of one store (behind a balancer) and a restart take each other's forms.
token_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
serve_start $db --rate-forms 1000 --quiet || exit 1
U1=$U
serve_start $db --rate-forms 1000 --quiet || exit 1
U2=$U
curl -s --max-time 20 "$U1/campaign" >lb1.html
curl -s --max-time 20 "$U1/directory/suggest" >lb1s.html
code=$(curl -s -o lb.html -w '%{http_code}' --max-time 20 -H "Origin: $U2" \
  --data-binary "email=lb1%40example.org&state=NY&county=36061&csrf=$(token_of lb1.html)" "$U2/campaign/pledge")
check "a pledge form served by one serve process is taken by another of the same store ($code)" \
  bash -c "[ $code = 200 ] && grep -q 'Check your email to confirm' lb.html && [ $(pledges lb1%) = 1 ]"
code=$(curl -s -o lb.html -w '%{http_code}' --max-time 20 -H "Origin: $U2" \
  --data-binary "name=Balanced+Books&category=books&city=Albany&state=NY&csrf=$(token_of lb1s.html)" "$U2/directory/suggest")
check "... and a suggestion form too ($code)" bash -c "[ $code = 200 ] && grep -q 'Thank you for the suggestion' lb.html"
code=$(curl -s -o lb.html -w '%{http_code}' --max-time 20 -H "Origin: $U1" \
  --data-binary "email=lb2%40example.org&state=NY&county=36061&csrf=$csrf" "$U1/campaign/pledge")
check "a form served before serve was restarted is taken after it ($code)" \
  bash -c "[ $code = 200 ] && [ $(pledges lb2%) = 1 ]"
code=$(curl -s -o lb.html -w '%{http_code}' --max-time 20 -H "Origin: $U1" --data-binary \
  "email=kept%40example.org&name=Kept+Answers&state=NY&county=36061&commitment=cancel-ring&consent=on&csrf=1.${csrf#*.}" \
  "$U1/campaign/pledge")
check "an expired form is 403 and comes back with her answers kept and a fresh token, nothing stored ($code)" \
  bash -c "[ $code = 403 ] && grep -q 'has expired' lb.html && grep -q 'id=\"p-email\"[^>]* value=\"kept@example.org\"' lb.html &&
           grep -q 'value=\"Kept Answers\"' lb.html && grep -q '<option value=\"NY\" selected>New York (NY)</option>' lb.html &&
           grep -q 'name=\"commitment\" value=\"cancel-ring\" checked>' lb.html && grep -q 'name=\"csrf\" value=\"[0-9a-f]*\.' lb.html &&
           [ $(pledges kept%) = 0 ]"
code=$(curl -s -o lb.html -w '%{http_code}' --max-time 20 -H "Origin: $U1" \
  --data-binary "name=Kept+Shop&category=books&city=Albany&state=NY&csrf=1.${csrf#*.}" "$U1/directory/suggest")
check "an expired suggestion form comes back filled in too ($code)" \
  bash -c "[ $code = 403 ] && grep -q 'has expired' lb.html && grep -q 'value=\"Kept Shop\"' lb.html"
kill -TERM "${SERVE_PIDS[-2]}" 2>/dev/null; wait "${SERVE_PIDS[-2]}"
serve_stop

# the per-address limit, on a server started with a low one
serve_start $db --rate-forms 2 || exit 1
curl -s "$U/campaign" > page3.html
csrf=$(grep -o 'name="csrf" value="[^"]*"' page3.html | head -1 | sed 's/.*value="//; s/"$//')
inside_a_minute
for i in 1 2 3; do post "email=r$i%40example.org&state=NY&county=36061&csrf=$csrf"; done
retry=$(tr -d '\r' < reply.h | sed -n 's/^Retry-After: //Ip')
check "the 3rd form a minute from one address is 429 with Retry-After ($code, $retry)" \
  bash -c "[ $code = 429 ] && [ '$retry' -ge 1 ] && [ '$retry' -le 60 ] && [ $(pledges r3%) = 0 ]"
serve_stop

# the sites of a county on the campaign page: what `join --points sites`
# counts in the campaign's set (the demo's sites, 3 categories); without
# its sites layer, no figure
demo=$(store demo)
"$SL" demo --campaign -s $demo >/dev/null
nosites=$(store_copy $demo nosites)
for id in $("$SL" info -s $nosites | awk '$2 == "sites" {print $1}'); do "$SL" rm "$id" -s $nosites >/dev/null; done
serve_start $nosites --quiet || exit 1
check "an unknown state is 400 naming it" \
  bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' '$U/api/campaign/local?state=ZZ')\" = 400 ] && curl -s '$U/api/campaign/local?state=ZZ' | grep -q 'ZZ is not'"
check "a store without sites gives no sites figure" \
  bash -c "curl -s '$U/api/campaign/local?state=TX&county=48990' | grep -q '\"sites\": null'"
serve_stop
"$SL" join --points sites --areas demo-counties --format csv -s $demo | tail -n +2 | tr -d '"\r' |
  awk -F, '{print $1, $7, $3}' > joined.txt
serve_start $demo --quiet || exit 1
while read -r id st n; do
  got=$(curl -s "$U/api/campaign/local?state=$st&county=$id" |
    python3 -c 'import json,sys; s=json.load(sys.stdin)["sites"]; print(s["county"], s["state"], sum(c["county"] for c in s["categories"]), len(s["categories"]))')
  check "the sites of county $id as join counts them, by category too ($got; join: $n)" test "$got" = "$n $n $n 3"
  html=$(curl -s "$U/campaign?state=$st&county=$id")
  case $html in *"<dt>in the county</dt><dd>$n"*) ok "the page shows them without JavaScript ($id)" ;;
    *) not_ok "the page shows the county's $n sites ($id)" ;; esac
done < joined.txt
check "every county of the demo was compared" test "$(wc -l < joined.txt)" = 4
# the demo's links follow the port serve runs on (here one the kernel picked)
read -r id st _ < joined.txt
dcsrf=$(curl -s "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -H "Origin: $U" --data-binary "email=port%40example.org&state=$st&county=$id&csrf=$dcsrf" "$U/campaign/pledge"
store_sql $demo "SELECT body FROM outbox ORDER BY id DESC LIMIT 1" >demo-mail.txt
check "a pledge on the demo served on port $PORT gets a link to that port" bash -c "
  grep -q 'http://127.0.0.1:$PORT/campaign/confirm?token=' demo-mail.txt"
serve_stop
finish
