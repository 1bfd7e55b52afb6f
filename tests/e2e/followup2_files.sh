#!/usr/bin/env bash
# followup2_files.sh — the editor checks which export each date of the diff
# is. Before: `partnerships diff` named "snapshot 2020-10-07" and "snapshot
# 2021-10-07" and neither file, in its table, its CSV, its JSON and the
# report's diff section: a newer export imported under the wrong date could
# not be caught there. The later export is named otherwise here
# (atlas-export-later.csv, --snapshot 2021-10-07) so that the date cannot
# stand in for the file.
. "$(dirname "$0")/lib.bash"
F="$(dirname "$0")/../fixtures/followup"
cp "$F/atlas-followup-2021-10-07.csv" "$WORK/atlas-export-later.csv"
DB=$(store files)
import_followup "$DB"
"$SL" import partnerships "$WORK/atlas-export-later.csv" --preset atlas --snapshot 2021-10-07 -s "$DB" >/dev/null 2>&1
D=(partnerships diff --from 2020-10-07 --to 2021-10-07 --tech ring -s "$DB")

"$SL" "${D[@]}" >"$WORK/t" 2>&1
check "the table names each snapshot's file under its header" diff - <(sed -n 2,3p "$WORK/t") <<'T'
  snapshot 2020-10-07: atlas-followup-2020-10-07.csv
  snapshot 2021-10-07: atlas-export-later.csv
T
"$SL" "${D[@]}" --csv >"$WORK/c" 2>&1
check "the CSV names them beside the dates on every row" \
  grep -qx 'change,state,agency,ori,record_id,technology,start,began,what_changed,from_snapshot,from_file,to_snapshot,to_file,filter_tech' "$WORK/c"
check "… new,PA,Corwin … ,2020-10-07,atlas-followup-2020-10-07.csv,2021-10-07,atlas-export-later.csv,ring" \
  grep -q '^new,PA,Corwin Township Police Department,.*,2020-10-07,atlas-followup-2020-10-07.csv,2021-10-07,atlas-export-later.csv,ring$' "$WORK/c"
"$SL" "${D[@]}" --by state --csv >"$WORK/bc" 2>&1
check "… and so does the CSV by state" grep -qx 'PA,2,1,1,2,3,4,2,3,0.5,0.75,0,0,2020-10-07,atlas-followup-2020-10-07.csv,2021-10-07,atlas-export-later.csv,ring' "$WORK/bc"
"$SL" "${D[@]}" --json >"$WORK/j" 2>/dev/null
check "the JSON names them, with each import's sha256 and rows" python3 -c "
import json,sys; d=json.load(open('$WORK/j'))
sys.exit(not (d['from_file'], d['to_file'], [(f['file'], f['rows'], len(f['sha256'])) for f in d['to_files']])
  == ('atlas-followup-2020-10-07.csv', 'atlas-export-later.csv', [('atlas-export-later.csv', 7, 64)]))"

"$SL" audit -s "$DB" -o "$WORK/r" --tech ring --quiet >/dev/null 2>&1
check "summary.json's diff names them" python3 -c "
import json,sys; d=json.load(open('$WORK/r/summary.json'))['diff']
sys.exit(not (d['from_file'], d['to_file']) == ('atlas-followup-2020-10-07.csv', 'atlas-export-later.csv'))"
check "… the report's diff section says them under its heading" grep -qF \
  '<p class="note">Snapshot 2020-10-07: <code>atlas-followup-2020-10-07.csv</code><br>Snapshot 2021-10-07: <code>atlas-export-later.csv</code></p>' \
  "$WORK/r/report.html"
check "… and data/partnerships_diff.csv beside the dates" \
  grep -q ',2020-10-07,atlas-followup-2020-10-07.csv,2021-10-07,atlas-export-later.csv,ring' "$WORK/r/data/partnerships_diff.csv"

[ "$FAILS" = 0 ] || exit 1
