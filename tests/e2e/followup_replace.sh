#!/usr/bin/env bash
# followup_replace.sh — a reporter's follow-up: this year's export is
# imported, then a corrected copy of it arrives under the same name (the
# Atlas took two more partnerships off: Elkford GA and Harlow WA), and she
# imports it with --replace. Before: --replace did nothing for a file of
# the same name and snapshot (exit 0, "nothing changed" or a note): the two
# ended partnerships stayed in every figure. And a file dated today (no
# date in its name) imported again with --replace --snapshot was refused,
# though --replace is for "imported before with other options".
. "$(dirname "$0")/lib.bash"
F="$(dirname "$0")/../fixtures/followup"
DB=$(store replace)
import_followup "$DB"
mkdir -p "$WORK/v1" "$WORK/v2"
cp "$F/atlas-followup-2021-10-07.csv" "$WORK/v1/atlas-followup-2021-10-07.csv"
grep -v -e '"AOS3"' -e '"AOS9"' "$F/atlas-followup-2021-10-07.csv" >"$WORK/v2/atlas-followup-2021-10-07.csv"
"$SL" import partnerships "$WORK/v1/atlas-followup-2021-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1
# The same corrected copy without --replace: the rows it lacks stay, and
# the note says that --replace does both steps.
P=$(store plain)
import_followup "$P" "$WORK/v1/atlas-followup-2021-10-07.csv"
"$SL" import partnerships "$WORK/v2/atlas-followup-2021-10-07.csv" --preset atlas -s "$P" >/dev/null 2>"$WORK/plain.err"
check "without --replace the rows stay, and the note says --replace does both" \
  grep -qF "import it again with --replace, which does both" "$WORK/plain.err"
"$SL" import partnerships "$WORK/v2/atlas-followup-2021-10-07.csv" --preset atlas --replace -s "$DB" \
  >"$WORK/out" 2>"$WORK/err"; rc=$?
check "the corrected copy imports with --replace (exit 0)" test $rc = 0
check "… and says which import it removed" grep -q '^removed import 3, atlas-followup-2021-10-07.csv (7 partnership rows)' "$WORK/out"
"$SL" info --json -s "$DB" >"$WORK/info.json" 2>/dev/null
check "… the snapshot of 2021-10-07 holds the corrected copy's 5 rows, one import" python3 -c "
import json,sys; d=json.load(open('$WORK/info.json'))
p=[s for s in d['sources'] if s['kind']=='partnerships' and s['snapshot']=='2021-10-07']
sys.exit(not (len(p)==1 and p[0]['rows']==5))"
"$SL" partnerships --tech ring --json -s "$DB" >"$WORK/now.json" 2>/dev/null
check "… Ring's partnered agencies now 4, not 6" python3 -c "
import json,sys; d=json.load(open('$WORK/now.json')); sys.exit(d['agencies']!=4)"
"$SL" partnerships diff --from 2020-10-07 --to 2021-10-07 --tech ring -s "$DB" >"$WORK/diff" 2>&1
check "… the diff counts Elkford and Glenhaven, Bellmere ended: 2 new, 3 ended (Ashgrove's date and Fairlow's spelling changed)" \
  grep -q ': 2 new, 3 ended, 2 changed$' "$WORK/diff"

# A file with no day in its name is dated today; --replace --snapshot dates it anew.
T=$(store today)
import_followup "$T"
cp "$F/atlas-followup-2021-10-07.csv" "$WORK/atlas-export.csv"
"$SL" import partnerships "$WORK/atlas-export.csv" --preset atlas -s "$T" >/dev/null 2>&1
"$SL" import partnerships "$WORK/atlas-export.csv" --preset atlas --snapshot 2021-10-07 --replace -s "$T" \
  >"$WORK/out2" 2>"$WORK/err2"; rc=$?
check "--replace --snapshot of a file dated today runs (exit 0)" test $rc = 0
"$SL" info --json -s "$T" >"$WORK/info2.json" 2>/dev/null
check "… one import of it, dated 2021-10-07" python3 -c "
import json,sys; d=json.load(open('$WORK/info2.json'))
p=[s['snapshot'] for s in d['sources'] if s['kind']=='partnerships']
sys.exit(sorted(p)!=['2020-10-07','2021-10-07'])"

[ "$FAILS" = 0 ] || exit 1
