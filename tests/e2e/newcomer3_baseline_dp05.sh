#!/usr/bin/env bash
# newcomer3_baseline_dp05.sh — README's `disparity --baseline` takes "any
# stored name, or a DP05 file" (run of 2026-12-07, sixth). A reporter who
# gave the real US DP05 file alone, as a file or imported without --dp02,
# read "foreign-born ... baseline 13.1%" under "baseline: ACS
# acs1-2018-us-DP05.csv: United States": the study areas' own share stood in
# for the figure the file does not hold (the US share is 13.7%), with
# a difference and a ratio from it. A baseline without the group now gives
# it no figure (n/a, null in JSON and CSV), says why, and the import warns.
. "$(dirname "$0")/lib.bash"
need_shared
need_us_atlas
C="$SL_SHARED_DATA/census"
DB=$(store base)
import_counties "$DB"
"$SL" synth --areas counties --layer requests --count 400 --group black --beta 1 -s "$DB" >/dev/null 2>&1
"$SL" import baseline "$C/acs1-2018-us-DP05.csv" --name us05 -s "$DB" >"$WORK/imp.out" 2>&1
check "a baseline imported without --dp02 says it has no foreign-born share and how to give one" \
  grep -q "no foreign-born share: the ACS gives it in DP02, not DP05 (--dp02 DP02.csv)" "$WORK/imp.out"
"$SL" import baseline "$C/acs1-2018-us-DP05.csv" --dp02 "$C/acs1-2018-us-DP02.csv" --name both -s "$DB" >"$WORK/both.out" 2>&1
check "with --dp02, no such note" bash -c "! grep -q 'no foreign-born' '$WORK/both.out'"
for b in us05 "$C/acs1-2018-us-DP05.csv"; do
  tag=$(basename "$b" .csv)
  "$SL" disparity --events requests --areas counties --baseline "$b" --permutations 200 --bootstrap 200 -s "$DB" \
    >"$WORK/$tag.txt" 2>&1
  check "$tag: the foreign-born row has no baseline figure, difference nor ratio (n/a), its p still there" \
    grep -Eq '^  foreign-born +[0-9.]+% +[0-9.]+% +n/a +n/a +n/a +n/a +n/a +[0-9.]+$' "$WORK/$tag.txt"
  check "$tag: a note under the table says why and names --dp02" \
    grep -q "^note: the baseline gives no foreign-born share, so its columns are n/a (an ACS DP05 file holds none; its DP02 does: --dp02" "$WORK/$tag.txt"
  check "$tag: the caution on the baseline's residents names no foreign-born figure of it" \
    bash -c "! tr -s ' \n' '  ' <'$WORK/$tag.txt' | grep -q 'foreign-born: [0-9.]*% of the study areas'"
  "$SL" disparity --events requests --areas counties --baseline "$b" --permutations 200 --bootstrap 200 --json -s "$DB" \
    >"$WORK/$tag.json" 2>/dev/null
  check "$tag: JSON gives foreign born a null baseline, difference and ratio; the other groups the file's shares" \
    python3 - "$WORK/$tag.json" <<'PY'
import json, sys
g = {x["group"]: x for x in json.load(open(sys.argv[1]))["groups"]}
fb = g["foreign_born"]
ok = fb["baseline"] is None and fb["difference"] is None and fb["ratio"] is None and fb["p_value"] is not None
ok &= abs(g["black"]["baseline"] - 0.1272) < 0.0005 and abs(g["hispanic"]["baseline"] - 0.1827) < 0.0005
sys.exit(0 if ok else 1)
PY
  "$SL" disparity --events requests --areas counties --baseline "$b" --permutations 200 --bootstrap 200 --csv -s "$DB" \
    >"$WORK/$tag.csv" 2>"$WORK/$tag.csv.err"
  check "$tag: CSV leaves the cells empty; the note goes to standard error" bash -c "
    grep -Eq '^foreign_born,[0-9.]+,[0-9.]+,,' '$WORK/$tag.csv' && grep -q '^note: the baseline gives no foreign-born' '$WORK/$tag.csv.err'"
done
"$SL" disparity --events requests --areas counties --baseline both --permutations 200 --bootstrap 200 -s "$DB" >"$WORK/both.txt" 2>&1
check "with DP02 the foreign-born baseline is the US share, 13.7%, and no note" bash -c "
  grep -Eq '^  foreign-born +[0-9.]+% +[0-9.]+% +13.7% ' '$WORK/both.txt' && ! grep -q '^note: the baseline gives no' '$WORK/both.txt'"
finish
