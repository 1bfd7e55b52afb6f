#!/usr/bin/env bash
# pg_app_name.sh — on a shared PostgreSQL store each session says its
# command in the server's pg_stat_activity (the shared store's walk, run of
# 2026-12-07, third, left; mended in the run of 2026-12-07, fourth). Every
# CLI session was "sightline": the editor looking for whose import held the
# write lock, or which command an exclude waited for, could not tell an
# import from an audit. Now it is "sightline import", "sightline audit";
# a PGAPPNAME the person set, or an application_name in the connection
# string, is kept. The import is caught while it waits for another
# writer's lock, so the moment is the same each run. A throwaway cluster
# of its own.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
pg_start
cd "$WORK" || exit 1
printf 'lat,lon\n40.70,-73.90\n40.71,-73.91\n' >posts.csv
printf 'lat,lon\n41.70,-72.90\n' >more.csv
check "the first import" "$SL" import posts posts.csv -s "$PG_URL"
# the names of the sessions waiting for the writers' lock while an import
# waits: ARGS are the import's environment and store
waiting() {
  pg_sql sightline "SELECT pg_advisory_lock(1399409774), pg_sleep(4)" >/dev/null 2>&1 & # a colleague's long write
  local holder=$!
  sleep 1
  env "$@" import posts more.csv >/dev/null 2>&1 &
  local import=$!
  sleep 1.5
  pg_sql sightline "SELECT string_agg(application_name, ',') FROM pg_stat_activity
    WHERE datname = 'sightline' AND wait_event_type = 'Lock'" 2>/dev/null
  wait "$import"; wait "$holder" 2>/dev/null
}
names=$(waiting -u PGAPPNAME "$SL" -s "$PG_URL")
check "an import waiting for the lock is 'sightline import' in pg_stat_activity ($names)" test "$names" = "sightline import"
names=$(waiting PGAPPNAME=desk-import "$SL" -s "$PG_URL")
check "a PGAPPNAME the person set is kept ($names)" test "$names" = "desk-import"
names=$(waiting -u PGAPPNAME "$SL" -s "$PG_URL&application_name=nightly")
check "an application_name in the connection string is kept ($names)" test "$names" = "nightly"
finish
