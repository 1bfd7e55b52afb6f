#!/usr/bin/env bash
# watchdog_diff_tech_typo.sh — a watchdog typing --tech rign. `partnerships`
# refuses a technology no row matches (exit 1, naming what the snapshot
# holds), but `partnerships diff` printed "0 new, 0 ended, 0 changed", 0 of
# every registry agency partnered in both snapshots, exit 0: a year without
# change, in print. Follow-up fixture (tests/fixtures/followup: two
# exports, 2020-10-07 and 2021-10-07).
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store typo)
import_followup "$DB" "$SL_SOURCE/tests/fixtures/followup/atlas-followup-2021-10-07.csv"
D=(partnerships diff --from 2020-10-07 --to 2021-10-07 -s "$DB")
"$SL" "${D[@]}" --tech rign >t.out 2>t.err; rc=$?
check "diff --tech rign is refused (exit 1), as partnerships --tech rign is" test $rc = 1
check "... saying no row of either snapshot matches, and where the technologies are listed" grep -qF \
  "sightline: No partnership in the snapshots of 2020-10-07 and 2021-10-07 has a technology matching “rign”: \`sightline partnerships --by tech\` lists those a snapshot holds." t.err
check "... with no table of zeros" bash -c "! grep -q '0 new, 0 ended' t.out"
"$SL" "${D[@]}" --tech rign --by state --csv >c.out 2>/dev/null; rc=$?
check "... in CSV too (exit 1, no rows)" bash -c "[ $rc = 1 ] && [ ! -s c.out ]"
"$SL" "${D[@]}" --tech rign --json >j.out 2>/dev/null
check "... the JSON names it (no_match), as the server answers it" python3 -c "
import json, sys; sys.exit(0 if 'rign' in json.load(open('j.out')).get('no_match', '') else 1)"
"$SL" "${D[@]}" --tech ring --state WA >w.out 2>&1; rc=$?
check "a technology some row matches still diffs (WA: 1 new, 1 ended)" \
  bash -c "[ $rc = 0 ] && grep -q ', state WA: 1 new, 1 ended, 0 changed$' w.out"
finish
