#!/usr/bin/env bash
# campaign_send_unreachable.sh — `campaign send` with a queue of thousands
# and an SMTP server that cannot be reached: each message waited for its
# connection or its timeout (30 s by default) and the run went on through
# the whole queue (30,000 links: ten days of timeouts, holding the sender's
# lock). A server that fails itself 3 times in a row now ends the run, the
# rest left untried for the next, and the output says so; a server that
# refuses one recipient (550) refuses that message alone, and the run goes on.
# A run's messages share one connection (checked with the sink's X-Peer-Port).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
need_smtp_sink
cd "$WORK" || exit 1
db=$(store u)
campaign_fixture $db
pledge() { printf 'email=%s%%40example.org&state=NY&county=36061' "$1" > f.txt; "$SL" campaign pledge --form f.txt -s $db >/dev/null; }
for i in 1 2 3 4 5; do pledge ann$i; done
untried() { store_sql $db "SELECT count(*) FROM outbox WHERE sent IS NULL AND attempts = 0"; }

# port 1 on loopback: nothing listens, every connection is refused at once
printf 'host = 127.0.0.1\nport = 1\ntls = none\nfrom = pledge@example.org\ntimeout = 5\n' > down.conf
"$SL" campaign send --smtp-config down.conf -s $db >out.txt 2>err.txt; rc=$?
check "a server not reached: the run stops after 3 failures in a row (exit $rc)" \
  bash -c "[ $rc = 1 ] && grep -q '^0 messages sent, 3 failed' out.txt"
check "... saying the 2 others wait for the next run, untried" \
  bash -c "grep -q 'the SMTP server failed 3 times in a row, so the 2 others wait for the next run too' out.txt && [ $(untried) = 2 ]"
check "... and the server's reason on standard error" grep -q "sightline: SMTP 127.0.0.1:1: .*connect" err.txt

# recipients the server refuses (the sink's 550 for refuse*) do not end the run
for i in 1 2 3 4; do pledge refuse$i; done
pledge zed
smtp_sink_start 120
"$SL" campaign send --smtp-config smtp.conf -s $db >out2.txt 2>err2.txt; rc=$?
check "4 recipients refused in a row: the run goes on and sends the other 6 (exit $rc)" \
  bash -c "[ $rc = 0 ] && grep -q '^6 messages sent, 0 failed, 4 refused for good' out2.txt &&
           [ \$(ls mail/*.eml | wc -l) = 6 ] && grep -q '^X-Rcpt: zed@example.org' mail/*.eml"
# one connection for a run's messages, not one each (connect, STARTTLS and
# login for every link made the last of 30,000 signers wait hours)
ports=$(for i in 1 2 3 4 5; do grep -l "^X-Rcpt: ann$i@example.org" mail/*.eml | xargs grep -h '^X-Peer-Port:'; done | sort -u | wc -l)
check "the five messages before the refusals went over one connection ($ports)" test "$ports" = 1
kill $(pgrep -P "$SINK") "${SERVE_PIDS[@]}" 2>/dev/null # the sink runs under timeout(1)
finish
