#!/usr/bin/env bash
# signer3_sink.sh — serve_lib's SMTP sink ends with the test that started
# it (run of 2026-12-07, sixth). smtp_sink_start ran the sink under
# timeout(1) on the test's own output, and the exit trap killed timeout
# alone: its python child kept the output open, so ctest waited up to the
# sink's timeout (120 s after serve_campaign_manage had passed). A script
# that starts a sink for 20 s and exits at once must hand back its output
# in a few seconds, and leave nothing listening on the sink's port.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
need_smtp_sink
cd "$WORK" || exit 1
cat >inner.sh <<'INNER'
. "$SL_SOURCE/tests/e2e/lib.bash"
. "$SL_SOURCE/tests/e2e/serve_lib.bash"
cd "$WORK" || exit 1
smtp_sink_start 20
[ -f mail/ready ] && echo "port $SP"
INNER
start=$(date +%s)
out=$(bash inner.sh)
took=$(( $(date +%s) - start ))
port=${out#port }
echo "     the script with a 20 s sink handed back its output after $took s (sink on port $port)"
check "a script that started a sink for 20 s ends with it: its output is back within 5 s" \
  bash -c "[ -n '$port' ] && [ '$port' != '$out' ] && [ $took -lt 5 ]"
check "... and nothing listens on the sink's port after it" \
  bash -c "! /usr/bin/python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", $port), 2)' 2>/dev/null"
finish
