#!/usr/bin/env bash
# pg_access.sh — a colleague's own PostgreSQL role on a store another role
# made. Refused, she is told which role, which database and what the owner
# runs (PostgreSQL alone said "permission denied for schema sightline"); the
# owner runs the GRANTs of README.md ("A colleague's own role", read from the
# README itself, so that what it says is what works): the read ones let her
# run `sightline info` and open the views, the write ones let her import and
# rm, and the default privileges reach the tables the owner's sightline makes
# later (the businesses directory's). A database that does not exist is
# named with the host and port tried. A throwaway cluster of its own.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
pg_start
cd "$WORK" || exit 1
OWNER=$PG_URL
as() { echo "postgresql:///sightline?host=$PG_HOST&port=$PG_PORT&user=$1"; }
printf 'name,lat,lon,id\nFirst school,40.7,-73.9,s1\nSecond school,40.8,-74.0,s2\n' >sites.csv
printf 'name,lat,lon,id\nThird school,40.6,-73.8,s3\n' >more.csv
check "the owner imports sites" "$SL" import sites sites.csv --category school --id id --text name -s "$OWNER"
"$SL" info -s "postgresql:///nosuchdb?host=$PG_HOST&port=$PG_PORT" >/dev/null 2>err.txt
check "a database that does not exist is named, with the host and port tried" \
  grep -q "^sightline: PostgreSQL database nosuchdb on $PG_HOST:$PG_PORT: cannot connect as role .*database \"nosuchdb\" does not exist" err.txt
pg_sql postgres "CREATE ROLE alice LOGIN; CREATE ROLE \"Carol M\" LOGIN" || not_ok "create the roles"

"$SL" info -s "$(as alice)" >out.txt 2>err.txt; rc=$?
check "a role not granted: exit 1, naming the role, the database and what the owner runs" bash -c "
  [ $rc = 1 ] && [ \$(wc -l <err.txt) = 1 ] &&
  grep -q '^sightline: PostgreSQL database sightline on .*:$PG_PORT: .*permission denied for schema sightline: role alice has not been granted this store' err.txt &&
  grep -q 'GRANT USAGE ON SCHEMA sightline TO alice; GRANT SELECT ON ALL TABLES IN SCHEMA sightline TO alice;' err.txt &&
  grep -q 'README.md, \"A colleague.s own role\"' err.txt && ! grep -q 'LINE 1' err.txt"
"$SL" info -s "$(as "Carol%20M")" 2>err.txt >/dev/null
check "a role name that needs quotes is quoted as SQL writes it" grep -q 'TO "Carol M";' err.txt

# README's statements: the indented lines of the paragraph, read up to and
# from its "-- write too" comment
awk '/^\*\*A colleague.s own role\.\*\*/ { on = 1 } on && /^$/ && code { exit } on && /^    / { code = 1; print substr($0, 5) }' \
  "$SL_SOURCE/README.md" >grants.sql
sed '/^-- write/,$d' grants.sql >read.sql
sed -n '/^-- write/,$p' grants.sql >write.sql
check "README.md gives the read grants and the write grants ($(grep -c GRANT grants.sql) statements)" bash -c "
  grep -q 'GRANT SELECT ON ALL TABLES' read.sql && grep -q 'GRANT INSERT, UPDATE, DELETE ON ALL TABLES' write.sql"

check "the owner runs README's read grants" pg_sql sightline "$(cat read.sql)"
check "alice runs sightline info" bash -c "'$SL' info -s '$(as alice)' | grep -q 'sites .*sites.csv'"
check "and opens the views" [ "$(PGUSER=alice pg_sql sightline "SELECT count(*) FROM sightline.sites_points")" = 2 ]
"$SL" import sites more.csv --category school2 -s "$(as alice)" >/dev/null 2>err.txt; rc=$?
check "an import of hers is still refused, naming her role and the write grants" bash -c "
  [ $rc = 1 ] && grep -q 'permission denied for table .*: role alice may not write this store' err.txt && grep -q 'GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA sightline TO alice;' err.txt"

check "the owner runs README's write grants" pg_sql sightline "$(cat write.sql)"
check "alice imports" "$SL" import sites more.csv --category school2 -s "$(as alice)"
check "the owner sees her import" bash -c "'$SL' info -s '$OWNER' | grep -q 'more.csv'"
check "alice removes it" "$SL" rm 2 -s "$(as alice)"
check "the owner makes the directory's tables, at its first import" \
  "$SL" import businesses "$SL_FIXTURES/directory/businesses.csv" -s "$OWNER"
check "alice reads them (the default privileges)" bash -c "'$SL' businesses --q bakery -s '$(as alice)' | grep -q 'Sisters Bakery'"
finish
