#!/usr/bin/env bash
# watchdog_diff_ids.sh — a watchdog hands the diff's list to a reporter who
# calls each agency. Its rows had no record id (the Atlas number, to find
# the row in the export) and no ORI (the registry's id, to find the
# agency): only "agency_id", the store's own row number, which names
# nothing outside the store. Nor were they in any order a person reads (the
# store's numbers: West Fork AR after Avondale AZ's neighbours). Snapshots of
# 2020-10-07 and 2020-12-31 (watchdog.bash): 1 new, 2 ended, 3 changed, each
# checked here against the two files and the FBI registry by hand.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/watchdog.bash"
need_shared
cd "$WORK" || exit 1
DB=$(watchdog_store ids)
D=(partnerships diff --from 2020-10-07 --to 2020-12-31 --tech ring -s "$DB")
"$SL" "${D[@]}" --csv >d.csv 2>d.err
"$SL" "${D[@]}" --json >d.json 2>/dev/null
"$SL" "${D[@]}" >d.txt 2>&1
check "the diff: 1 new, 2 ended, 3 changed" grep -q ': 1 new, 2 ended, 3 changed$' d.txt
check "every CSV row carries its record id and ORI, each as the export and the registry give them" python3 - \
  "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" atlas-variant-2020-12-31.csv \
  "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" <<'PY'
import csv, sys
def atlas(f): return {r['AOSNUMBER']: r for r in csv.DictReader(open(f, newline='', encoding='utf-8'))}
old, new = atlas(sys.argv[1]), atlas(sys.argv[2])
reg = {r['ori']: r for r in csv.DictReader(open(sys.argv[3], newline='', encoding='utf-8'))}
rows = list(csv.DictReader(open('d.csv', newline='', encoding='utf-8')))
want = {('new', 'AOS9001', 'PA0360800'), ('ended', 'AOS3804', 'IL0169800'), ('ended', 'AOS4063', ''),
        ('changed', 'AOS3741', 'IL0450100'), ('changed', 'AOS3839', 'IL0720700'), ('changed', 'AOS3849', 'IL0222300')}
got = {(r['change'], r.get('record_id'), r.get('ori')) for r in rows}
print('   ', sorted(got))
ok = got == want
for r in rows:
    src = (old if r['change'] == 'ended' else new).get(r.get('record_id'))
    ok = ok and src is not None and src['Agency'] == r['agency'] and src['State'] == r['state']
    if r.get('ori'): ok = ok and reg[r['ori']]['state_abbr'] == r['state']
sys.exit(0 if ok else 1)
PY
check "... Rolling Meadows's ORI is the registry's agency of that name" python3 -c "
import csv, sys
reg = csv.DictReader(open('$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv', newline='', encoding='utf-8'))
sys.exit(0 if any(r['ori'] == 'IL0169800' and r['agency_name'] == 'Rolling Meadows Police Department' for r in reg) else 1)"
check "the JSON gives record_id and ori (null for the unlinked Manheim/Lancaster), and not the store's agency_id" \
  python3 -c "
import json, sys
d = json.load(open('d.json'))
rows = d['new'] + d['ended'] + d['changed']
m = [r for r in d['ended'] if r.get('record_id') == 'AOS4063']
sys.exit(0 if all('record_id' in r and 'ori' in r and 'agency_id' not in r for r in rows) and m and m[0]['ori'] is None else 1)"
check "the table heads an ORI and a record column" grep -Eq '^  change +state +agency +ORI +record +technology' d.txt
check "... Rolling Meadows's row gives both" grep -Eq '^  ended +IL +Rolling Meadows Police Department +IL0169800 +AOS3804 ' d.txt
"$SL" partnerships diff --from 2020-06-30 --to 2020-10-07 --tech ring -s "$DB" --csv >n.csv 2>/dev/null
check "the 129 new of 2020-06-30 to 2020-10-07 are listed by state, then agency" python3 -c "
import csv, sys
rows = [(r['state'], r['agency']) for r in csv.DictReader(open('n.csv'))]
print('   ', len(rows), rows[:2])
sys.exit(0 if len(rows) == 129 and rows == sorted(rows) else 1)"
check "nothing on standard error" test ! -s d.err
"$SL" audit -s "$DB" -o rep --tech ring --quiet >/dev/null 2>&1
check "the audit's data/partnerships_diff.csv carries the ORI and record id too" \
  bash -c "head -1 rep/data/partnerships_diff.csv | grep -q '^change,agency,state,ori,record_id,' &&
           grep -q '^ended,Rolling Meadows Police Department,IL,IL0169800,AOS3804,' rep/data/partnerships_diff.csv"
check "... and whether a new row began between the lists or before (began), as the diff says" \
  bash -c "head -1 rep/data/partnerships_diff.csv | grep -q ',began,' &&
           grep -q '^new,Manheim Township Police Department,PA,PA0360800,AOS9001,Ring/Neighbors Partnership,2019-07-26,Ring,before,' rep/data/partnerships_diff.csv"
check "... its README says what began and ended mean" bash -c "
  grep -qF '\`began\`: for a new row: between' rep/README.md && grep -qF 'ended: in the earlier list, not in the later, and neither list says why' rep/README.md"
finish
