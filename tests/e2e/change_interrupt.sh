#!/usr/bin/env bash
# change_interrupt.sh — `rm`, `campaign erase` (one signer, --all) and
# `campaign close` stopped by Ctrl-C (SIGINT) or SIGTERM before their
# commit say that nothing changed; `campaign send` stopped mid-run ends
# after the message in flight, marks it, and says how many wait. Each died
# silently: the desk could not tell whether a signer asking to be forgotten
# was, whether an import was gone, and a send killed between the relay's
# accept and its mark mailed that signer twice at the next run. Each change
# is held at a known moment by another process holding the store's write
# lock (lib.bash's hold_write_lock), as exclude_interrupt.sh does.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v python3 >/dev/null || { echo "SKIPPED: needs python3" >&2; exit 77; }
need_smtp_sink
cd "$WORK" || exit 1
DB=$(store x)
campaign_demo "$DB" || { echo "FAIL - demo"; exit 1; }
pledge() { printf 'email=%s%%40example.org&state=NY&county=36061&consent=1' "$1" > f.txt; "$SL" campaign pledge --form f.txt -s "$DB" >/dev/null; }
pledge ann

set -m # job control: a background job takes SIGINT (else bash has it ignore SIGINT)
# told SIG RC LINE COMMAND...: stopped by SIG, exit RC, LINE on stderr, the store as it was
told() {
  local sig=$1 want=$2 line=$3 rc before after; shift 3
  before=$(store_dump "$DB")
  stop_while_waiting "$sig" "$DB" "$@"; rc=$?
  after=$(store_dump "$DB")
  check "$* stopped by SIG$sig before its commit: exit $want, '$line', the store unchanged" \
    bash -c "[ $rc = $want ] && grep -qxF -- \"$line\" stop.err && [ ! -s stop.out ] && [ '$before' = '$after' ]"
}
IMPORT=$(store_sql "$DB" "SELECT min(id) FROM sources WHERE kind = 'posts'")
told INT 130 "sightline: rm interrupted: nothing was removed; the store is as it was before it: run the same rm again" \
  rm "$IMPORT"
told TERM 143 "sightline: rm interrupted: nothing was removed; the store is as it was before it: run the same rm again" \
  rm "$IMPORT"
"$SL" rm "$IMPORT" -s "$DB" >run.out 2>run.err
check "the same rm run again removes it, with no such line" \
  bash -c "grep -q '^removed import $IMPORT' run.out && ! grep -q interrupted run.err"

ERASED="sightline: campaign erase interrupted: nothing was erased; every pledge is as it was: run the same erase again"
told INT 130 "$ERASED" campaign erase ann@example.org
"$SL" campaign erase ann@example.org -s "$DB" >run.out 2>run.err
check "the same erase run again erases her, with no such line" \
  bash -c "grep -q '^the signer.s pledge and messages are erased' run.out && ! grep -q interrupted run.err &&
    [ \"\$(store_sql $DB \"SELECT count(*) FROM pledges WHERE email LIKE 'ann@%'\")\" = 0 ]"

pledge bea
told INT 130 "sightline: campaign close interrupted: the campaign is still open and nothing was deleted: run the same close again" \
  campaign close
"$SL" campaign close -s "$DB" >run.out 2>run.err
check "the same close run again closes it" grep -q 'unconfirmed pledge' run.out
told TERM 143 "$ERASED" campaign erase --all --confirm 1

# send: the sink holds the first message 3 s (a recipient "slow"); SIGINT then
"$SL" campaign reopen -s "$DB" >/dev/null
pledge slow.ann # first in the queue
pledge cid
pledge dot
smtp_sink_start 120
"$SL" campaign send --smtp-config smtp.conf -s "$DB" >send.out 2>send.err &
RUN=$!
for _ in $(seq 100); do [ -f mail/slow.started ] && break; sleep 0.05; done
kill -INT $RUN
wait $RUN; rc=$?
check "Ctrl-C during a send: exit 130 once the message in flight is sent" bash -c "
  [ $rc = 130 ] && [ \$(grep -l '^X-Rcpt: slow.ann@' mail/*.eml | wc -l) = 1 ] && ! grep -q '^X-Rcpt: cid@' mail/*.eml"
check "... it says what was sent and that the 2 others wait" bash -c "
  grep -q '^1 message sent, 0 failed; stopped, so the 2 others wait for the next run$' send.out &&
  grep -q '^sightline: campaign send: stopped by a signal after the message in flight: every message sent is marked so, none was cut, none goes twice; the 2 others wait for the next run$' send.err"
"$SL" campaign send --smtp-config smtp.conf -s "$DB" >send2.out 2>send2.err; rc=$?
check "the next run sends the 2 others, and not hers again" bash -c "
  [ $rc = 0 ] && grep -q '^2 messages sent, 0 failed$' send2.out &&
  [ \$(grep -l '^X-Rcpt: slow.ann@' mail/*.eml | wc -l) = 1 ]"
# a long queue on a terminal says how far it is (a viral day's thousands
# took half an hour with nothing on the screen)
pledge eve
pledge fay
pledge gus
script -qec "$(printf '%q ' "$SL" campaign send --smtp-config smtp.conf -s "$DB")" /dev/null >tty.out 2>&1 </dev/null
check "on a terminal, send draws its progress line ('campaign send: 0 of 3 messages'), then says what it sent" bash -c "
  grep -q 'campaign send: 0 of 3 messages' tty.out && grep -q '3 messages sent, 0 failed' tty.out"
kill $(pgrep -P "$SINK") 2>/dev/null # the sink runs under timeout(1)
finish
