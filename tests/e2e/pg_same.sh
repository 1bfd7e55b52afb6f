#!/usr/bin/env bash
# The PostgreSQL store answers as the SQLite store does: the real FBI
# registry and Atlas of Surveillance imported into both, then `partnerships`
# with several filter sets, breakdowns, the unmatched and links listings and
# a diff of two snapshots compared byte for byte as JSON, and `info` compared
# on everything but the import times. Also: two imports at once into one
# database both land (real concurrent processes), a re-import changes
# nothing, rm takes an import out on both, commands PostgreSQL does not
# have yet (the businesses directory) fail naming the backend, and a database without PostGIS is
# refused before anything is written; the demo writes the same store into
# an empty database.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/pg_lib.bash"
need_shared
pg_start
ATLAS=$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv
FBI=$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv
DB=$WORK/same.db
PG=$PG_URL

# A second, later snapshot: the Atlas without its last 400 rows, some
# technologies relabelled, so that diff has ended and changed rows (a
# record of the same Atlas number relabelled is changed, not ended and new).
LATER=$WORK/atlas-later.csv
head -n -400 "$ATLAS" | sed '200,260s/Face Recognition/Facial Recognition/' >"$LATER"

for s in "$DB" "$PG"; do
  check "import agencies ($s)" "$SL" import agencies "$FBI" --preset fbi-cde -s "$s"
  check "import atlas ($s)" "$SL" import partnerships "$ATLAS" --preset atlas -s "$s"
  check "import a later snapshot ($s)" "$SL" import partnerships "$LATER" --preset atlas --snapshot 2021-03-01 -s "$s"
done

# Import times differ between the two stores: blank them, compare the rest.
no_times() { sed -E 's/"imported_at": "[^"]*"/"imported_at": ""/'; }
same() { # same NAME ARGS...: `partnerships ARGS --json` is the same on both
  local name=$1; shift
  "$SL" partnerships "$@" --json -s "$DB" 2>"$WORK/$name.sqlite.err" | no_times >"$WORK/$name.sqlite.json"
  "$SL" partnerships "$@" --json -s "$PG" 2>"$WORK/$name.pg.err" | no_times >"$WORK/$name.pg.json"
  if [ -s "$WORK/$name.sqlite.json" ] && cmp -s "$WORK/$name.sqlite.json" "$WORK/$name.pg.json"; then
    ok "partnerships $* is the same on both stores ($(wc -c <"$WORK/$name.pg.json") bytes)"
  else
    not_ok "partnerships $* differs between SQLite and PostgreSQL"
    diff "$WORK/$name.sqlite.json" "$WORK/$name.pg.json" | head -20
    cat "$WORK/$name.pg.err"
  fi
}
same all
same ring --tech ring
same ring_since --tech ring --since 2020-05-25 --until 2020-09-30
same face_states --tech face --state CA,TX,NY,fl
same sheriff --type sheriff --by state
same by_year --by year
same by_month --tech ring --by month
same by_type --by type --snapshot 2020-12-31
same by_state --by state --snapshot 2021-06-01
same unmatched --unmatched
same unmatched_ring --unmatched --tech ring
same links --links
same links_fuzzy --links --method fuzzy
same diff diff --from 2020-10-07 --to 2021-03-01
same diff_ring diff --from 2020-10-07 --to 2021-03-01 --tech ring
same ring_ca_month --tech ring --state ca --by month --snapshot 2020-10-07

# The 2021 snapshot must really differ from the first.
check "the diff finds ended and changed rows" jq -e '.counts.ended > 0 and .counts.changed > 0' "$WORK/diff.pg.json"

