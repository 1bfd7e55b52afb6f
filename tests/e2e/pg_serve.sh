#!/usr/bin/env bash
# sightline serve on a PostgreSQL store (issue 17 point 4): every answer is
# the CLI's --json on that store, byte for byte; while an import runs in
# another process the server keeps answering from the store as it was
# (MVCC: no answer waits for the import, none sees half of it), and once
# the import commits the next answer shows it (a new generation, so cached
# answers and ETags of the old store no longer match). The log names the
# database, never the connection string.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
. "$(dirname "$0")/pg_lib.bash"
need_shared
pg_start
trap 'for p in "${SERVE_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done; pg_stop; rm -rf "$WORK"' EXIT
D=$SL_SHARED_DATA
PG=$PG_URL

check "import agencies" "$SL" import agencies "$D/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$PG"
check "import nyc tracts" "$SL" import areas "$D/census/nyc-tracts-acs2008-12.shp" --set nyc \
  --id '{borocode}{ct2010:06}' --pop poptot --black african --hispanic hispanic -s "$PG"
check "import posts" "$SL" import posts "$D/points/police-killings-2015-fivethirtyeight.csv" --text cause -s "$PG"
serve_start "$PG" || { not_ok "serve starts on a PostgreSQL store"; finish; exit 1; }
ok "serve starts on a PostgreSQL store"
check "its log names the database, not the connection string" grep -q "serving PostgreSQL database sightline at" "$SLOG"
check "and never the connection string" bash -c "! grep -q 'postgresql://' '$SLOG'"

api_same() { # api_same PATH CLI ARGS...: GET PATH equals `sightline CLI ARGS --json`
  local path=$1; shift
  curl -s --max-time 20 "$U$path" >"$WORK/api.json"
  # (/api/info leaves out who made each import and the campaign's live
  # totals: serve_api.sh)
  "$SL" "$@" --json -s "$PG" | public_info >"$WORK/cli.json"
  check "GET $path is \`sightline $* --json\`" cmp "$WORK/api.json" "$WORK/cli.json"
}
api_same "/api/info" info
api_same "/api/join?points=posts&areas=nyc" join --points posts --areas nyc
check "no partnerships yet" grep -q "no partnerships imported yet" <(curl -s --max-time 20 "$U/api/partnerships")
etag=$(curl -s -D - -o /dev/null --max-time 20 "$U/api/info" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
check "answers carry an ETag" [ -n "$etag" ]
check "unchanged: 304 for that ETag" [ "$(status /api/info -H "If-None-Match: $etag")" = 304 ]
# a command that opens the store for writing and changes nothing (a refused
# rm) is no new generation: the server's answers stay valid
"$SL" rm 99999 -s "$PG" >/dev/null 2>&1
check "a write open that changes nothing keeps the ETag (304)" [ "$(status /api/info -H "If-None-Match: $etag")" = 304 ]

# The Atlas import in another process; the server answers meanwhile. A
# session holds source_credits against writes (SHARE: reads go on), so the
# import stops where it records who published the file: the server must then
# answer from the store as it was, not the rows without their credit (it
# once did, and kept that answer cached after the credit landed).
mkfifo "$WORK/lock.sql"
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$PG" -f "$WORK/lock.sql" >"$WORK/lock.out" 2>&1 &
locker=$!
exec 7>"$WORK/lock.sql"
echo "BEGIN; LOCK TABLE sightline.source_credits IN SHARE MODE; SELECT 'locked';" >&7
waits() { [ "$(pg_sql sightline "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
  WHERE NOT l.granted AND c.relname = 'source_credits'")" -gt 0 ]; }
for _ in $(seq 100); do grep -q locked "$WORK/lock.out" && break; sleep 0.1; done
"$SL" import partnerships "$D/partnerships/atlas-of-surveillance-2020-10-07.csv" --preset atlas -s "$PG" \
  >"$WORK/import.out" 2>&1 &
imp=$!
during=0 answered=0
while kill -0 "$imp" 2>/dev/null; do
  code=$(curl -s -o "$WORK/during.$answered.json" -w '%{http_code}' --max-time 20 "$U/api/info")
  [ "$code" = 200 ] && answered=$((answered + 1))
  [ "$code" = 200 ] || during=$((during + 1))
  sleep 0.05
  if [ "$locker" ] && { waits || [ "$answered" -gt 600 ]; }; then
    curl -s -o "$WORK/during.held.json" --max-time 20 "$U/api/info"
    check "the import waited to record its credit" waits
    echo "COMMIT;" >&7
    exec 7>&-
    wait "$locker"
    locker=""
  fi
done
wait "$imp"
check "the import landed" [ $? = 0 ]
check "every answer during the import was a 200 ($answered answered)" [ "$during" = 0 ]
check "and there were answers during it" [ "$answered" -gt 0 ]
check "each saw the store before the import or after it, never half of it" \
  jq -s -e 'all(.[]; .partnerships == [] or (.partnerships[0].rows == 5783 and
    ([.sources[] | select(.kind == "partnerships")][0].publisher | type) == "string"))' "$WORK"/during.*.json
