#!/usr/bin/env bash
# import_repeats.sh — point files that would make wrong counts are refused
# (exit 1, the store as it was) with what to do: a second file holding points
# another import of the layer holds (a corrected copy: the same ids; without
# ids the same place and time, never the place alone), latitude and
# longitude swapped, a --date column none of whose values is a date
# (--date-format reads them). Ids shared within one file are warned about.
# Tiny invented fixtures in tests/fixtures/points/.
. "$(dirname "$0")/lib.bash"
P=$SL_FIXTURES/points

# A file, then its corrected copy: refused, naming the earlier import.
DB=$(store r)
"$SL" import posts "$P/repeat_a.csv" --date date -s "$DB" >"$WORK/o" 2>"$WORK/e"
check "repeat_a.csv: 5 posts imported (exit 0)" bash -c "[ $? -eq 0 ] && grep -q 'imported 5 posts' '$WORK/o'"
check "... with a warning that 2 of its posts share an id (p3)" \
  grep -q "repeat_a.csv: warning: 2 posts of this file share their id with another of its rows (e.g. 'p3')" "$WORK/e"
first=$(store_sql "$DB" "SELECT id FROM sources WHERE file_name = 'repeat_a.csv'")
before=$(store_dump "$DB")
"$SL" import posts "$P/repeat_b.csv" --date date -s "$DB" >"$WORK/o" 2>"$WORK/e"
rc=$?
check "its corrected copy repeat_b.csv: refused (exit 1)" test $rc -eq 1
check "... saying how many, by which id, from which import, and the fix" \
  grep -q "4 of the 5 posts in this file are in the store already, from import $first (repeat_a.csv): the same id (e.g. 'p1').*sightline rm $first" "$WORK/e"
check "... the store unchanged" test "$before" = "$(store_dump "$DB")"
check "... posts: 5 points still" bash -c "\"$SL\" info -s '$DB' | grep -q 'posts: 5 points'"
"$SL" rm "$first" -s "$DB" >/dev/null 2>&1
"$SL" import posts "$P/repeat_b.csv" --date date -s "$DB" >"$WORK/o" 2>"$WORK/e"
check "after sightline rm $first, repeat_b.csv imports: 5 posts, no warning of shared ids" \
  bash -c "[ $? -eq 0 ] && \"$SL\" info -s '$DB' | grep -q 'posts: 5 points' && ! grep -q 'share their id' '$WORK/e'"
sed 's/^p/q/' "$P/repeat_b.csv" >"$WORK/other_ids.csv"
"$SL" import posts "$WORK/other_ids.csv" --date date -s "$DB" >/dev/null 2>"$WORK/e"
check "posts with other ids at the same places and times import: when both have ids, the ids decide" \
  bash -c "[ $? -eq 0 ] && \"$SL\" info -s '$DB' | grep -q 'posts: 10 points'"
"$SL" import cameras "$P/repeat_a.csv" -s "$DB" >/dev/null 2>&1
check "cameras are another layer: repeat_a.csv imports as cameras beside the posts" test $? -eq 0
"$SL" import cameras "$P/repeat_b.csv" -s "$DB" >/dev/null 2>"$WORK/e"
check "... and repeat_b.csv as cameras is refused, by id (cameras have no time)" \
  bash -c "[ $? -eq 1 ] && grep -q '4 of the 5 cameras in this file are in the store already' '$WORK/e'"

# Without ids: the same place and time is a repeat; the same place at other times is not.
DB=$(store noid)
"$SL" import posts "$P/repeat_noid_a.csv" --date date -s "$DB" >/dev/null 2>&1
"$SL" import posts "$P/repeat_noid_place.csv" --date date -s "$DB" >/dev/null 2>"$WORK/e"
check "posts at the same places at other times import (a doorbell posts many times)" test $? -eq 0
before=$(store_dump "$DB")
"$SL" import posts "$P/repeat_noid_b.csv" --date date -s "$DB" >/dev/null 2>"$WORK/e"
check "posts at the same place and time as an earlier import's: refused" \
  bash -c "[ $? -eq 1 ] && grep -q '2 of the 3 posts in this file are in the store already, from import [0-9]* (repeat_noid_a.csv): the same place and time (e.g. 41.8801000, -87.6298000 at 2021-03-01 10:00:00 UTC)' '$WORK/e'"
