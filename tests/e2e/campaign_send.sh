#!/usr/bin/env bash
# campaign_send.sh — `campaign send` delivers the outbox over SMTP (libcurl)
# to a local sink on loopback (python3-aiosmtpd, killed on exit, at most
# 120 s): each message is marked sent only once the server accepted it; a
# refused recipient or a server that is down leaves the message queued with
# its reason (campaign_send_refused.sh: a recipient refused for good is
# recorded, not retried); STARTTLS is required unless the settings say tls = none; the
# environment overrides the file; the link in the delivered message confirms.
. "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null || { echo "SKIPPED: needs sqlite3" >&2; exit 77; }
PY=/usr/bin/python3
$PY -c 'import aiosmtpd' 2>/dev/null || { echo "SKIPPED: needs python3-aiosmtpd (Debian)" >&2; exit 77; }
FX=$SL_FIXTURES/campaign
cd "$WORK" || exit 1
db=$(store s)
"$SL" import areas "$FX/counties.geojson" --set counties --id id --name name -s $db >/dev/null
"$SL" campaign init --config "$FX/campaign.conf" -s $db >/dev/null
NOW=1800000000
for who in ann refuse; do
  printf 'email=%s%%40example.org&state=NY&county=36061' $who > f.txt
  "$SL" campaign pledge --form f.txt --now $NOW -s $db >/dev/null
done
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir mail
timeout 120 $PY "$SL_SOURCE/tests/e2e/smtp_sink.py" "$PORT" mail 2>sink.err &
SINK=$!
trap 'rc=$?; kill $SINK 2>/dev/null; lib_cleanup $rc' EXIT
for _ in $(seq 50); do [ -f mail/ready ] && break; sleep 0.1; done
check "the SMTP sink is up" test -f mail/ready

pending() { store_sql $db "SELECT count(*) FROM outbox WHERE sent IS NULL"; }
printf 'host = 127.0.0.1\nport = %s\nfrom = pledge@example.org\ntimeout = 10\n' "$PORT" > smtp-starttls.conf
"$SL" campaign send --smtp-config smtp-starttls.conf -s $db >out.txt 2>err.txt; rc=$?
check "STARTTLS is required by default: a plain server gets nothing, both stay queued" \
  bash -c "[ $rc = 1 ] && [ \$(ls mail/*.eml 2>/dev/null | wc -l) = 0 ] && [ $(pending) = 2 ]"

printf 'host = 127.0.0.1\nport = 1\ntls = none\nfrom = pledge@example.org\ntimeout = 10\n' > smtp.conf
SIGHTLINE_SMTP_PORT=$PORT "$SL" campaign send --smtp-config smtp.conf -s $db >out.txt 2>err.txt; rc=$?
check "send: 1 sent, 1 refused for good (550: exit 0, the server's reason said once on stderr)" \
  bash -c "[ $rc = 0 ] && grep -qx '1 message sent, 0 failed, 1 refused for good' out.txt && grep -q 'RCPT failed: 550' err.txt"
check "the environment overrides the file (port 1 in the file)" test -f mail/1.eml
check "the message went to ann, from the campaign's sender, UTF-8 text" \
  bash -c "grep -q '^X-Rcpt: ann@example.org' mail/1.eml && grep -qF 'From: \"Example Neighbours United\" <pledge@example.org>' mail/1.eml &&
           grep -q 'charset=UTF-8' mail/1.eml && grep -q 'Subject: Confirm your pledge' mail/1.eml"
