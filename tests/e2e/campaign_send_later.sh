#!/usr/bin/env bash
# campaign_send_later.sh — a message the recipient's server turns away for
# now (450 to RCPT TO: a full mailbox, greylisting) was tried by every run
# of `campaign send`: from a five-minute cron, some two thousand tries in the
# week its pledge waits, each run exiting 1 and cron mailing the organiser
# each time, while the recipient's server saw the sender knock every five
# minutes. Now it is tried again after 5 minutes, then after 10, 20, 40, 80,
# 160 and at most every 4 hours; a run with nothing due prints nothing and
# exits 0 (on a terminal, it says when the next try is). The server's own
# failures (421 to the connection) and its policy's (554 5.7.1 at the
# message's end) are tried again by the next run, as before, so that a
# mended setting sends at once. A store made before (campaign tables of
# version 9, no retry_at) is brought up to date by the run. `campaign show`
# and /admin, which said every failed message goes at the next send, say
# until when the first turned away waits.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
. "$(dirname "$0")/mailops_lib.bash"
need_smtp_sink
cd "$WORK" || exit 1
db=$(store lt)
campaign_fixture $db || exit 1
pledge() { printf 'email=%s%%40example.org&state=NY&county=36061' "$1" > f.txt; "$SL" campaign pledge --form f.txt -s $db >/dev/null; }
of() { store_sql $db "SELECT $2 FROM outbox o JOIN pledges p ON p.id = o.pledge_id WHERE p.email = '$1@example.org'"; }
send() { # send NAME UNIX [CONF]
  "$SL" campaign send --smtp-config "${3:-smtp.conf}" --now "$2" -s $db >"$1.out" 2>"$1.err"; echo $? >"$1.rc"; }
export db SL; export -f of
T0=$(( $(date +%s) - 600 ))

# a store of the sightline before: campaign tables of version 9, no retry_at
store_sql $db "ALTER TABLE outbox DROP COLUMN retry_at; UPDATE meta SET value = '9' WHERE key = 'campaign_schema'" >/dev/null
smtp_sink_start 120
pledge later.amy
send run1 $T0
check "a store of campaign tables version 9: the run brings them to 10, and sends" bash -c "
  [ \"\$(store_sql $db \"SELECT value FROM meta WHERE key = 'campaign_schema'\")\" = 10 ] && [ \$(of later.amy attempts) = 1 ]"
check "a 450 to the address: a failure (exit 1), kept with its link, not tried again for 5 minutes" bash -c "
  [ \$(cat run1.rc) = 1 ] && grep -q 'RCPT failed: 450' run1.err &&
  [ \"\$(of later.amy 'CAST(o.body IS NOT NULL AS INTEGER), o.retry_at')\" = \"1|$((T0 + 300))\" ]"
check "... the run says so, and when it is tried again" \
  grep -q "^0 messages sent, 1 failed (kept in the outbox: 1 turned away for now by the recipient's server, tried again from [0-9: -]*UTC, then less and less often)$" run1.out
send run2 $((T0 + 120))
check "a run two minutes on: not tried, nothing printed (cron mails nothing), exit 0" bash -c "
  [ \$(cat run2.rc) = 0 ] && [ ! -s run2.out ] && [ ! -s run2.err ] && [ \$(of later.amy attempts) = 1 ] &&
  [ \$(ls mail/*.eml 2>/dev/null | wc -l) = 0 ]"
script -qec "$(printf '%q ' "$SL" campaign send --smtp-config smtp.conf --now $((T0 + 120)) -s "$db")" /dev/null >tty.out 2>&1 </dev/null
check "... on a terminal it says none is due, how many wait and when the first is tried" \
  grep -q "no message due: 1 waits to be tried again (turned away for now by the recipient's server), the first at " tty.out
# cron's next run, a few seconds before the 5 minutes are up, tries it
send run3 $((T0 + 295))
check "a run at 4 min 55 s: tried again (a cron run a little early does not put it off a whole interval); then 10 min" bash -c "
  [ \$(of later.amy attempts) = 2 ] && [ \$(of later.amy retry_at) = $((T0 + 295 + 600)) ]"
t=$((T0 + 295 + 600)); waits=""
for _ in 1 2 3 4 5 6; do
  send runx $t
  r=$(of later.amy retry_at); waits="$waits $((r - t))"; t=$r
done
check "the waits double, 20, 40, 80 and 160 minutes, then every 4 hours at most:$waits" \
  test "$waits" = " 1200 2400 4800 9600 14400 14400"
check "... 8 tries in all, the message still there with its link" \
  test "$(of later.amy 'o.attempts, CAST(o.body IS NOT NULL AS INTEGER), CAST(o.sent IS NULL AS INTEGER)')" = '8|1|1'

# the server's own failure (421 to every connection): the next run tries again
kill "$(pgrep -P "$SINK")" 2>/dev/null
pledge bob
mailops_start busy busy
send run4 $T0 busy.conf
check "a server answering 421 (busy) to the connection: a failure kept for the next run, no wait set" bash -c "
  [ \$(cat run4.rc) = 1 ] && grep -q '(those are kept in the outbox for the next run)\|(that one is kept in the outbox for the next run)' run4.out &&
  [ \"\$(of bob 'o.attempts, coalesce(o.retry_at, 0)')\" = '1|0' ]"
send run5 $T0 busy.conf
check "... tried again by the very next run" test "$(of bob attempts)" = 2
# the relay's policy (554 5.7.1 at the message's end): the next run, as before
mailops_start relay
pledge spam.cy
send run6 $T0 relay.conf
check "the relay's policy at the message's end (554 5.7.1): kept for the next run, no wait set; bob goes" bash -c "
  [ \"\$(of spam.cy 'o.attempts, coalesce(o.retry_at, 0)')\" = '1|0' ] && [ \"\$(of bob 'CAST(o.sent IS NOT NULL AS INTEGER)')\" = 1 ]"
"$SL" campaign show -s $db >show.txt
check "campaign show counts the waiting messages among those that failed when last sent" \
  grep -q '^messages: 2 queued (2 failed when last sent: tried again' show.txt
"$SL" campaign show --json -s $db >show.json
check "... campaign show says until when the one turned away waits, and --json gives it (outbox_next_try)" bash -c "
  grep -q \"^messages: 2 queued (2 failed when last sent: tried again; one turned away for now waits until 20[0-9-]* [0-9:]* UTC)\" show.txt &&
  python3 -c 'import json,sys; t = json.load(open(\"show.json\"))[\"totals\"]; assert t[\"outbox_next_try\"] == int(sys.argv[1]), t' \"\$(of later.amy retry_at)\""
serve_start "$db" || exit 1
TOKEN=$("$SL" campaign token -s "$db" 2>/dev/null)
curl -s -o /dev/null -c jar -X POST -H "Origin: $U" --data-urlencode "token=$TOKEN" "$U/admin/login"
curl -s -b jar "$U/admin" >admin.html
check "/admin no longer says every failed message goes at the next send: it says the first waiting one's time" bash -c "
  grep -q 'one its recipient.s server turned away for now waits (5 minutes, doubling to 4 hours): the first at 20' admin.html"
serve_stop
finish
