#!/usr/bin/env bash
# followup2_p_bound.sh — the editor reads each p with its error. The demo's
# 160 requests over its 36 tracts: Black's gap is wider than any of the
# 2,000 placebo draws', so its p is the floor 1/2,001 (0.0004998), only a
# bound. Before: the CSV and JSON gave p_mc_se 0.0004998 beside it (a
# "p = 0.0005 +- 0.0005" that no one measured), the table's footnote gave
# every p an error, and the report's data/disparity_*.csv gave the floor as
# a p with nothing that said it is a bound.
. "$(dirname "$0")/lib.bash"
DB=$(store demo)
"$SL" demo -s "$DB" >/dev/null 2>&1
D=(disparity --events requests --areas demo-tracts -s "$DB")
"$SL" "${D[@]}" --json >"$WORK/j" 2>/dev/null
check "JSON: Black's p at the floor is a bound, with no Monte Carlo error" python3 -c "
import json,sys; g={x['group']: x for x in json.load(open('$WORK/j'))['groups']}
b, h = g['black'], g['hispanic']
sys.exit(not (abs(b['p_value'] - 1/2001) < 1e-12 and b['p_is_bound'] is True and b['p_mc_se'] is None
              and h['p_is_bound'] is False and h['p_mc_se'] > 0))"
"$SL" "${D[@]}" --csv >"$WORK/c" 2>/dev/null
check "CSV: p_is_bound beside an empty p_mc_se" python3 -c "
import csv,sys; r={x['group']: x for x in csv.DictReader(open('$WORK/c'))}
sys.exit(not (r['black']['p_mc_se'] == '' and r['black']['p_is_bound'] == 'true' and r['hispanic']['p_is_bound'] == 'false'
              and float(r['hispanic']['p_mc_se']) > 0))"
"$SL" "${D[@]}" >"$WORK/t" 2>/dev/null
check "the table's footnote says the < 0.0005 is a bound" bash -c "tr -s ' \n' ' ' <'$WORK/t' | grep -qF \
  'A p shown as < 0.0005 is a bound: none of the 2,000 placebo draws showed a gap as wide, so p < 1/2,001; a bound has no Monte Carlo error (more draws, --permutations, lower it).'"
"$SL" audit -s "$DB" -o "$WORK/r" --quiet >/dev/null 2>&1
check "the report's data/disparity CSV marks the bound" python3 -c "
import csv,glob,sys; f=glob.glob('$WORK/r/data/disparity_*requests.csv')[0]
r={x['group']: x for x in csv.DictReader(open(f))}
sys.exit(not (r['black']['p_is_bound'] == 'true' and r['hispanic']['p_is_bound'] == 'false'))"
# No p at the floor: no such sentence.
"$SL" "${D[@]}" --groups hispanic >"$WORK/h" 2>/dev/null
check "… and says nothing of a bound when no p is one" bash -c "! grep -q 'is a bound' '$WORK/h'"

[ "$FAILS" = 0 ] || exit 1
