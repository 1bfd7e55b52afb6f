#!/usr/bin/env bash
# A newsroom's own few partnerships beside the real Atlas (snapshot
# 2020-10-07), as the README invites: a row of technology "Ring" is one
# `--tech ring` counts, so its date is a start, never "a technology other
# than Ring"; the Atlas's caveat (it dates other technologies by the source
# it cites) is said of the Atlas's rows only, another list's rows being
# dated by its file's date column.
# Imported without a date, the rows become the newest snapshot, dated
# today, which every figure counts alone: the import says so, naming both
# snapshots' rows, and how to add the rows to the Atlas's list instead.
# The same few rows imported as a snapshot of their own become the newest:
# a diff in which most of the Atlas's partnerships "ended" says the newer
# snapshot may be a partial list, in `partnerships diff` and in the audit,
# whose headline then gives no count of partnerships added or ended. A
# real later snapshot (the Atlas less 400 rows) draws no such caution.
. "$(dirname "$0")/lib.bash"
need_shared
ATLAS=$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv
DB=$(store own)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$DB" >/dev/null
"$SL" import partnerships "$ATLAS" --preset atlas -s "$DB" >/dev/null 2>"$WORK/atlas.err"
check "the Atlas, dated by its file's name, the first snapshot: no warning" bash -c "[ $? -eq 0 ] && [ ! -s '$WORK/atlas.err' ]"

# The newsroom's rows added to the Atlas's list of 2020-10-07.
printf 'agency,state,tech,date\nA,IL,Ring,2020-06-01\nB,IL,Ring,2020-06-02\nC,CA,Ring,2020-06-03\nD,CA,Drones,2020-06-04\n' \
  >"$WORK/mine.csv"
"$SL" import partnerships "$WORK/mine.csv" --name agency --tech-col tech --state state --date date \
  --snapshot 2020-10-07 -s "$DB" >/dev/null 2>"$WORK/add.err"
check "rows added to the snapshot of 2020-10-07: no warning" bash -c "[ $? -eq 0 ] && [ ! -s '$WORK/add.err' ]"
"$SL" partnerships --tech ring -s "$DB" >"$WORK/ring.txt"
check "--tech ring counts the newsroom's 3 Ring rows beside the Atlas's 1,501" grep -q '^  rows 1,504,' "$WORK/ring.txt"
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
check "... the newsroom's drone row is dated by its file's date column" \
  grep -q '^  1 dated row is of technologies other than Ring from lists other than the Atlas: dated by the date column of the file' "$WORK/drone.txt"
check "... JSON: dated_by_source counts both, dated_by_file the newsroom's" python3 -c "
import json,sys; j=json.load(open('$WORK/drone.json')); sys.exit(not (j['dated_by_source'] == $atlas_drones + 1 and j['dated_by_file'] == 1))"
"$SL" audit -s "$DB" -o "$WORK/aud" --tech drone --since 2020-01-01 >"$WORK/aud.txt"
check "the audit's headline names both ways of dating" \
  grep -q '(by the date of the source the Atlas cites or, from another list, by its file.s date column: not when use began)' "$WORK/aud.txt"
check "... and the report says which records the Atlas dates and which their file" python3 -c "
import sys; h=open('$WORK/aud/report.html').read()
sys.exit(not ('$(thousands "$atlas_drones") of the dated records here are such' in h and
              '1 of the dated records here are of other technologies from lists other than the Atlas' in h))"

# The same file without a date: a snapshot of its own, dated today.
T=$(store today)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$T" >/dev/null
"$SL" import partnerships "$ATLAS" --preset atlas -s "$T" >/dev/null
today=$(date -u +%F)
"$SL" import partnerships "$WORK/mine.csv" --name agency --tech-col tech --state state --date date -s "$T" \
  >"$WORK/today.out" 2>"$WORK/today.err"
check "a list of 4 rows dated today: imported (exit 0), with a warning naming both snapshots and their rows" bash -c "[ $? -eq 0 ] &&
  grep -q '^sightline: .*mine.csv: warning: the snapshot of $today holds 4 rows, against 5,783 in the snapshot of 2020-10-07, the newest before it; every figure (partnerships, audit, serve) now counts the snapshot of $today alone, and a diff between them reads the partnerships it lacks as ended. It is dated today, $today, as neither --snapshot nor the file.s name gives the day the list describes.$' '$WORK/today.err'"
check "... and how to add the rows to the list of 2020-10-07 instead, or date the list" bash -c "
  grep -Eq '^  To add these rows to the list of 2020-10-07 instead: sightline rm [0-9]+, then import the file again with --snapshot 2020-10-07\.$' '$WORK/today.err' &&
  grep -Eq '^  If the file is the whole list of another day: sightline rm [0-9]+, then import it again with --snapshot YYYY-MM-DD\.$' '$WORK/today.err'"
id=$(grep -Eo 'sightline rm [0-9]+' "$WORK/today.err" | head -1 | grep -Eo '[0-9]+$')
"$SL" rm "$id" -s "$T" >/dev/null
"$SL" import partnerships "$WORK/mine.csv" --name agency --tech-col tech --state state --date date \
  --snapshot 2020-10-07 -s "$T" >/dev/null 2>"$WORK/again.err"
