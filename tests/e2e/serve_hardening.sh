#!/usr/bin/env bash
# serve_hardening.sh — `sightline serve` under hostile or careless clients,
# on loopback, bounded in count and time: path traversal (plain and
# %-encoded) never reaches a file; oversized headers and bodies are refused
# (431/413), slow clients are cut at --timeout (idle, or headers not all in
# within it however steadily they dribble); 1,000 concurrent connections
# are all answered with bounded memory; a store removed or replaced while
# serving gives a 503 JSON, not a crash (one changed in place gives fresh
# answers); SIGTERM under load lets the request in flight finish.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: curl missing" >&2; exit 77; }

DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null 2>&1 || { echo "demo failed"; exit 1; }
serve_start "$DB" --timeout 2 --quiet || exit 1

# --- path traversal: nothing but the embedded assets is ever served
for p in "/../../../../etc/passwd" "/assets/../../../../etc/passwd" "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd" \
         "/assets/..%2f..%2f..%2fetc%2fpasswd" "/%2e%2e/%2e%2e/etc/passwd" "/assets/%252e%252e/CMakeLists.txt" \
         "/api/areas/..%2f..%2fetc%2fpasswd.geojson" "/assets//etc/passwd" "/assets/" "/assets/%00index.html"; do
  code=$(curl -s --path-as-is -o "$WORK/t.out" -w '%{http_code}' --max-time 10 "$U$p")
  if [[ $code == 4?? ]] && ! grep -q "root:" "$WORK/t.out"; then ok "traversal $p -> $code"
  else not_ok "traversal $p -> $code"; head -c 200 "$WORK/t.out"; fi
done

# --- oversized request line, headers and bodies
python3 - "$PORT" >"$WORK/big.txt" <<'PY'
import socket, sys
port = int(sys.argv[1])
def ask(data, read=True):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(data)
    except OSError:
        pass
    out = b""
    try:
        while True:
            b = s.recv(65536)
            if not b: break
            out += b
            if b"\r\n\r\n" in out and b"Content-Length: 0" in out: break
    except OSError:
        pass
    s.close()
    return out.split(b"\r\n", 1)[0].decode("latin-1")