# info: the same imports, records, snapshots and links; only times differ.
info_same() {
  "$SL" info --json -s "$DB" | no_times >"$WORK/info.sqlite.json"
  "$SL" info --json -s "$PG" | no_times >"$WORK/info.pg.json"
  check "info --json is the same on both stores ($1)" cmp "$WORK/info.sqlite.json" "$WORK/info.pg.json"
}
info_same "three imports"
check "info counts 18,702 agencies on PostgreSQL" jq -e '.agencies.count == 18702' "$WORK/info.pg.json"
# The same database by the PG* variables and by a key=value string.
PGHOST=$PG_HOST PGPORT=$PG_PORT PGDATABASE=sightline "$SL" info --json -s postgresql:// | no_times >"$WORK/info.env.json"
check "-s postgresql:// takes the PG* variables" cmp "$WORK/info.pg.json" "$WORK/info.env.json"
"$SL" info --json -s "host=$PG_HOST port=$PG_PORT dbname=sightline" | no_times >"$WORK/info.kv.json"
check "-s host=... dbname=... is a PostgreSQL store too" cmp "$WORK/info.pg.json" "$WORK/info.kv.json"

# A re-import of the same file changes nothing, on PostgreSQL as on SQLite.
out=$("$SL" import partnerships "$ATLAS" --preset atlas -s "$PG")
check "a second Atlas import into PostgreSQL says nothing changed" grep -q "nothing changed" <<<"$out"
check "and stores no row twice" [ "$(pg_sql sightline 'SELECT count(*) FROM sightline.partnerships')" = \
  "$(sqlite3 "$DB" 'SELECT count(*) FROM partnerships')" ]

# rm of the later snapshot on both: the same again.
check "rm on SQLite" "$SL" rm 3 -s "$DB"
check "rm on PostgreSQL" "$SL" rm 3 -s "$PG"
info_same "after rm"
same after_rm --by state

# Link corrections: an import after rm takes the next id on both, never the
# removed import's (the largest ever given plus one), and corrects the same
# rows.
same links_before --links
printf 'record_id,ori,note\nAOS0020,none,"the town, not Irvington village"\nAOS0026,PA0391100,confirmed\n' >"$WORK/cw.csv"
for s in "$DB" "$PG"; do
  check "import links ($s)" bash -c "\"$SL\" import links '$WORK/cw.csv' -s '$s' | grep -q '2 decided by corrections'"
done
info_same "after import links"
check "the links import took id 4 on PostgreSQL too, not the removed 3" jq -e '.sources[2].id == 4 and .sources[2].kind == "links"' "$WORK/info.pg.json"
same links_corrected --links
check "AOS0026 is linked by the correction" jq -e '[.rows[] | select(.record_id == "AOS0026")][0].method == "crosswalk"' \
  "$WORK/links_corrected.pg.json"
for s in "$DB" "$PG"; do check "rm the corrections ($s)" "$SL" rm 4 -s "$s"; done
same links_undone --links
check "undone: the links are those before the corrections" cmp "$WORK/links_before.pg.json" "$WORK/links_undone.pg.json"

# Agencies are PostGIS points with a GiST index: QGIS opens the table.
check "agency locations are PostGIS points" [ "$(pg_sql sightline \
  "SELECT count(*) FROM sightline.agencies WHERE ST_X(location) = lon AND ST_Y(location) = lat AND ST_SRID(location) = 4326")" = 18146 ]
check "with a GiST index" [ "$(pg_sql sightline \
  "SELECT count(*) FROM pg_indexes WHERE schemaname = 'sightline' AND indexdef LIKE '%agencies USING gist (location)%'")" = 1 ]
check "the schema is versioned" [ "$(pg_sql sightline "SELECT value FROM sightline.meta WHERE key = 'schema_version'")" = 1 ]

# The businesses directory is held on PostgreSQL too (pg_businesses.sh):
# its import lands, and a search prints what SQLite's prints.
for s in "$DB" "$PG"; do check "import businesses ($s)" "$SL" import businesses "$SL_FIXTURES/campaign/businesses.csv" -s "$s"; done
check "businesses --json is the same on both" cmp <("$SL" businesses --q bak --json -s "$DB") <("$SL" businesses --q bak --json -s "$PG")
# The campaign is held on PostgreSQL too (pg_campaign.sh): without one, the
# same empty counts as SQLite's.
"$SL" campaign counts -s "$DB" >"$WORK/counts.sqlite" 2>&1
"$SL" campaign counts -s "$PG" >"$WORK/counts.pg" 2>&1
check "campaign counts without a campaign is the same on both" cmp "$WORK/counts.sqlite" "$WORK/counts.pg"

