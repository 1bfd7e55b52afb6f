# mailops_lib.bash — for the mailops_*.sh scripts, after serve_lib.bash.
# mailops_start NAME [MODE]: mailops_smtp.py (MODE as it says) on a free
# loopback port, writing what it keeps under ./NAME, killed when the test
# exits (serve_lib.bash's SINK_PIDS), and NAME.conf for `campaign send
# --smtp-config NAME.conf` (tls = none, from pledge@example.org); sets SP.
mailops_start() {
  SP=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$1"
  timeout 120 /usr/bin/python3 "$SL_SOURCE/tests/e2e/mailops_smtp.py" "$SP" "$1" "${2:-}" >"$1.out" 2>"$1.err" </dev/null &
  SINK_PIDS+=("$!")
  for _ in $(seq 50); do [ -f "$1/ready" ] && break; sleep 0.1; done
  printf 'host = 127.0.0.1\nport = %s\ntls = none\nfrom = pledge@example.org\ntimeout = 10\n' "$SP" >"$1.conf"
}
