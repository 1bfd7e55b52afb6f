#!/usr/bin/env bash
# serve_old_pg_store.sh — `serve` of a store an older sightline made, with a
# campaign and no form key yet. On PostgreSQL the first /campaign hung for
# ever (curl timed out; SIGTERM waited on it, the process had to be
# killed): the page read the store, then made the form's key with a writer,
# whose upgrade of the older tables (ALTER TABLE sources) waited for the
# locks of the page's own read. Now the key is made before the page is read:
# /campaign answers, the store is upgraded, a pledge can be signed, and serve
# stops on SIGTERM. The older store is built by SQL: the columns a store
# made before 2026-12-06 lacks (sources.skipped, skipped_why) dropped.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/serve_lib.bash"
command -v curl >/dev/null || { echo "SKIPPED: needs curl" >&2; exit 77; }
cd "$WORK" || exit 1
db=$(store s)
campaign_demo "$db"
store_sql "$db" "ALTER TABLE sources DROP COLUMN skipped; ALTER TABLE sources DROP COLUMN skipped_why;
                 DELETE FROM meta WHERE key = 'form_secret'"
check "the store is as an older sightline left it: no skipped column, no form key" \
  test "$(store_sql "$db" "SELECT count(*) FROM meta WHERE key = 'form_secret'")" = 0

serve_start "$db" || exit 1
code=$(curl -s -o page.html -w '%{http_code}' --max-time 30 "$U/campaign")
check "/campaign answers 200 within 30 s ($code)" test "$code" = 200
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
check "... with the pledge form and its CSRF token" test -n "$csrf"
# (bounded: on the code before, a read of sources waits behind the hung ALTER TABLE)
check "... the store holds its form key now, and the columns it lacked" \
  test "$(timeout 20 bash -c "store_sql '$db' \"SELECT count(*) FROM meta WHERE key = 'form_secret';
                                              SELECT count(skipped) FROM sources\"")" = "$(printf '1\n0')"
code=$(curl -s -o reply.html -w '%{http_code}' --max-time 30 -H "Origin: $U" \
  --data-binary "email=ann%40example.org&state=NY&county=36061&commitment=cancel-ring&csrf=$csrf" "$U/campaign/pledge")
check "a pledge signed on it is taken (200) and stored" \
  bash -c "[ $code = 200 ] && [ \"\$(timeout 20 bash -c \"store_sql '$db' 'SELECT count(*) FROM pledges'\")\" = 1 ]"
check "/campaign answers again" test "$(status /campaign --max-time 30)" = 200
kill -TERM "$SPID"
for _ in $(seq 100); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$SPID" 2>/dev/null; then SRC=hung; else wait "$SPID"; SRC=$?; fi
check "serve stops on SIGTERM within 20 s (exit $SRC)" test "$SRC" = 0
# PostgreSQL: the first write of this sightline to an older store (its
# ALTER TABLE) comes while a colleague's long read holds the table. It
# waited for that read, and every reader after it queued behind the ALTER:
# `info`, the dashboards. Now the upgrade tries for a moment at a time and
# the readers go on between tries; it is done once the long read ends.
if [ "$SL_TEST_BACKEND" = pg ]; then
  store_sql "$db" "ALTER TABLE sources DROP COLUMN skipped; ALTER TABLE sources DROP COLUMN skipped_why"
  store_sql "$db" "BEGIN; SELECT count(*) FROM sources; SELECT pg_sleep(8); COMMIT" >/dev/null &
  LONG=$!
  sleep 1
  printf 'id,name,lat,lon\nx1,A school,40.7,-74.0\n' >late.csv
  "$SL" import sites late.csv --category school --id id -s "$db" >late.out 2>late.err &
  WRITER=$!
  sleep 1.5 # the writer is at its upgrade, waiting for the long read
  t0=$(date +%s%N)
  timeout 20 "$SL" info -s "$db" >info.txt 2>&1; irc=$?
  took=$(( ($(date +%s%N) - t0) / 1000000 ))
  check "a reader answers at once while the upgrade waits for a colleague's long read (${took} ms, exit $irc)" \
    bash -c "[ $irc = 0 ] && [ $took -lt 3000 ]"
  wait $WRITER; wrc=$?
  wait $LONG
  check "... and the writer upgrades the store and imports, once the read has ended (exit $wrc)" \
    bash -c "[ $wrc = 0 ] && [ \"\$(store_sql '$db' 'SELECT count(skipped) FROM sources')\" -ge 1 ]"
fi
finish
