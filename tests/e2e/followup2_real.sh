#!/usr/bin/env bash
# followup2_real.sh — the follow-up a year on, on the real export and a later
# one made from it in the test's directory (followup2_later.py: 20 Ring rows
# dropped, 79 registry agencies added with 2021 dates, 3 agencies renamed
# "Police Dept." under their Atlas numbers, Greenfield WI's second row dated
# 3/3/21). Four of the 79 the registry links to agencies already partnered
# under another spelling (Mount Hope NY, Irvington NY, Evesham NJ, Garden
# City NY): 75 partnerships added. Before: the lead said "80 of the
# partnerships began on or after 8 October 2020" beside "75 partnerships
# were added", the 3 renames showed nowhere ("0 changed"), and nothing said
# which file each date was.
. "$(dirname "$0")/lib.bash"
need_shared
python3 "$(dirname "$0")/followup2_later.py" "$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv" \
  "$SL_SHARED_DATA/agencies/fbi-cde-agencies-2018.csv" "$WORK/atlas-of-surveillance-2021-10-07.csv" >"$WORK/made"
DB=$(store real)
import_atlas "$DB"
"$SL" import partnerships "$WORK/atlas-of-surveillance-2021-10-07.csv" --preset atlas --snapshot 2021-10-07 -s "$DB" \
  >/dev/null 2>&1
"$SL" audit -s "$DB" -o "$WORK/r" --tech ring --since 2020-10-08 --quiet >/dev/null 2>&1
j() { python3 -c "import json,sys; s=json.load(open('$WORK/r/summary.json')); print($1)"; }
check "the diff: 75 added, 20 ended, 3 changed" test "$(j "tuple(s['diff']['counts'][k] for k in ('new','ended','changed'))")" = "(75, 20, 3)"
check "… the report's opening count since 8 October 2020 is the same 75" \
  test "$(j "'75 of the partnerships began on or after 8 October 2020.' in s['lead']")" = True
check "… and the notes say the 5 further rows" \
  test "$(j "'5 further rows dated on or after 8 October 2020 belong to a partnership that began before it or is listed twice' in s['lead_notes']")" = True
check "the 3 renamed agencies are the 3 changed, none else" test "$(j "sorted(c['what_changed'] for c in s['diff']['changed'])")" = \
  "$(python3 -c "
import csv
new = {r['AOSNUMBER']: r['Agency'] for r in csv.DictReader(open('$WORK/atlas-of-surveillance-2021-10-07.csv'))}
old = {r['AOSNUMBER']: r['Agency'] for r in csv.DictReader(open('$SL_SHARED_DATA/partnerships/atlas-of-surveillance-2020-10-07.csv'))}
print(sorted('agency: %s → %s' % (old[l.split()[1]], new[l.split()[1]]) for l in open('$WORK/made') if l.startswith('renamed')))")"
check "the diff names both files" test "$(j "(s['diff']['from_file'], s['diff']['to_file'])")" = \
  "('atlas-of-surveillance-2020-10-07.csv', 'atlas-of-surveillance-2021-10-07.csv')"

[ "$FAILS" = 0 ] || exit 1
