#!/usr/bin/env bash
# signer3_mail.sh — the campaign's mails as their signer reads them (run of
# 2026-12-07, sixth): the inbox named the sender by the campaign's title
# ("Break Up With Ring (test campaign)"), while the form she signed named
# whom she lets email her, the organisation; and the text set the title and
# the buttons' names in straight quotes ("…"), as a program prints, and
# signed off "ORGANISATION - contact". From's name is now the organisation,
# the quotes are typographic and the sign-off has a dash; both mails, the
# confirmation and a link asked for on /campaign/manage.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
need_smtp_sink
cd "$WORK" || exit 1
DB=$(store mail)
campaign_demo "$DB"
serve_start "$DB" --rate-forms 1000 || exit 1
smtp_sink_start 60
csrf=$(curl -s --max-time 20 "$U/campaign" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null --max-time 20 -H "Origin: $U" --data-binary \
  "csrf=$csrf&email=rosa%40example.net&state=NY&county=36061&consent=on" "$U/campaign/pledge"
"$SL" campaign send --smtp-config smtp.conf -s "$DB" >send.txt 2>&1
mcsrf=$(curl -s --max-time 20 "$U/campaign/manage" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null --max-time 20 -H "Origin: $U" --data-binary "csrf=$mcsrf&email=rosa%40example.net" "$U/campaign/manage"
"$SL" campaign send --smtp-config smtp.conf -s "$DB" >>send.txt 2>&1
for f in mail/*.eml; do tr -d '\r' <"$f" >"$f.txt"; done
conf=$(grep -l '^Subject: Confirm your pledge' mail/*.eml.txt | head -1)
ask=$(grep -l '^Subject: Manage your pledge' mail/*.eml.txt | head -1)
echo "     confirmation: ${conf:-none}, link asked for: ${ask:-none}"

check "both mails come from the organisation, by name, as the form named whom she lets email her" bash -c "
  [ -n '$conf' ] && [ -n '$ask' ] &&
  grep -qxF 'From: \"Example Neighbours United\" <pledge@example.org>' '$conf' &&
  grep -qxF 'From: \"Example Neighbours United\" <pledge@example.org>' '$ask'"
check "the confirmation sets the title and the buttons' names in typographic quotes, no straight ones" bash -c "
  grep -qF 'Thank you for signing “Break Up With Ring (test campaign)”.' '$conf' &&
  grep -qF 'press “Confirm my pledge”.' '$conf' && grep -qF '“Manage your pledge”: ' '$conf' &&
  ! sed '1,/^\$/d' '$conf' | grep -q '\"'"
check "... and the link asked for too; both sign off 'ORGANISATION — contact'" bash -c "
  grep -qF 'manage your pledge to “Break Up With Ring (test campaign)”.' '$ask' &&
  ! sed '1,/^\$/d' '$ask' | grep -q '\"' &&
  grep -qxF 'Example Neighbours United — hello@example.org' '$conf' &&
  grep -qxF 'Example Neighbours United — hello@example.org' '$ask'"
finish
