#!/usr/bin/env bash
# watchdog_diff_denominators.sh — a watchdog's sentence "N agencies began a
# partnership with Ring between A and B in our state; M ended", with its
# denominator. Before: the diff's counts stood alone (13 new of Illinois,
# of nothing); `--by state` left out every state with no partnership in
# either snapshot, even one asked for with --state (Montana's 0 of 115 is
# a figure); its "new" were read as begun between the snapshots, where a
# row the list added late began before them (Manheim Township PA, new on
# 2020-12-31, began 2019-07-26); and nothing said that "ended" is a row
# the later list lacks, for reasons neither list gives. Snapshots:
# watchdog.bash. Every figure is checked against `partnerships --state
# --snapshot` and `--since` of the same store.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/watchdog.bash"
need_shared
cd "$WORK" || exit 1
DB=$(watchdog_store denominators)
D=(partnerships diff --from 2020-06-30 --to 2020-10-07 --tech ring -s "$DB")

"$SL" "${D[@]}" --state IL,MT --by state --csv >by.csv 2>&1
"$SL" partnerships --tech ring --state IL,MT --by state --snapshot 2020-06-30 --csv -s "$DB" >t_from.csv 2>&1
"$SL" partnerships --tech ring --state IL,MT --by state --snapshot 2020-10-07 --csv -s "$DB" >t_to.csv 2>&1
check "diff --state IL,MT --by state: a row for Montana, no change, 0 of its 115 agencies" python3 -c "
import csv, sys
r = {x['state']: x for x in csv.DictReader(open('by.csv'))}
mt = r.get('MT', {})
print('   ', mt)
sys.exit(0 if (mt.get('new'), mt.get('ended'), mt.get('in_to'), mt.get('agencies'), mt.get('partnered_to')) == ('0', '0', '0', '115', '0') else 1)"
check "... Illinois's registry agencies and partnered agencies of each snapshot are the tracker's (934; 150, then 163)" python3 -c "
import csv, sys
r = {x['state']: x for x in csv.DictReader(open('by.csv'))}
f = {x['state']: x for x in csv.DictReader(open('t_from.csv'))}
t = {x['state']: x for x in csv.DictReader(open('t_to.csv'))}
il = r.get('IL', {})
got = (il.get('agencies'), il.get('partnered_from'), il.get('partnered_to'), il.get('new'))
want = (t['IL']['agencies'], f['IL']['partnered'], t['IL']['partnered'], '13')
print('   ', got, want)
sys.exit(0 if got == want == ('934', '150', '163', '13') and il.get('share_to') == t['IL']['share_fraction'] else 1)"
"$SL" "${D[@]}" --by state --json >all.json 2>&1
"$SL" partnerships --tech ring --by state --snapshot 2020-10-07 --json -s "$DB" >t_all.json 2>&1
check "diff --by state: every registry state is a row (as partnerships --by state), and they add up to the counts" python3 -c "
import json, sys
d, t = json.load(open('all.json')), json.load(open('t_all.json'))
states = {r['state'] for r in d['by_state']}
reg = set(t['by_registry'])
c = d['counts']
sums = all(sum(r[k] for r in d['by_state']) == c[k] for k in ('new', 'ended', 'in_from', 'in_to', 'agencies', 'partnered_to'))
print('   ', len(states), len(reg), c.get('agencies'), c.get('partnered_to'))
sys.exit(0 if reg <= states and sums and c['agencies'] == 18702 else 1)"

"$SL" "${D[@]}" --state IL >il.txt 2>&1
"$SL" partnerships --tech ring --state IL --snapshot 2020-06-30 -s "$DB" >il_from.txt 2>&1
"$SL" partnerships --tech ring --state IL --snapshot 2020-10-07 -s "$DB" >il_to.txt 2>&1
check "the table says its denominator: IL's 934 registry agencies, 150 partnered (16.06%), then 163 (17.45%)" \
  grep -qxF '  registry agencies in IL: 934; partnered (linked to the registry): 150 on 2020-06-30 (16.06%), 163 on 2020-10-07 (17.45%)' il.txt
check "... the shares partnerships --state IL --snapshot gives" bash -c "
  grep -Eq '^  all registry agencies +150 / 934 += 16.06%' il_from.txt && grep -Eq '^  all registry agencies +163 / 934 += 17.45%' il_to.txt"
check "... and the partnerships each snapshot lists" grep -qxF '  partnerships listed: 150 on 2020-06-30, 163 on 2020-10-07' il.txt
"$SL" partnerships --tech ring --state IL --snapshot 2020-10-07 --since 2020-07-01 -s "$DB" >il_since.txt 2>&1
check "the 13 new began after 2020-06-30, as --since 2020-07-01 of the later snapshot counts 13" bash -c "
  grep -qxF '  of the 13 new, by their start dates: 13 began after 2020-06-30, 0 on or before it (listed late), 0 not known to fall either side' il.txt &&
  grep -q '^  rows 13, distinct agencies 13,' il_since.txt"
"$SL" "${D[@]}" >nat.txt 2>&1
"$SL" partnerships --tech ring --snapshot 2020-06-30 -s "$DB" >nat_from.txt 2>&1
"$SL" partnerships --tech ring --snapshot 2020-10-07 -s "$DB" >nat_to.txt 2>&1
check "nationally, with thousands separators: 1,350 then 1,478 of 18,702 registry agencies, as the tracker's shares" bash -c "
  grep -qxF '  registry agencies: 18,702; partnered (linked to the registry): 1,350 on 2020-06-30 (7.22%), 1,478 on 2020-10-07 (7.90%)' nat.txt &&
  grep -Eq '^  all registry agencies +1,350 / 18,702 = +7.22%' nat_from.txt && grep -Eq '^  all registry agencies +1,478 / 18,702 = +7.90%' nat_to.txt"
check "... no word of ended rows when none ended" bash -c "! grep -q 'Ended' nat.txt"

L=(partnerships diff --from 2020-10-07 --to 2020-12-31 --tech ring -s "$DB")
"$SL" "${L[@]}" >late.txt 2>&1
"$SL" "${L[@]}" --json >late.json 2>&1
check "a row listed late is new, and began before the earlier snapshot: Manheim Township, 2019-07-26" bash -c "
  grep -qxF '  of the 1 new, by their start dates: 0 began after 2020-10-07, 1 on or before it (listed late), 0 not known to fall either side' late.txt &&
  grep -Eq '^  new +PA +Manheim Township Police Department +PA0360800 +AOS9001 +Ring/Neighbors Partnership +2019-07-26 +before( |$)' late.txt"
check "... the JSON counts it (new_began_before 1) and marks its row" python3 -c "
import json, sys
d = json.load(open('late.json'))
sys.exit(0 if d['counts'].get('new_began_before') == 1 and d['counts'].get('new_began_between') == 0
         and d['new'][0].get('began') == 'before' else 1)"
check "the table says what 'ended' means: a row the later list lacks, for reasons neither gives" bash -c "
  tr '\n' ' ' <late.txt | tr -s ' ' | grep -qF '\"Ended\" means listed in the snapshot of 2020-10-07 and not in that of 2020-12-31: the list dropped the row. Neither list says why'"
check "... and the JSON (ended_note)" python3 -c "
import json, sys
sys.exit(0 if 'Neither list says why' in json.load(open('late.json')).get('ended_note', '') else 1)"
finish