# The demo writes into an empty database as into a new file: the same info
# and audit, and it names the database, never the connection string.
pg_sql postgres "CREATE DATABASE demo" && pg_sql demo "CREATE EXTENSION postgis" || not_ok "create database demo"
DEMO="postgresql:///demo?host=$PG_HOST&port=$PG_PORT"
check "demo into SQLite" "$SL" demo -s "$WORK/demo.db"
"$SL" demo -s "$DEMO" >"$WORK/demo.out"
check "demo into PostgreSQL" [ $? = 0 ]
check "says which database" grep -q "^demo store PostgreSQL database demo: SYNTHETIC" "$WORK/demo.out"
no_store() { no_times | sed -E 's/^  "(store|generated_at)": "[^"]*"/  "\1": ""/'; }
check "the demo's info is the same" cmp <("$SL" info --json -s "$WORK/demo.db" | no_times) <("$SL" info --json -s "$DEMO" | no_times)
"$SL" audit -s "$WORK/demo.db" -o "$WORK/demo.sqlite" --quiet
"$SL" audit -s "$DEMO" -o "$WORK/demo.pg" --quiet
check "the demo's audit summary.json is the same" cmp <(no_store <"$WORK/demo.sqlite/summary.json") \
  <(no_store <"$WORK/demo.pg/summary.json")

# A database without PostGIS is refused at open, before anything is written.
pg_sql postgres "CREATE DATABASE nogis" || not_ok "create database nogis"
"$SL" import agencies "$FBI" --preset fbi-cde -s "postgresql:///nogis?host=$PG_HOST&port=$PG_PORT" 2>"$WORK/nogis.err"
rc=$?
check "a database without PostGIS is refused" [ "$rc" -eq 1 ]
check "saying PostGIS is needed" grep -q "PostGIS is not installed" "$WORK/nogis.err"
check "and nothing was created there" [ "$(pg_sql nogis "SELECT count(*) FROM pg_namespace WHERE nspname = 'sightline'")" = 0 ]
check "errors never show the connection string" bash -c "! grep -q 'postgresql://' '$WORK/nogis.err'"

# Two imports at once into one (fresh) database: both land, each whole.
pg_sql postgres "CREATE DATABASE twice" && pg_sql twice "CREATE EXTENSION postgis" || not_ok "create database twice"
TWICE="postgresql:///twice?host=$PG_HOST&port=$PG_PORT"
"$SL" import agencies "$FBI" --preset fbi-cde -s "$TWICE" >"$WORK/a.out" 2>&1 &
pa=$!
"$SL" import partnerships "$ATLAS" --preset atlas -s "$TWICE" >"$WORK/p.out" 2>&1 &
pp=$!
wait $pa; ra=$?
wait $pp; rp=$?
check "concurrent agency import succeeded" [ "$ra" = 0 ]
check "concurrent Atlas import succeeded" [ "$rp" = 0 ]
cat "$WORK/a.out" "$WORK/p.out" | grep -i error
check "both imports are recorded" [ "$(pg_sql twice "SELECT string_agg(kind, ',' ORDER BY kind) FROM sightline.sources")" = "agencies,partnerships" ]
check "every agency landed" [ "$(pg_sql twice "SELECT count(*) FROM sightline.agencies")" = 18702 ]
check "every Atlas row landed" [ "$(pg_sql twice "SELECT count(*) FROM sightline.partnerships")" = 5783 ]
# Whichever finished second linked the rows: the links are those of SQLite.
"$SL" partnerships --links --json -s "$TWICE" | no_times >"$WORK/twice_links.json"
"$SL" import partnerships "$ATLAS" --preset atlas -s "$WORK/fresh.db" >/dev/null
"$SL" import agencies "$FBI" --preset fbi-cde -s "$WORK/fresh.db" >/dev/null
"$SL" partnerships --links --json -s "$WORK/fresh.db" | no_times >"$WORK/fresh_links.json"
check "links after concurrent imports equal SQLite's" cmp "$WORK/fresh_links.json" "$WORK/twice_links.json"
finish
