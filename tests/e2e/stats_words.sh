#!/usr/bin/env bash
# Statistics that say what they test (issue 13, point 6): each p-value names
# its null; with a national baseline the comparison is a difference with an
# interval and the p column says it belongs to the study areas; p at the
# floor of its draws prints as "< 1/(N+1)".
. "$(dirname "$0")/lib.bash"
need_shared
D=$(store demo)
"$SL" demo -s "$D" >/dev/null 2>&1
"$SL" import baseline "$SL_SHARED_DATA/census/acs1-2018-us-DP05.csv" --dp02 "$SL_SHARED_DATA/census/acs1-2018-us-DP02.csv" -s "$D" >/dev/null
"$SL" disparity -s "$D" --events requests --areas demo-tracts --baseline national --bootstrap 300 --permutations 300 --json > "$WORK/n.json"
check "the JSON names the null of its p-values" \
  python3 -c "import json,sys; d=json.load(open('$WORK/n.json')); sys.exit(not d['p_null'].startswith('events placed in proportion to population within the study areas'))"
check "the difference to the national baseline has its interval (share interval minus the baseline)" python3 - "$WORK/n.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ok = True
for g in d["groups"]:
    ok &= abs(g["difference"] - (g["share"] - g["baseline"])) < 1e-9
    ok &= abs(g["difference_ci_low"] - (g["ci_low"] - g["baseline"])) < 1e-9
    ok &= g["difference_ci_low"] <= g["difference"] <= g["difference_ci_high"]
    ok &= abs(g["baseline"] - g["population_share"]) > 1e-6  # national, not the study areas
sys.exit(0 if ok else 1)
PY
"$SL" disparity -s "$D" --events requests --areas demo-tracts --baseline national --bootstrap 300 --permutations 300 > "$WORK/n.txt"
check "the table shows the study areas beside the baseline" bash -c "grep -q 'study areas' '$WORK/n.txt' && grep -q 'baseline' '$WORK/n.txt'"
check "the p column says which comparison it belongs to" grep -q 'p (vs study areas)' "$WORK/n.txt"
check "the table names the groups in words, as the report and serve do ('white non-Hispanic', not white_nh)" \
  bash -c "grep -q '^  white non-Hispanic ' '$WORK/n.txt' && grep -q '^  foreign-born ' '$WORK/n.txt' && ! grep -q 'white_nh' '$WORK/n.txt'"
"$SL" disparity -s "$D" --events requests --areas demo-tracts --bootstrap 50 --permutations 50 --csv > "$WORK/n.csv"
check "... while CSV keeps the keys a program reads" grep -q '^white_nh,' "$WORK/n.csv"
check "p at the floor of 300 draws reads '< 0.0034' (1/301 rounded up), never a measured-looking number" \
  bash -c "grep -q '< 0.0034' '$WORK/n.txt' && ! grep -qE '  0\.00[0-9]+$' '$WORK/n.txt'"
check "the footnote states the null in words (a paragraph wrapped at 100 columns)" bash -c "
  tr '\n' ' ' < '$WORK/n.txt' | grep -q 'the null: events placed in proportion to population' &&
  ! awk '/^difference:/ { p = 1 } /^dissimilarity/ { p = 0 } p && length > 100' '$WORK/n.txt' | grep -q ."
finish
