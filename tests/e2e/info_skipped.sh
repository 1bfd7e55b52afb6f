#!/usr/bin/env bash
# info_skipped.sh — an import that skips records says so beyond its stderr.
# The ICE facilities file has 1,532 records and 10 without coordinates: the
# store kept only the 1,522 imported, so `info` and the report's Sources
# read "1,522 sites" and a reporter quoted that as the whole list. Each
# import now records how many records of its file it skipped and the main
# reason; `info` (table, --json, --csv) shows it, the report's Sources says
# it in words and summary.json carries it. An import recorded before the
# count was kept shows none (null, no sentence), never a wrong 0.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store s)
printf 'id,name,lat,lon\na,One,47.6,-122.3\nb,Two,,\nc,Three,47.7,-122.4\nd,Four,,-122.1\ne,Five,47.5,-122.2\n' >sites.csv
"$SL" import sites sites.csv --category ice --id id --text name -s "$DB" >import.out 2>import.err
check "import prints what it did before: 3 of 5, 2 skipped" \
  grep -q 'imported 3 sites of category ice from 5 records .*skipped 2 (missing 2)' import.out
"$SL" info --json -s "$DB" >info.json
check "info --json: the import's skipped count and reason" \
  test "$(jq -c '.sources[0] | [.rows, .skipped, .skipped_why]' info.json)" = '[3,2,"no coordinates"]'
check "info's table: a 'skipped' column, 2 for the import" \
  bash -c "'$SL' info -s '$DB' | grep -Eq '^ +1  sites .* +3 +2  [0-9TZ:-]{20}'"
check "info --csv: skipped and skipped_why columns" \
  bash -c "'$SL' info --csv -s '$DB' | head -2 | cut -d, -f6,7 | paste -sd' ' | grep -qx 'skipped,skipped_why 2,no coordinates'"
served_count() { public_info <info.json | jq -e '.sources[0].skipped == 2' >/dev/null; }
check "/api/info's sources carry it too (info --json less who imported)" served_count
"$SL" audit -s "$DB" -o out >/dev/null 2>audit.err
check "report.html's Sources: how many of the file's records were skipped, and why" \
  grep -q '3 of the file’s 5 records imported; 2 skipped (no coordinates)\.' out/report.html
check "summary.json's inputs carry the count" \
  test "$(jq -c '.inputs[0] | [.rows, .skipped, .skipped_why]' out/summary.json)" = '[3,2,"no coordinates"]'

# An import that skipped nothing: 0, and no sentence.
printf 'id,name,lat,lon\nx,Six,47.4,-122.0\n' >whole.csv
"$SL" import sites whole.csv --category jail --id id --text name -s "$DB" >/dev/null 2>&1
check "an import that skipped nothing: 0" \
  test "$("$SL" info --json -s "$DB" | jq -c '[.sources[].skipped]')" = '[2,0]'

# A store made before the count: it opens, its imports count nothing (null),
# the report says nothing of skipped records, and the next import adds it.
case $DB in
postgresql://*) store_sql "$DB" "ALTER TABLE sightline.sources DROP COLUMN skipped, DROP COLUMN skipped_why" ;;
*) store_sql "$DB" "ALTER TABLE sources DROP COLUMN skipped; ALTER TABLE sources DROP COLUMN skipped_why" ;;
esac
check "an older store: info reads it, no count (null, not 0)" \
  test "$("$SL" info --json -s "$DB" | jq -c '[.sources[] | [.skipped, .skipped_why]]')" = '[[null,null],[null,null]]'
check "... its table gives 'skipped' as '-', not recorded (a blank read as 0)" \
  bash -c "'$SL' info -s '$DB' | grep -Eq '^ +1  sites .* +3 {9}-  [0-9TZ:-]{20}'"
rm -rf old
"$SL" audit -s "$DB" -o old >/dev/null 2>&1
check "... its report says nothing of skipped records" bash -c "! grep -q 'records imported;' old/report.html"
check "... and summary.json has no count" test "$(jq -c '[.inputs[] | has("skipped")]' old/summary.json)" = '[false,false]'
printf 'id,name,lat,lon\ny,Seven,,\nz,Eight,47.3,-122.1\n' >more.csv
"$SL" import sites more.csv --category camp --id id --text name -s "$DB" >/dev/null 2>&1
check "... its next import adds the count: old imports null, the new one counted" \
  test "$("$SL" info --json -s "$DB" | jq -c '[.sources[].skipped]')" = '[null,null,1]'
# The agency registry: every line an agency or blank, so its skipped count is
# known (0, where info gave '-', not recorded), and a blank line is counted.
AG=$(store agencies)
"$SL" import agencies "$SL_FIXTURES/registry/fbi-cde-sample.csv" --preset fbi-cde -s "$AG" >/dev/null 2>&1
check "a registry read whole: 0 skipped, not '-'" \
  test "$("$SL" info --json -s "$AG" | jq -c '[.sources[] | [.kind, .skipped]]')" = '[["agencies",0]]'
{ head -3 "$SL_FIXTURES/registry/fbi-cde-sample.csv"; printf '\n\n'; tail -n +4 "$SL_FIXTURES/registry/fbi-cde-sample.csv"; } >blank.csv
AG=$(store agencies_blank)
"$SL" import agencies blank.csv --preset fbi-cde -s "$AG" >ag.out 2>ag.err
check "a registry with two blank lines: the import says it skipped them" grep -qx 'sightline: blank.csv: note: 2 blank lines skipped' ag.err
check "... and info keeps the count and why" \
  test "$("$SL" info --json -s "$AG" | jq -c '[.sources[] | [.kind, .skipped, .skipped_why]]')" = '[["agencies",2,"blank lines"]]'
finish
