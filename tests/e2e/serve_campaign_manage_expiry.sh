#!/usr/bin/env bash
# serve_campaign_manage_expiry.sh — the link to manage a pledge that the
# confirmation mail holds works 30 days, not for ever: a mail forwarded, or
# read in a shared or an employer's mailbox months later, let whoever held
# it see her name, county and commitments and erase her pledge. She still
# manages it whenever she wants: /campaign/manage mails her a new link, and
# the page of an expired link says so first and links there. A link stored
# without an end by an older sightline ends 30 days after it was made. The
# confirmation mail's link does not count as a link asked for: a signer
# who asks one minutes after signing still gets it.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
DB=$(store mx)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
NOW=$(date +%s)
OLD=$((NOW - 31 * 86400))
sign() { # sign WHO WHEN: a pledge signed and confirmed at WHEN, by the CLI
  printf 'email=%s%%40example.net&name=%s+Lee&state=OH&county=39990&listed=on&consent=on' "$1" "$1" >f.txt
  "$SL" campaign pledge --form f.txt --now "$2" -s "$DB" >/dev/null
  local tok
  body_of "$1" >"$1.txt" # the mail as queued (confirming drops what is still unsent)
  tok=$(grep -o 'confirm?token=[A-Za-z0-9_-]*' "$1.txt" | cut -d= -f2)
  "$SL" campaign confirm --token "$tok" --now $(($2 + 60)) -s "$DB" >/dev/null
}
body_of() { store_sql "$DB" "SELECT o.body FROM outbox o JOIN pledges p ON p.id = o.pledge_id
  WHERE p.email = '$1@example.net' ORDER BY o.id LIMIT 1"; }
key_of() { grep -o 'manage?key=[A-Za-z0-9_-]*' "$1.txt" | cut -d= -f2; }
sign ann $OLD   # a month and a day ago
sign cal $OLD   # as long ago, her link stored without an end, as before 2026-12-07
sign bea "$NOW" # just now
store_sql "$DB" "UPDATE manage_links SET expires = NULL WHERE pledge_id =
  (SELECT id FROM pledges WHERE email = 'cal@example.net')" >/dev/null
check "the confirmation mail says its link works 30 days, and where to ask for a new one" bash -c "
  tr '\n' ' ' <bea.txt | grep -q 'It works for 30 days, so that nobody this message reaches later can change your pledge' &&
  grep -q 'Manage your pledge.: http://127.0.0.1:8787/campaign/manage\$' bea.txt"
check "her link is stored to end 30 days after she signed" test \
  "$(store_sql "$DB" "SELECT m.expires - m.created FROM manage_links m JOIN pledges p ON p.id = m.pledge_id
     WHERE p.email = 'bea@example.net'")" = 2592000

serve_start "$DB" --rate-email 3 --rate-forms 1000 || exit 1
export -f status
export U
curl -s --max-time 20 "$U/campaign/manage?key=$(key_of bea)" >bea.html
check "a link of today opens her pledge" bash -c "
  [ \$(status '/campaign/manage?key=$(key_of bea)') = 200 ] && grep -q 'Your pledge now' bea.html"
code=$(curl -s -o ann.html -w '%{http_code}' --max-time 20 "$U/campaign/manage?key=$(key_of ann)")
check "the three links are there to try" bash -c "[ \$(cat ann.txt bea.txt cal.txt | grep -c 'manage?key=[A-Za-z0-9_-]\{43\}') = 3 ]"
check "a month and a day later the mail's link opens nothing of hers: 400, no name, no county" bash -c "
  [ $code = 400 ] && ! grep -q 'ann L' ann.html && ! grep -q 'Birchmoor' ann.html && ! grep -q 'name=\"sure\"' ann.html"
check "... and its page says first how to get a new link, linking the page that mails one" bash -c "
  grep -q '<p class=\"message\">To manage your pledge, <a href=\"/campaign/manage\">ask for a new link</a>' ann.html &&
  grep -q 'The link in your confirmation email works for 30 days after you signed' ann.html"
check "a link stored without an end by an older sightline ends as long after it was made" \
  test "$(status "/campaign/manage?key=$(key_of cal)")" = 400
mcsrf=$(grep -o 'name="csrf" value="[^"]*"' bea.html | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null --max-time 20 -H "Origin: $U" --data-binary "csrf=$mcsrf&key=$(key_of ann)&action=erase&sure=yes" \
  "$U/campaign/manage/change"
check "its erase button, posted anyway, erases nothing" \
  test "$(store_sql "$DB" "SELECT count(*) FROM pledges WHERE email = 'ann@example.net'")" = 1

curl -s --max-time 20 "$U/campaign/manage" >ask.html
acsrf=$(grep -o 'name="csrf" value="[^"]*"' ask.html | head -1 | sed 's/.*value="//; s/"$//')
for who in ann bea; do
  curl -s -o /dev/null --max-time 20 -H "Origin: $U" --data-binary "csrf=$acsrf&email=$who%40example.net" "$U/campaign/manage"
done
check "ann asks for a new link, and bea too minutes after signing: one mail each (the mail's link is not one asked for)" \
  test "$(store_sql "$DB" "SELECT count(*) FROM outbox WHERE subject LIKE 'Manage your pledge%'")" = 2
new=$(store_sql "$DB" "SELECT o.body FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = 'ann@example.net'
  AND o.subject LIKE 'Manage your pledge%'" | grep -o 'manage?key=[A-Za-z0-9_-]*' | cut -d= -f2)
check "... and ann's new link opens her pledge" test "$(status "/campaign/manage?key=$new")" = 200
check "the server's log holds no key nor address" bash -c "! grep -q -e '$new' -e 'example.net' '$SLOG'"
finish
