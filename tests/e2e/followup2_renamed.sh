#!/usr/bin/env bash
# followup2_renamed.sh — an agency the registry links, spelt otherwise in the
# later export under the same Atlas number. Before: the diff keyed it by its
# registry agency, found it in both, and compared no name: the rename showed
# nowhere ("0 changed"). Comparing the names of matched rows alone would flag
# false changes where the later export lists one agency twice under two
# spellings (Elkford's second row, AOS10, "Elkford Police Dept"): each record
# is compared with its own. Counted by hand from the copies made below:
# changed: Ashgrove's date (AOS1), Fairlow's spelling "Sheriffs" (AOS4),
# Harlow renamed "Harlow City Police Department" (AOS9 is new in 2021: new,
# not changed); Elkford unchanged.
. "$(dirname "$0")/lib.bash"
F="$(dirname "$0")/../fixtures/followup"
cp "$F/atlas-followup-2021-10-07.csv" "$WORK/atlas-2021-10-07.csv"
printf '"AOS10","Elkford","Elk County","GA","Elkford Police Dept","Police","Ring partnership","Municipal","Ring/Neighbors Partnership","Ring","5/5/21"\r\n' \
  >>"$WORK/atlas-2021-10-07.csv"
DB=$(store renamed)
import_followup "$DB" "$WORK/atlas-2021-10-07.csv"
"$SL" partnerships --links --tech ring -s "$DB" --csv >"$WORK/links" 2>&1
check "Elkford's second spelling is linked to Elkford's registry agency" grep -q 'Elkford Police Dept,.*ZZ2000100' "$WORK/links"

"$SL" partnerships diff --from 2020-10-07 --to 2021-10-07 --tech ring -s "$DB" >"$WORK/d" 2>&1
check "the diff: 3 new, 2 ended, 2 changed" grep -q ': 3 new, 2 ended, 2 changed$' "$WORK/d"
check "… the linked agency spelt otherwise is a change, saying what changed" \
  grep -qF "agency: Fairlow County Sheriff's Office → Fairlow County Sheriffs Office" "$WORK/d"
check "… an agency listed twice under two spellings is no change" bash -c "! grep -q 'changed .*Elkford' '$WORK/d'"
"$SL" partnerships diff --from 2020-10-07 --to 2021-10-07 --tech ring --by state --csv -s "$DB" >"$WORK/s" 2>&1
check "… by state: GA 0 new, 0 ended, 1 changed" grep -q '^GA,0,0,1,2,2,' "$WORK/s"
"$SL" audit -s "$DB" -o "$WORK/r" --tech ring --quiet >/dev/null 2>&1
check "… the report's headline counts it" python3 -c "
import json,sys; s=json.load(open('$WORK/r/summary.json'))
sys.exit(not any('3 partnerships were added (all began between them), 2 left the list (which does not say that they ended) and 2 changed' in h['text'] for h in s['headlines']))"
check "… and its Changed table lists it" grep -q 'Fairlow County Sheriffs Office' "$WORK/r/report.html"

[ "$FAILS" = 0 ] || exit 1