check "... done as it says: no warning, and --tech ring counts the Atlas's and the newsroom's rows" bash -c "[ $? -eq 0 ] &&
  [ ! -s '$WORK/again.err' ] && '$SL' partnerships --tech ring -s '$T' | grep -q '^Partnerships in snapshot 2020-10-07, technology ~ ring$' &&
  '$SL' partnerships --tech ring -s '$T' | grep -q '^  rows 1,504,'"
F=$(store fresh)
"$SL" import partnerships "$WORK/mine.csv" --name agency --tech-col tech --state state --date date -s "$F" \
  >/dev/null 2>"$WORK/fresh.err"
check "the first list of a store, dated today: a warning that says so" \
  grep -q "warning: its snapshot is dated today, $today, as neither --snapshot nor the file.s name gives the day" "$WORK/fresh.err"

# Three Ring rows as a snapshot of their own, dated after the Atlas's.
P=$(store partial)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$P" >/dev/null
"$SL" import partnerships "$ATLAS" --preset atlas -s "$P" >/dev/null
head -4 "$WORK/mine.csv" >"$WORK/mine3.csv"
"$SL" import partnerships "$WORK/mine3.csv" --name agency --tech-col tech --state state --date date \
  --snapshot 2020-12-01 -s "$P" >/dev/null 2>"$WORK/partial.err"
check "3 rows dated 2020-12-01 against 5,783: the warning, without 'dated today'" bash -c "
  grep -q 'warning: the snapshot of 2020-12-01 holds 3 rows, against 5,783 in the snapshot of 2020-10-07' '$WORK/partial.err' &&
  ! grep -q 'dated today' '$WORK/partial.err'"
"$SL" partnerships diff --from 2020-10-07 --to 2020-12-01 --tech ring -s "$P" >"$WORK/diff.txt"
check "diff: 1,498 of 1,498 Ring partnerships 'ended': a caution that the newer snapshot may be a partial list" \
  bash -c "[ $? -eq 0 ] && grep -q '^caution: 1,498 of the 1,498 partnerships of the snapshot of 2020-10-07 are not in that of' '$WORK/diff.txt' &&
  tr '\n' ' ' <'$WORK/diff.txt' | grep -q 'the later snapshot may be a partial list.*import it with --snapshot 2020-10-07'"
"$SL" partnerships diff --from 2020-10-07 --to 2020-12-01 --tech ring --csv -s "$P" >"$WORK/diff.csv" 2>"$WORK/diff.err"
check "... CSV: on standard error, the CSV untouched" bash -c "grep -q '^caution: 1,498 of the 1,498' '$WORK/diff.err' && ! grep -q caution '$WORK/diff.csv'"
"$SL" partnerships diff --from 2020-10-07 --to 2020-12-01 --tech ring --json -s "$P" >"$WORK/diff.json"
check "... JSON: caveat, and how many partnerships each snapshot lists" python3 -c "
import json,sys; d=json.load(open('$WORK/diff.json')); c=d['counts']
sys.exit(not ('may be a partial list' in d['caveat'] and c['in_from'] == 1498 and c['in_to'] == 3 and c['ended'] == 1498))"
"$SL" audit -s "$P" -o "$WORK/partial" --tech ring --since 2020-06-01 >"$WORK/partial.txt"
check "the audit's headlines: a caution first, and no count of partnerships ended as a finding" bash -c "
  sed -n 2p '$WORK/partial.txt' | grep -q '^  - Caution: the snapshot of 2020-12-01, which every figure of this report counts, may be a partial list: 1,498 of the 1,498 partnerships of the snapshot of 2020-10-07 are not in it (it lists 3)' &&
  ! grep -q 'Between the snapshots' '$WORK/partial.txt'"
check "... the notes under the lead open with it, and the report's changes say why" python3 -c "
import json,sys; s=json.load(open('$WORK/partial/summary.json')); h=open('$WORK/partial/report.html').read()
sys.exit(not (s['lead_notes'].startswith('Caution: the snapshot of 2020-12-01') and 'may be a partial list' in s['diff']['caveat']
              and '<strong>Caution:</strong> 1,498 of the 1,498 partnerships' in h))"

# A real later snapshot: the Atlas less its last 400 rows. No caution.
L=$(store later)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$L" >/dev/null
"$SL" import partnerships "$ATLAS" --preset atlas -s "$L" >/dev/null
head -n -400 "$ATLAS" >"$WORK/atlas-later.csv"
"$SL" import partnerships "$WORK/atlas-later.csv" --preset atlas --snapshot 2021-03-01 -s "$L" >/dev/null 2>"$WORK/later.err"
check "a real later snapshot (the Atlas less its last 400 lines): no warning" bash -c "[ $? -eq 0 ] && [ ! -s '$WORK/later.err' ]"
"$SL" partnerships diff --from 2020-10-07 --to 2021-03-01 -s "$L" --json >"$WORK/later.json"
"$SL" audit -s "$L" -o "$WORK/later" --tech ring >"$WORK/later.txt"
check "a real later snapshot: no caveat in its diff, and the audit's headline counts the changes" bash -c "
  ! grep -q caveat '$WORK/later.json' && grep -q '^  - Between the snapshots of 2020-10-07 and 2021-03-01, ' '$WORK/later.txt' &&
  ! grep -qi 'partial list' '$WORK/later.txt'"
finish