check "a sent message is marked sent and loses its body (the link); the refused one loses it too, keeping its reason" \
  bash -c "[ \"\$(store_sql $db \"SELECT count(*) FROM outbox WHERE sent IS NOT NULL AND body IS NULL\")\" = 1 ] &&
           [ \"\$(store_sql $db \"SELECT CAST(body IS NULL AS INTEGER), CAST(last_error LIKE '%550%' AS INTEGER) FROM outbox WHERE sent IS NULL\")\" = '1|1' ]"
tok=$(tr -d '\r' < mail/1.eml | grep -o 'campaign/confirm?token=[A-Za-z0-9_-]*' | cut -d= -f2)
check "the link in the delivered message confirms the pledge" \
  bash -c "'$SL' campaign confirm --token '$tok' --now $((NOW + 60)) -s $db | grep -q confirmed"

# The campaign's sender is the From:, as `campaign show` says; the SMTP
# settings' from only stands in when the campaign has none.
"$SL" campaign erase refuse@example.org -s $db >/dev/null
# A name with the address, as mail programs write it, is refused saying
# to give the address alone (it said "the part before the @ has a
# character addresses cannot hold").
"$SL" campaign edit --sender "Organisers <organisers@example.org>" -s $db >/dev/null 2>name.err; rc=$?
check "--sender 'Name <address>' is refused (exit 2) asking for the address alone" bash -c "
  [ $rc = 2 ] && grep -q 'give the address alone (--sender pledge@example.org), without a name or <>' name.err"
"$SL" campaign edit --sender organisers@example.org -s $db >/dev/null
check "campaign show says messages come from the campaign's sender" \
  bash -c "'$SL' campaign show -s $db | grep -q 'messages from: organisers@example.org'"
for who in bea cal; do
  printf 'email=%s%%40example.org&state=NY&county=36061' $who > f.txt
  "$SL" campaign pledge --form f.txt --now $NOW -s $db >/dev/null
done
SMTP_ENV=(SIGHTLINE_SMTP_HOST=127.0.0.1 SIGHTLINE_SMTP_PORT=$PORT SIGHTLINE_SMTP_TLS=none SIGHTLINE_SMTP_TIMEOUT=10)
env -u SIGHTLINE_SMTP_FROM "${SMTP_ENV[@]}" "$SL" campaign send --max 1 -s $db >out.txt 2>err.txt; rc=$?
check "no from in the settings: sent from the campaign's sender (header and envelope), no note" bash -c "
  [ $rc = 0 ] && grep -q '^From: .* <organisers@example.org>' mail/2.eml && grep -q '^X-Mail-From: organisers@example.org' mail/2.eml &&
  [ ! -s err.txt ]"
env "${SMTP_ENV[@]}" SIGHTLINE_SMTP_FROM=relay@example.org "$SL" campaign send -s $db >out.txt 2>err.txt; rc=$?
check "SIGHTLINE_SMTP_FROM set too: still the campaign's sender, and a note names the one not used" bash -c "
  [ $rc = 0 ] && grep -q '^From: .* <organisers@example.org>' mail/3.eml && grep -q '^X-Mail-From: organisers@example.org' mail/3.eml &&
  grep -qx \"sightline: campaign send: note: sending from the campaign's sender organisers@example.org, not the SMTP settings' from relay@example.org\" err.txt"
check "send --help says which sender wins" bash -c "'$SL' campaign send --help | grep -q 'used only when the campaign has none'"
# A title in another script, longer than one encoded-word holds: the
# Subject was one =?UTF-8?B?...?= of 108 characters (RFC 2047 allows 75),
# From had no name and the Message-ID the domain sightline.invalid, all of
# which spam filters score.
TITLE='Rompe con Amazon — ¡Tu barrio no es su red de vigilancia! 監視に反対'
ORG='Vecinos Unidos — Asociación de inquilinos del barrio de San Andrés 監視'
"$SL" campaign edit --title "$TITLE" --organisation "$ORG" -s $db >/dev/null
printf 'email=eva%%40example.org&state=NY&county=36061' > f.txt
"$SL" campaign pledge --form f.txt --now $NOW -s $db >/dev/null
env "${SMTP_ENV[@]}" "$SL" campaign send -s $db >out.txt 2>err.txt
check "a long non-ASCII title: encoded-words of at most 75 characters that decode to it, the organisation as From's name, a Message-ID of the sender's domain" \
  env TITLE="$TITLE" ORG="$ORG" $PY - mail/4.eml <<'PYEOF'
import email, email.header, email.policy, re, sys, os
data = open(sys.argv[1], 'rb').read()
head = data.split(b'\r\n\r\n')[0].decode('ascii')  # headers are ASCII; the body is 8-bit UTF-8
words = re.findall(r'=\?UTF-8\?B\?[^?]*\?=', head)
m = email.message_from_bytes(data, policy=email.policy.default)
title = os.environ['TITLE']
# RFC 2047 drops the folding between adjacent encoded-words, as mail
# programs do; the policy parser keeps a space inside a display name, so
# From is decoded with the header module, as unstructured text.
raw_from = re.search(r'^From: (.*?)\r\n(?! )', head, re.S | re.M).group(1)
from_text = str(email.header.make_header(email.header.decode_header(raw_from)))
ok = (words and max(map(len, words)) <= 75 and str(m['Subject']) == 'Confirm your pledge: ' + title and
      from_text == os.environ['ORG'] + ' <organisers@example.org>' and
      m['Message-ID'].endswith('@example.org>') and
      all(len(l) <= 78 for l in head.split('\r\n')))
if not ok:
    print(words, m['Subject'], from_text, m['Message-ID'], file=sys.stderr)
sys.exit(0 if ok else 1)
PYEOF
printf 'email=dee%%40example.org&state=NY&county=36061' > f.txt
"$SL" campaign pledge --form f.txt --now $NOW -s $db >/dev/null

kill $SINK; wait $SINK 2>/dev/null
SIGHTLINE_SMTP_PORT=$PORT "$SL" campaign send --smtp-config smtp.conf -s $db >out.txt 2>err.txt; rc=$?
check "with the server down nothing is marked sent" bash -c "[ $rc = 1 ] && [ $(pending) = 1 ]"
env -u SIGHTLINE_SMTP_HOST "$SL" campaign send -s $db >/dev/null 2>none.err; rc=$?
check "no settings at all is a usage error that names --smtp-config, not an unnamed file ($rc)" bash -c "
  [ $rc = 2 ] && grep -q 'give --smtp-config FILE' none.err && ! grep -q 'in the file' none.err"
printf 'port = 25\n' > nohost.conf
check "a settings file without a host is named in the message" bash -c "
  env -u SIGHTLINE_SMTP_HOST '$SL' campaign send --smtp-config nohost.conf -s $db 2>&1 | grep -q 'set host in nohost.conf or SIGHTLINE_SMTP_HOST'"
printf 'host = sink.invalid\ntls = none\nuser = org\npassword = secret\ntimeout = 2\n' > clear.conf
env -u SIGHTLINE_SMTP_HOST -u SIGHTLINE_SMTP_TLS "$SL" campaign send --smtp-config clear.conf -s $db >/dev/null 2>clear.err
check "tls = none to another machine warns that the password and links go in clear text" \
  grep -qx 'sightline: campaign send: warning: tls = none: the SMTP password and the confirmation links go in clear text to sink.invalid' clear.err
printf 'host = x\nbogus = 1\n' > bad.conf
check "an unknown setting names its file and line" \
  bash -c "'$SL' campaign send --smtp-config bad.conf -s $db 2>&1 | grep -q '^sightline: bad.conf:2: unknown setting'"
"$SL" campaign send --help >help.txt 2>&1; rc=$?
check "send --help is send's own page, not the whole campaign's" bash -c "
  [ $rc = 0 ] && head -1 help.txt | grep -q '^usage: sightline campaign send ' && grep -q -- '--smtp-config FILE' help.txt &&
  grep -q 'only queue' help.txt && ! grep -q 'campaign init' help.txt"
finish