check "... the store unchanged" test "$before" = "$(store_dump "$DB")"
printf 'id,lat,lon,date\nz1,41.8803,-87.6300,2021-03-03T10:00:00Z\n' >"$WORK/with_id.csv"
"$SL" import posts "$WORK/with_id.csv" --date date -s "$DB" >/dev/null 2>"$WORK/e"
check "a post with an id at the place and time of an earlier post without one: refused" \
  bash -c "[ $? -eq 1 ] && grep -q '1 of the 1 posts in this file are in the store already' '$WORK/e'"

# Sites: repeats within a category only.
DB=$(store sites)
"$SL" import sites "$P/repeat_a.csv" --category x -s "$DB" >/dev/null 2>&1
"$SL" import sites "$P/repeat_b.csv" --category y -s "$DB" >/dev/null 2>&1
check "sites of another category with the same ids import" test $? -eq 0
sed 's/p5/p6/' "$P/repeat_b.csv" >"$WORK/repeat_c.csv" # other bytes: repeat_b.csv into x would be "other options"
"$SL" import sites "$WORK/repeat_c.csv" --category x -s "$DB" >/dev/null 2>"$WORK/e"
check "... in the same category they are refused" \
  bash -c "[ $? -eq 1 ] && grep -q '4 of the 5 sites of category x in this file are in the store already' '$WORK/e'"

# Latitude and longitude swapped: refused, naming the way through.
DB=$(store sw)
"$SL" import posts "$P/repeat_a.csv" -s "$DB" >/dev/null 2>&1
before=$(store_dump "$DB")
"$SL" import posts "$P/swapped.csv" -s "$DB" >"$WORK/o" 2>"$WORK/e"
check "swapped.csv (lat holds longitudes): refused (exit 1), not 1 post stored in the wrong place" test $? -eq 1
check "... saying so and naming --lat lon --lon lat" \
  grep -q "latitude and longitude look swapped: 5 of the 5 records have |latitude| > 90, or latitude below -60 (Antarctica), with |longitude| <= 90 (columns lat, lon), so nothing was imported.*--lat lon --lon lat" "$WORK/e"
check "... the store unchanged" test "$before" = "$(store_dump "$DB")"
"$SL" import posts "$P/swapped.csv" --lat lon --lon lat -s "$DB" >"$WORK/o" 2>&1
check "... and with --lat lon --lon lat its 5 posts import" bash -c "[ $? -eq 0 ] && grep -q 'imported 5 posts' '$WORK/o'"

# Dates: none parses -> refused with line, column, value and --date-format.
DB=$(store dt)
"$SL" import posts "$P/repeat_a.csv" -s "$DB" >/dev/null 2>&1
before=$(store_dump "$DB")
"$SL" import posts "$P/dates_mdy.csv" --date date -s "$DB" >/dev/null 2>"$WORK/e"
check "dates_mdy.csv --date date (MM/DD/YYYY): refused (exit 1), not 3 undated posts" test $? -eq 1
check "... naming line 2, the column, the value and --date-format" \
  grep -q "dates_mdy.csv:2: none of the 3 values of the date column 'date' is a date (this one: '02/23/2015 14:05').*--date-format" "$WORK/e"
check "... the store unchanged" test "$before" = "$(store_dump "$DB")"
"$SL" import posts "$P/dates_mdy.csv" --date date --date-format '%m/%d/%Y %H:%M' -s "$DB" >/dev/null 2>"$WORK/e"
check "... with --date-format '%m/%d/%Y %H:%M' it imports" test $? -eq 0
check "... dated to the minute (first 2015-02-23T14:05, last 2015-12-31T23:59)" \
  bash -c "\"$SL\" cameras -s '$DB' | grep -q 'first post 2015-02-23T14:05:00Z, last post 2015-12-31T23:59:00Z'"
"$SL" import posts "$P/dates_some_bad.csv" --date date -s "$DB" >/dev/null 2>"$WORK/e"
check "dates_some_bad.csv: imports (exit 0), naming the one value that is no date, its line and column" \
  bash -c "[ $? -eq 0 ] && grep -q \"dates_some_bad.csv:4: warning: 1 value in column 'date' is not a date (first here: 'yesterday'); kept without a date; --date-format\" '$WORK/e'"
finish
