#!/usr/bin/env bash
# pg_server_lost.sh — the PostgreSQL server stopped under an import (run
# of 2026-12-07). The import said only libpq's words ("server closed the
# connection unexpectedly ... no COPY in progress"), nothing of what became
# of its rows; it now says the connection was lost, that what it had not
# committed was rolled back, and to run it again once the server is back;
# and the store, the server started again, holds no part of it. The import
# is stopped while it waits for another writer's lock (a colleague's
# import), so the moment is the same each run. A throwaway cluster of its
# own.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
pg_start
cd "$WORK" || exit 1
printf 'lat,lon\n40.70,-73.90\n40.71,-73.91\n' >posts.csv
printf 'lat,lon\n41.70,-72.90\n' >more.csv
check "the first import" "$SL" import posts posts.csv -s "$PG_URL"
pg_sql sightline "SELECT pg_advisory_lock(1399409774), pg_sleep(30)" >/dev/null 2>&1 & # a colleague's long write
HOLDER=$!
sleep 1
"$SL" import posts more.csv -s "$PG_URL" >out.txt 2>err.txt &
IMPORT=$!
sleep 1.5
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1
wait "$IMPORT"; rc=$?
wait "$HOLDER" 2>/dev/null
check "the import stopped by the server: exit 1, one line saying its rows were rolled back and to run it again" bash -c "
  [ $rc = 1 ] && [ \$(wc -l <err.txt) = 1 ] &&
  grep -q 'The connection to the server was lost (it stopped or restarted): what this command had not committed was rolled back by the server; run it again once the server is back' err.txt"
pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off" start >/dev/null 2>&1 ||
  not_ok "start the server again"
"$SL" info -s "$PG_URL" >info.txt 2>&1
check "the server back, the store holds the first import only" bash -c "
  grep -q 'posts: 2 points' info.txt && ! grep -q more.csv info.txt"
check "and the import run again lands" "$SL" import posts more.csv -s "$PG_URL"
finish
