#!/usr/bin/env bash
# copydesk_promises.sh — what the campaign's public pages promise a signer,
# read as the organisation's copy editor reads them before launch (run of
# 2026-12-07, fifth). (1) Erasure: the privacy section said "an erasure
# removes every trace of the pledge at once", and the manage page's erase
# box said nothing of copies; `campaign erase` cannot reach the copies
# made before it (a `backup`, a `campaign export` of the signers who agreed
# to emails; README says so to organisers). The pages now say what erasing
# reaches and what not, and whom to ask for the rest. Demo campaign served
# on loopback, its mails through a local SMTP sink. (2) Sharing: the form
# says a signer's address is seen by the organisers only, and the box she
# ticks says "ORGANISATION may email me"; README's "The campaign" told
# organisers to export "coalition.csv" and that `campaign export` "hands
# the signers who consented to contact to a partner". It now says the file
# is for the organisation's own mailings, which the consent names.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
need_smtp_sink
cd "$WORK" || exit 1
DB=$(store cd)
"$SL" demo --campaign -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
serve_start "$DB" --rate-forms 1000 || exit 1
smtp_sink_start 30 >/dev/null  # its stdout not ctest's pipe: the sink outlives the script by up to its timeout

curl -s --max-time 20 "$U/campaign" >page.html
check "the privacy section promises no erasure of 'every trace'" bash -c "! grep -q 'every trace' page.html"
check "... and says an erasure does not reach the copies made before it (backups, lists of addresses), whom to ask" \
  grep -q 'not from the copies made before it: the organisers[^ ]* backups and the lists of addresses of signers who agreed to their emails. Ask them (at the contact above) to delete yours' page.html

csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o signed.html --max-time 20 -H "Origin: $U" --data-binary \
  "csrf=$csrf&email=rosa%40example.net&name=Rosa+Walker&state=OH&county=39990&commitment=cancel-ring&consent=on" \
  "$U/campaign/pledge"
"$SL" campaign send --smtp-config smtp.conf -s "$DB" >send.txt 2>&1
key=$(grep -l '^X-Rcpt: rosa@example.net' mail/*.eml | xargs cat | tr -d '\r' | grep -o 'campaign/manage?key=[A-Za-z0-9_-]*' | tail -1 | cut -d= -f2)
curl -s --max-time 20 "$U/campaign/manage?key=$key" >manage.html
check "her manage page's erase box says the copies made before are not reached, and names the contact" bash -c "
  [ -n '$key' ] && grep -q 'Copies made before now are not reached: the organisation[^ ]*s backups and, as you agreed to its emails, its lists of' manage.html &&
  grep -q 'write to hello@example.org' manage.html"
mcsrf=$(grep -o 'name="csrf" value="[^"]*"' manage.html | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o erased.html --max-time 20 -H "Origin: $U" --data-binary "csrf=$mcsrf&key=$key&action=erase&sure=yes" "$U/campaign/manage/change"
check "the page after she erased says so, and repeats that the copies made before are not reached and whom to write to" bash -c "
  grep -q 'Your pledge is erased' erased.html && grep -q 'Copies made before now are not reached' erased.html &&
  grep -q 'write to hello@example.org' erased.html"
check "README's campaign section tells organisers to hand the export to no partner or coalition" bash -c "
  ! awk '/^## The campaign/,/^### Publishing/' '$SL_SOURCE/README.md' | grep -i -E 'coalition|to a partner'"
check "... and says the file is for the organisation's own mailings, as the consent names it alone" bash -c "
  awk '/^## The campaign/,/^### Publishing/' '$SL_SOURCE/README.md' | tr '\n' ' ' | tr -s ' ' |
  grep -q 'for its own mailings: the consent names it alone, so the file is not for another organisation'"
check "... and so does campaign export --help, which said the file is 'for whoever gets it'" bash -c "
  '$SL' campaign export --help | tr '\n' ' ' | tr -s ' ' | grep -q \"for the organisation's own mailings: signers consented to the organisation named on the form, not to another\" &&
  ! '$SL' campaign export --help | grep -q 'whoever gets'"
finish
