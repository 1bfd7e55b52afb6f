# serve_lib.bash — starting and stopping `sightline serve` in the serve_*
# tests (sourced after lib.bash, not a test itself). The server listens on
# loopback, on a free port the kernel picks (--port 0; the port is read back
# from its first line), and is always killed when the test exits.
SERVE_PIDS=()
trap 'rc=$?; for p in "${SERVE_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; lib_cleanup $rc' EXIT

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