print("header", ask(b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n"))
print("many", ask(b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(5000)) + b"\r\n"))
print("uri", ask(b"GET /api/info?" + b"a=1&" * 20000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
print("body", ask(b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\n" + b"x" * 5000))
print("chunked", ask(b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
                     b"1000\r\n" + b"x" * 4096 + b"\r\n" + b"1000\r\n" + b"x" * 4096 + b"\r\n0\r\n\r\n"))
print("smallbody", ask(b"GET /api/server HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789"))
PY
cat "$WORK/big.txt"
check "a 100 kB header is refused (431)" grep -q "^header HTTP/1.1 431" "$WORK/big.txt"
check "5,000 headers are refused (431)" grep -q "^many HTTP/1.1 431" "$WORK/big.txt"
check "an 80 kB request line is refused (414 or 431)" grep -Eq "^uri HTTP/1.1 (414|431)" "$WORK/big.txt"
check "a 100 MB Content-Length is 413" grep -q "^body HTTP/1.1 413" "$WORK/big.txt"
check "a chunked body over the limit is 413" grep -q "^chunked HTTP/1.1 413" "$WORK/big.txt"
check "a 10-byte body is read and ignored (200)" grep -q "^smallbody HTTP/1.1 200" "$WORK/big.txt"
check "curl: a 2 kB body is 413" test "$(status /api/info --data-binary "@$SL_SOURCE/CMakeLists.txt" -X GET)" = 413

# --- slow clients: a request never finished is closed after --timeout 2
python3 - "$PORT" >"$WORK/slow.txt" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
t = time.time()
s = socket.create_connection(("127.0.0.1", port), timeout=20)
s.sendall(b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n")      # never ends the headers
closed = s.recv(100) == b""
print("half-request closed" if closed else "half-request answered", round(time.time() - t, 1))
# a byte every 0.3 s keeps its connection (the timeout is for idleness),
# but holds nothing else up: a request meanwhile is answered at once
s = socket.create_connection(("127.0.0.1", port), timeout=20)
import threading, urllib.request
def slow():
    try:
        for c in b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 15:
            s.send(bytes([c])); time.sleep(0.3)
    except OSError:
        pass
th = threading.Thread(target=slow); th.start()
time.sleep(1)
t = time.time()
code = urllib.request.urlopen("http://127.0.0.1:%d/api/info" % port, timeout=10).status
print("beside a slow client", code, round(time.time() - t, 2))
th.join()
# a header byte every 0.5 s: never idle for the library's timeout, but the
# headers as a whole are due within --timeout 2, so the server cuts it
s = socket.create_connection(("127.0.0.1", port), timeout=20)
t = time.time()
sent, cut = 0, None
for c in b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Dribble: " + b"a" * 40:   # 20+ s if never cut
    try:
        s.send(bytes([c])); sent += 1
        s.settimeout(0.5)
        if s.recv(100) == b"":
            cut = time.time() - t; break
    except socket.timeout:
        continue
    except OSError:
        cut = time.time() - t; break
print("dribbler", "cut" if cut is not None else "kept", round(cut if cut is not None else time.time() - t, 1), sent)
PY
cat "$WORK/slow.txt"
check "a half-sent request is closed after about 2 s" \
  python3 -c "import sys; w=open('$WORK/slow.txt').read().split('\n')[0].split(); sys.exit(not(w[0]=='half-request' and w[1]=='closed' and 1.5 <= float(w[2]) <= 6))"
check "beside a byte-at-a-time client, a request is answered within 1 s" \
  python3 -c "import sys; w=open('$WORK/slow.txt').read().split('\n')[1].split(); sys.exit(not(w[4]=='200' and float(w[5]) < 1))"
check "a client sending its headers a byte every 0.5 s is cut within the 2 s header deadline" \
  python3 -c "import sys; w=open('$WORK/slow.txt').read().split('\n')[2].split(); sys.exit(not(w[0]=='dribbler' and w[1]=='cut' and 1.5 <= float(w[2]) <= 3.5))"

# --- 1,000 concurrent connections: every one answered, memory bounded.
# They are all opened first and asked after. On a loaded machine the
# opening takes more than the 2 s header deadline of the server above,
# which then cuts the first ones, as it should (CI once saw 867 of 1,000):
# this part gets a server with the default deadline.
serve_stop
check "exit 0 after the slow clients" test "$SRC" = 0
serve_start "$DB" --quiet || exit 1
python3 - "$PORT" >"$WORK/many.txt" 2>"$WORK/kinds.txt" <<'PY'
import resource, selectors, socket, sys, time
port = int(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
sel = selectors.DefaultSelector()
socks = []
for i in range(1000):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    socks.append(s)
for i, s in enumerate(socks):   # all open first, then all ask
    path = b"/api/info" if i % 2 else b"/api/partnerships?tech=ring"
    s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, bytearray())
ok, deadline, kinds = 0, time.time() + 60, {}
while sel.get_map() and time.time() < deadline:
    for key, _ in sel.select(timeout=1):
        try:
            b = key.fileobj.recv(65536)
        except BlockingIOError:
            continue
        except OSError:
            b = b""
        if b:
            key.data.extend(b)
        else:
            ok += key.data.startswith(b"HTTP/1.1 200")
            first = bytes(key.data[:12]).decode("latin-1") or "closed, nothing read"
            kinds[first] = kinds.get(first, 0) + 1
            sel.unregister(key.fileobj); key.fileobj.close()
kinds["unanswered at 60 s"] = len(sel.get_map())
print(ok)
print(", ".join("%s: %d" % kv for kv in sorted(kinds.items()) if kv[1]), file=sys.stderr)
PY
check "1,000 concurrent connections: all 1,000 answered 200 ($(cat "$WORK/many.txt"); $(cat "$WORK/kinds.txt"))" test "$(cat "$WORK/many.txt")" = 1000
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$SPID/status")
check "server memory stayed under 300 MB (peak ${hwm} kB)" test "${hwm:-999999}" -lt 300000
check "the server is still up" test "$(status /api/server)" = 200
serve_stop
check "exit 0 after all that" test "$SRC" = 0

# --- the store removed, replaced, changed in place while serving
if sqlite_only "the store file moved away and replaced by another file while serving"; then
  S2=$WORK/moving.db
  cp "$DB" "$S2"
  serve_start "$S2" --quiet || exit 1
  check "moving store: 200 at first" test "$(status /api/info)" = 200
  mv "$S2" "$S2.away"
  code=$(curl -s -o "$WORK/gone.json" -w '%{http_code}' "$U/api/info")
  check "store removed: 503 with a JSON error ($code)" python3 -c "
import json,sys; assert $code == 503; assert 'gone' in json.load(open('$WORK/gone.json'))['error']"
  check "store removed: the page still loads" test "$(status /)" = 200
  mv "$S2.away" "$S2"
  check "store back: 200 again" test "$(status /api/info)" = 200
  cp "$DB" "$S2.new" && mv "$S2.new" "$S2"
  code=$(curl -s -o "$WORK/repl.json" -w '%{http_code}' "$U/api/partnerships")
  check "store replaced by another file: 503 naming it ($code)" python3 -c "
import json,sys; assert $code == 503; assert 'replaced' in json.load(open('$WORK/repl.json'))['error']"
  kill -0 "$SPID" && ok "no crash" || not_ok "server died"
  serve_stop
fi
# on PostgreSQL the server keeps its connections across requests: a commit
# (the rm below) must still be seen by the next request
S3=$(store_copy "$DB" inplace)
serve_start "$S3" --quiet || exit 1
curl -s "$U/api/info" >"$WORK/info1.json"
"$SL" rm 9 -s "$S3" >/dev/null 2>&1 || "$SL" rm 9 --yes -s "$S3" >/dev/null 2>&1
curl -s "$U/api/info" >"$WORK/info2.json"
"$SL" info --json -s "$S3" | public_info >"$WORK/info3.json" # as served (lib.bash)
check "store changed in place: the answer is the new store's, not a stale copy" \
  bash -c "! cmp -s '$WORK/info1.json' '$WORK/info2.json' && cmp -s '$WORK/info2.json' '$WORK/info3.json'"
if [ "$SL_TEST_BACKEND" = pg ]; then
  # the database closes every kept connection: the next requests open new ones
  pg_sql postgres "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${S3##*/}'" >/dev/null
  codes=$(for i in 1 2 3 4 5 6; do status /api/info; echo; done | tr '\n' ' ')
  check "kept connections closed by the database: the next requests are 200 ($codes)" test "$codes" = "200 200 200 200 200 200 "
  # the pages (directory, campaign, admin) read through the same kept
  # connections as the API: thirty page requests open a few sessions, not thirty
  sessions() { pg_sql postgres "SELECT sessions FROM pg_stat_database WHERE datname = '${S3##*/}'" | tr -d ' '; }
  before=$(sessions)
  codes=$(for i in 1 2 3 4 5 6 7 8 9 10; do for p in /directory /campaign /admin; do status $p; echo; done; done | sort -u | tr '\n' ' ')
  after=$(sessions)
  # the directory 200, the admin 303 to its login, the campaign 404 (none in this store)
  check "pages answer through the pool ($codes)" test "$codes" = "200 303 404 "
  check "thirty page requests opened $((after - before)) sessions (at most one per thread)" test $((after - before)) -le 4
fi
serve_stop

# --- the Host header: a page of another site that rebinds its own name to
# 127.0.0.1 (DNS rebinding) is refused before any route, the exact figures
# and /admin included; the names of this machine, and of --host, answer
serve_start "$DB" --quiet || exit 1
host() { # host HOST [PATH] [CURL OPTIONS...]: the status of GET PATH (the exact figures by default) asked as HOST
  local h=$1 p=${2:-/api/near?radius=200}; shift; shift
  curl -s -o "$WORK/host.out" -w '%{http_code}' --max-time 10 -H "Host: $h" "$@" "$U$p"
}
codes=""; for p in '/api/near?radius=200' /api/info / /directory /campaign /admin/login; do
  codes+="$(host "rebind.evil.example:$PORT" "$p") "; done
check "a foreign Host (DNS rebinding) is 421 on the exact figures, the API, the page, the directory, the campaign and /admin ($codes)" \
  test "$codes" = "421 421 421 421 421 421 "
host "rebind.evil.example:$PORT" >/dev/null
check "... a plain sentence that says what to do" bash -c "
  grep -q 'names it is served under' '$WORK/host.out' && grep -q -- '--host' '$WORK/host.out' && ! grep -q 'evil.example' '$WORK/host.out'"
check "a POST under a foreign Host is 421 too" test "$(host "rebind.evil.example:$PORT" /campaign/pledge -X POST -d x=1)" = 421
codes=""; for h in "127.0.0.1:$PORT" 127.0.0.1 "localhost:$PORT" localhost "LocalHost:$PORT" "[::1]:$PORT"; do
  codes+="$(host "$h") "; done
check "the names of this machine answer: 127.0.0.1, localhost, [::1], with the port or none ($codes)" \
  test "$codes" = "200 200 200 200 200 200 "
codes=""; for h in "localhost:1" "127.0.0.1.evil.example" "localhost.evil.example:$PORT" "evil.localhost:$PORT" \
  "127.0.0.1:$PORT@evil" "[::1]x:$PORT" "10.0.0.5:$PORT"; do codes+="$(host "$h") "; done
check "another port, a name that merely starts like one, another address: 421 ($codes)" \
  test "$codes" = "421 421 421 421 421 421 421 "
# a proxy on this machine makes every visitor 127.0.0.1: a request it
# forwarded is from elsewhere, for the exact figures and for /admin
codes=""; for hd in 'X-Forwarded-For: 203.0.113.9' 'Forwarded: for=203.0.113.9' 'X-Real-IP: 203.0.113.9'; do
  codes+="$(host "127.0.0.1:$PORT" '/api/near?radius=200' -H "$hd") $(host "127.0.0.1:$PORT" /admin/login -H "$hd") "; done
check "a request a proxy forwarded (X-Forwarded-For, Forwarded, X-Real-IP) gets no exact figures and no /admin ($codes)" \
  test "$codes" = "403 403 403 403 403 403 "
check "... while the rest answers it" test "$(host "127.0.0.1:$PORT" /api/info -H 'X-Forwarded-For: 203.0.113.9')" = 200
serve_stop
serve_start "$DB" --quiet --host campaign.example --host Other.Example --admin-bind || exit 1
codes=""; for h in campaign.example campaign.example:443 other.example:8443 "localhost:$PORT" "rebind.evil.example:$PORT"; do
  codes+="$(host "$h" /api/info) "; done
check "--host NAME (repeatable) is answered under that name, on any port; others still 421 ($codes)" \
  test "$codes" = "200 200 200 200 421 "
check "with --admin-bind, /admin answers a forwarded request under a --host name" \
  test "$(host campaign.example /admin/login -H 'X-Forwarded-For: 203.0.113.9')" = 200
serve_stop
for bad in 'evil example' 'a:80' '*.example' '' 'http://x.example'; do
  "$SL" serve -s "$DB" --port 0 --host "$bad" >/dev/null 2>"$WORK/host.err" </dev/null & hp=$!
  ( sleep 5; kill "$hp" 2>/dev/null ) & wait "$hp"; hrc=$?
  check "--host '$bad' is a usage error (exit $hrc)" bash -c "[ $hrc = 2 ] && grep -q -- '--host' '$WORK/host.err'"
done

# --- SIGTERM under load: the request in flight finishes, then a clean exit
serve_start "$DB" --quiet --threads 2 || exit 1
python3 - "$PORT" "$SPID" >"$WORK/term.txt" <<'PY'
import json, os, signal, socket, sys, threading, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
results = []
def get(path):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        out = b""
        while True:
            b = s.recv(65536)
            if not b: break
            out += b
        if not out:  # closed before a byte was answered: accepted, never read
            results.append(("refused empty", b""))
            return
        head, _, body = out.partition(b"\r\n\r\n")
        results.append((head.split(b"\r\n")[0].decode(), body))
    except OSError as e:
        results.append(("refused " + type(e).__name__, b""))
def loop(i):
    n = 0
    while time.time() < stop_at:
        n += 1
        get("/api/disparity?events=requests&areas=demo-tracts&seed=%d" % (1000 * i + n))
stop_at = time.time() + 2.5
threads = [threading.Thread(target=loop, args=(i,)) for i in range(8)]
for t in threads: t.start()
time.sleep(1.0)
os.kill(pid, signal.SIGTERM)
for t in threads: t.join()
def parsed(b, key):
    try:
        return json.loads(b)[key]
    except (ValueError, KeyError):
        return None
ok = sum(1 for st, b in results if st.endswith("200 OK") and (parsed(b, "events") or 0) > 0)
late = sum(1 for st, b in results if " 503 " in st and "shutting down" in (parsed(b, "error") or ""))
refused = sum(1 for st, b in results if st.startswith("refused"))
broken = len(results) - ok - late - refused
print(ok, late, refused, broken)
for st, b in results:
    if not (st.startswith("refused") or st.endswith("200 OK") or " 503 " in st):
        print("broken:", st, b[:80], file=sys.stderr)
PY
read -r okn late refused broken <"$WORK/term.txt"
wait "$SPID"; SRC=$?
check "SIGTERM under load: exit 0 ($okn answered, $late told 503, $refused refused after close)" test "$SRC" = 0
check "SIGTERM under load: no answer cut short or garbled ($broken)" test "$broken" = 0
check "SIGTERM under load: answers were served before it" test "$okn" -gt 0
finish
