#!/usr/bin/env bash
# campaign_send_refused.sh — an address the recipient's server refuses for
# good (550 to RCPT TO: a typo, a mailbox closed) was tried by every
# `campaign send` until its pledge expired (for ever for a confirmed
# signer's manage mail), each run exiting 1: cron mailed the organiser an
# error every 10 minutes, and the message kept the signer's links all that
# time. Now the run that meets it says so once and exits 0, the message
# loses its body (the links) and is never tried again, and `campaign show`
# and /admin count it apart. A refusal for now (450) is still a failure
# tried again (later: campaign_send_later.sh), and so is a refused sender (553 to MAIL FROM: the
# organiser's settings, the same for every message), whose messages keep
# their links, and so is a run whose every recipient (3 or more, none
# accepted) the server refused: a relay refusing to relay.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
need_smtp_sink
cd "$WORK" || exit 1
db=$(store rf)
campaign_fixture $db || exit 1
pledge() { printf 'email=%s%%40example.org&state=NY&county=36061' "$1" > f.txt; "$SL" campaign pledge --form f.txt -s $db >/dev/null; }
of() { store_sql $db "SELECT $2 FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = '$1@example.org'"; }
send() { "$SL" campaign send --smtp-config smtp.conf -s $db >"$1.out" 2>"$1.err"; echo $? >"$1.rc"; }
pledge ann
pledge refuse.bob
tok=$(of refuse.bob body | grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2)
smtp_sink_start 120

send run1
check "a recipient refused for good: the run says so once, with the reason on standard error, and exits 0" bash -c "
  [ \$(cat run1.rc) = 0 ] && grep -qx '1 message sent, 0 failed, 1 refused for good' run1.out &&
  grep -qx \"sightline: campaign send: 1 address refused for good by the recipient's mail server (SMTP 127.0.0.1:[0-9]*: RCPT failed: 550 5.1.1): not tried again, its link dropped; \\\`campaign show\\\` counts them\" run1.err"
check "... its message keeps no link (body dropped, nowhere in the store), its reason kept" bash -c "
  [ \"\$(store_sql $db \"SELECT CAST(o.body IS NULL AS INTEGER), CAST(o.sent IS NULL AS INTEGER), o.attempts,
      CAST(o.last_error LIKE '%550%' AS INTEGER) FROM outbox o JOIN pledges p ON p.id = o.pledge_id
      WHERE p.email = 'refuse.bob@example.org'\")\" = '1|1|1|1' ] && [ ${#tok} = 43 ] && ! store_text $db | grep -q '$tok'"
send run2
check "the next run does not try it again: exit 0, one attempt still, and nothing printed (cron mails nothing)" bash -c "
  [ \$(cat run2.rc) = 0 ] && [ ! -s run2.out ] && [ ! -s run2.err ] &&
  [ \"\$(store_sql $db \"SELECT o.attempts FROM outbox o JOIN pledges p ON p.id = o.pledge_id
      WHERE p.email = 'refuse.bob@example.org'\")\" = 1 ]"
"$SL" campaign show -s $db >show.txt
"$SL" campaign show --json -s $db >show.json
check "campaign show counts it apart from the queue" bash -c "
  grep -q '^messages: 0 queued, 1 refused for good by the recipient.s server, 1 sent' show.txt &&
  python3 -c 'import json; t = json.load(open(\"show.json\"))[\"totals\"]; assert (t[\"outbox_refused\"], t[\"outbox_pending\"], t[\"outbox_failed\"]) == (1, 0, 0), t'"

pledge later.cat # 450: a refusal for now
send run3
send run4
check "a refusal for now (450) is still a failure, kept with its link and tried again later (exit 1)" bash -c "
  [ \$(cat run3.rc) = 1 ] && grep -q '^0 messages sent, 1 failed (kept in the outbox: 1 turned away for now' run3.out &&
  grep -q 'RCPT failed: 450' run3.err &&
  [ \"\$(store_sql $db \"SELECT CAST(o.body IS NOT NULL AS INTEGER), o.attempts FROM outbox o JOIN pledges p ON p.id = o.pledge_id
      WHERE p.email = 'later.cat@example.org'\")\" = '1|1' ]"
check "... not by the next run, minutes later: it prints nothing and exits 0 (campaign_send_later.sh: when)" bash -c "
  [ \$(cat run4.rc) = 0 ] && [ ! -s run4.out ] && [ ! -s run4.err ]"
store_sql $db "DELETE FROM outbox WHERE pledge_id = (SELECT id FROM pledges WHERE email = 'later.cat@example.org')" >/dev/null
"$SL" campaign edit --sender refused.sender@example.org -s $db >/dev/null
pledge dee
send run5
check "a refused sender (553 to MAIL FROM) is the run's failure: exit 1, the message kept with its link" bash -c "
  [ \$(cat run5.rc) = 1 ] && grep -q '^0 messages sent, 1 failed' run5.out &&
  [ \"\$(store_sql $db \"SELECT CAST(o.body LIKE '%token=%' AS INTEGER), CAST(o.sent IS NULL AS INTEGER) FROM outbox o
      JOIN pledges p ON p.id = o.pledge_id WHERE p.email = 'dee@example.org'\")\" = '1|1' ]"

TOKEN=$("$SL" campaign token -s $db 2>/dev/null)
serve_start $db || exit 1
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin" >admin.html
check "/admin counts the address refused for good, apart from the failed" bash -c "
  grep -q '<dt>Addresses refused for good</dt><dd>1' admin.html && grep -q '<dt>Messages that failed</dt><dd>1' admin.html"
# a relay that refuses every recipient (554 relay access denied: its
# settings, not the addresses) must not drop every waiting signer's link
"$SL" campaign edit --sender norelay@example.org -s $db >/dev/null
for who in eve fay gus; do pledge $who; done
send run6
check "a relay refusing every recipient (554 5.7.1, 4 of them): failures kept for the next run, exit 1, said why" bash -c "
  [ \$(cat run6.rc) = 1 ] && grep -q '^0 messages sent, 4 failed' run6.out &&
  grep -q \"RCPT failed: 554 5.7.1 (the server's settings or policy, such as relaying or login, not the address: kept for the next run)\" run6.err &&
  [ \"\$(store_sql $db \"SELECT count(*) FROM outbox WHERE sent IS NULL AND body LIKE '%token=%'\")\" = 4 ] &&
  [ \"\$(store_sql $db \"SELECT count(*) FROM outbox WHERE sent IS NULL AND body IS NULL\")\" = 1 ]"
# the same relay with only one message waiting: too few for the run to see
# that all were refused, but its 5.7.1 says it is the relay's policy
store_sql $db "DELETE FROM outbox WHERE sent IS NULL AND body IS NOT NULL
  AND pledge_id <> (SELECT id FROM pledges WHERE email = 'gus@example.org')" >/dev/null
send run7
check "one message refused by the relay's policy (554 5.7.1): a failure kept with its link, not refused for good" bash -c "
  [ \$(cat run7.rc) = 1 ] && grep -qx '0 messages sent, 1 failed (that one is kept in the outbox for the next run)' run7.out &&
  [ \"\$(store_sql $db \"SELECT CAST(o.body LIKE '%token=%' AS INTEGER) FROM outbox o JOIN pledges p ON p.id = o.pledge_id
      WHERE p.email = 'gus@example.org'\")\" = 1 ]"
kill $(pgrep -P "$SINK") 2>/dev/null # the sink runs under timeout(1)
finish
