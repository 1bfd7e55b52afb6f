#!/usr/bin/env bash
# pg_team.sh — a newsroom's data team on one PostgreSQL store, each with a
# role of her own (run of 2026-12-07): what each is told when her role
# lacks a grant, and what the store keeps when a colleague removes points.
# - A role without CREATE on the database, making the first import, was
#   told to ask for GRANT USAGE ON SCHEMA sightline, a schema that did not
#   exist yet: it is told GRANT CREATE ON DATABASE.
# - A reporter who may read, importing, was told she "has not been granted
#   this store" and to ask for the read grants she has: she is told the
#   write grants. The campaign's role, with the write grants, starting the
#   campaign before its tables exist was told the same: it is told that
#   the owner's first write of the kind makes them.
# - A writer's `exclude` (a camera owner's circle) exited 0 while VACUUM
#   FULL, which only the tables' owner may run, "skipped" point_chunks with
#   a raw server WARNING: the deleted points' bytes stayed in the table's
#   files. It now says the exclusion is committed and that the owner runs
#   VACUUM (FULL) sightline.point_chunks, and exits 1. The owner's own,
#   waiting for a colleague's audit to end before it overwrites, said
#   nothing for up to 30 s: it says it waits, as a writer does.
# - `backup`'s pg_dump advice restored into a new database failed ("type
#   public.geometry does not exist"): the printed commands, run as printed,
#   now give a store sightline reads with the same imports.
# A throwaway cluster of its own.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
pg_start
cd "$WORK" || exit 1
as() { echo "postgresql:///${2:-sightline}?host=$PG_HOST&port=$PG_PORT&user=$1"; }
pg_sql postgres "CREATE ROLE desk LOGIN; CREATE ROLE ana LOGIN; CREATE ROLE ben LOGIN" || not_ok "create the roles"
printf 'lat,lon\n40.70,-73.90\n40.7003,-73.9002\n41.5,-72.0\n' >posts.csv

"$SL" import posts posts.csv -s "$(as desk)" >out.txt 2>err.txt; rc=$?
check "a first import by a role without CREATE on the database: exit 1, told GRANT CREATE ON DATABASE" bash -c "
  [ $rc = 1 ] && grep -q 'role desk may not create the store.s schema. The database.s owner runs, in psql: GRANT CREATE ON DATABASE sightline TO desk;' err.txt &&
  ! grep -q 'GRANT USAGE ON SCHEMA' err.txt"
check "the database's owner runs it" pg_sql sightline "GRANT CREATE ON DATABASE sightline TO desk"
check "the desk's first import makes the store" "$SL" import posts posts.csv -s "$(as desk)"

PGUSER=desk pg_sql sightline "GRANT USAGE ON SCHEMA sightline TO ana, ben; GRANT SELECT ON ALL TABLES IN SCHEMA sightline TO ana, ben;
  ALTER DEFAULT PRIVILEGES IN SCHEMA sightline GRANT SELECT ON TABLES TO ana, ben" || not_ok "the read grants"
check "ana reads" bash -c "'$SL' info -s '$(as ana)' | grep -q 'posts.csv'"
"$SL" import sites posts.csv --category school -s "$(as ana)" >out.txt 2>err.txt; rc=$?
check "ana, who may read, importing: exit 1, told the write grants, not the read ones she has" bash -c "
  [ $rc = 1 ] && grep -q 'role ana may not write this store (an import, rm, exclude, the campaign). Its owner runs, in psql on database sightline: GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA sightline TO ana;' err.txt &&
  ! grep -q 'has not been granted' err.txt"

PGUSER=desk pg_sql sightline "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA sightline TO ben;
  ALTER DEFAULT PRIVILEGES IN SCHEMA sightline GRANT INSERT, UPDATE, DELETE ON TABLES TO ben" || not_ok "the write grants"
