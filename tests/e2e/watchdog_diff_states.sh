#!/usr/bin/env bash
# watchdog_diff_states.sh — a watchdog's yearly "N began, M ended in our
# state", checked against `partnerships --state` of each snapshot. The
# Atlas files Wall Township Police Department (AOS4407, Monmouth County) under
# NH; linked by `import links` to NJ's agency (NJ0135200) it is NJ's in
# every count by state of the tracker (misfiled_state.sh), but the diff
# kept the file's state: `diff --state NJ` said NJ listed 115 Ring
# partnerships on 2020-10-07 where `partnerships --state NJ` counts 116,
# and `diff --state NH` gave New Hampshire one in each snapshot, the
# tracker none. Snapshots: watchdog.bash (the export of 2020-06-30 rebuilt
# from that of 2020-10-07).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/watchdog.bash"
need_shared
cd "$WORK" || exit 1
DB=$(watchdog_store states)
printf 'record_id,ori\nAOS4407,NJ0135200\n' >wall.csv
"$SL" import links wall.csv -s "$DB" >/dev/null 2>&1 || exit 1
D=(partnerships diff --from 2020-06-30 --to 2020-10-07 --tech ring -s "$DB")

"$SL" partnerships --tech ring --state NJ --snapshot 2020-10-07 -s "$DB" >nj_to.txt 2>&1
"$SL" partnerships --tech ring --state NJ --snapshot 2020-06-30 -s "$DB" >nj_from.txt 2>&1
check "partnerships --state NJ counts 113 Ring agencies on 2020-06-30 and 116 on 2020-10-07 (Wall Township with them)" \
  bash -c "grep -q '^  rows 113, distinct agencies 113,' nj_from.txt && grep -q '^  rows 116, distinct agencies 116,' nj_to.txt"
"$SL" "${D[@]}" --state NJ --json >nj.json 2>&1
check "diff --state NJ lists as many: 113 partnerships on 2020-06-30, 116 on 2020-10-07, 3 new" python3 -c "
import json, sys
c = json.load(open('nj.json'))['counts']
print('   ', c['in_from'], c['in_to'], c['new'], c['ended'])
sys.exit(0 if (c['in_from'], c['in_to'], c['new'], c['ended']) == (113, 116, 3, 0) else 1)"
"$SL" partnerships --tech ring --state NJ --snapshot 2020-10-07 --since 2020-07-01 -s "$DB" >nj_since.txt 2>&1
check "... its 3 new are the 3 rows of NJ begun since 2020-07-01 in the later snapshot" \
  grep -q '^  rows 3, distinct agencies 3,' nj_since.txt
"$SL" "${D[@]}" --state NH --json >nh.json 2>&1
check "diff --state NH: no partnership in either snapshot, as partnerships --state NH says" python3 -c "
import json, sys
c = json.load(open('nh.json'))['counts']
print('   ', c['in_from'], c['in_to'])
sys.exit(0 if (c['in_from'], c['in_to']) == (0, 0) else 1)"
"$SL" "${D[@]}" --by state --csv >by.csv 2>&1
check "diff --by state: NJ's row lists 116 on 2020-10-07, as --by state of the tracker" python3 -c "
import csv, sys
r = {x['state']: x for x in csv.DictReader(open('by.csv'))}
sys.exit(0 if r['NJ']['in_to'] == '116' and r.get('NH', {}).get('in_to', '0') == '0' else 1)"
finish
