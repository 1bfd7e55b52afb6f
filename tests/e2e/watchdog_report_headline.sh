#!/usr/bin/env bash
# watchdog_report_headline.sh — the report's headline of a diff. Between
# the snapshots of 30 June and 31 December 2020 (watchdog.bash) it read
# "130 partnerships were added, 2 ended and 3 changed": one of the 130
# (Manheim Township, listed anew) began in 2019, and "ended" meant only
# that the later list lacks the row, which `partnerships diff` itself now
# says. The headline now says when the added began and that the list does
# not say the others ended, from the diff's own counts.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/watchdog.bash"
need_shared
cd "$WORK" || exit 1
DB=$(watchdog_store headline)
check "audit of the three snapshots, Ring" "$SL" audit -s "$DB" -o "$WORK/r" --tech ring --quiet
check "the headline: 130 added (129 began between them, 1 before and listed late), 2 left the list, not said ended" python3 -c "
import json, sys
s = json.load(open('$WORK/r/summary.json'))
heads = [h['text'] for h in s['headlines'] if h['text'].startswith('Between the snapshots')]
want = ('Between the snapshots of 2020-06-30 and 2020-12-31, 130 partnerships were added (129 began between them, '
        '1 before and listed late), 2 left the list (which does not say that they ended) and 3 changed.')
print('     ', heads)
c = s['diff']['counts']
sys.exit(0 if heads == [want] and c['new_began_before'] == 1 and c['ended'] == 2 else 1)"
check "... and the page says it as summary.json does" python3 -c "
import html, re, sys
t = html.unescape(re.sub(r'<[^>]+>', '', open('$WORK/r/report.html').read()))
sys.exit(0 if '130 partnerships were added (129 began between them, 1 before and listed late), 2 left the list' in t else 1)"
finish
