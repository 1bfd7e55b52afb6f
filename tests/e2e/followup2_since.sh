#!/usr/bin/env bash
# followup2_since.sh — the follow-up's lead beside its diff. A later export
# (tests/fixtures/followup, copied into a temp dir) with a second Ring row of
# Elkford GA, a partnership listed since 2020, dated 5/5/21. Before: the lead
# said "4 of the partnerships began on or after 8 October 2020" beside the
# diff's "3 partnerships were added": it counted rows by their dates, and
# Elkford's second row is no partnership begun then. Counted by hand: 4 rows
# dated on or after 2020-10-08 (Corwin, Dunmore Hollow, Harlow, Elkford's
# second), 3 partnerships begun then (Elkford's began 2020-06-02).
. "$(dirname "$0")/lib.bash"
F="$(dirname "$0")/../fixtures/followup"
cp "$F/atlas-followup-2021-10-07.csv" "$WORK/atlas-2021-10-07.csv"
printf '"AOS10","Elkford","Elk County","GA","Elkford Police Department","Police","Ring partnership","Municipal","Ring/Neighbors Partnership","Ring","5/5/21"\r\n' \
  >>"$WORK/atlas-2021-10-07.csv"
DB=$(store since)
import_followup "$DB" "$WORK/atlas-2021-10-07.csv"
"$SL" audit -s "$DB" -o "$WORK/r" --tech ring --since 2020-10-08 --quiet >/dev/null 2>"$WORK/err"; rc=$?
check "the audit of both snapshots since 2020-10-08 runs" test $rc = 0
j() { python3 -c "import json,sys; s=json.load(open('$WORK/r/summary.json')); print($1)"; }
check "the diff: 3 partnerships added" test "$(j "s['diff']['counts']['new']")" = 3
check "… and the lead: 3 of the partnerships began on or after 8 October 2020, not the rows' 4" \
  test "$(j "'3 of the partnerships began on or after 8 October 2020.' in s['lead']")" = True
check "… the headline says the same 3" \
  test "$(j "[h['text'].split('.')[0] for h in s['headlines']][0]")" = "3 Ring partnerships began on or after 8 October 2020"
check "… the notes under the lead say what the count counts, and the further row" \
  test "$(j "'The count is of partnerships (an agency and a technology), as the snapshots\\' diff counts them: 1 further row dated on or after 8 October 2020 belongs to a partnership that began before it or is listed twice.' in s['lead_notes']")" = True
check "… summary.json keeps the rows' count beside it" \
  test "$(j "(s['partnerships']['since']['count'], s['partnerships']['since']['partnerships']['count'], s['partnerships']['since']['partnerships']['further_rows'])")" = "(4, 3, 1)"
check "… and the page prints the opening sentence's 3" grep -q '3 of the partnerships began on or after 8 October 2020' "$WORK/r/report.html"

"$SL" partnerships --tech ring --since 2020-10-08 -s "$DB" >"$WORK/cli" 2>&1
check "partnerships --since names both: 4 rows, of them 3 partnerships" \
  grep -qF '  of them, 3 partnerships (an agency and a technology, as diff counts them) began on or after it; the other 1 is a further row of a partnership that began before it or is listed twice' "$WORK/cli"
"$SL" partnerships --tech ring --since 2020-10-08 --json -s "$DB" >"$WORK/cli.json" 2>/dev/null
check "… --json: since.partnerships {count 3, of 6, further_rows 1}" python3 -c "
import json,sys; p=json.load(open('$WORK/cli.json'))['since']['partnerships']
sys.exit(not (p['count'], p['of'], p['further_rows'])==(3, 6, 1))"

# A partnership begins with its earliest row: Elkford's second row (5/5/21)
# is a row dated since 2021-05-01, and no partnership begun then.
"$SL" partnerships --tech ring --since 2021-05-01 --state ga --json -s "$DB" >"$WORK/ga.json" 2>/dev/null
check "GA since 2021-05-01: 1 row, 0 partnerships, 1 further row" python3 -c "
import json,sys; s=json.load(open('$WORK/ga.json'))['since']
sys.exit(not (s['count'], s['partnerships']['count'], s['partnerships']['further_rows'])==(1, 0, 1))"
"$SL" audit -s "$DB" -o "$WORK/ga" --tech ring --since 2021-05-01 --state ga --quiet >/dev/null 2>&1
check "… and Georgia's report says none began then"   python3 -c "import json,sys; sys.exit('None of the partnerships began on or after 1 May 2021' not in json.load(open('$WORK/ga/summary.json'))['lead'])"

[ "$FAILS" = 0 ] || exit 1
