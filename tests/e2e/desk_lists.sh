#!/usr/bin/env bash
# A data desk's own few partnerships beside the real Atlas (snapshot
# 2020-10-07), as the README invites: a row of technology "Ring" is one
# `--tech ring` counts, so its date is a start, never "a technology other
# than Ring"; the Atlas's caveat (it dates other technologies by the source
# it cites) is said of the Atlas's rows only, another list's rows being
# dated by its file's date column.
. "$(dirname "$0")/lib.bash"
need_shared
ATLAS=$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv
DB=$(store desk)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null
"$SL" import partnerships "$ATLAS" --preset atlas -s "$DB" >/dev/null

# The desk's rows added to the Atlas's list of 2020-10-07.
printf 'agency,state,tech,date\nA,IL,Ring,2020-06-01\nB,IL,Ring,2020-06-02\nC,CA,Ring,2020-06-03\nD,CA,Drones,2020-06-04\n' \
  >"$WORK/mine.csv"
"$SL" import partnerships "$WORK/mine.csv" --name agency --tech-col tech --state state --date date \
  --snapshot 2020-10-07 -s "$DB" >/dev/null
"$SL" partnerships --tech ring -s "$DB" >"$WORK/ring.txt"
check "--tech ring counts the desk's 3 Ring rows beside the Atlas's 1,501" grep -q '^  rows 1,504,' "$WORK/ring.txt"
check "... and calls none of them another technology's, nor dated by a source" \
  bash -c "! grep -Eq 'other than Ring|Atlas dates' '$WORK/ring.txt' && grep -q '^Rows by start year' '$WORK/ring.txt'"
"$SL" partnerships --tech ring --json -s "$DB" >"$WORK/ring.json"
check "... JSON: dated_by_source 0" python3 -c "
import json,sys; j=json.load(open('$WORK/ring.json')); sys.exit(not (j['dated_by_source'] == 0 and j['dated_by_file'] == 0))"
"$SL" partnerships --tech drone -s "$DB" >"$WORK/drone.txt"
"$SL" partnerships --tech drone --json -s "$DB" >"$WORK/drone.json"
atlas_drones=$(python3 -c "
import csv; print(sum(1 for r in csv.DictReader(open('$ATLAS', encoding='utf-8', errors='replace'))
                    if 'drone' in r['Technology'].lower() and r['Link 1 Date'].strip()))")
check "drones: the Atlas's caveat counts the Atlas's $atlas_drones dated rows only" \
  grep -q "^  $(thousands "$atlas_drones") dated rows are of technologies other than Ring: the Atlas dates them" "$WORK/drone.txt"
check "... the desk's drone row is dated by its file's date column" \
  grep -q '^  1 dated row is of technologies other than Ring from lists other than the Atlas: dated by the date column of the file' "$WORK/drone.txt"
check "... JSON: dated_by_source counts both, dated_by_file the desk's" python3 -c "
import json,sys; j=json.load(open('$WORK/drone.json')); sys.exit(not (j['dated_by_source'] == $atlas_drones + 1 and j['dated_by_file'] == 1))"
"$SL" audit -s "$DB" -o "$WORK/aud" --tech drone --since 2020-01-01 >"$WORK/aud.txt"
check "the audit's headline names both ways of dating" \
  grep -q 'any other by the date of the source the Atlas cites or, from another list, by its file.s date column' "$WORK/aud.txt"
check "... and the report says which records the Atlas dates and which their file" python3 -c "
import sys; h=open('$WORK/aud/report.html').read()
sys.exit(not ('$(thousands "$atlas_drones") of the dated records here are such' in h and
              '1 of the dated records here are of other technologies from lists other than the Atlas' in h))"
finish
