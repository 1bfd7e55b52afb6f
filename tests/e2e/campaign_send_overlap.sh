#!/usr/bin/env bash
# campaign_send_overlap.sh — one `campaign send` at a time. A surge queues
# thousands of links; cron's next run starts while the last still sends,
# and two runs that read the same waiting messages sent every signer her
# link twice (run of 2026-12-07: two runs of 300 sent 600 mails, 274
# signers got two). Here run A hangs on an SMTP server that never answers
# (a listener on loopback that accepts and stays silent); run B, started
# meanwhile against a working sink, must send nothing and exit 0, saying so
# on a terminal only (from cron, every run of a long send mailed it);
# once A has given up, the next run sends the message once.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
need_smtp_sink
PY=/usr/bin/python3
cd "$WORK" || exit 1
db=$(store s)
campaign_fixture $db
printf 'email=ann%%40example.org&state=NY&county=36061' > f.txt
"$SL" campaign pledge --form f.txt -s $db >/dev/null
smtp_sink_start 120

# a server that accepts and never says a word (its connections counted in silent.n)
SILENT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$PY -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8); s.settimeout(1); held = []; end = time.time() + 60
while time.time() < end:
    try: c, _ = s.accept()
    except socket.timeout: continue
    held.append(c); open("silent.n", "a").write("x")
' "$SILENT" >/dev/null 2>silent.err &
SERVE_PIDS+=("$!")
printf 'host = 127.0.0.1\nport = %s\ntls = none\nfrom = pledge@example.org\ntimeout = 6\n' "$SILENT" > silent.conf
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$SILENT) 2>/dev/null && break; sleep 0.1; done
rm -f silent.n

"$SL" campaign send --smtp-config silent.conf -s $db >a.out 2>a.err &
A=$!
for _ in $(seq 100); do [ -s silent.n ] && break; sleep 0.05; done
check "run A is connected to the silent server, sending" test -s silent.n
"$SL" campaign send --smtp-config smtp.conf -s $db >b.out 2>b.err; rc=$?
check "run B, started while A sends, exits 0 ($rc) and sends nothing" \
  bash -c "[ $rc = 0 ] && [ \$(ls mail/*.eml 2>/dev/null | wc -l) = 0 ]"
check "... and prints nothing, so that cron does not mail the organiser every run of a long send" \
  bash -c "[ ! -s b.out ] && [ ! -s b.err ]"
script -qec "$(printf '%q ' "$SL" campaign send --smtp-config smtp.conf -s "$db")" /dev/null >tty.out 2>&1 </dev/null
check "... on a terminal it says another run is sending the store's messages" \
  grep -q 'another `campaign send` is sending this store.s messages; this run sent nothing' tty.out
wait $A; arc=$?
check "run A gives up on the silent server (exit 1), the message still waiting" \
  bash -c "[ $arc = 1 ] && [ \"\$(store_sql $db 'SELECT count(*) FROM outbox WHERE sent IS NULL')\" = 1 ]"
"$SL" campaign send --smtp-config smtp.conf -s $db >c.out 2>c.err; rc=$?
check "the next run sends it, once" \
  bash -c "[ $rc = 0 ] && grep -q '^1 message sent, 0 failed' c.out && [ \$(ls mail/*.eml | wc -l) = 1 ]"
# the sink runs under timeout(1): end it, not only timeout, or it keeps ctest's output open
kill $(pgrep -P "$SINK") "${SERVE_PIDS[@]}" 2>/dev/null
finish
