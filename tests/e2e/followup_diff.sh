#!/usr/bin/env bash
# followup_diff.sh — a reporter's follow-up a year later: last year's Atlas
# export and this year's (tests/fixtures/followup: invented agencies; the
# later export with a UTF-8 BOM and CRLF, as later exports come) in one
# store, and "N new, M ended, by state". Before: `partnerships diff` took
# --state, --type, --by ... and ignored them (exit 0), printing the
# nation's counts under a command that asked for one state's; --by state
# listed the rows again. Counted by hand from the two files: PA 2 new
# (Corwin, Dunmore Hollow), 1 ended (Bellmere), 1 changed (Ashgrove's
# date); WA 1 new, 1 ended; GA none (Fairlow's spelling "Sheriffs" is the
# same registry agency: neither new nor ended, and changed: its record,
# AOS4, is spelt otherwise; followup2_renamed.sh).
. "$(dirname "$0")/lib.bash"
F="$(dirname "$0")/../fixtures/followup"
# A store NAME holding the registry and last year's export (or the file
# LAST), then the export THEN: each case below is one such pair.
pair() {
  local s
  s=$(store "$1")
  "$SL" import agencies "$F/fbi-cde-followup.csv" --preset fbi-cde -s "$s" >/dev/null 2>&1
  "$SL" import partnerships "${3:-$F/atlas-followup-2020-10-07.csv}" --preset atlas -s "$s" >/dev/null 2>&1
  [ -n "${2:-}" ] && "$SL" import partnerships "$2" --preset atlas -s "$s" >/dev/null 2>"$WORK/$1.err"
  echo "$s"
}
DB=$(pair followup)
"$SL" import partnerships "$F/atlas-followup-2021-10-07.csv" --preset atlas -s "$DB" >/dev/null 2>&1
D=(partnerships diff --from 2020-10-07 --to 2021-10-07 --tech ring -s "$DB")

"$SL" "${D[@]}" >"$WORK/all" 2>&1
check "the whole diff: 3 new, 2 ended, 2 changed" \
  grep -q '^Changes from snapshot 2020-10-07 to snapshot 2021-10-07: 3 new, 2 ended, 2 changed$' "$WORK/all"
check "… a spelling of the same agency is neither new nor ended: changed" bash -c "! grep -Eq '^  (new|ended) .*Fairlow' '$WORK/all' && grep -Eq '^  changed .*Fairlow' '$WORK/all'"

"$SL" "${D[@]}" --state pa >"$WORK/pa" 2>&1; rc=$?
check "diff --state PA runs" test $rc = 0
check "… counts Pennsylvania's: 2 new, 1 ended, 1 changed, and names the state" \
  grep -q '^Changes from snapshot 2020-10-07 to snapshot 2021-10-07, state PA: 2 new, 1 ended, 1 changed$' "$WORK/pa"
check "… lists no row of another state" bash -c "! grep -Eq '^  [a-z]+ +(WA|GA) ' '$WORK/pa'"

"$SL" "${D[@]}" --by state --csv >"$WORK/by.csv" 2>&1; rc=$?
check "diff --by state runs" test $rc = 0
check "… one row a state: new, ended, changed and each snapshot's partnerships, with both dates" \
  diff - "$WORK/by.csv" <<'CSV'
state,new,ended,changed,in_from,in_to,agencies,partnered_from,partnered_to,share_from,share_to,unlinked_from,unlinked_to,from_snapshot,from_file,to_snapshot,to_file,filter_tech
GA,0,0,1,2,2,2,2,2,1,1,0,0,2020-10-07,atlas-followup-2020-10-07.csv,2021-10-07,atlas-followup-2021-10-07.csv,ring
PA,2,1,1,2,3,4,2,3,0.5,0.75,0,0,2020-10-07,atlas-followup-2020-10-07.csv,2021-10-07,atlas-followup-2021-10-07.csv,ring
WA,1,1,0,1,1,2,1,1,0.5,0.5,0,0,2020-10-07,atlas-followup-2020-10-07.csv,2021-10-07,atlas-followup-2021-10-07.csv,ring
CSV
"$SL" "${D[@]}" --by state >"$WORK/by" 2>&1
check "… the table heads each snapshot's column with its date" \
  grep -Eq '^  state +new +ended +changed +partnerships 2020-10-07 +partnerships 2021-10-07 +registry agencies +partnered 2020-10-07 +partnered 2021-10-07 +share 2020-10-07 +share 2021-10-07$' "$WORK/by"
"$SL" "${D[@]}" --by state --json >"$WORK/by.json" 2>/dev/null
check "… --json carries the same counts (by_state)" python3 -c "
import json,sys; d=json.load(open('$WORK/by.json'))
pa=[s for s in d['by_state'] if s['state']=='PA'][0]
sys.exit(not (pa['new'],pa['ended'],pa['changed'],pa['in_from'],pa['in_to'])==(2,1,1,2,3))"

