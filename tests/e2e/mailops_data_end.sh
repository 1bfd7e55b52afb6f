#!/usr/bin/env bash
# mailops_data_end.sh — what the relay answers once it has the whole
# message. A 5xx there (a relay that looks the mailbox up only then: 550
# 5.1.1) was "Weird server reply", a failure tried by every cron run until
# the pledge expired, cron mailing the organiser each time, and counted as
# the server's own failure (3 in a row ended the run). Now it is refused for
# good once, as a 5xx to RCPT TO is, and a policy refusal (554 5.7.1) is
# kept for the next run and says it is the server's settings. A connection
# lost after the whole message went, before the server's answer, says the
# message may have arrived and goes again, once: lost again, it is counted
# as sent (a relay dropping every connection there mailed each signer every
# run). And a message queued by an older
# sightline, whose words promised the manage link "at any time", goes out
# saying what the link does now: it ends after 30 days.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
. "$(dirname "$0")/mailops_lib.bash"
cd "$WORK" || exit 1
db=$(store de)
campaign_fixture $db || exit 1
pledge() { printf 'email=%s%%40example.org&state=NY&county=36061' "$1" > f.txt; "$SL" campaign pledge --form f.txt -s $db >/dev/null; }
of() { store_sql $db "SELECT $2 FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = '$1@example.org'"; }
send() { "$SL" campaign send --smtp-config smtp.conf -s $db >"$1.out" 2>"$1.err"; echo $? >"$1.rc"; }
export db SL; export -f of
mailops_start mail
cp mail.conf smtp.conf

pledge ann
pledge gone.bob
pledge spam.cat
pledge spam.dan
pledge spam.eve
pledge drop.fay
# ann's message as an older sightline queued it
nl=$'\n'
store_sql $db "UPDATE outbox SET body = replace(body, 'without writing${nl}to anyone, open this link. It works for 30 days, so that nobody${nl}this message reaches later can change your pledge:', 'at any time and${nl}without writing to anyone, open this link:') WHERE pledge_id = (SELECT id FROM pledges WHERE email = 'ann@example.org')" >/dev/null
check "(the older words are in ann's queued message)" bash -c "of() { store_sql $db \"SELECT body FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = '\$1@example.org'\"; }; of ann | grep -q 'erase your pledge, at any time and'"
send run1
check "a 550 5.1.1 at the message's end: refused for good once, said with its code, its link dropped" bash -c "
  grep -qx \"sightline: campaign send: 1 address refused for good by the recipient's mail server (SMTP 127.0.0.1:$SP: the message's end refused: 550 5.1.1): not tried again, its link dropped; \\\`campaign show\\\` counts them\" run1.err &&
  [ \"\$(store_sql $db \"SELECT CAST(o.body IS NULL AS INTEGER), CAST(o.sent IS NULL AS INTEGER) FROM outbox o
      JOIN pledges p ON p.id = o.pledge_id WHERE p.email = 'gone.bob@example.org'\")\" = '1|1' ]"
check "a 554 5.7.1 at the message's end (3 in a row): the server's policy, kept for the next run, the run not ended" bash -c "
  of spam.cat last_error | grep -q \"the message's end refused: 554 5.7.1 (the server's settings or policy\" &&
  ! grep -q 'Weird server reply' run1.err && ! grep -q 'failed 3 times in a row' run1.out &&
  [ \"\$(store_sql $db \"SELECT count(*) FROM outbox WHERE sent IS NULL AND body LIKE '%token=%'\")\" = 4 ]"
check "a connection lost after the message's end: the reason says it may have arrived and goes again" bash -c "
  [ \$(cat run1.rc) = 1 ] && grep -q '^1 message sent, 4 failed' run1.out &&
  grep -q 'after the whole message went and before the server said whether it took it: it may have arrived, and the next run sends it again' run1.err"
check "a message queued before the manage link ended says the link ends after 30 days, not 'at any time'" bash -c "
  f=\$(grep -l '^X-Rcpt: ann@' mail/*.eml) && tr -d '\r' <\$f >ann.txt && ! grep -q 'at any time and' ann.txt &&
  grep -q 'erase your pledge, without writing' ann.txt && grep -q 'open this link. It works for 30 days after you signed;' ann.txt &&
  grep -q campaign/manage ann.txt"
send run2
check "the next run does not try the refused address again" bash -c "
  [ \"\$(store_sql $db \"SELECT o.attempts FROM outbox o JOIN pledges p ON p.id = o.pledge_id
      WHERE p.email = 'gone.bob@example.org'\")\" = 1 ] && ! grep -q '550' run2.err"
check "a second lost connection after the message's end: counted as sent, said so, not sent a third time" bash -c "
  grep -q '^sightline: campaign send: 1 message went to the SMTP server a second time and again the connection was lost before its answer: counted as sent, not sent a third time' run2.err &&
  [ \"\$(of drop.fay 'CAST(o.sent IS NOT NULL AS INTEGER), CAST(o.body IS NULL AS INTEGER)')\" = '1|1' ] &&
  { \"\$SL\" campaign send --smtp-config smtp.conf -s $db >run3.out 2>run3.err; true; } &&
  [ \$(grep -l '^X-Rcpt: drop.fay@' mail/*.eml | wc -l) = 2 ] && ! grep -q 'second time' run3.err"
check "no address in the run's output" bash -c "! grep -q '@example.org' run1.out run1.err run2.out run2.err run3.out run3.err"
finish
