#!/usr/bin/env bash
# followup_lead.sh — a reporter's follow-up a year on: the audit of a store
# holding last year's Atlas export and this year's (tests/fixtures/followup).
# Its lead says "By 7 October 2021, 6 law enforcement agencies had partnered
# with Ring", which reads as every agency that ever did; two partnerships of
# 2020-10-07 (Bellmere PA, Glenhaven WA) are not in the list of 2021-10-07.
# Before: nothing under the lead said that the count leaves them out. The
# report names both snapshots and each source's file.
. "$(dirname "$0")/lib.bash"
F="$(dirname "$0")/../fixtures/followup"
DB=$(store lead)
import_followup "$DB" "$F/atlas-followup-2021-10-07.csv"
"$SL" audit -s "$DB" -o "$WORK/r" --tech ring --quiet >/dev/null 2>"$WORK/err"; rc=$?
check "the audit of both snapshots runs" test $rc = 0
j() { python3 -c "import json,sys; s=json.load(open('$WORK/r/summary.json')); print($1)"; }
check "the lead counts the newest list: 6 agencies by 7 October 2021" \
  bash -c "[[ \"\$(python3 -c \"import json; print(json.load(open('$WORK/r/summary.json'))['lead'])\")\" == 'By 7 October 2021, 6 law enforcement agencies had partnered with Ring'* ]]"
check "… the notes under it say the 2 partnerships of 7 October 2020 it does not hold" \
  test "$(j "'These counts are of the agencies the list of 7 October 2021 holds, not of every agency that ever partnered: 2 partnerships the list of 7 October 2020 held are not in it (ended, or taken off the list).' in s['lead_notes']")" = True
check "… and the page prints it" grep -q 'not of every agency that ever partnered: 2 partnerships the list of 7 October 2020 held' "$WORK/r/report.html"
check "summary.json names both snapshots and each file's" \
  test "$(j "(s['snapshots'], sorted((i['file'], i['snapshot']) for i in s['inputs'] if i['kind']=='partnerships'))")" = \
  "(['2020-10-07', '2021-10-07'], [('atlas-followup-2020-10-07.csv', '2020-10-07'), ('atlas-followup-2021-10-07.csv', '2021-10-07')])"
check "… and the diff by state" test "$(j "[(r['state'], r['new'], r['ended']) for r in s['diff']['by_state']]")" = \
  "[('GA', 0, 0), ('PA', 2, 1), ('WA', 1, 1)]"

# One snapshot: nothing ended, no such sentence.
O=$(store one)
import_followup "$O"
"$SL" audit -s "$O" -o "$WORK/r1" --tech ring --quiet >/dev/null 2>&1
check "a store of one snapshot says nothing of ended partnerships" bash -c "! grep -q 'ever partnered' '$WORK/r1/report.html'"

[ "$FAILS" = 0 ] || exit 1