for o in "--type police" "--county ash" "--since 2021-01-01" "--until 2020-01-01" "--snapshot 2020-10-07" "--by year"; do
  # shellcheck disable=SC2086 # the option and its value are two words
  "$SL" "${D[@]}" $o >"$WORK/o" 2>&1; rc=$?
  check "diff $o is refused (exit 2), not ignored" test $rc = 2
done
check "… and says why" grep -q 'diff breaks down --by state only' "$WORK/o"

# A later export that renamed two of the preset's columns ("AOSNUMBER" as
# "AOS Number", "Type of LEA" as "Agency Type"). Before: refused with "did
# you mean 'Type of Juris'?", and nothing said that a column option names
# it beside the preset.
sed '1s/"AOSNUMBER"/"AOS Number"/; 1s/"Type of LEA"/"Agency Type"/' "$F/atlas-followup-2021-10-07.csv" \
  >"$WORK/atlas-renamed-2021-10-07.csv"
R=$(pair ren "$WORK/atlas-renamed-2021-10-07.csv")
check "a renamed preset column is refused, saying how to name it beside the preset" \
  grep -qF "no column 'Type of LEA' (the columns are: AOS Number, " "$WORK/ren.err"
check "… (--preset atlas --type 'ITS NAME'), not a near name of another column" \
  grep -qF "An export that renamed it: name its column with --type beside the preset, which reads the others (--preset atlas --type 'ITS NAME')" "$WORK/ren.err"
"$SL" import partnerships "$WORK/atlas-renamed-2021-10-07.csv" --preset atlas --id "AOS Number" --type "Agency Type" \
  -s "$R" >/dev/null 2>&1
"$SL" partnerships diff --from 2020-10-07 --to 2021-10-07 --tech ring -s "$R" >"$WORK/ren" 2>&1
check "… named so, it diffs as the export of the preset's names: 3 new, 2 ended, 2 changed" \
  grep -q ': 3 new, 2 ended, 2 changed$' "$WORK/ren"

# An agency the registry does not hold (keyed by its name) spelt otherwise
# in the later export, under the same Atlas number. Before: one new and one
# ended partnership, in every count of the diff and of its state.
cp "$F/atlas-followup-2020-10-07.csv" "$WORK/old-2020-10-07.csv"
cp "$F/atlas-followup-2021-10-07.csv" "$WORK/new-2021-10-07.csv"
row='"AOS10","Ironvale","Ash County","PA","%s","Constable","Ring partnership","Municipal","Ring/Neighbors Partnership","Ring","2/3/20"'
# shellcheck disable=SC2059 # the row is the format
printf "$row\n" "Ironvale Township Constable's Office" >>"$WORK/old-2020-10-07.csv"
# shellcheck disable=SC2059
printf "$row\r\n" "Ironvale Twp. Constables Office" >>"$WORK/new-2021-10-07.csv"
U=$(pair unlinked "$WORK/new-2021-10-07.csv" "$WORK/old-2020-10-07.csv")
"$SL" partnerships diff --from 2020-10-07 --to 2021-10-07 --tech ring --state pa -s "$U" >"$WORK/ren2" 2>&1
check "an unlinked agency spelt otherwise under its Atlas number is changed, not new + ended: PA 2 new, 1 ended, 2 changed" \
  grep -q '^Changes from snapshot 2020-10-07 to snapshot 2021-10-07, state PA: 2 new, 1 ended, 2 changed$' "$WORK/ren2"
check "… and says what changed" \
  grep -qF "agency: Ironvale Township Constable's Office → Ironvale Twp. Constables Office" "$WORK/ren2"
"$SL" partnerships diff --from 2020-10-07 --to 2021-10-07 --tech ring --by state --csv -s "$U" >"$WORK/ren2.csv" 2>&1
check "… by state too" grep -qx 'PA,2,1,2,3,4,4,2,3,0.5,0.75,1,1,2020-10-07,old-2020-10-07.csv,2021-10-07,new-2021-10-07.csv,ring' "$WORK/ren2.csv"

# A later export that relabels the technology ("Ring-Neighbors
# Partnership"): --tech ring counts both, and before, every partnership was
# ended and new again (6 new, 5 ended, and a caution that the later list may
# be partial). The same Atlas numbers are the same partnerships.
sed 's|Ring/Neighbors Partnership|Ring-Neighbors Partnership|' "$F/atlas-followup-2021-10-07.csv" \
  >"$WORK/relabel-2021-10-07.csv"
L=$(pair relabel "$WORK/relabel-2021-10-07.csv")
"$SL" partnerships diff --from 2020-10-07 --to 2021-10-07 --tech ring -s "$L" >"$WORK/rel" 2>&1
check "a relabelled technology: 3 new, 2 ended, 3 changed, no caution" bash -c \
  "grep -q ': 3 new, 2 ended, 3 changed$' '$WORK/rel' && ! grep -q caution '$WORK/rel'"
check "… each changed row says it" \
  grep -qF "technology: Ring/Neighbors Partnership → Ring-Neighbors Partnership" "$WORK/rel"

[ "$FAILS" = 0 ] || exit 1
