#!/usr/bin/env bash
# watchdog_diff_renamed.sh — an agency listed anew under another name. A row
# of the same record id (the Atlas number) is paired as changed; but a list
# re-listing an agency under a new record id, or Ring's own map (no record
# ids at all), gave one ended and one new partnership with nothing to say
# they may be one, and a watchdog counted a rename as an end and a start.
# Now each such pair (same state, city, technology and start; not two
# registry agencies) is marked on both rows ("perhaps renamed: ..."), and
# the table counts them, while the counts keep them apart: the data does
# not say they are one. Snapshots: watchdog.bash (Manheim/Lancaster
# Township PA, AOS4063, listed on 2020-12-31 as Manheim Township Police
# Department, AOS9001), and two Ring map exports (tests/fixtures).
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/watchdog.bash"
need_shared
cd "$WORK" || exit 1
DB=$(watchdog_store renamed)
D=(partnerships diff --from 2020-10-07 --to 2020-12-31 --tech ring -s "$DB")
"$SL" "${D[@]}" --json >d.json 2>/dev/null
"$SL" "${D[@]}" >d.txt 2>&1
check "the counts keep them apart: 1 new, 2 ended" grep -q ': 1 new, 2 ended, 3 changed$' d.txt
check "Manheim/Lancaster (ended) and Manheim Township (new) are marked as perhaps one, each naming the other" python3 -c "
import json, sys
d = json.load(open('d.json'))
e = {r['record_id']: r for r in d['ended']}; n = {r['record_id']: r for r in d['new']}
ok = (e['AOS4063'].get('maybe_same_as', {}).get('record_id') == 'AOS9001' and
      n['AOS9001'].get('maybe_same_as', {}).get('record_id') == 'AOS4063' and
      e['AOS4063'].get('what_changed', '').startswith('perhaps renamed: listed on 2020-12-31 as Manheim Township Police Department (AOS9001)') and
      'maybe_same_as' not in e['AOS3804'] and d['counts'].get('maybe_renamed') == 1)
sys.exit(0 if ok else 1)"
check "... the table says so under the counts and on the rows" bash -c "
  grep -qF '  1 of the ended and as many of the new may be one partnership renamed' d.txt &&
  grep -Eq '^  ended +PA +Manheim/Lancaster Township Police Department .*perhaps renamed: listed on 2020-12-31 as Manheim Township' d.txt"

M=$(store map)
"$SL" import agencies "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" --preset fbi-cde -s "$M" >/dev/null 2>&1
cp "$SL_FIXTURES/ring-map-export.csv" ring-2020-11-01.csv
sed -e 's/^Not A Real Police Department Anywhere,/Nowhere Police Department,/' -e '/^Woodstock Police/d' ring-2020-11-01.csv >ring-2021-01-01.csv
for f in ring-2020-11-01.csv ring-2021-01-01.csv; do
  "$SL" import partnerships "$f" --name-col "Agency Name" --state-col State --city-col City --date-col "Active Date" \
    --date-format %m/%d/%Y --tech "Ring/Neighbors Partnership" -s "$M" >/dev/null 2>&1
done
"$SL" partnerships diff --from 2020-11-01 --to 2021-01-01 -s "$M" --csv >m.csv 2>/dev/null
check "Ring's map (no record ids): the renamed agency is marked on both rows, Woodstock's end is not" python3 -c "
import csv, sys
r = {(x['change'], x['agency']): x for x in csv.DictReader(open('m.csv'))}
print('   ', sorted(r))
a = r.get(('ended', 'Not A Real Police Department Anywhere'), {}).get('what_changed', '')
b = r.get(('new', 'Nowhere Police Department'), {}).get('what_changed', '')
w = r.get(('ended', 'Woodstock Police Department'), {}).get('what_changed', 'x')
sys.exit(0 if a.startswith('perhaps renamed: listed on 2021-01-01 as Nowhere Police Department, of the same city')
         and b.startswith('perhaps renamed: listed on 2020-11-01 as Not A Real Police Department Anywhere,') and w == '' else 1)"
finish
