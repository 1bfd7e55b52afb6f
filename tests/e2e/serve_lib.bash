# serve_lib.bash — starting and stopping `sightline serve` in the serve_*
# tests (sourced after lib.bash, not a test itself). The server listens on
# loopback, on a free port the kernel picks (--port 0; the port is read back
# from its first line), and is always killed when the test exits.
SERVE_PIDS=()
SINK_PIDS=() # timeout(1)'s: killed, it leaves its child running, so the trap kills the child first
trap 'rc=$?; for p in "${SINK_PIDS[@]}"; do kill -9 $(pgrep -P "$p") "$p" 2>/dev/null; done
  for p in "${SERVE_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; lib_cleanup $rc' EXIT

# serve_start STORE [OPTIONS...]: sets SPID, PORT, U (the base URL) and
# SLOG (the server's stderr); fails when it has not started within 10 s.
serve_start() {
  local store=$1; shift
  SLOG=$(mktemp "$WORK/serve.XXXXXX.log")
  "$SL" serve -s "$store" --port 0 "$@" 2>"$SLOG" &
  SPID=$!
  SERVE_PIDS+=("$SPID")
  PORT=""
  for _ in $(seq 100); do
    PORT=$(sed -n 's|.*serving .* at http://[^ ]*:\([0-9][0-9]*\)/.*|\1|p' "$SLOG" | head -1)
    [ -n "$PORT" ] && break
    kill -0 "$SPID" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$PORT" ] || { echo "serve did not start:"; cat "$SLOG"; return 1; }
  U="http://127.0.0.1:$PORT"
}

# serve_stop: SIGTERM, and wait for the exit status (in SRC).
serve_stop() {
  kill -TERM "$SPID" 2>/dev/null
  wait "$SPID"
  SRC=$?
}

# status PATH [CURL OPTIONS...]: the HTTP status of GET PATH.
status() { local p=$1; shift; curl -s -o /dev/null -w '%{http_code}' --max-time 20 "$@" "$U$p"; }

# smtp_sink_start [SECONDS]: a local SMTP sink (smtp_sink.py) on a free
# loopback port, writing what it receives under ./mail, for SECONDS at most
# (timeout(1); default 120) and killed, with its child, when the test exits;
# sets SP (its port) and SINK (timeout's pid: `kill $(pgrep -P "$SINK")`
# stops the sink itself), and writes smtp.conf for `campaign send
# --smtp-config smtp.conf`. Waits up to 5 s for it. Its output goes to
# sink.out and sink.err, never the test's: ctest waits for whatever holds
# the test's output open, and a sink left on it kept a test that had passed
# running until its timeout (run of 2026-12-07, sixth).
smtp_sink_start() {
  SP=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p mail
  timeout "${1:-120}" /usr/bin/python3 "$SL_SOURCE/tests/e2e/smtp_sink.py" "$SP" mail >sink.out 2>sink.err </dev/null &
  SINK=$!
  SINK_PIDS+=("$SINK")
  for _ in $(seq 50); do [ -f mail/ready ] && break; sleep 0.1; done
  printf 'host = 127.0.0.1\nport = %s\ntls = none\nfrom = pledge@example.org\ntimeout = 10\n' "$SP" > smtp.conf
}

# counts_hour_back STORE: the campaign's public counts stored at this
# hour's first read made the hour before's, as the hour's turn leaves them
# (the next public read stores the new hour's): with pledges' confirmation
# times set back, how the campaign's tests play an hour passing.
counts_hour_back() {
  store_sql "$1" "INSERT INTO public_count_hours SELECT hour - 3600 FROM public_count_hours;
    UPDATE public_counts SET hour = hour - 3600;
    DELETE FROM public_count_hours WHERE hour = (SELECT max(hour) FROM public_count_hours)" >/dev/null
}
campaign_fixture() { # campaign_fixture STORE: the campaign fixture's counties and campaign in STORE
  "$SL" import areas "$SL_FIXTURES/campaign/counties.geojson" --set counties --id id --name name -s "$1" >/dev/null &&
    "$SL" campaign init --config "$SL_FIXTURES/campaign/campaign.conf" -s "$1" >/dev/null
}
real_campaign() { # real_campaign NAME [atlas|real]: in $WORK, a store NAME of the real counties (with the Atlas
  # and its registry, or every real file) and a campaign over them, its path in $db; skips without curl or the data
  command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
  need_shared
  need_us_atlas
  cd "$WORK" || exit 1
  db=$(store "$1")
  case ${2:-} in
    atlas) import_atlas "$db"; import_counties "$db" ;;
    real) import_real "$db" ;;
    *) import_counties "$db" ;;
  esac
  campaign_over_counties "$db"
}
campaign_demo() { # campaign_demo STORE: the demo store with the campaign fixture's counties and campaign
  "$SL" demo -s "$1" >/dev/null
  campaign_fixture "$1"
}
pledge_form_at() { # pledge_form_at STORE NOW FIELDS: a pledge of the form's FIELDS (url-encoded) made at NOW
  printf '%s' "$3" >"$WORK/pledge_form.txt"
  "$SL" campaign pledge --form "$WORK/pledge_form.txt" --now "$2" -s "$1" >/dev/null
}
confirm_waiting() { # confirm_waiting STORE AT: every pledge whose link waits in the outbox, confirmed at AT
  local t
  for t in $(store_sql "$1" "SELECT body FROM outbox" | grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2); do
    "$SL" campaign confirm --token "$t" --now "$2" -s "$1" >/dev/null
  done
}
# need_smtp_sink: skip (77) where Debian's python3-aiosmtpd, the sink's library, is missing.
need_smtp_sink() {
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "SKIPPED: needs python3-aiosmtpd (Debian)" >&2; exit 77; }
}
# published_fixture: in $WORK, the demo in a store, its default report in rep/
# (rep/summary.json: what published=1 must answer), and a server under the
# public name $NAME; $XFF the proxy's header of a visitor from outside, $db
# the store. Exits the test on a failure. For the serve_*_published checks.
published_fixture() {
  cd "$WORK" || exit 1
  db=$(store d)
  "$SL" demo -s "$db" >/dev/null 2>&1 || { echo "FAIL: demo"; exit 1; }
  "$SL" audit -s "$db" -o rep >/dev/null 2>&1 || { echo "FAIL: audit"; exit 1; }
  NAME=board.example.org
  serve_start "$db" --quiet --host $NAME || exit 1
  XFF=(-H 'X-Forwarded-For: 203.0.113.7')
}
