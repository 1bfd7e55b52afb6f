#!/usr/bin/env bash
# info_imported_by.sh — `info` says who made each import. On a store two
# reporters share, nobody could tell who had imported a file (to ask why,
# or before `rm`). Each import now records its maker: on PostgreSQL the
# session's role (current_user), on SQLite the system user running
# sightline. `info` shows it in its imports table ("by") and in --json
# (imported_by); imports recorded before a store had the column show
# nothing (null), and the store's next import adds the column (readers do
# without it). The served /api/info leaves it out (serve_api.sh).
. "$(dirname "$0")/lib.bash"
F=$SL_FIXTURES/registry
cd "$WORK" || exit 1
DB=$(store s)
case $DB in
postgresql://*) me=$(store_sql "$DB" "SELECT current_user") ;;
*) me=$(id -un) ;;
esac
"$SL" import agencies "$F/fbi-cde-sample.csv" --preset fbi-cde -s "$DB" >/dev/null
"$SL" info -s "$DB" >info.txt
check "info's imports table has a 'by' column" grep -Eq '^ +id +kind +file +sha256 +rows +skipped +imported \(UTC\) +by +snapshot / options$' info.txt
check "... naming who made the import ($me)" grep -Eq "^ +1  agencies .* [0-9TZ:-]{20}  $me +\{\"preset\":\"fbi-cde\"\}$" info.txt
check "info --json: imported_by" test "$("$SL" info --json -s "$DB" | jq -r '.sources[0].imported_by')" = "$me"
check "info --csv: an imported_by column" bash -c "'$SL' info --csv -s '$DB' | head -2 | cut -d, -f9 | paste -sd' ' | grep -qx 'imported_by $me'"

# A store made before the column: readers do without it, old imports name
# nobody, and the next import adds it.
case $DB in
postgresql://*) store_sql "$DB" "ALTER TABLE sightline.sources DROP COLUMN imported_by" ;;
*) store_sql "$DB" "ALTER TABLE sources DROP COLUMN imported_by" ;;
esac
check "an older store: info reads it, the import names nobody (null)" \
  test "$("$SL" info --json -s "$DB" | jq -c '[.sources[].imported_by]')" = "[null]"
check "... and its table row gives 'by' as '-', not recorded" bash -c "'$SL' info -s '$DB' | grep -Eq '^ +1  agencies .* [0-9TZ:-]{20}  - +\{\"preset'"
"$SL" import partnerships "$F/atlas-sample-2020-10-07.csv" --preset atlas -s "$DB" >/dev/null
check "... its next import adds the column: old imports null, the new one named" \
  test "$("$SL" info --json -s "$DB" | jq -c '[.sources[].imported_by]')" = "[null,\"$me\"]"
finish