check "while the credit waited, the server answered from the store as it was" \
  jq -e '.partnerships == []' "$WORK/during.held.json"
check "after the commit the old ETag no longer matches" [ "$(status /api/info -H "If-None-Match: $etag")" = 200 ]
api_same "/api/info" info
api_same "/api/partnerships" partnerships
api_same "/api/partnerships?tech=ring&by=state" partnerships --tech ring --by state
serve_stop
check "serve stops cleanly" [ "$SRC" = 0 ]

# Two servers of 120 threads under a burst took every connection the
# database allows, and a colleague's import or psql was refused "too many
# clients" until they stopped. A server now holds at most 16. Its read
# connections are named "sightline serve" (application_name; the CLI's are
# "sightline"), so pg_stat_activity counts this server's alone. The burst
# asks /api/info, answered in well under a second: a request that waited
# SL_WEB_PG_WAIT_S (10 s) for a connection opens one past the cap, which a
# burst of 60 joins on a loaded machine did (53 connections, run of 2026-12-06).
serve_start "$PG" --threads 64 --no-cache || { not_ok "serve --threads 64 starts"; finish; exit 1; }
conns() { store_sql "$PG" "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
  AND application_name = '${1:-sightline serve}'"; }
curl -s -o /dev/null --max-time 20 "$U/api/info"
burst=()
for _ in $(seq 60); do curl -s -o /dev/null --max-time 60 "$U/api/info" & burst+=($!); done
most=0
for _ in $(seq 20); do n=$(conns); [ "$n" -gt "$most" ] && most=$n; sleep 0.1; done
wait "${burst[@]}"
check "under 60 requests at once, 64 threads hold at most 16 connections named \"sightline serve\", not one per thread ($most seen)" \
  [ "$most" -ge 2 -a "$most" -le 16 ]
check "... and every request was answered" [ "$(status "/api/info")" = 200 ]
hold_meta() { # hold_meta SECONDS: a colleague's transaction holds sightline.meta (every request reads it first); sets holder
  rm -f "$WORK/held"
  "${PG_BIN:-/usr/lib/postgresql/15/bin}/psql" -X -q -d "$PG" >/dev/null 2>&1 <<SQL &
BEGIN;
LOCK TABLE sightline.meta IN ACCESS EXCLUSIVE MODE;
\! touch $WORK/held
SELECT pg_sleep($1);
COMMIT;
SQL
  holder=$!
  for _ in $(seq 100); do [ -e "$WORK/held" ] && break; sleep 0.05; done
}
# Requests that wait long: a colleague's transaction holds the table every
# request reads first (sightline.meta) for 13 s. Each request then holds a
# connection the whole time, and 30 of them wait for 16. Every one that had
# waited 10 s opened its own past the cap (30 seen); now they wait for the
# 16 (up to 30 s) and are all answered when the table comes free.
hold_meta 13
slow=()
for i in $(seq 30); do curl -s -o "$WORK/slow.$i" -w '%{http_code}\n' --max-time 60 "$U/api/info" >"$WORK/slow.$i.code" & slow+=($!); done
most=0
for _ in $(seq 28); do n=$(conns); [ "$n" -gt "$most" ] && most=$n; sleep 0.5; done
wait "$holder" "${slow[@]}"
check "30 requests held 13 s behind a colleague's lock: at most 16 connections, none opened past the cap ($most seen)" \
  [ "$most" -le 16 ]
codes=$(sort "$WORK"/slow.*.code | uniq -c | awk '{printf "%s%s x %s", (NR > 1 ? ", " : ""), $1, $2}')
check "... and all 30 answered 200 once the lock went ($codes)" [ "$(cat "$WORK"/slow.*.code | grep -c '^200$')" = 30 ]
[ "$(cat "$WORK"/slow.*.code | grep -c '^200$')" = 30 ] || { echo "# the server's log:"; sed 's/^/# /' "$SLOG" | tail -n 12; }
check "... none cut as a slow client: a thread's time in a request is not the others' headers' time" \
  bash -c "! grep -q 'whose request headers took over' '$SLOG'"
serve_stop
# One thread, a 3 s header deadline. A visitor's connection is taken by the
# thread and its request line read; another visitor's request then holds
# the thread 4 s behind a colleague's lock, and the first one's last header
# line, sent meanwhile, lies unread until the thread is free. That wait is
# the server's: the watchdog counted it as the visitor's and cut the
# connection, which got no answer.
serve_start "$PG" --threads 1 --timeout 3 || { not_ok "serve --threads 1 --timeout 3 starts"; finish; exit 1; }
hold_meta 4
exec 8<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET /api/info HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n' "$PORT" >&8
sleep 0.3
curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$U/api/info" >"$WORK/first.code" & first=$!
sleep 1
( printf 'Connection: close\r\n\r\n' >&8 ) 2>/dev/null
timeout 30 cat <&8 >"$WORK/kept.out" 2>/dev/null
exec 8<&-
wait "$holder" "$first"
check "one thread held 4 s: the request that waited answered 200 ($(cat "$WORK/first.code")), and the visitor whose headers came meanwhile too ($(head -c 12 "$WORK/kept.out"))" \
  [ "$(cat "$WORK/first.code")" = 200 -a "$(head -c 12 "$WORK/kept.out")" = "HTTP/1.1 200" ]
check "... and nobody was cut as a slow client" bash -c "! grep -q 'whose request headers took over' '$SLOG'"
# a slow client is still cut: a header line every half second (each byte
# restarts the library's own timeout), never the end, on an idle thread
( # a subshell: the write after the cut dies of SIGPIPE, not the test
  exec 7<>"/dev/tcp/127.0.0.1/$PORT"
  printf 'GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n' >&7
  for i in 1 2 3 4 5 6 7; do printf 'X-Slow-%s: 1\r\n' "$i" >&7; sleep 0.5; done
) 2>/dev/null
check "... while a client sending its headers a line each half second is cut after 3 s" \
  grep -q 'cut 1 connection whose request headers took over 3 s' "$SLOG"
serve_stop
for _ in $(seq 50); do [ "$(conns)" = 0 ] && break; sleep 0.1; done # backends end as their clients go
check "the server's connections are gone when it stops" [ "$(conns)" = 0 ]
# a name the user gives in the connection string is kept
serve_start "$PG&application_name=desk-map" || { not_ok "serve with an application_name starts"; finish; exit 1; }
curl -s -o /dev/null --max-time 20 "$U/api/info"
named=$(conns desk-map) ours=$(conns)
check "an application_name of the connection string is kept for the server's connections ($named; $ours named sightline serve)" \
  [ "$named" -ge 1 -a "$ours" = 0 ]
serve_stop
finish