"$SL" exclude --circle 40.70,-73.90,500 -s "$(as ben)" >out.txt 2>err.txt; rc=$?
check "ben's exclusion is committed: the two posts are withheld" bash -c "
  grep -q 'withheld now: 2 posts' out.txt && [ \"\$('$SL' info -s '$(as ana)' --json | grep -c '\"kind\": \"exclusion\"')\" = 1 ]"
check "but it exits 1, saying the owner runs VACUUM (FULL) (it exited 0, VACUUM skipped: the points' bytes stayed)" bash -c "
  [ $rc = 1 ] && grep -q 'the exclusion is committed, but the deleted rows. bytes stay in the table.s files: only the owner of sightline.point_chunks (role desk) may overwrite them, not role ben. The owner runs, in psql on database sightline: VACUUM (FULL) sightline.point_chunks;' err.txt"
check "  and no raw server WARNING on stderr" bash -c "! grep -q 'WARNING' err.txt"
check "the owner runs it" env PGUSER=desk "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -d sightline \
  -c "VACUUM (FULL) sightline.point_chunks"
# ana's long audit holds its snapshot: the owner's exclusion waits for it
# before overwriting (up to 30 s), and said nothing while it waited
PGUSER=ana pg_sql sightline "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM sightline.sources;
  SELECT pg_sleep(4); COMMIT" >/dev/null &
HOLD=$!
sleep 0.5
on_tty excl.tty "$SL" exclude --circle 41.5,-72.0,500 -s "$(as desk)"
wait "$HOLD"
check "the owner's own exclusion, waiting for a colleague's audit, says it waits, then lands" bash -c "
  grep -q 'exclude: waiting for another sightline using PostgreSQL database sightline (an import, rm, backup or audit) ... [23] s' excl.tty &&
  grep -q 'withheld now: 1 post' excl.tty"

# the campaign's serve role, granted the write statements, starting the
# campaign before its tables exist (README: the owner's first write of the
# kind comes first) was told the read grants she had
check "the counties the campaign's signers pick from" \
  "$SL" import areas "$SL_FIXTURES/campaign/counties.geojson" --set counties --id id --name name -s "$(as desk)"
"$SL" campaign init --config "$SL_FIXTURES/campaign/campaign.conf" -s "$(as ben)" >out.txt 2>err.txt; rc=$?
check "ben's campaign init before its tables exist: exit 1, told that the owner's first write makes them" bash -c "
  [ $rc = 1 ] && grep -q 'role ben may write this store but not make new tables in it, which only the store.s owner may do: the owner.s first write of this kind makes them (.sightline campaign init. for the campaign.s' err.txt &&
  ! grep -q 'has not been granted' err.txt"
check "the owner's campaign init makes them" "$SL" campaign init --config "$SL_FIXTURES/campaign/campaign.conf" -s "$(as desk)"
check "then ben's edit goes on" "$SL" campaign edit --title "Ring-free streets" -s "$(as ben)"

# backup's advice, run as printed (OUT, DATABASE, NEWDB filled in; the server from PG*, as the data editor, who may create databases)
"$SL" backup -s "$(as desk)" copy.db >out.txt 2>err.txt; rc=$?
check "backup of a PostgreSQL store: exit 2, the commands printed" bash -c "[ $rc = 2 ] && grep -q 'pg_dump' err.txt"
sed -n 's/.*for a PostgreSQL store run \(pg_dump [^(]*\) (to restore it: \([^,]*\),.*/\1;\2/p' err.txt |
  sed -e "s|'DATABASE'|sightline|" -e "s|OUT|$WORK/store.dump|g" -e 's|NEWDB|restored|g' >advice.sh
check "  which are pg_dump, createdb, CREATE EXTENSION postgis and pg_restore" bash -c "
  grep -q '^pg_dump .*; *createdb restored; psql -d restored -c .CREATE EXTENSION postgis.; pg_restore --no-owner' advice.sh"
check "they run, as printed" env PATH="$PG_BIN:$PATH" PGHOST="$PG_HOST" PGPORT="$PG_PORT" bash -e advice.sh
"$SL" info -s "$(as desk)" --json | grep -v imported_by >before.json
"$SL" info -s "postgresql:///restored?host=$PG_HOST&port=$PG_PORT" --json | grep -v imported_by >after.json
check "sightline reads the restored store: the same imports and layers" bash -c "
  grep -q '\"kind\": \"exclusion\"' after.json && diff before.json after.json"
finish
