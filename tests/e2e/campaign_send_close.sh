#!/usr/bin/env bash
# campaign_send_close.sh — a `campaign send` from cron overlapping a
# `campaign close` (or an erasure). The run reads the waiting messages once
# and sends them one by one, minutes or hours for a long queue; close
# deletes the unconfirmed pledges with their messages meanwhile, and the run
# still mailed each of them "Confirm your pledge", a link whose page says
# the campaign has closed (an erased signer got a mail after asking to be
# forgotten). Here the sink holds the first message 3 s (a recipient
# "slow"); close runs then; the run must not send the second.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
need_smtp_sink
cd "$WORK" || exit 1
db=$(store c)
campaign_fixture $db || exit 1
pledge() { printf 'email=%s%%40example.org&state=NY&county=36061' "$1" > f.txt; "$SL" campaign pledge --form f.txt -s $db >/dev/null; }
pledge slow.ann # first in the queue: the sink holds her message 3 s
pledge bob
pledge cat
smtp_sink_start 120
"$SL" campaign send --smtp-config smtp.conf -s $db >send.out 2>send.err &
RUN=$!
for _ in $(seq 100); do [ -f mail/slow.started ] && break; sleep 0.05; done
check "the run is sending the first message" test -f mail/slow.started
"$SL" campaign close -s $db >close.out 2>&1; crc=$?
wait $RUN; rc=$?
check "the organiser closed the campaign meanwhile: its 3 unconfirmed pledges deleted" bash -c "
  [ $crc = 0 ] && grep -q '^3 unconfirmed pledges deleted' close.out &&
  [ \"\$(store_sql $db 'SELECT count(*) FROM pledges')\" = 0 ]"
check "the run mailed no link for a pledge the close deleted before its turn (bob, cat)" bash -c "
  [ $rc = 0 ] && ! grep -q -e '^X-Rcpt: bob@' -e '^X-Rcpt: cat@' mail/*.eml 2>/dev/null"
check "... and counts only what it sent" grep -q '^1 message sent, 0 failed' send.out
kill $(pgrep -P "$SINK") 2>/dev/null # the sink runs under timeout(1)
finish
