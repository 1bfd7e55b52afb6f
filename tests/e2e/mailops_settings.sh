#!/usr/bin/env bash
# mailops_settings.sh — what cron mails the organiser when the SMTP
# settings are wrong. A wrong password said "Login denied" and was tried on
# 3 messages a run (each try a strike towards the provider locking the
# account), "the SMTP server failed 3 times in a row" blaming the server;
# a server offering no STARTTLS said "STARTTLS not supported." and a busy
# one "Got unexpected smtp-server response: 421", neither saying what to do.
# Now a refused login or STARTTLS ends the run at the first message, says
# the settings were refused and which to check; a busy server is said so.
# No address in what the run prints.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
. "$(dirname "$0")/mailops_lib.bash"
cd "$WORK" || exit 1
db=$(store st)
campaign_fixture $db || exit 1
for who in ann bob cat dan; do
  printf 'email=%s%%40example.org&state=NY&county=36061' $who > f.txt
  "$SL" campaign pledge --form f.txt -s $db >/dev/null
done
send() { "$SL" campaign send --smtp-config $2 -s $db >"$1.out" 2>"$1.err" </dev/null; echo $? >"$1.rc"; }
export db
mailops_start auth auth
printf 'user = organiser\npassword = wrong\n' >>auth.conf
send run1 auth.conf
check "a wrong password: one try, the run ends, it says the login was refused and what to check, exit 1" bash -c "
  [ \$(cat run1.rc) = 1 ] &&
  grep -qx '0 messages sent, 1 failed (that one is kept in the outbox for the next run); the SMTP server refused the settings (the reason on standard error), so the 3 others wait for the next run too' run1.out &&
  grep -q 'the login was refused: check user and password in the SMTP settings); no message goes until the settings are right' run1.err &&
  [ \"\$(store_sql $db 'SELECT sum(attempts) FROM outbox')\" = 1 ]"
mailops_start plain
sed -i 's/^tls = none$/tls = starttls/' plain.conf
send run2 plain.conf
check "a server offering no STARTTLS: one try, it says which settings to change" bash -c "
  [ \$(cat run2.rc) = 1 ] && grep -q 'refused the settings' run2.out &&
  grep -q 'the server offers no STARTTLS: check host and port, or set tls = tls for port 465' run2.err &&
  [ \"\$(store_sql $db 'SELECT sum(attempts) FROM outbox')\" = 2 ]"
mailops_start busy busy
send run3 busy.conf
check "a busy server (421 at connecting): said so, tried 3 times, kept for the next run" bash -c "
  [ \$(cat run3.rc) = 1 ] && grep -q 'failed 3 times in a row' run3.out &&
  grep -q '421 (the server is busy or refused the connection for now)' run3.err"
check "... and with the settings right every message goes, nothing on standard error" bash -c "
  sed -i 's/^tls = starttls$/tls = none/' plain.conf && \"\$SL\" campaign send --smtp-config plain.conf -s $db >run5.out 2>run5.err;
  [ \$? = 0 ] && grep -qx '4 messages sent, 0 failed' run5.out && [ ! -s run5.err ] && [ \$(ls plain/*.eml | wc -l) = 4 ]"
check "no address in what the runs printed" bash -c "! cat run*.out run*.err | grep -q '@example.org'"
finish
