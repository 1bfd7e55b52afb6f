#!/usr/bin/env bash
# signer3_words.sh — words of /campaign a signer and the copy desk met
# (run of 2026-12-07, sixth): (1) the form took a pledge with no commitment
# ticked (its confirm page says "the pledge itself (no commitment
# ticked)"), yet said nothing of it: a signer who wants to sign and tick
# none wondered whether she could. The legend says the commitments are
# optional. (2) The privacy list said "The organisers can export the
# addresses…": "export" is the operators' word (the command's); it says now
# what they do with them, in a signer's words, as the rest of the list does.
# (3) A confirmation link opened again said "Your pledge is confirmed
# already … there is nothing more to do", and not how to change her mind,
# which the page after confirming says: it says it too.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
need_smtp_sink
cd "$WORK" || exit 1
DB=$(store words)
campaign_demo "$DB"
serve_start "$DB" --rate-forms 1000 || exit 1
curl -s --max-time 20 "$U/campaign" >page.html
check "the commitments' legend says ticking them is optional" \
  grep -q '<legend>I commit to <span class="optional">(optional: the pledge counts without them)</span></legend>' page.html
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
code=$(curl -s -o signed.html -w '%{http_code}' --max-time 20 -H "Origin: $U" --data-binary \
  "csrf=$csrf&email=none%40example.net&state=NY&county=36061" "$U/campaign/pledge")
check "... as it is: a pledge with none ticked is taken" bash -c "[ $code = 200 ] && grep -q 'Check your email to confirm' signed.html"
section=$(sed -n '/id="privacy-h"/,/<\/section>/p' page.html)
[ -n "$section" ] || section=$(sed -n '/Privacy and methods/,/<\/section>/p' page.html)
check "the privacy list has no operator's 'export'" bash -c "[ -n \"\$1\" ] && ! grep -qi 'export' <<<\"\$1\"" _ "$section"
check "... it says the organisers can make a list of the addresses of those who agreed to their emails, for their own mailings" \
  bash -c "grep -q 'The organisers can make a list of the addresses of the signers who agreed to their emails, for their own mailings.' <<<\"\$1\"" _ "$section"
smtp_sink_start 60
"$SL" campaign send --smtp-config smtp.conf -s "$DB" >send.txt 2>&1
tok=$(grep -l '^X-Rcpt: none@example.net' mail/*.eml | xargs cat | tr -d '\r' | grep -o 'campaign/confirm?token=[A-Za-z0-9_-]*' | cut -d= -f2)
ccsrf=$(curl -s --max-time 20 "$U/campaign/confirm?token=$tok" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null --max-time 20 -H "Origin: $U" --data-binary "token=$tok&csrf=$ccsrf" "$U/campaign/confirm"
curl -s --max-time 20 "$U/campaign/confirm?token=$tok" >again.html
check "her link opened again: confirmed already, and how to change her mind (the second link, Manage your pledge)" bash -c "
  [ -n '$tok' ] && grep -q 'Your pledge is confirmed already' again.html &&
  grep -q 'Changed your mind? The second link in the same email (for 30 days), or Manage your pledge on the campaign&#39;s page' again.html"
finish
